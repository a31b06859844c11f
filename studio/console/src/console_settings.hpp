#pragma once
// What the console remembers between runs, besides the windows' places:
// which panels are open, the operator's hotkeys and the language. It lives in the same
// console-<role>.ini as ImGui's layout (a [Hawker][Settings] section), so one
// file per login holds everything and a bad line is ignored, never fatal.

#include <filesystem>
#include <map>
#include <string>

namespace hawker::studio::console {

struct ConsoleSettings {
    std::map<std::string, bool> panelsOpen; ///< by panel title
    int takeKey = 0;                        ///< GLFW key code of TAKE (0: Space and Enter)
    int cutKey = 0;                         ///< GLFW key code of CUT (0: none)
    float uiScale = 0;                      ///< 0: the monitor's content scale
    bool hostWindow = false;                ///< the host's prompter window (second screen) is open
    bool safeAreaGuide = false;             ///< the preview draws what each platform's app covers
    bool layoutEdit = false;                ///< the preview monitor edits its scene's layout with the mouse
    std::string language;                   ///< "zh-CN" or "en" chosen in Settings; empty: never chosen
};

/// The folder for console-<role>.ini: $HAWKER_CONFIG_DIR, else
/// $XDG_CONFIG_HOME/hawker, else ~/.config/hawker (made if missing).
std::filesystem::path consoleConfigDir();

/// Hooks `settings` into the current ImGui context's .ini reading and
/// writing. Call before the first NewFrame; `settings` must outlive the context.
void registerSettingsHandler(ConsoleSettings& settings);

/// A GLFW key code's name for the settings ("Space", "F5"), and back (0 when unknown).
std::string keyName(int key);
int keyFromName(const std::string& name);

} // namespace hawker::studio::console
