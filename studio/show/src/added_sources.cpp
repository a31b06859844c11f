#include "hawker/studio/show/added_sources.hpp"

#include <algorithm>
#include <tuple>

#include "hawker/studio/show/source_policy.hpp"

namespace hawker::studio {

SceneSpec sceneOfAddedSource(const ShowSpec& show, const AddedSource& source) {
    SceneSpec scene;
    scene.id = source.id;
    scene.name = source.name;
    LayerSpec picture;
    picture.kind = LayerSpec::Kind::Source;
    picture.source = source.id;
    picture.rect = cv::Rect(0, 0, show.width, show.height);
    picture.fit = overlay::Fit::Cover;
    scene.layers.push_back(picture);
    if (const SceneSpec* like = show.findScene(source.slotsFrom)) scene.slots = like->slots;
    return scene;
}

std::vector<SceneSpec> liveScenes(const ShowSpec& show, const ShowState& state) {
    std::vector<SceneSpec> scenes = show.scenes;
    for (const AddedSource& source : state.addedSources)
        scenes.push_back(sceneOfAddedSource(show, source));
    return scenes;
}

bool hasScene(const ShowSpec& show, const ShowState& state, const std::string& id) {
    return show.findScene(id) || findAddedSource(state, id);
}

const AddedSource* findAddedSource(const ShowState& state, const std::string& id) {
    auto found = std::find_if(state.addedSources.begin(), state.addedSources.end(),
                              [&](const AddedSource& source) { return source.id == id; });
    return found == state.addedSources.end() ? nullptr : &*found;
}

SourceSpec sourceSpecOf(const AddedSource& source) {
    SourceSpec spec;
    spec.id = source.id;
    spec.url = source.url;
    spec.format = source.format;
    spec.options = operatorInputLimits(source.url, source.format);
    spec.required = false;
    spec.audio = source.audio;
    return spec;
}

bool hasInput(const ShowSpec& show, const ShowState& state, const std::string& id) {
    auto named = [&](const SourceSpec& source) { return source.id == id; };
    return std::any_of(show.sources.begin(), show.sources.end(), named) ||
           std::any_of(show.audioInputs.begin(), show.audioInputs.end(), named) || findAddedSource(state, id);
}

SourceSpec withEditedTarget(SourceSpec spec, const ShowState& state) {
    if (auto target = state.sourceTargets.find(spec.id); target != state.sourceTargets.end()) {
        std::tie(spec.url, spec.format) = target->second;
        // An operator chose this URL: it gets the limits of one (over the show file's options).
        for (auto& [name, value] : operatorInputLimits(spec.url, spec.format))
            spec.options[name] = value;
    }
    return spec;
}

std::optional<SourceSpec> currentInput(const ShowSpec& show, const ShowState& state, const std::string& id) {
    for (const auto* list : {&show.sources, &show.audioInputs})
        for (const SourceSpec& spec : *list)
            if (spec.id == id) return withEditedTarget(spec, state);
    if (const AddedSource* added = findAddedSource(state, id))
        return withEditedTarget(sourceSpecOf(*added), state);
    return std::nullopt;
}

} // namespace hawker::studio
