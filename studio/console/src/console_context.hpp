#pragma once
// What every panel of the console shares: who is logged in, the program (if
// this login runs one), the newest live snapshot, the task runner, and the
// message line. Panels send commands only through send(), which runs them as
// tasks through ProgramView::execute — the same path as the HTTP API.

#include <array>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "console_settings.hpp"
#include "hawker/studio/analytics/event_ingest.hpp"
#include "hawker/studio/analytics/live_analytics.hpp"
#include "hawker/studio/api/control_api.hpp"
#include "hawker/studio/base/glyph_coverage.hpp"
#include "hawker/studio/engine/program_view.hpp"
#include "live_feed.hpp"
#include "task_runner.hpp"

struct ImFont;

namespace hawker::studio::console {

struct ConsoleFonts {
    ImFont* body = nullptr;
    ImFont* large = nullptr; ///< KPI figures, monitors' labels
    ImFont* huge = nullptr;  ///< the host's prompter
};

/// The layout an operator is editing on the preview monitor (the Layout
/// panel's list and the monitor's boxes select the same thing).
struct LayoutEditing {
    std::string scene; ///< the scene the selection belongs to
    int layer = -1;    ///< the selected layer, or -1
    std::string slot;  ///< or the selected graphic slot
    void clear() {
        layer = -1;
        slot.clear();
    }
};

struct ConsoleMessage {
    bool ok = true;
    std::string text;
    double atSeconds = 0; ///< ImGui time, so old messages fade
};

class ConsoleContext {
public:
    ConsoleContext(Actor actor, ProgramView* engine, std::filesystem::path database,
                   std::vector<ApiToken> secondPersons);

    const Actor& actor() const { return m_actor; }
    /// Null for a login that runs no program (the merchandiser's review).
    ProgramView* engine() { return m_engine; }
    const std::filesystem::path& database() const { return m_database; }
    /// The session the review opens first (hawker gui --session ID).
    std::optional<int64_t> reviewSession() const { return m_reviewSession; }
    void setReviewSession(std::optional<int64_t> id) { m_reviewSession = id; }
    TaskRunner& tasks() { return m_tasks; }
    const LiveSnapshot& live() const { return *m_live; }
    ConsoleFonts& fonts() { return m_fonts; }
    ConsoleSettings& settings() { return m_settings; }

    /// Runs `command` as this login's actor on the commands lane. `task`
    /// names it for busy(); `onDone` (optional) runs on the UI thread with
    /// the result, after the message line shows it.
    void send(const Command& command, const std::string& task = {},
              std::function<void(const CommandResult&)> onDone = {});
    /// The same, as another person (the compliance gate's second role).
    void sendAs(const Command& command, const Actor& actor, const std::string& task = {});
    bool busy(const std::string& task) const { return m_tasks.busy(task); }
    /// Whether this login may send the command (the buttons it may not are disabled).
    bool may(const std::string& command) const;

    /// The people whose token can approve from this desk (resolved API tokens).
    const std::vector<ApiToken>& secondPersons() const { return m_secondPersons; }

    void message(bool ok, std::string text);
    const std::deque<ConsoleMessage>& messages() const { return m_messages; }

    /// Names a drawn rectangle (screen pixels) that the screenshot log
    /// reports, so tests find the program monitor or a tally border in the PNG.
    void markRegion(const std::string& name, float x0, float y0, float x1, float y1) {
        m_regions[name] = {x0, y0, x1, y1};
    }
    const std::map<std::string, std::array<float, 4>>& regions() const { return m_regions; }

    /// The boxes the switcher draws its monitors and tiles in (pixels); the
    /// app passes them to the live feed.
    FeedSizes& pictureSizes() { return m_pictureSizes; }
    LayoutEditing& layoutEditing() { return m_layoutEditing; }

    /// Whether `key` (a GLFW key code) went down since the last frame. Dear
    /// ImGui 1.86 only sees the keys' state at each frame, so a tap shorter
    /// than a frame (a Stream Deck's, a script's) would be lost without this.
    bool keyPressed(int key) const { return m_pressedKeys.count(key) > 0; }
    void setPressedKeys(std::set<int> keys) { m_pressedKeys = std::move(keys); }

    /// Text from outside the console (a comment, an alert, a note) about to be drawn: a character the
    /// font atlas lacks is queued for the next atlas (font_refresh.hpp). Cheap: call it every frame.
    void noticeText(std::string_view text) { m_coverage.notice(text); }
    /// What the atlas holds, and the characters queued for it.
    GlyphCoverage& glyphCoverage() { return m_coverage; }

    /// UI thread, frame start.
    void beginFrame(LiveSnapshotPtr live);
    double now() const; ///< ImGui time in seconds

private:
    Actor m_actor;
    ProgramView* m_engine;
    std::filesystem::path m_database;
    std::optional<int64_t> m_reviewSession;
    std::vector<ApiToken> m_secondPersons;
    TaskRunner m_tasks;
    LiveSnapshotPtr m_live;
    ConsoleFonts m_fonts;
    ConsoleSettings m_settings;
    std::deque<ConsoleMessage> m_messages;
    std::map<std::string, std::array<float, 4>> m_regions;
    FeedSizes m_pictureSizes;
    LayoutEditing m_layoutEditing;
    std::set<int> m_pressedKeys;
    GlyphCoverage m_coverage;
};

} // namespace hawker::studio::console
