#pragma once
// The single owner of show state. Every change is a command: validated,
// applied, written to the audit log, and published as an immutable snapshot
// that the compositor and the views read without holding a lock.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "hawker/studio/show_file.hpp"

namespace hawker::studio {

struct Actor {
    std::string who;  ///< "automation", "cli", a user name
    std::string role; ///< operator, host, merchandiser, automation
};

struct Command {
    std::string name; ///< preview | take | cut | transition
    std::string scene;
    std::optional<TransitionKind> transition;
    std::optional<int> transitionMs;

    static Command preview(std::string scene) {
        return {"preview", std::move(scene), std::nullopt, std::nullopt};
    }
    static Command take() { return {"take", {}, std::nullopt, std::nullopt}; }
    static Command cut(std::string scene) { return {"cut", std::move(scene), std::nullopt, std::nullopt}; }
    static Command setTransition(std::optional<TransitionKind> kind, std::optional<int> ms) {
        return {"transition", {}, kind, ms};
    }
};

struct CommandResult {
    bool ok = false;
    std::string message;
};

struct ActiveTransition {
    std::string fromScene, toScene;
    TransitionKind kind = TransitionKind::Fade;
    int64_t startMs = 0;
    int durationMs = 0;
    /// 0..1 at program time `nowMs`.
    double progress(int64_t nowMs) const {
        if (durationMs <= 0) return 1.0;
        const double t = static_cast<double>(nowMs - startMs) / durationMs;
        return t < 0 ? 0 : (t > 1 ? 1 : t);
    }
};

struct ShowState {
    std::string program, preview;
    TransitionKind transition = TransitionKind::Fade;
    int transitionMs = 500;
    std::optional<ActiveTransition> active;
    uint64_t version = 0;
};

struct AuditEntry {
    int64_t utcMs = 0;
    int64_t programMs = 0;
    Actor actor;
    std::string command;
    bool ok = false;
    std::string message;
};

/// What the audience saw change, for the on-air timeline.
using TimelineHook =
    std::function<void(int64_t programMs, const std::string& event, const std::string& detail)>;

class ShowController {
public:
    explicit ShowController(const ShowSpec& show);

    CommandResult execute(const Command& command, const Actor& actor, int64_t programMs);
    /// Ends a transition whose time is up (called by the compositor each tick).
    void settle(int64_t programMs);
    std::shared_ptr<const ShowState> snapshot() const { return m_snapshot.load(); }
    std::vector<AuditEntry> audit() const;
    void setTimelineHook(TimelineHook hook);

private:
    CommandResult apply(const Command& command, ShowState& state, int64_t programMs);
    void publish(ShowState state);

    const ShowSpec& m_show;
    mutable std::mutex m_mutex;
    std::atomic<std::shared_ptr<const ShowState>> m_snapshot;
    std::vector<AuditEntry> m_audit;
    TimelineHook m_timeline;
};

} // namespace hawker::studio
