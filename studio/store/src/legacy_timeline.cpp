// LEGACY ONLY: see legacy_timeline.hpp. The shapes below are the words
// hawker wrote up to schema 4; TimelineRow::text() still writes the same.

#include "hawker/studio/store/legacy_timeline.hpp"

#include <charconv>
#include <vector>

#include "hawker/studio/show/timeline_fields.hpp"

namespace hawker::studio {

namespace {
using Phase = OfferState::Phase;

std::string wordAt(std::string_view text, size_t n) {
    size_t start = 0;
    for (; n > 0; --n) {
        start = text.find(' ', start);
        if (start == std::string_view::npos) return {};
        ++start;
    }
    return std::string(text.substr(start, text.find(' ', start) - start));
}

std::optional<int64_t> numberAfter(std::string_view text, std::string_view marker) {
    const size_t at = text.find(marker);
    if (at == std::string_view::npos) return std::nullopt;
    const char* from = text.data() + at + marker.size();
    int64_t value = 0;
    if (std::from_chars(from, text.data() + text.size(), value).ec != std::errc()) return std::nullopt;
    return value;
}

/// "#N …" → N, the segment's number.
std::optional<int64_t> segmentNumber(std::string_view text) {
    if (text.empty() || text[0] != '#') return std::nullopt;
    return numberAfter(text, "#");
}

/// "WHAT (slot SLOT)" → {WHAT, SLOT}.
std::optional<std::pair<std::string, std::string>> splitSlot(std::string_view text) {
    const size_t at = text.rfind(" (slot ");
    if (at == std::string_view::npos || text.back() != ')') return std::nullopt;
    return std::pair{std::string(text.substr(0, at)), std::string(text.substr(at + 7, text.size() - at - 8))};
}

std::optional<TimelineRow> legacyOffer(int64_t ms, std::string_view detail) {
    const std::string id = wordAt(detail, 0);
    std::string step = wordAt(detail, 1);
    if (!step.empty() && step.back() == ':') step.pop_back();
    if (step == "pre_launch") {
        // "ID pre_launch: Q of SKU at P cents, launch in S s[ (scheduled)][ variant=V]"
        const auto quantity = numberAfter(detail, "pre_launch: "), price = numberAfter(detail, " at ");
        const auto prelaunch = numberAfter(detail, "launch in ");
        const size_t of = detail.find(" of ");
        if (!quantity || !price || !prelaunch || of == std::string_view::npos) return std::nullopt;
        const size_t variant = detail.find(" variant=");
        return TimelineRow::offerAnnounced(
            ms, id, wordAt(detail.substr(of + 4), 0), *quantity, *price, *prelaunch,
            detail.find(" (scheduled)") != std::string_view::npos,
            variant == std::string_view::npos ? std::string() : wordAt(detail.substr(variant + 9), 0));
    }
    if (step == "on_sale") {
        const auto slot = splitSlot(detail);
        if (!slot) return std::nullopt;
        return TimelineRow::offerOnSale(ms, id, slot->second);
    }
    if (step == "sold_out") {
        const std::string_view noStock = " sold_out before launch: no stock of ";
        if (const size_t at = detail.find(noStock); at != std::string_view::npos)
            return TimelineRow::offerSoldOutBeforeLaunch(ms, id,
                                                         std::string(detail.substr(at + noStock.size())));
        const auto after = numberAfter(detail, "sold_out after "), sold = numberAfter(detail, "ms, ");
        if (!after || !sold) return std::nullopt;
        return TimelineRow::offerSoldOut(ms, id, *after, *sold);
    }
    if (step == "ended") {
        // "ID ended: REASON, N left"
        const size_t colon = detail.find(": "), comma = detail.find(", ");
        const auto left = numberAfter(detail, ", ");
        if (colon == std::string_view::npos || comma == std::string_view::npos || comma < colon || !left)
            return std::nullopt;
        const std::string_view words = detail.substr(colon + 2, comma - colon - 2);
        for (OfferEnd reason :
             {OfferEnd::TimeUp, OfferEnd::StoppedEarly, OfferEnd::StoppedBeforeLaunch, OfferEnd::ShowEnded})
            if (words == wordsOf(reason)) return TimelineRow::offerEnded(ms, id, reason, *left);
    }
    return std::nullopt;
}

std::optional<TimelineRow> legacySegment(int64_t ms, std::string_view detail) {
    // "#N KIND TITLE[ (rundown only)]"
    const auto index = segmentNumber(detail);
    const auto kind = parseSegmentKind(wordAt(detail, 1));
    if (!index || !kind) return std::nullopt;
    const size_t titleAt = detail.find(' ', detail.find(' ') + 1);
    std::string title =
        titleAt == std::string_view::npos ? std::string() : std::string(detail.substr(titleAt + 1));
    const std::string_view only = " (rundown only)";
    const bool rundownOnly = title.size() >= only.size() && title.ends_with(only);
    if (rundownOnly) title.resize(title.size() - only.size());
    return TimelineRow::segment(ms, *index, *kind, std::move(title), rundownOnly);
}
} // namespace

std::optional<TimelineRow> legacyTimelineRow(std::string_view event, const std::string& detail, int64_t ms) {
    const auto kind = parseTimelineKind(event);
    if (!kind) return std::nullopt;
    switch (*kind) {
    case TimelineKind::Program: { // "SCENE (cut|fade)"
        const size_t open = detail.rfind(" (");
        if (open == std::string::npos || detail.back() != ')') return std::nullopt;
        const auto transition = parseTransition(detail.substr(open + 2, detail.size() - open - 3));
        if (!transition) return std::nullopt;
        return TimelineRow::program(ms, detail.substr(0, open), *transition);
    }
    case TimelineKind::CardShown:
    case TimelineKind::CardHidden:
    case TimelineKind::GraphicShown: { // "SKU (slot SLOT)", "KIND (slot SLOT)"
        auto parts = splitSlot(detail);
        if (!parts) return std::nullopt;
        if (*kind == TimelineKind::CardShown) return TimelineRow::cardShown(ms, parts->first, parts->second);
        if (*kind == TimelineKind::GraphicShown)
            return TimelineRow::graphicShown(ms, parts->first, parts->second);
        return TimelineRow::hidden(ms, parts->second, "card", parts->first);
    }
    case TimelineKind::Offer:
        return legacyOffer(ms, detail);
    case TimelineKind::Segment:
        return legacySegment(ms, detail);
    case TimelineKind::SegmentOverrun: { // "#N TITLE over its S s"
        const size_t over = detail.rfind(" over its "), titleAt = detail.find(' ');
        if (over == std::string::npos || titleAt >= over) return std::nullopt;
        const auto index = segmentNumber(detail), planned = numberAfter(detail.substr(over), " over its ");
        if (!index || !planned) return std::nullopt;
        return TimelineRow::segmentOverrun(ms, *index, detail.substr(titleAt + 1, over - titleAt - 1),
                                           *planned);
    }
    case TimelineKind::SourceAdd:
    case TimelineKind::SourceRemove:
    case TimelineKind::SourceEdit:
    case TimelineKind::SourceReconnect:
        return TimelineRow::sourceChange(*kind, ms, detail);
    case TimelineKind::ShowStop:
        return TimelineRow::showStop(ms);
    case TimelineKind::Output: { // "ID STATE[ NOTE]"
        const size_t first = detail.find(' ');
        if (first == std::string::npos) return std::nullopt;
        const size_t second = detail.find(' ', first + 1);
        return TimelineRow::outputChange(
            ms, detail.substr(0, first), detail.substr(first + 1, second - first - 1),
            second == std::string::npos ? std::string() : detail.substr(second + 1));
    }
    case TimelineKind::SessionResumed: { // "after a gap of G ms (the show stopped at S ms)"
        const auto gap = numberAfter(detail, "after a gap of "), stopped = numberAfter(detail, "stopped at ");
        if (!gap || !stopped) return std::nullopt;
        return TimelineRow::sessionResumed(ms, *gap, *stopped);
    }
    case TimelineKind::GraphicHidden:
    case TimelineKind::Database:
    case TimelineKind::Recording: // written with its fields only (schema 5 and later)
        return std::nullopt;
    }
    return std::nullopt;
}

size_t fillLegacyTimelineFields(Database& db) {
    struct Untyped {
        int64_t id, programMs;
        std::string event, detail;
    };
    std::vector<Untyped> rows;
    {
        Statement select = db.prepare(
            "SELECT id, coalesce(program_ms, 0), event, detail FROM timeline WHERE fields IS NULL");
        while (select.step())
            rows.push_back({select.integer(0), select.integer(1), select.text(2), select.text(3)});
    }
    Statement update = db.prepare("UPDATE timeline SET fields = ?1 WHERE id = ?2");
    for (const Untyped& row : rows) {
        const auto typed = legacyTimelineRow(row.event, row.detail, row.programMs);
        update.bind(1, typed ? timelineFieldsText(*typed) : std::string("{}")).bind(2, row.id);
        update.run();
    }
    return rows.size();
}

} // namespace hawker::studio
