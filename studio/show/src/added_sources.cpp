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

namespace {

/// The scene as it was before any edit: the show file's, a template's, an added camera's.
std::optional<SceneSpec> baseScene(const ShowSpec& show, const ShowState& state, const std::string& id) {
    if (const SceneSpec* scene = show.findScene(id)) return *scene;
    for (const SceneSpec& scene : state.layouts.created)
        if (scene.id == id) return scene;
    if (const AddedSource* source = findAddedSource(state, id)) return sceneOfAddedSource(show, *source);
    return std::nullopt;
}

SceneSpec withLayout(SceneSpec scene, const std::map<std::string, SceneLayout>& layouts) {
    if (auto layout = layouts.find(scene.id); layout != layouts.end()) {
        scene.layers = layout->second.layers;
        scene.slots = layout->second.slots;
    }
    return scene;
}

} // namespace

std::vector<SceneSpec> liveScenes(const ShowSpec& show, const ShowState& state) {
    std::vector<SceneSpec> scenes;
    for (const SceneSpec& scene : show.scenes)
        scenes.push_back(withLayout(scene, state.layouts.onAir));
    for (const SceneSpec& scene : state.layouts.created)
        scenes.push_back(withLayout(scene, state.layouts.onAir));
    for (const AddedSource& source : state.addedSources)
        scenes.push_back(withLayout(sceneOfAddedSource(show, source), state.layouts.onAir));
    return scenes;
}

bool hasScene(const ShowSpec& show, const ShowState& state, const std::string& id) {
    return baseScene(show, state, id).has_value();
}

std::optional<SceneSpec> sceneOnAir(const ShowSpec& show, const ShowState& state, const std::string& id) {
    auto scene = baseScene(show, state, id);
    if (scene) *scene = withLayout(std::move(*scene), state.layouts.onAir);
    return scene;
}

std::optional<SceneSpec> sceneInPreview(const ShowSpec& show, const ShowState& state, const std::string& id) {
    auto scene = sceneOnAir(show, state, id);
    if (scene) *scene = withLayout(std::move(*scene), state.layouts.draft);
    return scene;
}

std::vector<SceneSpec> scenesToSave(const ShowSpec& show, const ShowState& state) {
    std::vector<SceneSpec> scenes;
    for (const SceneSpec& scene : show.scenes) {
        SceneSpec edited = *sceneInPreview(show, state, scene.id);
        if (!(edited == scene)) scenes.push_back(std::move(edited));
    }
    for (const SceneSpec& scene : state.layouts.created)
        scenes.push_back(*sceneInPreview(show, state, scene.id));
    return scenes;
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
