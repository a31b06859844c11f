// The show controller's layout commands: an operator moves, resizes, adds
// and removes a scene's layers and graphic slots on screen, makes new scenes
// from templates, undoes and redoes, and saves the show file. Edits change
// the scene's draft, which only the preview shows; TAKE puts it on air
// (applySwitcher), so nothing an edit does reaches the program before then.

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "command_args.hpp"
#include "hawker/studio/base/ascii_case.hpp"
#include "hawker/studio/show/added_sources.hpp"
#include "hawker/studio/show/profile_check.hpp"
#include "hawker/studio/show/show_controller.hpp"

namespace hawker::studio {

using i18n::phraseArg;
using i18n::trKey;

using detail::arg;
using detail::wholeArg;

namespace {

/// The image formats an image layer may be, and how large a file may be
/// before it is decoded (checked here, before the engine reads it).
constexpr std::uintmax_t kMaxImageBytes = 32u << 20;
bool isImageName(const std::filesystem::path& path) {
    const std::string ext = asciiLower(path.extension().string());
    return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".webp" || ext == ".bmp";
}

/// Drops a draft that says nothing new (undone back to what is on air).
void tidyDraft(ShowState& state, const ShowSpec& show, const std::string& scene) {
    auto draft = state.layouts.draft.find(scene);
    if (draft == state.layouts.draft.end()) return;
    if (auto onAir = sceneOnAir(show, state, scene); onAir && layoutOf(*onAir) == draft->second)
        state.layouts.draft.erase(draft);
}

/// The layout is no longer the file's: saving it rewrites its entries whole.
void forgetFilePlaces(SceneLayout& layout) {
    for (LayerSpec& layer : layout.layers)
        layer.fileIndex = -1;
    for (SlotSpec& slot : layout.slots)
        slot.fileIndex = -1;
}

} // namespace

void ShowController::setSaveHook(ShowSaveHook hook) {
    std::lock_guard lock(m_mutex);
    m_saveHook = std::move(hook);
}

CommandResult ShowController::applyLayout(const Command& command, const Actor&, ShowState& state, int64_t) {
    LayoutEdits& edits = state.layouts;
    if (command.name == "layout.undo" || command.name == "layout.redo") return undoOrRedo(command, state);
    if (command.name == "scene.create") return createScene(command, state);
    if (command.name == "show.save") return saveShow(state);

    const std::string& scene = command.scene; // the table moved it out of the arguments
    const auto current = sceneInPreview(m_show, state, scene);
    if (!current)
        return CommandResult::invalid(
            {trKey("answers.no_scene"), {{"command", command.name}, {"scene", quoteValue(scene)}}});
    SceneLayout layout = layoutOf(*current);
    const cv::Rect canvas(0, 0, m_show.width, m_show.height);
    auto readRect = [&]() -> std::optional<cv::Rect> {
        const cv::Rect rect(
            static_cast<int>(wholeArg(command, "x", 0)), static_cast<int>(wholeArg(command, "y", 0)),
            static_cast<int>(wholeArg(command, "w", 0)), static_cast<int>(wholeArg(command, "h", 0)));
        // Partly off the canvas is a crop an operator may want; wholly off it is a mistake.
        if ((rect & canvas).area() < 64) return std::nullopt;
        return rect;
    };
    const auto offCanvas = [&] {
        return CommandResult::invalid(
            {trKey("answers.rect_off_canvas"),
             {{"command", command.name},
              {"size", std::to_string(m_show.width) + "x" + std::to_string(m_show.height)}}});
    };
    i18n::Phrase what;
    if (command.name == "layout.move") {
        const auto rect = readRect();
        if (!rect) return offCanvas();
        const std::string slot = arg(command, "slot");
        const auto layer = wholeArg(command, "layer", -1);
        if (slot.empty() == (layer < 0)) return CommandResult::invalid({trKey("answers.move_needs"), {}});
        if (!slot.empty()) {
            auto found = std::find_if(layout.slots.begin(), layout.slots.end(),
                                      [&](const SlotSpec& s) { return s.name == slot; });
            if (found == layout.slots.end())
                return CommandResult::invalid(
                    {trKey("answers.no_slot"), {{"scene", scene}, {"slot", quoteValue(slot)}}});
            // Placed by hand now: the rectangle replaces the anchor.
            found->rect = *rect;
            found->anchor.clear();
            found->size = {};
            found->offset = {};
            what = {trKey("answers.slot_moved"),
                    {{"scene", scene}, {"slot", slot}, {"rect", rectText(*rect)}}};
        } else {
            if (static_cast<size_t>(layer) >= layout.layers.size())
                return CommandResult::invalid({trKey("answers.no_layer_of"),
                                               {{"scene", scene},
                                                {"count", std::to_string(layout.layers.size())},
                                                {"layer", std::to_string(layer)}}});
            layout.layers[static_cast<size_t>(layer)].rect = *rect;
            what = {trKey("answers.layer_moved"),
                    {{"scene", scene}, {"layer", std::to_string(layer)}, {"rect", rectText(*rect)}}};
        }
    } else if (command.name == "layout.remove") {
        const auto layer = wholeArg(command, "layer", -1);
        if (layer < 0 || static_cast<size_t>(layer) >= layout.layers.size())
            return CommandResult::invalid(
                {trKey("answers.no_layer"), {{"scene", scene}, {"layer", std::to_string(layer)}}});
        if (layout.layers.size() == 1) return CommandResult::conflict({trKey("answers.last_layer"), {}});
        layout.layers.erase(layout.layers.begin() + layer);
        what = {trKey("answers.layer_removed"), {{"scene", scene}, {"layer", std::to_string(layer)}}};
    } else { // layout.add
        if (layout.layers.size() >= kMaxSceneLayers)
            return CommandResult::conflict(
                {trKey("answers.too_many_layers"), {{"count", std::to_string(kMaxSceneLayers)}}});
        const auto rect = readRect();
        if (!rect) return offCanvas();
        LayerSpec added;
        added.rect = *rect;
        if (auto fit = overlay::parseFit(arg(command, "fit", "cover"))) added.fit = *fit;
        const std::string kind = arg(command, "kind");
        if (kind == "source") {
            added.kind = LayerSpec::Kind::Source;
            added.source = arg(command, "source");
            const bool video = m_show.findSource(added.source) || findAddedSource(state, added.source);
            if (!video)
                return CommandResult::invalid(
                    {trKey("answers.no_camera"), {{"source", quoteValue(added.source)}}});
        } else if (kind == "image") {
            added.kind = LayerSpec::Kind::Image;
            // Only a picture in the show's folder: a layer is no way to read other files.
            std::error_code error;
            const auto base = std::filesystem::weakly_canonical(m_show.baseDir, error);
            const auto path = std::filesystem::weakly_canonical(m_show.baseDir / arg(command, "path"), error);
            const auto inside =
                std::mismatch(base.begin(), base.end(), path.begin(), path.end()).first == base.end();
            if (error || !inside || !isImageName(path))
                return CommandResult::invalid({trKey("answers.image_path"), {}});
            if (!std::filesystem::is_regular_file(path, error))
                return CommandResult::invalid(
                    {trKey("answers.no_picture"), {{"path", quoteValue(arg(command, "path"))}}});
            if (std::filesystem::file_size(path, error) > kMaxImageBytes)
                return CommandResult::invalid({trKey("answers.picture_too_big"), {}});
            added.image = path;
        } else {
            added.kind = LayerSpec::Kind::Color;
            const auto color = parseColor(arg(command, "color"));
            if (!color) return CommandResult::invalid({trKey("answers.color_form"), {}});
            added.color = *color;
        }
        layout.layers.push_back(added);
        const char* kindKey = kind == "source"  ? trKey("answers.layer_kind_source")
                              : kind == "image" ? trKey("answers.layer_kind_image")
                                                : trKey("answers.layer_kind_color");
        what = {trKey("answers.layer_added"),
                {{"scene", scene}, {"kind", kindKey, true}, {"rect", rectText(*rect)}}};
    }
    const SceneLayout before = layoutOf(*current);
    edits.draft[scene] = layout;
    tidyDraft(state, m_show, scene);
    edits.undo.push_back(
        LayoutStep{scene, i18n::say(i18n::Language::En, what), before, layout, std::nullopt, what});
    if (edits.undo.size() > LayoutEdits::kMaxSteps) edits.undo.erase(edits.undo.begin());
    edits.redo.clear();
    ++edits.revision;
    return CommandResult::done({trKey("answers.on_preview"), {phraseArg("edit", what)}});
}

CommandResult ShowController::undoOrRedo(const Command& command, ShowState& state) {
    LayoutEdits& edits = state.layouts;
    const bool undo = command.name == "layout.undo";
    std::vector<LayoutStep>& from = undo ? edits.undo : edits.redo;
    std::vector<LayoutStep>& to = undo ? edits.redo : edits.undo;
    if (from.empty())
        return CommandResult::conflict(
            {undo ? trKey("answers.nothing_to_undo") : trKey("answers.nothing_to_redo"),
             {{"command", command.name}}});
    LayoutStep step = from.back();
    if (step.created) {
        const std::string& id = step.scene;
        if (undo) {
            // Taking away a scene the audience sees would change the program.
            if (state.program == id || (state.active && state.active->fromScene == id))
                return CommandResult::conflict(
                    {trKey("answers.scene_on_air"), {{"command", command.name}, {"scene", id}}});
            std::erase_if(edits.created, [&](const SceneSpec& s) { return s.id == id; });
            edits.draft.erase(id);
            edits.onAir.erase(id);
            if (state.preview == id) state.preview = state.program;
        } else {
            if (hasScene(m_show, state, id))
                return CommandResult::conflict(
                    {trKey("answers.scene_exists_again"), {{"command", command.name}, {"scene", id}}});
            edits.created.push_back(*step.created);
        }
    } else {
        if (!hasScene(m_show, state, step.scene)) {
            // Its camera was removed since: the step has nothing left to change.
            from.pop_back();
            ++edits.revision;
            return CommandResult::conflict(
                {trKey("answers.scene_gone"), {{"command", command.name}, {"scene", step.scene}}});
        }
        edits.draft[step.scene] = undo ? step.before : step.after;
        tidyDraft(state, m_show, step.scene);
    }
    from.pop_back();
    to.push_back(step);
    ++edits.revision;
    return CommandResult::done(
        {undo ? trKey("answers.undone") : trKey("answers.redone"), {phraseArg("edit", step.phrase())}});
}

CommandResult ShowController::createScene(const Command& command, ShowState& state) {
    const std::string& id = command.scene;
    if (hasScene(m_show, state, id) || hasInput(m_show, state, id))
        return CommandResult::conflict({trKey("answers.scene_id_taken"), {{"scene", id}}});
    if (liveScenes(m_show, state).size() >= kMaxScenes)
        return CommandResult::conflict(
            {trKey("answers.too_many_scenes"), {{"count", std::to_string(kMaxScenes)}}});
    const auto kind = parseSceneTemplate(arg(command, "template"));
    if (!kind) return CommandResult::invalid({trKey("answers.unknown_template"), {}});
    auto camera = [&](const char* key, size_t fallback) -> std::optional<std::string> {
        std::string source = arg(command, key);
        if (source.empty() && !m_show.sources.empty())
            source = m_show.sources[std::min(fallback, m_show.sources.size() - 1)].id;
        if (!m_show.findSource(source) && !findAddedSource(state, source)) return std::nullopt;
        return source;
    };
    const auto host = camera("host", 0), product = camera("product", 1);
    if (!host || !product) return CommandResult::invalid({trKey("answers.template_cameras"), {}});
    SceneSpec scene;
    scene.id = id;
    scene.name = arg(command, "name", id);
    const cv::Size canvas(m_show.width, m_show.height);
    const cv::Rect safe = layoutSafeArea(m_show); // where the editor snaps too
    scene.layers = templateLayers(*kind, canvas, safe, *host, *product);
    // Graphic slots like a scene of the show's, so a card can go on the new scene too.
    const std::string slotsFrom = arg(command, "slots_from");
    const auto like = slotsFrom.empty() ? std::optional<SceneSpec>(m_show.scenes.front())
                                        : sceneOnAir(m_show, state, slotsFrom);
    if (!like)
        return CommandResult::invalid(
            {trKey("answers.no_scene"), {{"command", "scene.create"}, {"scene", quoteValue(slotsFrom)}}});
    scene.slots = like->slots;
    for (SlotSpec& slot : scene.slots)
        slot.fileIndex = -1;
    state.layouts.created.push_back(scene);
    const i18n::Phrase what{trKey("answers.scene_made"),
                            {{"scene", id}, {"template", labelKey(*kind), true}}};
    state.layouts.undo.push_back(
        LayoutStep{id, i18n::say(i18n::Language::En, what), {}, layoutOf(scene), scene, what});
    state.layouts.redo.clear();
    ++state.layouts.revision;
    return CommandResult::done(what);
}

CommandResult ShowController::saveShow(ShowState& state) {
    if (!m_saveHook) return CommandResult::conflict({trKey("answers.save_no_file"), {}});
    const std::vector<SceneSpec> scenes = scenesToSave(m_show, state);
    if (scenes.empty()) return CommandResult::conflict({trKey("answers.save_nothing"), {}});
    if (auto why = m_saveHook(scenes)) return CommandResult::conflict(std::move(*why));
    // The file now holds these layouts: their entries are numbered as written,
    // and any other layout of the same scene (on air, or kept for undo) no
    // longer matches the file's entries one for one.
    LayoutEdits& edits = state.layouts;
    for (const SceneSpec& saved : scenes) {
        auto renumber = [](SceneLayout& layout) {
            for (size_t i = 0; i < layout.layers.size(); ++i)
                layout.layers[i].fileIndex = static_cast<int>(i);
            for (size_t i = 0; i < layout.slots.size(); ++i)
                layout.slots[i].fileIndex = static_cast<int>(i);
        };
        const bool drafted = edits.draft.count(saved.id) > 0;
        if (drafted) renumber(edits.draft[saved.id]);
        if (auto onAir = edits.onAir.find(saved.id); onAir != edits.onAir.end()) {
            if (drafted)
                forgetFilePlaces(onAir->second);
            else
                renumber(onAir->second);
        }
        for (SceneSpec& created : edits.created) {
            if (created.id != saved.id) continue;
            SceneLayout layout = layoutOf(created);
            if (drafted || edits.onAir.count(saved.id))
                forgetFilePlaces(layout);
            else
                renumber(layout);
            created.layers = layout.layers;
            created.slots = layout.slots;
        }
        for (auto* steps : {&edits.undo, &edits.redo})
            for (LayoutStep& step : *steps)
                if (step.scene == saved.id) {
                    forgetFilePlaces(step.before);
                    forgetFilePlaces(step.after);
                }
    }
    ++edits.revision;
    std::string names;
    for (const SceneSpec& saved : scenes)
        names += (names.empty() ? "" : ", ") + saved.id;
    return CommandResult::done({trKey("answers.saved"), {{"scenes", names}}});
}

} // namespace hawker::studio
