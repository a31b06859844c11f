#include "window_chrome.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h> // MarkIniSettingsDirty: a changed hotkey is saved with the layout

#include "console_settings.hpp"
#include "ui_format.hpp"

namespace hawker::studio::console {

void MenuBar::draw(ConsoleContext& context, std::vector<std::unique_ptr<Panel>>& panels, bool& quit) {
    bool openStop = false;
    if (ImGui::BeginMainMenuBar()) {
        if (ImGui::BeginMenu("Show")) {
            ImGui::MenuItem(
                ("Login: " + context.actor().who + " (" + toString(context.actor().role) + ")").c_str(),
                nullptr, false, false);
            if (ImGui::MenuItem("End the show…", nullptr, false, context.may("show.stop"))) openStop = true;
            if (ImGui::MenuItem("Quit")) quit = true;
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu("View")) {
            for (auto& panel : panels)
                ImGui::MenuItem(panel->title().c_str(), nullptr, &panel->open());
            if (context.engine()) {
                ImGui::Separator();
                if (ImGui::MenuItem("Host prompter window (second screen)", nullptr,
                                    &context.settings().hostWindow))
                    ImGui::MarkIniSettingsDirty();
                if (ImGui::MenuItem("Safe area guide on preview 安全区", nullptr,
                                    &context.settings().safeAreaGuide))
                    ImGui::MarkIniSettingsDirty();
            }
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu("Settings")) {
            ConsoleSettings& settings = context.settings();
            ImGui::TextDisabled("TAKE key: %s",
                                settings.takeKey ? keyName(settings.takeKey).c_str() : "Space / Enter");
            if (ImGui::MenuItem("Press a key for TAKE…")) m_capture = &settings.takeKey;
            if (ImGui::MenuItem("Press a key for CUT…")) m_capture = &settings.cutKey;
            if (ImGui::MenuItem("Default keys")) settings.takeKey = settings.cutKey = 0;
            ImGui::TextDisabled("Scenes go to preview with their hotkey from the show file (else 1–9).");
            ImGui::EndMenu();
        }
        const std::string when = formatClock(context.live().programMs / 1000.0);
        ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::CalcTextSize(when.c_str()).x - 160);
        ImGui::TextColored(context.live().status.running ? kTextBad : kTextDim, "%s %s",
                           context.live().status.running ? "● ON AIR" : "○ off air", when.c_str());
        ImGui::EndMainMenuBar();
    }
    if (m_capture) captureKey(context);
    if (openStop) ImGui::OpenPopup("End the show");
    if (ImGui::BeginPopupModal("End the show", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::Text("End the show for every destination and close the recording?");
        if (ImGui::Button("End the show")) {
            context.send(Command::named("show.stop", {}), "show stop");
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

void MenuBar::captureKey(ConsoleContext& context) {
    // The next key pressed becomes the hotkey; Escape cancels.
    for (int key = GLFW_KEY_SPACE; key <= GLFW_KEY_LAST; ++key) {
        if (!context.keyPressed(key)) continue;
        if (key != GLFW_KEY_ESCAPE) {
            if (keyName(key) == "(default)") continue;
            *m_capture = key;
            ImGui::MarkIniSettingsDirty();
            context.message(true, "hotkey set to " + keyName(key));
        }
        m_capture = nullptr;
        return;
    }
}

void drawStatusBar(ConsoleContext& context, double frameMsMedian) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float height = ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y;
    ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x, viewport->Pos.y + viewport->Size.y - height));
    ImGui::SetNextWindowSize(ImVec2(viewport->Size.x, height));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("##status", nullptr, flags);
    const EngineStatus& s = context.live().status;
    char figures[256];
    std::snprintf(figures, sizeof figures,
                  "console %.1f ms · render %.2f ms · encode lag %.0f ms · dropped %llu · CPU %s",
                  frameMsMedian, s.composeMsMedian, s.encoder.latencyMsMedian,
                  static_cast<unsigned long long>(s.dropped),
                  formatPercent(context.live().cpuPercent / 100.0, 0).c_str());
    if (s.database && !s.database->writable) {
        // Commands still change the program but answer "not stored yet"
        // until this goes away: the operator must see why.
        ImGui::TextColored(
            kTextBad, "数据库不可写 database not writable: %s · %zu rows waiting%s",
            s.database->error.c_str(), s.database->waitingRows,
            s.database->lostRows ? (" · " + std::to_string(s.database->lostRows) + " dropped").c_str() : "");
        ImGui::SameLine();
    }
    if (!context.messages().empty()) {
        const ConsoleMessage& last = context.messages().back();
        ImGui::TextColored(last.ok ? kTextGood : kTextBad, "%s", last.text.c_str());
        ImGui::SameLine();
    }
    for (const std::string& task : context.tasks().active()) {
        ImGui::TextDisabled("⋯ %s", task.c_str());
        ImGui::SameLine();
    }
    ImGui::SameLine(
        std::max(ImGui::GetCursorPosX() + 20, ImGui::GetWindowWidth() - ImGui::CalcTextSize(figures).x - 16));
    ImGui::TextDisabled("%s", figures);
    ImGui::End();
}

} // namespace hawker::studio::console
