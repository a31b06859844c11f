#include "host_window.hpp"

#include <stdexcept>

#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "hawker/studio/base/translations.hpp"
#include "screenshot.hpp"

namespace hawker::studio::console {

HostWindow::HostWindow(GLFWwindow* desk, float scale, const std::vector<std::string>& showTexts)
    : m_desk(desk) {
    ImGuiContext* deskContext = ImGui::GetCurrentContext();
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GL_TRUE);
    m_window = glfwCreateWindow(1280, 720, i18n::tr("host.window_title"), nullptr, desk);
    if (!m_window) throw std::runtime_error(i18n::tr("host.window_failed"));
    glfwMakeContextCurrent(m_window);
    glfwSwapInterval(0); // the desk's window already paces the frames
    m_imgui = ImGui::CreateContext();
    ImGui::SetCurrentContext(m_imgui);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // its place is the second screen's, not the desk's layout
    std::string warning;
    m_fonts = m_fontSet.load(scale, showTexts, warning);
    ImGui::StyleColorsDark();
    ImGui::GetStyle().ScaleAllSizes(scale);
    // No input callbacks: the desk's window has them (GLFW routes every
    // window's events through one set); the prompter needs only a click on
    // Next, which the backend polls.
    ImGui_ImplGlfw_InitForOpenGL(m_window, false);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    ImGui::SetCurrentContext(deskContext);
    glfwMakeContextCurrent(m_desk);
}

HostWindow::~HostWindow() {
    ImGuiContext* deskContext = ImGui::GetCurrentContext();
    glfwMakeContextCurrent(m_window);
    ImGui::SetCurrentContext(m_imgui);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext(m_imgui);
    glfwDestroyWindow(m_window);
    ImGui::SetCurrentContext(deskContext);
    glfwMakeContextCurrent(m_desk);
}

bool HostWindow::closed() const {
    return glfwWindowShouldClose(m_window);
}

void HostWindow::draw(ConsoleContext& context, const std::filesystem::path& screenshot) {
    ImGuiContext* deskContext = ImGui::GetCurrentContext();
    glfwMakeContextCurrent(m_window);
    ImGui::SetCurrentContext(m_imgui);
    // The prompter draws with this window's fonts.
    const ConsoleFonts deskFonts = context.fonts();
    m_refresh.swapIfReady(m_fonts);
    context.fonts() = m_fonts;

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::Begin("##host prompter", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
    m_view.drawContent(context);
    ImGui::End();
    ImGui::Render();
    int width = 0, height = 0;
    glfwGetFramebufferSize(m_window, &width, &height);
    glViewport(0, 0, width, height);
    const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (!screenshot.empty()) writeScreenshot(screenshot, width, height);
    glfwSwapBuffers(m_window);

    context.fonts() = deskFonts;
    ImGui::SetCurrentContext(deskContext);
    glfwMakeContextCurrent(m_desk);
}

} // namespace hawker::studio::console
