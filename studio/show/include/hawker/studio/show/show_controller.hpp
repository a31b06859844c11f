#pragma once
// The single owner of show state. Every change is a command: validated,
// applied, written to the audit log, and published as an immutable snapshot
// that the compositor and the views read without holding a lock.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "hawker/studio/base/bounded_ring.hpp"
#include "hawker/studio/base/phrase.hpp"
#include "hawker/studio/base/viewer_hasher.hpp"
#include "hawker/studio/show/role.hpp"
#include "hawker/studio/show/show_file.hpp"
#include "hawker/studio/show/show_state.hpp"
#include "hawker/studio/show/timeline_row.hpp"

namespace hawker::studio {

struct Actor {
    /// The person: an API token's name, the console's login (--who, or its
    /// token's name), a cue's actor, "automation". The compliance gate tells
    /// people apart by it, so one person's two tokens are one person.
    std::string who;
    Role role = Role::Automation;
};

struct Command {
    std::string name; ///< an entry of commandTable() (command_table.hpp): take, cut, card.show, …
    std::string scene;
    std::optional<TransitionKind> transition;
    std::optional<int> transitionMs;
    std::map<std::string, std::string> args; ///< named arguments: sku, slot, quantity, ...

    static Command preview(std::string scene) {
        return {"preview", std::move(scene), std::nullopt, std::nullopt, {}};
    }
    static Command take() { return {"take", {}, std::nullopt, std::nullopt, {}}; }
    static Command cut(std::string scene) {
        return {"cut", std::move(scene), std::nullopt, std::nullopt, {}};
    }
    static Command setTransition(std::optional<TransitionKind> kind, std::optional<int> ms) {
        return {"transition", {}, kind, ms, {}};
    }
    static Command named(std::string name, std::map<std::string, std::string> args) {
        return {std::move(name), {}, std::nullopt, std::nullopt, std::move(args)};
    }
};

struct CommandResult {
    /// Why a command was refused or not acknowledged, so each sender can say
    /// it its own way (the HTTP API maps them to 400, 403, 409 and 503).
    enum class Failure {
        None,
        Invalid,    ///< unknown command, missing or malformed argument
        NotAllowed, ///< the sender's role may not do this, or the compliance gate says no
        Conflict,   ///< not possible in the show's current state
        NotDurable, ///< it took effect on the program, but its record is not stored (yet)
    };
    bool ok = false;
    /// The answer in English: what the HTTP API, the audit and the log say.
    std::string message;
    Failure failure = Failure::Conflict;
    /// The same answer as words to say in the reader's language (the console's message line).
    i18n::Phrase said;

    static CommandResult done(i18n::Phrase said) { return make(true, std::move(said), Failure::None); }
    static CommandResult invalid(i18n::Phrase said) { return make(false, std::move(said), Failure::Invalid); }
    static CommandResult notAllowed(i18n::Phrase said) {
        return make(false, std::move(said), Failure::NotAllowed);
    }
    static CommandResult conflict(i18n::Phrase said) {
        return make(false, std::move(said), Failure::Conflict);
    }
    static CommandResult notDurable(i18n::Phrase said) {
        return make(false, std::move(said), Failure::NotDurable);
    }
    static CommandResult make(bool ok, i18n::Phrase said, Failure failure) {
        std::string english = i18n::say(i18n::Language::En, said);
        return {ok, std::move(english), failure, std::move(said)};
    }
    /// The show changed, whether or not the change is stored yet: a sender
    /// must not send it again.
    bool tookEffect() const { return ok || failure == Failure::NotDurable; }
};

struct AuditEntry {
    int64_t utcMs = 0;
    int64_t programMs = 0;
    Actor actor;
    std::string command;
    bool ok = false;
    std::string message;
};

/// Writes the scenes' layouts into the show file (File → Save show): the
/// show file's scenes an operator changed and those made from templates.
/// Nullopt once the file is durably written; else why it was not, said in
/// whichever language its reader reads.
using ShowSaveHook = std::function<std::optional<i18n::Phrase>(const std::vector<SceneSpec>& scenes)>;

/// What the audience saw change, for the on-air timeline: one typed row
/// (its text is row.text(), made from its fields).
using TimelineHook = std::function<void(const TimelineRow& row)>;

struct CommandSpec;
/// Builds commandTable() (command_table.cpp); the controller lets it name its handlers.
std::vector<CommandSpec> buildCommandTable();

class ShowController {
public:
    /// How many audit entries stay in memory (the newest; GET /api/v1/audit
    /// reads at most this many). The session database keeps every one.
    static constexpr size_t kAuditEntriesKept = 1000;

    explicit ShowController(const ShowSpec& show);
    /// Buyers' ids are kept only as this hasher's output (default: a random key per run).
    void setViewerHasher(std::shared_ptr<const ViewerHasher> hasher);
    /// Puts back the state of a show that stopped without ending (crash
    /// resume). The new run continues the program clock, so its times hold.
    void restore(ShowState state);

    CommandResult execute(const Command& command, const Actor& actor, int64_t programMs);
    /// Applies what time decides (called by the compositor each tick): ends a
    /// finished transition, starts scheduled flash sales, launches and ends
    /// them, flags a segment that runs over, drops graphics whose out-animation
    /// is over.
    void settle(int64_t programMs);
    /// The show ends: every flash sale still running ends with it (on the timeline with how many sold).
    void endRunningOffers(int64_t programMs);
    std::shared_ptr<const ShowState> snapshot() const { return m_snapshot.load(); }
    /// The newest `newest` of the audit entries held in memory (all of them by
    /// default: the newest kAuditEntriesKept of this run), oldest first.
    std::vector<AuditEntry> audit(size_t newest = SIZE_MAX) const;
    void setTimelineHook(TimelineHook hook);
    /// Called with every audit entry as it is made (the session's audit table).
    void setAuditHook(std::function<void(const AuditEntry&)> hook);
    /// How show.save writes the file; without one, show.save is refused.
    void setSaveHook(ShowSaveHook hook);

private:
    // The command table (command_table.cpp) names each command's handler.
    friend std::vector<CommandSpec> buildCommandTable();

    /// The one path of every command, the rundown's own included: looks it
    /// up, checks the sender's role and the arguments, runs its handler
    /// (execute() adds the audit and publishes).
    CommandResult apply(const Command& command, const Actor& actor, ShowState& state, int64_t programMs);
    // The handlers, one per family of commands, all of one shape.
    CommandResult applySwitcher(const Command& command, const Actor& actor, ShowState& state,
                                int64_t programMs);
    CommandResult applyAudio(const Command& command, const Actor& actor, ShowState& state, int64_t programMs);
    CommandResult applyGraphic(const Command& command, const Actor& actor, ShowState& state,
                               int64_t programMs);
    CommandResult applyOffer(const Command& command, const Actor& actor, ShowState& state, int64_t programMs);
    CommandResult applyApproval(const Command& command, const Actor& actor, ShowState& state,
                                int64_t programMs);
    CommandResult applyRundown(const Command& command, const Actor& actor, ShowState& state,
                               int64_t programMs);
    CommandResult applySource(const Command& command, const Actor& actor, ShowState& state,
                              int64_t programMs);
    CommandResult applyOutput(const Command& command, const Actor& actor, ShowState& state,
                              int64_t programMs);
    CommandResult applyCoupon(const Command& command, const Actor& actor, ShowState& state,
                              int64_t programMs);
    CommandResult applyLayout(const Command& command, const Actor& actor, ShowState& state,
                              int64_t programMs);
    CommandResult undoOrRedo(const Command& command, ShowState& state);
    CommandResult createScene(const Command& command, ShowState& state);
    CommandResult saveShow(ShowState& state);
    CommandResult applyShowStop(const Command& command, const Actor& actor, ShowState& state,
                                int64_t programMs);
    CommandResult startOffer(const Command& command, ShowState& state, int64_t programMs);
    CommandResult sellOffer(const Command& command, ShowState& state, int64_t programMs);
    CommandResult enterSegment(int index, bool apply, ShowState& state, int64_t programMs);
    /// Nullopt when `key` ("card:SKU", "offer:ID") may go on air for m_asker; else the refusal.
    std::optional<CommandResult> gate(const std::string& command, const std::string& key,
                                      const ShowState& state) const;
    void settleOffers(ShowState& state, int64_t programMs);
    void timeline(const TimelineRow& row);
    void publish(ShowState state);

    const ShowSpec& m_show;
    mutable std::mutex m_mutex;
    std::atomic<std::shared_ptr<const ShowState>> m_snapshot;
    BoundedRing<AuditEntry> m_audit{kAuditEntriesKept};
    TimelineHook m_timeline;
    std::function<void(const AuditEntry&)> m_auditHook;
    ShowSaveHook m_saveHook;
    std::shared_ptr<const ViewerHasher> m_hasher;
    /// The person whose command is being applied (under m_mutex): who asks for
    /// air. What the rundown shows for a segment acts for whoever advanced it.
    std::string m_asker;
};

} // namespace hawker::studio
