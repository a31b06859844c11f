#include "layout_edits_json.hpp"

#include <stdexcept>

#include "hawker/studio/show/added_sources.hpp"
#include "hawker/studio/show/show_state_json.hpp"

namespace hawker::studio::detail {

using nlohmann::json;

namespace {

const char* kindName(LayerSpec::Kind kind) {
    switch (kind) {
    case LayerSpec::Kind::Source:
        return "source";
    case LayerSpec::Kind::Image:
        return "image";
    case LayerSpec::Kind::Color:
        return "color";
    }
    return "source";
}

json rectJson(const cv::Rect& rect) {
    return json::array({rect.x, rect.y, rect.width, rect.height});
}

cv::Rect rectFrom(const json& node) {
    if (!node.is_array() || node.size() != 4) throw std::runtime_error("a layout rect is not [x, y, w, h]");
    return cv::Rect(node[0].get<int>(), node[1].get<int>(), node[2].get<int>(), node[3].get<int>());
}

} // namespace

json layoutJson(const SceneLayout& layout) {
    json layers = json::array(), slots = json::array();
    for (const LayerSpec& layer : layout.layers) {
        json out{{"kind", kindName(layer.kind)},
                 {"rect", rectJson(layer.rect)},
                 {"fit", overlay::toString(layer.fit)},
                 {"file_index", layer.fileIndex}};
        if (layer.kind == LayerSpec::Kind::Source) out["source"] = layer.source;
        if (layer.kind == LayerSpec::Kind::Image) out["path"] = layer.image.string();
        if (layer.kind == LayerSpec::Kind::Color) out["color"] = formatColor(layer.color);
        layers.push_back(std::move(out));
    }
    for (const SlotSpec& slot : layout.slots)
        slots.push_back({{"name", slot.name},
                         {"rect", rectJson(slot.rect)},
                         {"anchor", slot.anchor},
                         {"size", json::array({slot.size.width, slot.size.height})},
                         {"offset", json::array({slot.offset.x, slot.offset.y})},
                         {"file_index", slot.fileIndex}});
    return {{"layers", layers}, {"slots", slots}};
}

namespace {

/// A layout as stored; each camera and picture it shows must still be there.
SceneLayout layoutFrom(const json& in, const ShowSpec& show, const ShowState& state) {
    SceneLayout layout;
    for (const json& l : in.at("layers")) {
        LayerSpec layer;
        const std::string kind = l.at("kind").get<std::string>();
        layer.rect = rectFrom(l.at("rect"));
        layer.fit = overlay::parseFit(l.at("fit").get<std::string>()).value_or(overlay::Fit::Cover);
        layer.fileIndex = l.value("file_index", -1);
        if (kind == "source") {
            layer.kind = LayerSpec::Kind::Source;
            layer.source = l.at("source").get<std::string>();
            if (!show.findSource(layer.source) && !findAddedSource(state, layer.source))
                throw std::runtime_error("a layout shows camera '" + layer.source + "', not in this show");
        } else if (kind == "image") {
            layer.kind = LayerSpec::Kind::Image;
            layer.image = l.at("path").get<std::string>();
            if (!std::filesystem::is_regular_file(layer.image))
                throw std::runtime_error("a layout shows a picture that is gone: " + layer.image.string());
        } else if (kind == "color") {
            layer.kind = LayerSpec::Kind::Color;
            const auto color = parseColor(l.at("color").get<std::string>());
            if (!color) throw std::runtime_error("a layout has a bad colour");
            layer.color = *color;
        } else {
            throw std::runtime_error("a layout has a layer of kind '" + kind + "'");
        }
        layout.layers.push_back(std::move(layer));
    }
    for (const json& s : in.at("slots")) {
        SlotSpec slot;
        slot.name = s.at("name").get<std::string>();
        slot.rect = rectFrom(s.at("rect"));
        slot.anchor = s.at("anchor").get<std::string>();
        const json& size = s.at("size");
        const json& offset = s.at("offset");
        slot.size = cv::Size(size.at(0).get<int>(), size.at(1).get<int>());
        slot.offset = cv::Point(offset.at(0).get<int>(), offset.at(1).get<int>());
        slot.fileIndex = s.value("file_index", -1);
        layout.slots.push_back(std::move(slot));
    }
    if (layout.layers.empty() || layout.layers.size() > kMaxSceneLayers)
        throw std::runtime_error("a stored layout has no layers or too many");
    return layout;
}

json layoutMap(const std::map<std::string, SceneLayout>& layouts) {
    json out = json::object();
    for (const auto& [scene, layout] : layouts)
        out[scene] = layoutJson(layout);
    return out;
}

json stepJson(const LayoutStep& step) {
    json out{{"scene", step.scene},
             {"what", step.what},
             {"before", layoutJson(step.before)},
             {"after", layoutJson(step.after)}};
    if (step.created)
        out["created"] = {{"name", step.created->name}, {"layout", layoutJson(layoutOf(*step.created))}};
    return out;
}

SceneSpec sceneFrom(const std::string& id, const json& in, const ShowSpec& show, const ShowState& state) {
    SceneSpec scene;
    scene.id = id;
    scene.name = in.at("name").get<std::string>();
    SceneLayout layout = layoutFrom(in.at("layout"), show, state);
    scene.layers = std::move(layout.layers);
    scene.slots = std::move(layout.slots);
    return scene;
}

LayoutStep stepFrom(const json& s, const ShowSpec& show, const ShowState& state) {
    LayoutStep step;
    step.scene = s.at("scene").get<std::string>();
    step.what = s.at("what").get<std::string>();
    // A step that made a scene has nothing before it.
    if (!s.at("before").at("layers").empty()) step.before = layoutFrom(s.at("before"), show, state);
    step.after = layoutFrom(s.at("after"), show, state);
    if (s.contains("created")) step.created = sceneFrom(step.scene, s.at("created"), show, state);
    return step;
}

} // namespace

json layoutEditsJson(const LayoutEdits& edits) {
    json created = json::array(), undo = json::array(), redo = json::array();
    for (const SceneSpec& scene : edits.created)
        created.push_back({{"id", scene.id}, {"name", scene.name}, {"layout", layoutJson(layoutOf(scene))}});
    for (const LayoutStep& step : edits.undo)
        undo.push_back(stepJson(step));
    for (const LayoutStep& step : edits.redo)
        redo.push_back(stepJson(step));
    return {{"draft", layoutMap(edits.draft)},
            {"on_air", layoutMap(edits.onAir)},
            {"created", created},
            {"undo", undo},
            {"redo", redo},
            {"revision", edits.revision}};
}

void restoreLayoutEdits(const json& in, const ShowSpec& show, ShowState& state) {
    LayoutEdits& edits = state.layouts;
    for (const json& c : in.at("created")) {
        const std::string id = c.at("id").get<std::string>();
        // Saved into the show file since, and read from it now: the file's scene is the one.
        if (show.findScene(id)) continue;
        if (id.empty() || hasScene(show, state, id))
            throw std::runtime_error("scene '" + id + "' made from a template clashes with this show");
        edits.created.push_back(sceneFrom(id, c, show, state));
    }
    for (const auto& [key, map] : {std::pair{"draft", &edits.draft}, std::pair{"on_air", &edits.onAir}})
        for (const auto& [scene, layout] : in.at(key).items()) {
            if (!hasScene(show, state, scene))
                throw std::runtime_error("an edited layout names scene '" + scene + "', not in this show");
            (*map)[scene] = layoutFrom(layout, show, state);
        }
    for (const auto& [key, steps] : {std::pair{"undo", &edits.undo}, std::pair{"redo", &edits.redo}})
        for (const json& s : in.at(key)) {
            // A step whose camera or picture has gone since cannot be undone any
            // more: it is dropped, and the rest of the show resumes.
            try {
                steps->push_back(stepFrom(s, show, state));
            } catch (const std::runtime_error&) {
            }
        }
    edits.revision = in.at("revision").get<uint64_t>();
}

} // namespace hawker::studio::detail

namespace hawker::studio {

nlohmann::json sceneLayoutJson(const SceneLayout& layout) {
    return detail::layoutJson(layout);
}

} // namespace hawker::studio
