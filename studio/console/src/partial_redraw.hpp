#pragma once
// Draws the desk's frame only where it changed, and shows only that, when
// the OpenGL is software (UI thread only).

#include <cstdint>
#include <string>
#include <vector>

#include <imgui.h>

#include "redraw_planner.hpp"

struct GLFWwindow;

namespace hawker::studio::console {

/// The desk's drawing and showing, whole or in part.
///
/// On a machine without a GPU, Mesa's software OpenGL draws every pixel on
/// the CPU the program's encoders need, and most of the desk looks the same
/// from one frame to the next. A swap leaves the back buffer undefined, so
/// a frame drawn in part needs a back buffer that keeps its picture: with
/// GLX_MESA_copy_sub_buffer the boxes that changed are copied to the window
/// and the back buffer stays as it is, by that extension's definition. The
/// RedrawPlanner gives those boxes; only they are cleared and drawn (every
/// command clipped to them, by the backend's own scissor arithmetic) and
/// copied out.
///
/// With a GPU (drawing costs the CPU next to nothing, and a swap keeps the
/// monitor's refresh), without the extension, or with
/// HAWKER_CONSOLE_WHOLE_FRAMES=1, every frame is drawn whole and swapped.
///
/// HAWKER_CONSOLE_CHECK_REDRAW=1 (tests) draws every frame drawn in part a
/// second time whole and compares the two pictures pixel for pixel, and
/// compares what the X server then shows in the window with the frame; the
/// console's summary line counts the frames that differed.
class PartialRedraw {
public:
    PartialRedraw();

    /// Draws `data` into the back buffer of the desk's context (current);
    /// the window's own background is `clear`.
    void draw(ImDrawData& data, int fbWidth, int fbHeight, ImVec4 clear);
    /// Shows what draw() drew: the boxes it drew, or a swap.
    void present(GLFWwindow* window);
    /// The next frame is drawn whole (a new font atlas: its pixels changed under the same lists).
    void invalidate() { m_planner.invalidate(); }
    /// This frame shows the whole back buffer (the window system lost the window's pixels: an expose).
    void showWhole() { m_shown.assign(1, PixelBox{0, 0, m_fbWidth, m_fbHeight}); }

    /// " partial_frames=... drawn_share=... redraw_checked=... redraw_mismatches=... window_checked=...
    /// window_mismatches=... window_exposed=..." for the summary.
    std::string summaryFields() const;

private:
    /// Once, with the context current: whether frames can be drawn in part here.
    void choose();
    void drawWhole(ImDrawData& data, int fbWidth, int fbHeight, ImVec4 clear);
    void drawBoxes(ImDrawData& data, const std::vector<PixelBox>& boxes, int fbWidth, int fbHeight,
                   ImVec4 clear);
    void checkAgainstWhole(ImDrawData& data, int fbWidth, int fbHeight, ImVec4 clear);
    void checkWindow(GLFWwindow* window);
    /// The window is mapped and viewable now (after the X server has had every request so far).
    static bool onScreen(GLFWwindow* window);

    using CopySubBuffer = void (*)(void* display, unsigned long drawable, int x, int y, int width,
                                   int height);

    RedrawPlanner m_planner;
    CopySubBuffer m_copySubBuffer = nullptr; ///< set when frames are drawn in part
    bool m_chosen = false, m_check = false, m_forceWhole = false;
    std::vector<PixelBox> m_shown; ///< what present() copies out
    int m_fbWidth = 0, m_fbHeight = 0;
    std::vector<ImVector<ImDrawCmd>> m_clipped; ///< each list's commands cut to the boxes, while drawn
    std::vector<unsigned char> m_part, m_whole; ///< the check's two pictures
    int64_t m_partFrames = 0;
    double m_drawnPixels = 0, m_windowPixels = 0;
    int64_t m_checked = 0, m_mismatches = 0;
    int64_t m_windowChecked = 0, m_windowMismatches = 0;
    int64_t m_windowExposed = 0; ///< read-backs skipped: an expose was waiting (the next frame is whole)
};

} // namespace hawker::studio::console
