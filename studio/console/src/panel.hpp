#pragma once
// One console panel: a class with drawContent(), registered in panels.cpp's
// list. Panels keep only view state (filters, selections, text being typed);
// the show's state comes from ConsoleContext::live() and every change goes
// out as a command through ConsoleContext::send().

#include <string>

#include <imgui.h>

#include "console_context.hpp"
#include "hawker/studio/base/translations.hpp"

namespace hawker::studio::console {

// Every word the console shows comes from the translation tables (studio/base/translations.hpp).
using i18n::tr;
using i18n::trf;
using i18n::trId;
using i18n::trKey;

/// Where a panel sits in the first-run layout, as fractions of the window
/// (below the menu bar). The layout the user makes is kept in console.ini.
struct PanelPlace {
    float x = 0, y = 0, w = 0.3f, h = 0.3f;
};

class Panel {
public:
    /// `title` is the window's ID and its key in the .ini, the same in every language; `titleKey` is the
    /// translation key of the title shown.
    Panel(std::string title, const char* titleKey, PanelPlace place)
        : m_title(std::move(title)), m_titleKey(titleKey), m_place(place) {}
    virtual ~Panel() = default;
    Panel(const Panel&) = delete;
    Panel& operator=(const Panel&) = delete;

    /// The window's ID; also its key in console.ini, so it never changes.
    const std::string& title() const { return m_title; }
    /// The title in the current language.
    const char* shownTitle() const { return i18n::tr(m_titleKey); }
    /// What ImGui::Begin takes: the shown title, with the stable ID after "###".
    std::string windowLabel() const { return std::string(shownTitle()) + "###" + m_title; }
    const PanelPlace& place() const { return m_place; }
    /// A login that uses the panel differently places it differently.
    void setPlace(PanelPlace place) { m_place = place; }
    bool& open() { return m_open; }
    /// Draws the inside of the panel's window (the window itself is the app's).
    virtual void drawContent(ConsoleContext& context) = 0;
    virtual ImGuiWindowFlags windowFlags() const { return 0; }
    /// A panel about the running program; the app says "no program" instead
    /// of drawing it in a login that runs none, so drawContent() may rely on
    /// context.engine().
    virtual bool needsProgram() const { return false; }
    /// Called every frame, open or not, unless a text field has the keyboard:
    /// the switcher's hotkeys work whichever window has focus.
    virtual void handleShortcuts(ConsoleContext&) {}

private:
    std::string m_title;
    const char* m_titleKey;
    PanelPlace m_place;
    bool m_open = true;
};

} // namespace hawker::studio::console
