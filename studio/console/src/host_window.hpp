#pragma once
// The host's prompter in a window of its own, for a second screen facing the
// host while the operator's desk stays on the first. The same UI thread draws
// it after the desk, with its own Dear ImGui context and fonts (GLFW windows
// share one OpenGL context group), so the desk's state is not shared by
// accident and closing it leaves the desk untouched.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "console_context.hpp"
#include "console_fonts.hpp"
#include "font_refresh.hpp"
#include "host_view.hpp"

struct GLFWwindow;
struct ImGuiContext;

namespace hawker::studio::console {

class HostWindow {
public:
    /// Opens the window beside `desk` (sharing its OpenGL objects' namespace).
    /// Throws std::runtime_error when the window cannot be made.
    HostWindow(GLFWwindow* desk, float scale, const std::vector<std::string>& showTexts);
    ~HostWindow();
    HostWindow(const HostWindow&) = delete;
    HostWindow& operator=(const HostWindow&) = delete;

    /// Whether the user closed it.
    bool closed() const;
    /// One frame of the prompter; leaves the desk's window and ImGui context current.
    /// With `screenshot`, also writes the frame there.
    void draw(ConsoleContext& context, const std::filesystem::path& screenshot = {});
    /// Characters the desk added to its atlas: this window's atlas gets them too, built off the UI thread.
    void addGlyphs(const std::vector<char32_t>& codePoints) { m_refresh.request(codePoints); }

private:
    GLFWwindow* m_desk;
    GLFWwindow* m_window = nullptr;
    ImGuiContext* m_imgui = nullptr;
    ConsoleFontSet m_fontSet;
    ConsoleFonts m_fonts;
    FontRefresh m_refresh{m_fontSet};
    HostView m_view;
};

} // namespace hawker::studio::console
