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
    if (!current) return CommandResult::invalid(command.name + ": no scene " + quoteValue(scene));
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
        return CommandResult::invalid(command.name + ": the rectangle must cover part of the " +
                                      std::to_string(m_show.width) + "x" + std::to_string(m_show.height) +
                                      " canvas");
    };
    std::string what;
    if (command.name == "layout.move") {
        const auto rect = readRect();
        if (!rect) return offCanvas();
        const std::string slot = arg(command, "slot");
        const auto layer = wholeArg(command, "layer", -1);
        if (slot.empty() == (layer < 0))
            return CommandResult::invalid("layout.move: name either a layer (its index) or a slot");
        if (!slot.empty()) {
            auto found = std::find_if(layout.slots.begin(), layout.slots.end(),
                                      [&](const SlotSpec& s) { return s.name == slot; });
            if (found == layout.slots.end())
                return CommandResult::invalid("layout.move: scene " + scene + " has no slot " +
                                              quoteValue(slot));
            // Placed by hand now: the rectangle replaces the anchor.
            found->rect = *rect;
            found->anchor.clear();
            found->size = {};
            found->offset = {};
            what = scene + ": slot " + slot + " at " + rectText(*rect);
        } else {
            if (static_cast<size_t>(layer) >= layout.layers.size())
                return CommandResult::invalid("layout.move: scene " + scene + " has " +
                                              std::to_string(layout.layers.size()) + " layers, no layer " +
                                              std::to_string(layer));
            layout.layers[static_cast<size_t>(layer)].rect = *rect;
            what = scene + ": layer " + std::to_string(layer) + " at " + rectText(*rect);
        }
    } else if (command.name == "layout.remove") {
        const auto layer = wholeArg(command, "layer", -1);
        if (layer < 0 || static_cast<size_t>(layer) >= layout.layers.size())
            return CommandResult::invalid("layout.remove: scene " + scene + " has no layer " +
                                          std::to_string(layer));
        if (layout.layers.size() == 1)
            return CommandResult::conflict("layout.remove: a scene keeps at least one layer");
        layout.layers.erase(layout.layers.begin() + layer);
        what = scene + ": layer " + std::to_string(layer) + " removed";
    } else { // layout.add
        if (layout.layers.size() >= kMaxSceneLayers)
            return CommandResult::conflict("layout.add: a scene holds at most " +
                                           std::to_string(kMaxSceneLayers) + " layers");
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
            if (!video) return CommandResult::invalid("layout.add: no camera " + quoteValue(added.source));
        } else if (kind == "image") {
            added.kind = LayerSpec::Kind::Image;
            // Only a picture in the show's folder: a layer is no way to read other files.
            std::error_code error;
            const auto base = std::filesystem::weakly_canonical(m_show.baseDir, error);
            const auto path = std::filesystem::weakly_canonical(m_show.baseDir / arg(command, "path"), error);
            const auto inside =
                std::mismatch(base.begin(), base.end(), path.begin(), path.end()).first == base.end();
            if (error || !inside || !isImageName(path))
                return CommandResult::invalid(
                    "layout.add: path must name a .png, .jpg, .webp or .bmp file in "
                    "the show's folder");
            if (!std::filesystem::is_regular_file(path, error))
                return CommandResult::invalid("layout.add: no such picture " +
                                              quoteValue(arg(command, "path")));
            if (std::filesystem::file_size(path, error) > kMaxImageBytes)
                return CommandResult::invalid("layout.add: the picture is over 32 MB");
            added.image = path;
        } else {
            added.kind = LayerSpec::Kind::Color;
            const auto color = parseColor(arg(command, "color"));
            if (!color) return CommandResult::invalid("layout.add: color must be #RRGGBB or #RRGGBBAA");
            added.color = *color;
        }
        layout.layers.push_back(added);
        what = scene + ": " + kind + " layer added at " + rectText(*rect);
    }
    const SceneLayout before = layoutOf(*current);
    edits.draft[scene] = layout;
    tidyDraft(state, m_show, scene);
    edits.undo.push_back(LayoutStep{scene, what, before, layout, std::nullopt});
    if (edits.undo.size() > LayoutEdits::kMaxSteps) edits.undo.erase(edits.undo.begin());
    edits.redo.clear();
    ++edits.revision;
    return CommandResult::done(what + " (on preview until TAKE)");
}

CommandResult ShowController::undoOrRedo(const Command& command, ShowState& state) {
    LayoutEdits& edits = state.layouts;
    const bool undo = command.name == "layout.undo";
    std::vector<LayoutStep>& from = undo ? edits.undo : edits.redo;
    std::vector<LayoutStep>& to = undo ? edits.redo : edits.undo;
    if (from.empty())
        return CommandResult::conflict(command.name + ": nothing to " + (undo ? "undo" : "redo"));
    LayoutStep step = from.back();
    if (step.created) {
        const std::string& id = step.scene;
        if (undo) {
            // Taking away a scene the audience sees would change the program.
            if (state.program == id || (state.active && state.active->fromScene == id))
                return CommandResult::conflict(command.name + ": scene " + id +
                                               " is on air; take another first");
            std::erase_if(edits.created, [&](const SceneSpec& s) { return s.id == id; });
            edits.draft.erase(id);
            edits.onAir.erase(id);
            if (state.preview == id) state.preview = state.program;
        } else {
            if (hasScene(m_show, state, id))
                return CommandResult::conflict(command.name + ": a scene " + id + " exists again");
            edits.created.push_back(*step.created);
        }
    } else {
        if (!hasScene(m_show, state, step.scene)) {
            // Its camera was removed since: the step has nothing left to change.
            from.pop_back();
            ++edits.revision;
            return CommandResult::conflict(command.name + ": scene " + step.scene + " is gone");
        }
        edits.draft[step.scene] = undo ? step.before : step.after;
        tidyDraft(state, m_show, step.scene);
    }
    from.pop_back();
    to.push_back(step);
    ++edits.revision;
    return CommandResult::done(std::string(undo ? "undone: " : "redone: ") + step.what);
}

CommandResult ShowController::createScene(const Command& command, ShowState& state) {
    const std::string& id = command.scene;
    if (hasScene(m_show, state, id) || hasInput(m_show, state, id))
        return CommandResult::conflict("scene.create: '" + id + "' is already a scene or source of the show");
    if (liveScenes(m_show, state).size() >= kMaxScenes)
        return CommandResult::conflict("scene.create: a show holds at most " + std::to_string(kMaxScenes) +
                                       " scenes");
    const auto kind = parseSceneTemplate(arg(command, "template"));
    if (!kind) return CommandResult::invalid("scene.create: unknown template");
    auto camera = [&](const char* key, size_t fallback) -> std::optional<std::string> {
        std::string source = arg(command, key);
        if (source.empty() && !m_show.sources.empty())
            source = m_show.sources[std::min(fallback, m_show.sources.size() - 1)].id;
        if (!m_show.findSource(source) && !findAddedSource(state, source)) return std::nullopt;
        return source;
    };
    const auto host = camera("host", 0), product = camera("product", 1);
    if (!host || !product) return CommandResult::invalid("scene.create: host and product must name cameras");
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
    if (!like) return CommandResult::invalid("scene.create: no scene " + quoteValue(slotsFrom));
    scene.slots = like->slots;
    for (SlotSpec& slot : scene.slots)
        slot.fileIndex = -1;
    state.layouts.created.push_back(scene);
    const std::string what = "scene " + id + " made from " + toString(*kind);
    state.layouts.undo.push_back(LayoutStep{id, what, {}, layoutOf(scene), scene});
    state.layouts.redo.clear();
    ++state.layouts.revision;
    return CommandResult::done(what);
}

CommandResult ShowController::saveShow(ShowState& state) {
    if (!m_saveHook) return CommandResult::conflict("show.save: this show was not read from a file");
    const std::vector<SceneSpec> scenes = scenesToSave(m_show, state);
    if (scenes.empty()) return CommandResult::conflict("show.save: no scene was changed");
    if (auto error = m_saveHook(scenes)) return CommandResult::conflict("show.save: " + *error);
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
    return CommandResult::done("show saved: " + names);
}

} // namespace hawker::studio
