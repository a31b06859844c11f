#pragma once
// One row of the on-air timeline, typed: what kind of change the audience
// saw (a scene cut, a card, a flash sale's step, a segment, an output, …)
// and the fields of that change. The human text the log, the database and
// the report show is generated from the fields (text()); nothing reads the
// text back. timelineKinds() is the one table of kinds: each kind's name
// (the event column) and the fields it carries.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hawker/studio/show/selling_spec.hpp"
#include "hawker/studio/show/show_file.hpp"
#include "hawker/studio/show/show_state.hpp"

namespace hawker::studio {

enum class TimelineKind {
    Program,         ///< a scene went on program (take or cut)
    CardShown,       ///< a product card went on air
    CardHidden,      ///< a product card came down
    GraphicShown,    ///< another graphic went on air (lower third, ticker, poll, …)
    GraphicHidden,   ///< another graphic came down (a flash sale's countdown too)
    Offer,           ///< a flash sale's step (pre_launch, on_sale, sold_out, ended)
    Segment,         ///< the rundown entered a segment
    SegmentOverrun,  ///< the segment ran over its planned time
    SourceAdd,       ///< a camera added during the show
    SourceRemove,    ///< … removed
    SourceEdit,      ///< … pointed at another input
    SourceReconnect, ///< … told to reconnect
    ShowStop,        ///< the show was stopped by a command
    Output,          ///< an output changed state (live, reconnecting, failed, stopped, …)
    SessionResumed,  ///< a killed show's session went on
    Database,        ///< the database took writes again after an outage, or rows were dropped
    Recording,       ///< a recording output opened a file (clips and chapters find it by this row)
};

/// How a flash sale ended (an offer row at step Ended).
enum class OfferEnd { TimeUp, StoppedEarly, StoppedBeforeLaunch, ShowEnded };

/// A field a kind carries; its key in the stored fields is timelineFieldKey().
enum class TimelineField {
    Scene,
    Transition,
    Slot,
    Graphic,
    Sku,
    Offer,
    Step,
    Quantity,
    PriceCents,
    PrelaunchSeconds,
    Scheduled,
    Variant,
    BeforeLaunch,
    AfterMs,
    Sold,
    EndReason,
    Left,
    Index,
    SegmentKind,
    Title,
    RundownOnly,
    PlannedSeconds,
    Source,
    Output,
    State,
    Note,
    GapMs,
    StoppedAtMs,
    Outage,
    OutageMs,
    WaitedRows,
    LostRows,
    LostFromMs,
    LostToMs,
    File,
    BaseMs,
};

struct TimelineKindInfo {
    TimelineKind kind;
    const char* name; ///< the event column, as every earlier version wrote it
    std::vector<TimelineField> fields;
};

/// Every kind, once, with its name and fields (an offer row's fields also
/// depend on its step: offerStepFields()).
const std::vector<TimelineKindInfo>& timelineKinds();
const TimelineKindInfo& infoOf(TimelineKind kind);
const char* toString(TimelineKind kind);
std::optional<TimelineKind> parseTimelineKind(std::string_view name);

/// The fields an offer row carries at `step`, besides Offer and Step.
const std::vector<TimelineField>& offerStepFields(OfferState::Phase step);
/// "time_up", "stopped_early", … (stored) and "time up", "stopped early", … (the text and the report).
const char* toString(OfferEnd reason);
const char* wordsOf(OfferEnd reason);
std::optional<OfferEnd> parseOfferEnd(std::string_view name);

struct TimelineRow {
    TimelineKind kind = TimelineKind::ShowStop;
    int64_t programMs = 0;

    // The fields; timelineKinds() says which of them a kind carries (the
    // others keep these defaults).
    std::string scene;                               ///< Program
    TransitionKind transition = TransitionKind::Cut; ///< Program
    std::string slot;                                ///< cards, graphics, offer on_sale
    std::string graphic; ///< the graphic's kind (card, countdown, lower_third, …)
    std::string sku;     ///< cards; a hidden graphic's product; an offer's product
    std::string offer;   ///< offer rows; the flash sale whose countdown was hidden
    OfferState::Phase step = OfferState::Phase::PreLaunch;
    int64_t quantity = 0, priceCents = 0, prelaunchSeconds = 0; ///< offer pre_launch
    bool scheduled = false;                                     ///< … started by the show file's start_at
    std::string variant;                                        ///< … its A/B label
    bool beforeLaunch = false;             ///< offer sold_out: the product ran out before the sale opened
    int64_t afterMs = 0, sold = 0;         ///< offer sold_out (after launch): how fast, how many
    OfferEnd endReason = OfferEnd::TimeUp; ///< offer ended
    int64_t left = 0;                      ///< … units left unsold
    int64_t index = 0;                     ///< Segment, SegmentOverrun: from 1, as the rundown counts
    SegmentKind segmentKind = SegmentKind::Product;
    std::string title;
    bool rundownOnly = false;        ///< Segment: entered with apply=false (its scene, card, offer untouched)
    int64_t plannedSeconds = 0;      ///< SegmentOverrun
    std::string source;              ///< Source*: the camera's id
    std::string output, state, note; ///< Output: its id, its state's name, what the output said
    int64_t gapMs = 0, stoppedAtMs = 0;                 ///< SessionResumed
    bool outage = false;                                ///< Database: writes had failed …
    int64_t outageMs = 0, waitedRows = 0;               ///< … this long, and this many rows waited
    int64_t lostRows = 0, lostFromMs = 0, lostToMs = 0; ///< rows dropped at the memory bound
    std::string file; ///< Recording: the file's absolute path (output holds the output's id)
    /// Recording: the program time of the file's timestamp zero. The encoder counts from the run's
    /// start, so a file opened later (output.start) or in a resumed run still maps by this one offset.
    int64_t baseMs = 0;

    /// The human text (the detail column, the log line, the report's show
    /// log), generated from the fields.
    std::string text() const;

    static TimelineRow program(int64_t ms, std::string scene, TransitionKind transition);
    static TimelineRow cardShown(int64_t ms, std::string sku, std::string slot);
    static TimelineRow graphicShown(int64_t ms, std::string graphic, std::string slot);
    /// card_hidden when `graphic` is a card, graphic_hidden otherwise; `offer`
    /// names the flash sale when its countdown comes down with offer.hide.
    static TimelineRow hidden(int64_t ms, std::string slot, std::string graphic, std::string sku,
                              std::string offer = {});
    static TimelineRow offerAnnounced(int64_t ms, std::string offer, std::string sku, int64_t quantity,
                                      int64_t priceCents, int64_t prelaunchSeconds, bool scheduled,
                                      std::string variant);
    static TimelineRow offerOnSale(int64_t ms, std::string offer, std::string slot);
    static TimelineRow offerSoldOut(int64_t ms, std::string offer, int64_t afterMs, int64_t sold);
    static TimelineRow offerSoldOutBeforeLaunch(int64_t ms, std::string offer, std::string sku);
    static TimelineRow offerEnded(int64_t ms, std::string offer, OfferEnd reason, int64_t left);
    static TimelineRow segment(int64_t ms, int64_t index, SegmentKind kind, std::string title,
                               bool rundownOnly);
    static TimelineRow segmentOverrun(int64_t ms, int64_t index, std::string title, int64_t plannedSeconds);
    /// `kind` is one of SourceAdd, SourceRemove, SourceEdit, SourceReconnect.
    static TimelineRow sourceChange(TimelineKind kind, int64_t ms, std::string source);
    static TimelineRow showStop(int64_t ms);
    static TimelineRow outputChange(int64_t ms, std::string output, std::string state, std::string note);
    static TimelineRow sessionResumed(int64_t ms, int64_t gapMs, int64_t stoppedAtMs);
    /// What a write after an outage (`outage`) or after dropped rows (lostRows > 0) adds.
    static TimelineRow databaseRecovered(int64_t ms, bool outage, int64_t outageMs, int64_t waitedRows,
                                         int64_t lostRows, int64_t lostFromMs, int64_t lostToMs);
    static TimelineRow recording(int64_t ms, std::string output, std::string file, int64_t baseMs);
};

} // namespace hawker::studio
