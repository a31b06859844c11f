#include "window_chrome.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h> // MarkIniSettingsDirty: a changed hotkey is saved with the layout

#include "console_settings.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/base/translations.hpp"
#include "ui_format.hpp"

namespace hawker::studio::console {

namespace {

/// Names the item just drawn for the screenshot log (tests click and read the menus by these).
void markLastItem(ConsoleContext& context, const std::string& name) {
    context.markRegion(name, ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x,
                       ImGui::GetItemRectMax().y);
}

} // namespace

void MenuBar::draw(ConsoleContext& context, std::vector<std::unique_ptr<Panel>>& panels, bool& quit) {
    bool openStop = false;
    if (ImGui::BeginMainMenuBar()) {
        // Menus keep their ID (after "###") across languages: ImGui's open state follows the ID.
        const bool showOpen = ImGui::BeginMenu(trId("menu.show").c_str());
        markLastItem(context, "menu_show");
        if (showOpen) {
            ImGui::MenuItem(
                trf("menu.login", {{"who", context.actor().who}, {"role", roleLabel(context.actor().role)}})
                    .c_str(),
                nullptr, false, false);
            if (context.engine()) {
                const bool savable = !context.engine()->show().file.empty() && context.may("show.save");
                if (ImGui::MenuItem(trId("menu.save_show").c_str(), "Ctrl+S", false, savable))
                    context.send(Command::named("show.save", {}), "layout");
                markLastItem(context, "menu_save_show");
            }
            if (ImGui::MenuItem(trId("menu.end_show").c_str(), nullptr, false, context.may("show.stop")))
                openStop = true;
            if (ImGui::MenuItem(trId("menu.quit").c_str())) quit = true;
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu(trId("menu.view").c_str())) {
            for (auto& panel : panels)
                ImGui::MenuItem(panel->windowLabel().c_str(), nullptr, &panel->open());
            if (context.engine()) {
                ImGui::Separator();
                if (ImGui::MenuItem(trId("menu.host_window").c_str(), nullptr,
                                    &context.settings().hostWindow))
                    ImGui::MarkIniSettingsDirty();
                if (ImGui::MenuItem(trId("menu.safe_area").c_str(), nullptr,
                                    &context.settings().safeAreaGuide))
                    ImGui::MarkIniSettingsDirty();
            }
            ImGui::EndMenu();
        }
        const bool settingsOpen = ImGui::BeginMenu(trId("menu.settings").c_str());
        // Where the tests find the menu's words in a screenshot, whatever the language.
        markLastItem(context, "menu_settings");
        if (settingsOpen) {
            ConsoleSettings& settings = context.settings();
            const bool languageOpen = ImGui::BeginMenu(trId("menu.language").c_str());
            markLastItem(context, "menu_language");
            if (languageOpen) {
                // Each language in its own name, so that whoever cannot read the current one finds theirs.
                for (i18n::Language language : i18n::allLanguages()) {
                    const std::string label =
                        std::string(i18n::languageName(language)) + "###lang-" + i18n::languageCode(language);
                    const bool chosen =
                        ImGui::MenuItem(label.c_str(), nullptr, i18n::currentLanguage() == language);
                    markLastItem(context, std::string("menu_lang:") + i18n::languageCode(language));
                    if (chosen) {
                        i18n::setLanguage(language);
                        settings.language = i18n::languageCode(language);
                        ImGui::MarkIniSettingsDirty();
                        logInfo(std::string("console language switched to ") + i18n::languageCode(language));
                    }
                }
                ImGui::EndMenu();
            }
            ImGui::Separator();
            ImGui::TextDisabled(
                "%s", trf("menu.take_key", {{"key", settings.takeKey ? keyName(settings.takeKey)
                                                                     : std::string(tr("menu.take_default"))}})
                          .c_str());
            if (ImGui::MenuItem(trId("menu.press_take").c_str())) m_capture = &settings.takeKey;
            if (ImGui::MenuItem(trId("menu.press_cut").c_str())) m_capture = &settings.cutKey;
            if (ImGui::MenuItem(trId("menu.default_keys").c_str())) settings.takeKey = settings.cutKey = 0;
            ImGui::TextDisabled("%s", tr("menu.hotkeys_hint"));
            ImGui::EndMenu();
        }
        context.markRegion("menu_bar", 0, 0, ImGui::GetWindowWidth() * 0.5f, ImGui::GetWindowHeight());
        const std::string when = formatClock(context.live().programMs / 1000.0);
        ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::CalcTextSize(when.c_str()).x - 160);
        ImGui::TextColored(context.live().status.running ? kTextBad : kTextDim, "%s %s",
                           context.live().status.running ? tr("menu.on_air") : tr("menu.off_air"),
                           when.c_str());
        ImGui::EndMainMenuBar();
    }
    if (m_capture) captureKey(context);
    const std::string stopPopup = trId("menu.end_show_title");
    if (openStop) ImGui::OpenPopup(stopPopup.c_str());
    if (ImGui::BeginPopupModal(stopPopup.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted(tr("menu.end_show_question"));
        if (ImGui::Button(trId("menu.end_show_confirm").c_str())) {
            context.send(Command::named("show.stop", {}), "show stop");
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(trId("common.cancel").c_str())) ImGui::CloseCurrentPopup();
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
            context.message(true, trf("menu.hotkey_set", {{"key", keyName(key)}}));
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
    const std::string figureLine =
        trf("status.figures", {{"console", formatNumber(frameMsMedian, 1)},
                               {"render", formatMs(s.composeMsMedian, 2)},
                               {"lag", formatMs(s.encoder.latencyMsMedian, 0)},
                               {"dropped", formatCount(static_cast<int64_t>(s.dropped))},
                               {"cpu", formatPercent(context.live().cpuPercent / 100.0, 0)}});
    const char* figures = figureLine.c_str();
    if (s.database && !s.database->writable) {
        // Commands still change the program but answer "not stored yet"
        // until this goes away: the operator must see why.
        std::string line = trf("status.db_not_writable",
                               {{"error", s.database->error},
                                {"rows", formatCount(static_cast<int64_t>(s.database->waitingRows))}});
        if (s.database->lostRows)
            line += trf("status.db_rows_dropped",
                        {{"rows", formatCount(static_cast<int64_t>(s.database->lostRows))}});
        ImGui::TextColored(kTextBad, "%s", line.c_str());
        ImGui::SameLine();
    }
    if (s.cpu == CpuState::StartingProgramFirst) {
        // Every live show starts this way: nothing is wrong, so no warning colour.
        ImGui::TextDisabled("%s", tr("status.program_first"));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("status.program_first_tip"));
        ImGui::SameLine();
    } else if (s.cpu == CpuState::Short) {
        // Why the monitors move less smoothly: the program comes first.
        ImGui::TextColored(kTextWarn, "%s", tr("status.short_of_cpu"));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("status.short_of_cpu_tip"));
        ImGui::SameLine();
    }
    if (!context.messages().empty()) {
        const ConsoleMessage& last = context.messages().back();
        ImGui::TextColored(last.ok ? kTextGood : kTextBad, "%s", last.text.c_str());
        ImGui::SameLine();
    }
    for (const std::string& task : context.tasks().active()) {
        ImGui::TextDisabled("⋯ %s", taskLabel(task).c_str());
        ImGui::SameLine();
    }
    ImGui::SameLine(
        std::max(ImGui::GetCursorPosX() + 20, ImGui::GetWindowWidth() - ImGui::CalcTextSize(figures).x - 16));
    ImGui::TextDisabled("%s", figures);
    ImGui::End();
}

} // namespace hawker::studio::console
