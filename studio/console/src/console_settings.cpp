#include "console_settings.hpp"

#include <cstdlib>
#include <cstring>
#include <string>

#include <imgui.h>
#include <imgui_internal.h>

#include <GLFW/glfw3.h>

#include "hawker/studio/base/translations.hpp"

namespace hawker::studio::console {

std::filesystem::path consoleConfigDir() {
    std::filesystem::path dir;
    if (const char* explicitDir = std::getenv("HAWKER_CONFIG_DIR"); explicitDir && *explicitDir)
        dir = explicitDir;
    else if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
        dir = std::filesystem::path(xdg) / "hawker";
    else if (const char* home = std::getenv("HOME"); home && *home)
        dir = std::filesystem::path(home) / ".config" / "hawker";
    else
        dir = ".";
    std::error_code error;
    std::filesystem::create_directories(dir, error); // unwritable: ImGui just cannot save, the show goes on
    return dir;
}

namespace {

/// GLFW key codes the settings may name (Dear ImGui 1.86 reports keys by the backend's codes).
std::string nameOfKey(int key) {
    if (key >= GLFW_KEY_A && key <= GLFW_KEY_Z)
        return std::string(1, static_cast<char>('A' + key - GLFW_KEY_A));
    if (key >= GLFW_KEY_0 && key <= GLFW_KEY_9)
        return std::string(1, static_cast<char>('0' + key - GLFW_KEY_0));
    if (key >= GLFW_KEY_F1 && key <= GLFW_KEY_F12) return "F" + std::to_string(key - GLFW_KEY_F1 + 1);
    switch (key) {
    case GLFW_KEY_SPACE:
        return "Space";
    case GLFW_KEY_ENTER:
        return "Enter";
    case GLFW_KEY_KP_ENTER:
        return "KeypadEnter";
    case GLFW_KEY_TAB:
        return "Tab";
    case GLFW_KEY_BACKSPACE:
        return "Backspace";
    case GLFW_KEY_INSERT:
        return "Insert";
    case GLFW_KEY_DELETE:
        return "Delete";
    case GLFW_KEY_HOME:
        return "Home";
    case GLFW_KEY_END:
        return "End";
    case GLFW_KEY_PAGE_UP:
        return "PageUp";
    case GLFW_KEY_PAGE_DOWN:
        return "PageDown";
    default:
        return {};
    }
}

} // namespace

std::string keyName(int key) {
    const std::string name = key > 0 ? nameOfKey(key) : std::string();
    return name.empty() ? "(default)" : name;
}

int keyFromName(const std::string& name) {
    for (int key = GLFW_KEY_SPACE; key <= GLFW_KEY_LAST; ++key)
        if (!name.empty() && nameOfKey(key) == name) return key;
    return 0;
}

namespace {

void* readOpen(ImGuiContext*, ImGuiSettingsHandler* handler, const char* name) {
    // One section only; anything else in the file is someone else's.
    return std::strcmp(name, "Settings") == 0 ? handler->UserData : nullptr;
}

void readLine(ImGuiContext*, ImGuiSettingsHandler*, void* entry, const char* line) {
    auto& settings = *static_cast<ConsoleSettings*>(entry);
    const std::string text(line);
    const auto eq = text.find('=');
    if (eq == std::string::npos) return;
    const std::string key = text.substr(0, eq), value = text.substr(eq + 1);
    if (key.rfind("Open.", 0) == 0) {
        settings.panelsOpen[key.substr(5)] = value == "1";
    } else if (key == "TakeKey") {
        settings.takeKey = keyFromName(value);
    } else if (key == "CutKey") {
        settings.cutKey = keyFromName(value);
    } else if (key == "HostWindow") {
        settings.hostWindow = value == "1";
    } else if (key == "SafeAreaGuide") {
        settings.safeAreaGuide = value == "1";
    } else if (key == "LayoutEdit") {
        settings.layoutEdit = value == "1";
    } else if (key == "Language") {
        // Kept as written only when it names a language: a hand-edited typo falls back to the locale.
        settings.language = i18n::parseLanguage(value) ? value : "";
    } else if (key == "UiScale") {
        const float scale = std::strtof(value.c_str(), nullptr);
        settings.uiScale = scale >= 0.5f && scale <= 4.0f ? scale : 0.0f;
    }
}

void writeAll(ImGuiContext*, ImGuiSettingsHandler* handler, ImGuiTextBuffer* out) {
    const auto& settings = *static_cast<const ConsoleSettings*>(handler->UserData);
    out->appendf("[%s][Settings]\n", handler->TypeName);
    for (const auto& [title, open] : settings.panelsOpen)
        out->appendf("Open.%s=%d\n", title.c_str(), open ? 1 : 0);
    if (settings.takeKey > 0) out->appendf("TakeKey=%s\n", keyName(settings.takeKey).c_str());
    if (settings.cutKey > 0) out->appendf("CutKey=%s\n", keyName(settings.cutKey).c_str());
    if (settings.uiScale > 0) out->appendf("UiScale=%.2f\n", settings.uiScale);
    if (settings.hostWindow) out->append("HostWindow=1\n");
    if (settings.safeAreaGuide) out->append("SafeAreaGuide=1\n");
    if (settings.layoutEdit) out->append("LayoutEdit=1\n");
    if (!settings.language.empty()) out->appendf("Language=%s\n", settings.language.c_str());
    out->append("\n");
}

} // namespace

void registerSettingsHandler(ConsoleSettings& settings) {
    ImGuiSettingsHandler handler;
    handler.TypeName = "Hawker";
    handler.TypeHash = ImHashStr("Hawker");
    handler.ReadOpenFn = readOpen;
    handler.ReadLineFn = readLine;
    handler.WriteAllFn = writeAll;
    handler.UserData = &settings;
    ImGui::GetCurrentContext()->SettingsHandlers.push_back(handler);
}

} // namespace hawker::studio::console
