#include "hawker/studio/show/timeline_row.hpp"

#include <cstdio>

namespace hawker::studio {

namespace {
using F = TimelineField;

std::string secondsText(int64_t ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(ms) / 1000.0);
    return text;
}

std::string rowsText(int64_t count) {
    return std::to_string(count) + (count == 1 ? " row" : " rows");
}

std::string inSlot(const std::string& what, const std::string& slot) {
    return what + " (slot " + slot + ")";
}

struct OfferEndInfo {
    OfferEnd reason;
    const char* name;
    const char* words;
};
constexpr OfferEndInfo kOfferEnds[] = {
    {OfferEnd::TimeUp, "time_up", "time up"},
    {OfferEnd::StoppedEarly, "stopped_early", "stopped early"},
    {OfferEnd::StoppedBeforeLaunch, "stopped_before_launch", "stopped before launch"},
    {OfferEnd::ShowEnded, "show_ended", "show ended"},
};

TimelineRow rowOf(TimelineKind kind, int64_t ms) {
    TimelineRow row;
    row.kind = kind;
    row.programMs = ms;
    return row;
}

TimelineRow offerRow(int64_t ms, std::string offer, OfferState::Phase step) {
    TimelineRow row = rowOf(TimelineKind::Offer, ms);
    row.offer = std::move(offer);
    row.step = step;
    return row;
}
} // namespace

const std::vector<TimelineKindInfo>& timelineKinds() {
    // The names are what every earlier version wrote in the event column:
    // they stay, so queries and reports over old and new sessions agree.
    static const std::vector<TimelineKindInfo> kinds = {
        {TimelineKind::Program, "program", {F::Scene, F::Transition}},
        {TimelineKind::CardShown, "card_shown", {F::Sku, F::Slot}},
        {TimelineKind::CardHidden, "card_hidden", {F::Slot, F::Graphic, F::Sku, F::Offer}},
        {TimelineKind::GraphicShown, "graphic_shown", {F::Graphic, F::Slot}},
        {TimelineKind::GraphicHidden, "graphic_hidden", {F::Slot, F::Graphic, F::Sku, F::Offer}},
        {TimelineKind::Offer, "offer", {F::Offer, F::Step}},
        {TimelineKind::Segment, "segment", {F::Index, F::SegmentKind, F::Title, F::RundownOnly}},
        {TimelineKind::SegmentOverrun, "segment_overrun", {F::Index, F::Title, F::PlannedSeconds}},
        {TimelineKind::SourceAdd, "source_add", {F::Source}},
        {TimelineKind::SourceRemove, "source_remove", {F::Source}},
        {TimelineKind::SourceEdit, "source_edit", {F::Source}},
        {TimelineKind::SourceReconnect, "source_reconnect", {F::Source}},
        {TimelineKind::ShowStop, "show_stop", {}},
        {TimelineKind::Output, "output", {F::Output, F::State, F::Note}},
        {TimelineKind::SessionResumed, "session_resumed", {F::GapMs, F::StoppedAtMs}},
        {TimelineKind::Database,
         "database",
         {F::Outage, F::OutageMs, F::WaitedRows, F::LostRows, F::LostFromMs, F::LostToMs}},
        {TimelineKind::Recording, "recording", {F::Output, F::File, F::BaseMs}},
    };
    return kinds;
}

const TimelineKindInfo& infoOf(TimelineKind kind) {
    for (const TimelineKindInfo& info : timelineKinds())
        if (info.kind == kind) return info;
    return timelineKinds().front(); // unreachable: the table lists every kind (a unit test checks)
}

const char* toString(TimelineKind kind) {
    return infoOf(kind).name;
}

std::optional<TimelineKind> parseTimelineKind(std::string_view name) {
    for (const TimelineKindInfo& info : timelineKinds())
        if (name == info.name) return info.kind;
    return std::nullopt;
}

const std::vector<TimelineField>& offerStepFields(OfferState::Phase step) {
    static const std::vector<TimelineField> announced = {
        F::Sku, F::Quantity, F::PriceCents, F::PrelaunchSeconds, F::Scheduled, F::Variant};
    static const std::vector<TimelineField> onSale = {F::Slot};
    static const std::vector<TimelineField> soldOut = {F::BeforeLaunch, F::Sku, F::AfterMs, F::Sold};
    static const std::vector<TimelineField> ended = {F::EndReason, F::Left};
    switch (step) {
    case OfferState::Phase::PreLaunch:
        return announced;
    case OfferState::Phase::OnSale:
        return onSale;
    case OfferState::Phase::SoldOut:
        return soldOut;
    case OfferState::Phase::Ended:
        return ended;
    }
    return ended;
}

const char* toString(OfferEnd reason) {
    for (const OfferEndInfo& info : kOfferEnds)
        if (info.reason == reason) return info.name;
    return "?";
}

const char* wordsOf(OfferEnd reason) {
    for (const OfferEndInfo& info : kOfferEnds)
        if (info.reason == reason) return info.words;
    return "?";
}

std::optional<OfferEnd> parseOfferEnd(std::string_view name) {
    for (const OfferEndInfo& info : kOfferEnds)
        if (name == info.name) return info.reason;
    return std::nullopt;
}

std::string TimelineRow::text() const {
    // The one place the words of the timeline are made. They are the words
    // earlier versions stored, so old and new sessions read alike.
    switch (kind) {
    case TimelineKind::Program:
        return scene + " (" + toString(transition) + ")";
    case TimelineKind::CardShown:
        return inSlot(sku, slot);
    case TimelineKind::GraphicShown:
        return inSlot(graphic, slot);
    case TimelineKind::CardHidden:
    case TimelineKind::GraphicHidden:
        if (!offer.empty()) return inSlot(graphic + " " + offer, slot);
        return inSlot(sku.empty() ? graphic : sku, slot);
    case TimelineKind::Offer:
        switch (step) {
        case OfferState::Phase::PreLaunch:
            return offer + " pre_launch: " + std::to_string(quantity) + " of " + sku + " at " +
                   std::to_string(priceCents) + " cents, launch in " + std::to_string(prelaunchSeconds) +
                   " s" + (scheduled ? " (scheduled)" : "") + (variant.empty() ? "" : " variant=" + variant);
        case OfferState::Phase::OnSale:
            return inSlot(offer + " on_sale", slot);
        case OfferState::Phase::SoldOut:
            if (beforeLaunch) return offer + " sold_out before launch: no stock of " + sku;
            return offer + " sold_out after " + std::to_string(afterMs) + " ms, " + std::to_string(sold) +
                   " sold";
        case OfferState::Phase::Ended:
            return offer + " ended: " + wordsOf(endReason) + ", " + std::to_string(left) + " left";
        }
        return offer;
    case TimelineKind::Segment:
        return "#" + std::to_string(index) + " " + studio::toString(segmentKind) + " " + title +
               (rundownOnly ? " (rundown only)" : "");
    case TimelineKind::SegmentOverrun:
        return "#" + std::to_string(index) + " " + title + " over its " + std::to_string(plannedSeconds) +
               " s";
    case TimelineKind::SourceAdd:
    case TimelineKind::SourceRemove:
    case TimelineKind::SourceEdit:
    case TimelineKind::SourceReconnect:
        return source;
    case TimelineKind::ShowStop:
        return "stopped by command";
    case TimelineKind::Output:
        return output + " " + state + (note.empty() ? "" : " " + note);
    case TimelineKind::SessionResumed:
        return "after a gap of " + std::to_string(gapMs) + " ms (the show stopped at " +
               std::to_string(stoppedAtMs) + " ms)";
    case TimelineKind::Database: {
        std::string words;
        if (outage)
            words = "writable again after " + secondsText(outageMs) + "; " + rowsText(waitedRows) + " waited";
        if (lostRows > 0)
            words += (words.empty() ? "" : "; ") + rowsText(lostRows) +
                     " dropped at the memory bound, program time " + secondsText(lostFromMs) + " to " +
                     secondsText(lostToMs);
        return words;
    }
    case TimelineKind::Recording:
        return output + " records to " + file;
    }
    return {};
}

TimelineRow TimelineRow::program(int64_t ms, std::string scene, TransitionKind transition) {
    TimelineRow row = rowOf(TimelineKind::Program, ms);
    row.scene = std::move(scene);
    row.transition = transition;
    return row;
}

TimelineRow TimelineRow::cardShown(int64_t ms, std::string sku, std::string slot) {
    TimelineRow row = rowOf(TimelineKind::CardShown, ms);
    row.sku = std::move(sku);
    row.slot = std::move(slot);
    return row;
}

TimelineRow TimelineRow::graphicShown(int64_t ms, std::string graphic, std::string slot) {
    TimelineRow row = rowOf(TimelineKind::GraphicShown, ms);
    row.graphic = std::move(graphic);
    row.slot = std::move(slot);
    return row;
}

TimelineRow TimelineRow::hidden(int64_t ms, std::string slot, std::string graphic, std::string sku,
                                std::string offer) {
    TimelineRow row = rowOf(graphic == "card" ? TimelineKind::CardHidden : TimelineKind::GraphicHidden, ms);
    row.slot = std::move(slot);
    row.graphic = std::move(graphic);
    row.sku = std::move(sku);
    row.offer = std::move(offer);
    return row;
}

TimelineRow TimelineRow::offerAnnounced(int64_t ms, std::string offer, std::string sku, int64_t quantity,
                                        int64_t priceCents, int64_t prelaunchSeconds, bool scheduled,
                                        std::string variant) {
    TimelineRow row = offerRow(ms, std::move(offer), OfferState::Phase::PreLaunch);
    row.sku = std::move(sku);
    row.quantity = quantity;
    row.priceCents = priceCents;
    row.prelaunchSeconds = prelaunchSeconds;
    row.scheduled = scheduled;
    row.variant = std::move(variant);
    return row;
}

TimelineRow TimelineRow::offerOnSale(int64_t ms, std::string offer, std::string slot) {
    TimelineRow row = offerRow(ms, std::move(offer), OfferState::Phase::OnSale);
    row.slot = std::move(slot);
    return row;
}

TimelineRow TimelineRow::offerSoldOut(int64_t ms, std::string offer, int64_t afterMs, int64_t sold) {
    TimelineRow row = offerRow(ms, std::move(offer), OfferState::Phase::SoldOut);
    row.afterMs = afterMs;
    row.sold = sold;
    return row;
}

TimelineRow TimelineRow::offerSoldOutBeforeLaunch(int64_t ms, std::string offer, std::string sku) {
    TimelineRow row = offerRow(ms, std::move(offer), OfferState::Phase::SoldOut);
    row.beforeLaunch = true;
    row.sku = std::move(sku);
    return row;
}

TimelineRow TimelineRow::offerEnded(int64_t ms, std::string offer, OfferEnd reason, int64_t left) {
    TimelineRow row = offerRow(ms, std::move(offer), OfferState::Phase::Ended);
    row.endReason = reason;
    row.left = left;
    return row;
}

TimelineRow TimelineRow::segment(int64_t ms, int64_t index, SegmentKind kind, std::string title,
                                 bool rundownOnly) {
    TimelineRow row = rowOf(TimelineKind::Segment, ms);
    row.index = index;
    row.segmentKind = kind;
    row.title = std::move(title);
    row.rundownOnly = rundownOnly;
    return row;
}

TimelineRow TimelineRow::segmentOverrun(int64_t ms, int64_t index, std::string title,
                                        int64_t plannedSeconds) {
    TimelineRow row = rowOf(TimelineKind::SegmentOverrun, ms);
    row.index = index;
    row.title = std::move(title);
    row.plannedSeconds = plannedSeconds;
    return row;
}

TimelineRow TimelineRow::sourceChange(TimelineKind kind, int64_t ms, std::string source) {
    TimelineRow row = rowOf(kind, ms);
    row.source = std::move(source);
    return row;
}

TimelineRow TimelineRow::showStop(int64_t ms) {
    return rowOf(TimelineKind::ShowStop, ms);
}

TimelineRow TimelineRow::outputChange(int64_t ms, std::string output, std::string state, std::string note) {
    TimelineRow row = rowOf(TimelineKind::Output, ms);
    row.output = std::move(output);
    row.state = std::move(state);
    row.note = std::move(note);
    return row;
}

TimelineRow TimelineRow::sessionResumed(int64_t ms, int64_t gapMs, int64_t stoppedAtMs) {
    TimelineRow row = rowOf(TimelineKind::SessionResumed, ms);
    row.gapMs = gapMs;
    row.stoppedAtMs = stoppedAtMs;
    return row;
}

TimelineRow TimelineRow::databaseRecovered(int64_t ms, bool outage, int64_t outageMs, int64_t waitedRows,
                                           int64_t lostRows, int64_t lostFromMs, int64_t lostToMs) {
    TimelineRow row = rowOf(TimelineKind::Database, ms);
    row.outage = outage;
    row.outageMs = outageMs;
    row.waitedRows = waitedRows;
    row.lostRows = lostRows;
    row.lostFromMs = lostFromMs;
    row.lostToMs = lostToMs;
    return row;
}

TimelineRow TimelineRow::recording(int64_t ms, std::string output, std::string file, int64_t baseMs) {
    TimelineRow row = rowOf(TimelineKind::Recording, ms);
    row.output = std::move(output);
    row.file = std::move(file);
    row.baseMs = baseMs;
    return row;
}

} // namespace hawker::studio
