#include "partial_redraw.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <imgui_impl_opengl3.h>

#include "gl_texture.hpp"
#include "hawker/studio/base/log.hpp"

// Last: Xlib's macros (None, Bool, Status) stay out of everything above.
#include <GL/glx.h>
#include <X11/Xutil.h>
#define GLFW_EXPOSE_NATIVE_X11
#include <GLFW/glfw3native.h>

namespace hawker::studio::console {

namespace {

bool envIsOne(const char* name) {
    const char* value = std::getenv(name);
    return value && std::strcmp(value, "1") == 0;
}

} // namespace

PartialRedraw::PartialRedraw()
    : m_check(envIsOne("HAWKER_CONSOLE_CHECK_REDRAW")),
      m_forceWhole(envIsOne("HAWKER_CONSOLE_WHOLE_FRAMES")) {}

void PartialRedraw::choose() {
    m_chosen = true;
    const auto* rendererText = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    const std::string renderer = rendererText ? rendererText : "";
    const bool software = renderer.find("llvmpipe") != std::string::npos ||
                          renderer.find("softpipe") != std::string::npos ||
                          renderer.find("swrast") != std::string::npos;
    Display* display = glXGetCurrentDisplay();
    const char* extensions = display ? glXQueryExtensionsString(display, DefaultScreen(display)) : nullptr;
    const bool copies = extensions && std::strstr(extensions, "GLX_MESA_copy_sub_buffer");
    if (m_forceWhole || !software || !copies || !glXGetCurrentDrawable()) {
        logInfo(std::string("console: draws every frame whole (") +
                (m_forceWhole ? "HAWKER_CONSOLE_WHOLE_FRAMES=1"
                 : !software  ? "OpenGL on a GPU"
                              : "the window system cannot copy part of a frame") +
                ")");
        return;
    }
    m_copySubBuffer = reinterpret_cast<CopySubBuffer>(
        glXGetProcAddress(reinterpret_cast<const GLubyte*>("glXCopySubBufferMESA")));
    if (m_copySubBuffer)
        logInfo("console: draws and shows only what changed from frame to frame (software OpenGL, " +
                renderer + ")");
    else
        logInfo("console: draws every frame whole (no glXCopySubBufferMESA)");
}

void PartialRedraw::draw(ImDrawData& data, int fbWidth, int fbHeight, ImVec4 clear) {
    if (!m_chosen) choose();
    m_fbWidth = fbWidth;
    m_fbHeight = fbHeight;
    m_shown.clear();
    if (fbWidth <= 0 || fbHeight <= 0) return; // minimised
    m_windowPixels += static_cast<double>(fbWidth) * fbHeight;
    // The back buffer holds the last frame when nothing but copies of parts of it went out.
    const auto boxes = m_copySubBuffer ? m_planner.plan(data, fbWidth, fbHeight, 1, textureGeneration)
                                       : std::optional<std::vector<PixelBox>>();
    if (!boxes) {
        drawWhole(data, fbWidth, fbHeight, clear);
        m_drawnPixels += static_cast<double>(fbWidth) * fbHeight;
        m_shown.push_back({0, 0, fbWidth, fbHeight});
        return;
    }
    ++m_partFrames;
    for (const PixelBox& box : *boxes)
        m_drawnPixels += static_cast<double>(box.area());
    drawBoxes(data, *boxes, fbWidth, fbHeight, clear);
    m_shown = *boxes;
    if (m_check) checkAgainstWhole(data, fbWidth, fbHeight, clear);
}

void PartialRedraw::present(GLFWwindow* window) {
    if (!m_copySubBuffer) {
        glfwSwapBuffers(window);
        return;
    }
    // The extension only promises a flush: the copies must find the frame finished. (A swap waits the same
    // way, so the frame's time keeps meaning the same: its work, drawing included.)
    glFinish();
    Display* display = glXGetCurrentDisplay();
    const GLXDrawable drawable = glXGetCurrentDrawable();
    // Rows count from the bottom here, as everywhere in OpenGL.
    for (const PixelBox& box : m_shown)
        m_copySubBuffer(display, drawable, box.x0, m_fbHeight - box.y1, box.x1 - box.x0, box.y1 - box.y0);
    glFlush();
    if (m_check) checkWindow(window);
}

bool PartialRedraw::onScreen(GLFWwindow* window) {
    Display* display = glXGetCurrentDisplay();
    XSync(display, False);
    XWindowAttributes attributes{};
    return XGetWindowAttributes(display, glfwGetX11Window(window), &attributes) &&
           attributes.map_state == IsViewable;
}

void PartialRedraw::checkWindow(GLFWwindow* window) {
    // What the window shows, read from the X server, against the back buffer the copies came from.
    glFinish();
    Display* display = glXGetCurrentDisplay();
    int width = 0, height = 0;
    glfwGetFramebufferSize(window, &width, &height);
    // Only a window on screen can be read (an unmapped one is an X error, which by default ends the
    // program): checked first, and any error on the way is swallowed.
    if (width <= 0 || height <= 0 || !onScreen(window)) return;
    const auto previous = XSetErrorHandler([](Display*, XErrorEvent*) { return 0; });
    XImage* image = XGetImage(display, glfwGetX11Window(window), 0, 0, static_cast<unsigned>(width),
                              static_cast<unsigned>(height), AllPlanes, ZPixmap);
    XSync(display, False);
    XSetErrorHandler(previous);
    if (!image) return;
    // A window mapped again since this frame's events were handled (before or after its copies) has an
    // expose waiting: the X server cleared it, and the next frame shows it whole (the refresh callback).
    // Until then it is not the frame drawn, by design; the expose stays queued for GLFW.
    XEvent expose{};
    if (XCheckTypedWindowEvent(display, glfwGetX11Window(window), Expose, &expose)) {
        XPutBackEvent(display, &expose);
        XDestroyImage(image);
        ++m_windowExposed;
        return;
    }
    m_part.resize(static_cast<size_t>(width) * static_cast<size_t>(height) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, m_part.data());
    ++m_windowChecked;
    size_t differing = 0;
    int firstX = -1, firstY = -1;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const unsigned long shown = XGetPixel(image, x, y);
            const unsigned char* drawn =
                &m_part[(static_cast<size_t>(height - 1 - y) * static_cast<size_t>(width) +
                         static_cast<size_t>(x)) *
                        4];
            const unsigned long expected = (static_cast<unsigned long>(drawn[0]) << 16) |
                                           (static_cast<unsigned long>(drawn[1]) << 8) | drawn[2];
            if ((shown & 0xffffffUL) == expected) continue;
            if (differing++ == 0) {
                firstX = x;
                firstY = y;
            }
        }
    XDestroyImage(image);
    if (differing == 0) return;
    ++m_windowMismatches;
    logWarning("console: the window shows " + std::to_string(differing) +
               " pixel(s) other than the frame drawn, the first at " + std::to_string(firstX) + "," +
               std::to_string(firstY));
}

void PartialRedraw::drawWhole(ImDrawData& data, int fbWidth, int fbHeight, ImVec4 clear) {
    glViewport(0, 0, fbWidth, fbHeight);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(&data);
}

void PartialRedraw::drawBoxes(ImDrawData& data, const std::vector<PixelBox>& boxes, int fbWidth, int fbHeight,
                              ImVec4 clear) {
    if (boxes.empty()) return; // the back buffer already shows this frame
    glViewport(0, 0, fbWidth, fbHeight);
    glEnable(GL_SCISSOR_TEST);
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    for (const PixelBox& box : boxes) {
        glScissor(box.x0, fbHeight - box.y1, box.x1 - box.x0, box.y1 - box.y0);
        glClear(GL_COLOR_BUFFER_BIT);
    }
    glDisable(GL_SCISSOR_TEST);

    // Each command once per box it reaches, clipped to the part inside it. The boxes do not overlap, so no
    // pixel is drawn (and blended) twice; within a box the commands keep their order.
    const ImVec2 offset = data.DisplayPos, scale = data.FramebufferScale;
    m_clipped.resize(static_cast<size_t>(data.CmdListsCount));
    for (int n = 0; n < data.CmdListsCount; ++n) {
        ImDrawList* list = data.CmdLists[n];
        ImVector<ImDrawCmd>& clipped = m_clipped[static_cast<size_t>(n)];
        clipped.resize(0);
        for (const ImDrawCmd& command : list->CmdBuffer) {
            if (command.UserCallback) {
                clipped.push_back(command);
                continue;
            }
            const PixelBox covers = RedrawPlanner::commandBox(command, offset, scale, fbWidth, fbHeight);
            for (const PixelBox& box : boxes) {
                const PixelBox part = covers.intersect(box);
                if (part.empty()) continue;
                ImDrawCmd piece = command;
                piece.ClipRect = RedrawPlanner::clipRectFor(part, offset, scale);
                clipped.push_back(piece);
            }
        }
        list->CmdBuffer.swap(clipped);
    }
    ImGui_ImplOpenGL3_RenderDrawData(&data);
    for (int n = 0; n < data.CmdListsCount; ++n)
        data.CmdLists[n]->CmdBuffer.swap(m_clipped[static_cast<size_t>(n)]);
}

void PartialRedraw::checkAgainstWhole(ImDrawData& data, int fbWidth, int fbHeight, ImVec4 clear) {
    const size_t bytes = static_cast<size_t>(fbWidth) * static_cast<size_t>(fbHeight) * 4;
    m_part.resize(bytes);
    m_whole.resize(bytes);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, fbWidth, fbHeight, GL_RGBA, GL_UNSIGNED_BYTE, m_part.data());
    drawWhole(data, fbWidth, fbHeight, clear); // the back buffer ends up whole either way
    glReadPixels(0, 0, fbWidth, fbHeight, GL_RGBA, GL_UNSIGNED_BYTE, m_whole.data());
    ++m_checked;
    if (std::memcmp(m_part.data(), m_whole.data(), bytes) == 0) return;
    ++m_mismatches;
    size_t differing = 0, first = bytes;
    for (size_t i = 0; i < bytes; i += 4)
        if (std::memcmp(&m_part[i], &m_whole[i], 4) != 0) {
            if (first == bytes) first = i;
            ++differing;
        }
    const size_t pixel = first / 4;
    const auto x = static_cast<int>(pixel % static_cast<size_t>(fbWidth));
    const int y = fbHeight - 1 - static_cast<int>(pixel / static_cast<size_t>(fbWidth)); // top-down
    logWarning("console: a frame drawn in part differs from the whole frame in " + std::to_string(differing) +
               " pixel(s), the first at " + std::to_string(x) + "," + std::to_string(y));
}

std::string PartialRedraw::summaryFields() const {
    std::ostringstream out;
    out << " partial_frames=" << m_partFrames
        << " drawn_share=" << (m_windowPixels > 0 ? m_drawnPixels / m_windowPixels : 1.0)
        << " redraw_checked=" << m_checked << " redraw_mismatches=" << m_mismatches
        << " window_checked=" << m_windowChecked << " window_mismatches=" << m_windowMismatches
        << " window_exposed=" << m_windowExposed;
    return out.str();
}

} // namespace hawker::studio::console
