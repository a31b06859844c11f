// The show file's inputs and scenes: [[sources]], [[audio]] and [[scenes]]
// with their layers and graphics slots.

#include <set>

#include "show_file_sections.hpp"

namespace hawker::studio::detail {

namespace {

SourceSpec readSource(Fields& f, bool audioOnly) {
    SourceSpec s;
    s.id = f.reqString("id");
    s.url = f.reqString("url");
    s.format = f.optString("format").value_or("");
    if (const toml::table* options = f.optTable("options")) {
        for (const auto& [key, value] : *options) {
            if (value.is_string())
                s.options[std::string(key.str())] = value.as_string()->get();
            else if (value.is_integer())
                s.options[std::string(key.str())] = std::to_string(value.as_integer()->get());
            else
                f.fail("options." + std::string(key.str()), "expected a string or a whole number");
        }
    }
    s.loop = f.optBool("loop").value_or(true);
    if (f.has("realtime")) {
        const toml::node* n = f.node("realtime");
        if (n->is_boolean())
            s.realtime = n->as_boolean()->get();
        else if (!(n->is_string() && n->as_string()->get() == "auto"))
            f.fail("realtime", "expected true, false or \"auto\"");
    }
    s.audio = audioOnly || f.optBool("audio").value_or(false);
    s.mix.gainDb = static_cast<float>(f.optNumber("gain_db", 0.0, -60.0, 24.0));
    s.mix.muted = f.optBool("muted").value_or(false);
    // Lines a separate microphone up with a camera whose picture comes later.
    s.mix.delayMs = f.optInt("delay_ms", 0, 0, capture::kMaxDelayMs);
    // A threshold switches the strip's noise gate on.
    if (f.has("gate_db")) {
        s.mix.gate = true;
        s.mix.gateThresholdDb = static_cast<float>(f.optNumber("gate_db", -50.0, -90.0, 0.0));
    }
    s.required = f.optBool("required").value_or(true);
    return s;
}

LayerSpec readLayer(Fields& lf, const ShowSpec& show) {
    LayerSpec layer;
    const std::string kind = lf.optString("kind").value_or("source");
    layer.rect = lf.reqRect("rect");
    if (auto fit = lf.optString("fit")) {
        auto parsed = overlay::parseFit(*fit);
        if (!parsed) lf.fail("fit", "expected cover, contain or stretch, got '" + *fit + "'");
        layer.fit = *parsed;
    }
    if (kind == "source") {
        layer.kind = LayerSpec::Kind::Source;
        layer.source = lf.reqString("source");
        if (!show.findSource(layer.source)) lf.fail("source", "no source with id '" + layer.source + "'");
    } else if (kind == "image") {
        layer.kind = LayerSpec::Kind::Image;
        layer.image = resolve(show.baseDir, lf.reqString("path"));
        if (!std::filesystem::is_regular_file(layer.image))
            lf.fail("path", "no such file: " + layer.image.string());
    } else if (kind == "color") {
        layer.kind = LayerSpec::Kind::Color;
        const std::string color = lf.reqString("color");
        auto parsed = parseColor(color);
        if (!parsed) lf.fail("color", "expected #RRGGBB or #RRGGBBAA, got '" + color + "'");
        layer.color = *parsed;
    } else {
        lf.fail("kind", "expected source, image or color, got '" + kind + "'");
    }
    return layer;
}

SlotSpec readSlot(Fields& sf) {
    SlotSpec slot;
    slot.name = sf.reqString("name");
    if (auto anchor = sf.optString("anchor")) {
        static const std::set<std::string> anchors = {"top-left",    "top",    "top-right",
                                                      "left",        "center", "right",
                                                      "bottom-left", "bottom", "bottom-right"};
        if (!anchors.count(*anchor))
            sf.fail("anchor",
                    "expected top-left, top, top-right, left, center, right, bottom-left, bottom or "
                    "bottom-right, got '" +
                        *anchor + "'");
        if (sf.has("rect")) sf.fail("rect", "give either rect or anchor + size, not both");
        slot.anchor = *anchor;
        const auto size = sf.optPair("size", "[width, height]");
        if (!size) sf.fail("size", "missing ([width, height], needed with an anchor)");
        slot.size = cv::Size(size->first, size->second);
        if (slot.size.width < 8 || slot.size.height < 8 || slot.size.width > 7680 || slot.size.height > 7680)
            sf.fail("size", "width and height must be 8..7680");
        if (const auto offset = sf.optPair("offset", "[x, y]"))
            slot.offset = cv::Point(offset->first, offset->second);
    } else {
        slot.rect = sf.reqRect("rect");
    }
    return slot;
}

} // namespace

void readSources(Fields& top, ShowSpec& show, const std::string& file) {
    std::set<std::string> inputIds;
    forEachTable(top, "sources", file, [&](Fields& f, size_t) {
        SourceSpec source = readSource(f, false);
        if (!inputIds.insert(source.id).second) f.fail("id", "'" + source.id + "' is used twice");
        show.sources.push_back(std::move(source));
    });
    forEachTable(top, "audio", file, [&](Fields& f, size_t) {
        SourceSpec source = readSource(f, true);
        if (!inputIds.insert(source.id).second) f.fail("id", "'" + source.id + "' is used twice");
        show.audioInputs.push_back(std::move(source));
    });
}

void readScenes(Fields& top, ShowSpec& show, const std::string& file) {
    std::set<std::string> sceneIds;
    forEachTable(top, "scenes", file, [&](Fields& f, size_t) {
        SceneSpec scene;
        scene.id = f.reqString("id");
        if (!sceneIds.insert(scene.id).second) f.fail("id", "'" + scene.id + "' is used twice");
        scene.name = f.optString("name").value_or(scene.id);
        scene.hotkey = f.optString("hotkey").value_or("");
        scene.transition = readTransition(f, "transition", show);
        forEachTable(f, "layers", file, [&](Fields& lf, size_t index) {
            scene.layers.push_back(readLayer(lf, show));
            scene.layers.back().fileIndex = static_cast<int>(index);
        });
        std::set<std::string> slotNames;
        forEachTable(f, "slots", file, [&](Fields& sf, size_t index) {
            SlotSpec slot = readSlot(sf);
            slot.fileIndex = static_cast<int>(index);
            if (!slotNames.insert(slot.name).second) sf.fail("name", "'" + slot.name + "' is used twice");
            scene.slots.push_back(std::move(slot));
        });
        show.scenes.push_back(std::move(scene));
    });
    if (show.scenes.empty()) throw ShowFileError(file + ": scenes: at least one scene is needed");
}

} // namespace hawker::studio::detail
