#pragma once
// Editing a scene's layout with the mouse, over the preview monitor: each
// layer and graphic slot is outlined; a drag moves the one under the mouse,
// a drag on a corner of the selected one resizes it, and both snap to the
// platforms' safe area and the 10 px grid. The result goes out as a
// layout.move command when the mouse is let go: the preview shows it, and
// the program only after TAKE.

#include <optional>
#include <string>

#include <imgui.h>
#include <opencv2/core.hpp>

#include "console_context.hpp"
#include "hawker/studio/show/layout_edits.hpp"

namespace hawker::studio::console {

class LayoutEditor {
public:
    /// Draws over the preview picture at [min, max] (screen pixels) and
    /// handles the mouse there. `scene` is the scene as the preview shows it.
    void draw(ConsoleContext& context, const SceneSpec& scene, ImVec2 min, ImVec2 max);

private:
    struct Drag {
        std::string scene;
        int layer = -1;
        std::string slot;
        cv::Rect start;
        DraggedEdges edges;
        ImVec2 mouseStart;
    };
    std::optional<Drag> m_drag;
};

} // namespace hawker::studio::console
