#pragma once
// Scene layouts edited on screen while the show runs. An edit changes a
// scene's draft, which only the preview shows; TAKE puts the draft on air.
// Every edit is a step that can be undone and redone, and the whole of it is
// show state, so it is audited and comes back on --resume.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

#include "hawker/studio/show/show_file.hpp"

#include "hawker/studio/base/phrase.hpp"

namespace hawker::studio {

/// How many layers one scene may hold, and how many scenes a show (its own,
/// those made from templates and added cameras'), so an edit cannot outgrow
/// the compositor's budget.
constexpr size_t kMaxSceneLayers = 16;
constexpr size_t kMaxScenes = 48;

/// What an operator edits of a scene: where its layers and graphic slots are.
struct SceneLayout {
    std::vector<LayerSpec> layers;
    std::vector<SlotSpec> slots;
    bool operator==(const SceneLayout&) const = default;
};
SceneLayout layoutOf(const SceneSpec& scene);

/// One edit, for undo and redo: the scene's layout as the preview showed it
/// before and after. A step that made a new scene holds it: undoing it takes
/// the scene away again.
struct LayoutStep {
    std::string scene;
    std::string what; ///< the command's answer in English, kept with the show's state
    SceneLayout before, after;
    std::optional<SceneSpec> created;
    /// The same answer to say in the reader's language (the console's undo tooltip). Not kept: a step
    /// restored after a restart has only `what`.
    i18n::Phrase said;
    /// What the step is; how it is said does not count.
    bool operator==(const LayoutStep& other) const {
        return scene == other.scene && what == other.what && before == other.before && after == other.after &&
               created == other.created;
    }
    /// `said`, or `what` as it is when the step was restored.
    i18n::Phrase phrase() const {
        return said.key.empty() ? i18n::Phrase{i18n::trKey("answers.as_given"), {{"text", what}}} : said;
    }
};

struct LayoutEdits {
    /// How many steps undo keeps (the oldest go first).
    static constexpr size_t kMaxSteps = 100;
    std::map<std::string, SceneLayout> draft; ///< by scene: edited, on the preview only
    std::map<std::string, SceneLayout> onAir; ///< by scene: taken, in place of its own layout
    std::vector<SceneSpec> created;           ///< scenes made from a template, in order
    std::vector<LayoutStep> undo, redo;       ///< the newest last
    /// Counts every change, so the engine and the console see one by comparing a number.
    uint64_t revision = 0;
    bool operator==(const LayoutEdits&) const = default;
};

/// The scene templates of the console's "New scene".
enum class SceneTemplate { HostFull, HostPip, Split, ProductCloseUp };
std::optional<SceneTemplate> parseSceneTemplate(std::string_view name);
const char* toString(SceneTemplate kind);
/// The key of its name as people read it ("layout.template_host_pip").
const char* labelKey(SceneTemplate kind);
/// Every template, in the order a list offers them.
const std::vector<SceneTemplate>& sceneTemplates();
/// The layers of a new scene: the host's camera and the product's camera
/// placed for `kind` on `canvas`, a picture-in-picture inside `safe` (the
/// area the platforms' apps leave visible), on the 10 px grid.
std::vector<LayerSpec> templateLayers(SceneTemplate kind, cv::Size canvas, const cv::Rect& safe,
                                      const std::string& host, const std::string& product);

/// Where a dragged or resized rectangle lands: each edge that moved snaps to
/// the canvas's edges, the safe area's and the canvas's centre lines when it
/// is within `reach` pixels of one, otherwise to the `grid`.
struct SnapGuides {
    cv::Size canvas;
    cv::Rect safe;
    int grid = 10;
    int reach = 12;
};
/// A move keeps the size; `left`/`top`/`right`/`bottom` say which edges a
/// resize drags (all four: a move).
struct DraggedEdges {
    bool left = true, top = true, right = true, bottom = true;
    bool isMove() const { return left && top && right && bottom; }
};
cv::Rect snapRect(const cv::Rect& rect, const DraggedEdges& edges, const SnapGuides& guides);

} // namespace hawker::studio
