#include "hawker/studio/show/timeline_fields.hpp"

#include <type_traits>

#include "hawker/studio/base/secret_mask.hpp"

namespace hawker::studio {

namespace {
using nlohmann::json;
using F = TimelineField;

// One way to write and read each type a field has. Enums are stored by name,
// so the stored object says what it means without this code.
json encode(const std::string& value) {
    return value;
}
json encode(int64_t value) {
    return value;
}
json encode(bool value) {
    return value;
}
json encode(TransitionKind value) {
    return toString(value);
}
json encode(OfferState::Phase value) {
    return toString(value);
}
json encode(OfferEnd value) {
    return toString(value);
}
json encode(SegmentKind value) {
    return toString(value);
}

bool decode(const json& in, std::string& out) {
    if (!in.is_string()) return false;
    out = in.get<std::string>();
    return true;
}
bool decode(const json& in, int64_t& out) {
    if (!in.is_number_integer()) return false;
    out = in.get<int64_t>();
    return true;
}
bool decode(const json& in, bool& out) {
    if (!in.is_boolean()) return false;
    out = in.get<bool>();
    return true;
}
/// An enum stored by name: `parse` gives nullopt for a name it does not know.
template <typename Enum, typename Parse>
bool decodeName(const json& in, Enum& out, Parse parse) {
    if (!in.is_string()) return false;
    const auto parsed = parse(in.get<std::string>());
    if (!parsed) return false;
    out = *parsed;
    return true;
}
bool decode(const json& in, TransitionKind& out) {
    return decodeName(in, out, [](const std::string& name) { return parseTransition(name); });
}
bool decode(const json& in, OfferState::Phase& out) {
    return decodeName(in, out, [](const std::string& name) -> std::optional<OfferState::Phase> {
        for (auto phase : {OfferState::Phase::PreLaunch, OfferState::Phase::OnSale,
                           OfferState::Phase::SoldOut, OfferState::Phase::Ended})
            if (name == toString(phase)) return phase;
        return std::nullopt;
    });
}
bool decode(const json& in, OfferEnd& out) {
    return decodeName(in, out, [](const std::string& name) { return parseOfferEnd(name); });
}
bool decode(const json& in, SegmentKind& out) {
    return decodeName(in, out, [](const std::string& name) { return parseSegmentKind(name); });
}

template <auto Member>
json write(const TimelineRow& row) {
    return encode(row.*Member);
}
template <auto Member>
bool read(const json& in, TimelineRow& row) {
    return decode(in, row.*Member);
}
template <auto Member>
void mask(TimelineRow& row) {
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(row.*Member)>, std::string>)
        row.*Member = maskSecrets(std::move(row.*Member));
}

struct FieldSpec {
    TimelineField field;
    const char* key;
    json (*write)(const TimelineRow&);
    bool (*read)(const json&, TimelineRow&);
    void (*mask)(TimelineRow&);
};

template <auto Member>
constexpr FieldSpec spec(TimelineField field, const char* key) {
    return {field, key, &write<Member>, &read<Member>, &mask<Member>};
}

/// Every field once: its key and the member that holds it.
constexpr FieldSpec kFields[] = {
    spec<&TimelineRow::scene>(F::Scene, "scene"),
    spec<&TimelineRow::transition>(F::Transition, "transition"),
    spec<&TimelineRow::slot>(F::Slot, "slot"),
    spec<&TimelineRow::graphic>(F::Graphic, "graphic"),
    spec<&TimelineRow::sku>(F::Sku, "sku"),
    spec<&TimelineRow::offer>(F::Offer, "offer"),
    spec<&TimelineRow::step>(F::Step, "step"),
    spec<&TimelineRow::quantity>(F::Quantity, "quantity"),
    spec<&TimelineRow::priceCents>(F::PriceCents, "price_cents"),
    spec<&TimelineRow::prelaunchSeconds>(F::PrelaunchSeconds, "prelaunch_s"),
    spec<&TimelineRow::scheduled>(F::Scheduled, "scheduled"),
    spec<&TimelineRow::variant>(F::Variant, "variant"),
    spec<&TimelineRow::beforeLaunch>(F::BeforeLaunch, "before_launch"),
    spec<&TimelineRow::afterMs>(F::AfterMs, "after_ms"),
    spec<&TimelineRow::sold>(F::Sold, "sold"),
    spec<&TimelineRow::endReason>(F::EndReason, "reason"),
    spec<&TimelineRow::left>(F::Left, "left"),
    spec<&TimelineRow::index>(F::Index, "index"),
    spec<&TimelineRow::segmentKind>(F::SegmentKind, "segment_kind"),
    spec<&TimelineRow::title>(F::Title, "title"),
    spec<&TimelineRow::rundownOnly>(F::RundownOnly, "rundown_only"),
    spec<&TimelineRow::plannedSeconds>(F::PlannedSeconds, "planned_s"),
    spec<&TimelineRow::source>(F::Source, "source"),
    spec<&TimelineRow::output>(F::Output, "output"),
    spec<&TimelineRow::state>(F::State, "state"),
    spec<&TimelineRow::note>(F::Note, "note"),
    spec<&TimelineRow::gapMs>(F::GapMs, "gap_ms"),
    spec<&TimelineRow::stoppedAtMs>(F::StoppedAtMs, "stopped_at_ms"),
    spec<&TimelineRow::outage>(F::Outage, "outage"),
    spec<&TimelineRow::outageMs>(F::OutageMs, "outage_ms"),
    spec<&TimelineRow::waitedRows>(F::WaitedRows, "waited_rows"),
    spec<&TimelineRow::lostRows>(F::LostRows, "lost_rows"),
    spec<&TimelineRow::lostFromMs>(F::LostFromMs, "lost_from_ms"),
    spec<&TimelineRow::lostToMs>(F::LostToMs, "lost_to_ms"),
    spec<&TimelineRow::file>(F::File, "file"),
    spec<&TimelineRow::baseMs>(F::BaseMs, "base_ms"),
};

const FieldSpec& specOf(TimelineField field) {
    for (const FieldSpec& spec : kFields)
        if (spec.field == field) return spec;
    return kFields[0]; // unreachable: every field is listed (a unit test checks)
}

/// Reads `fields` of `in` into `row`; false at the first one missing or mistyped.
bool readAll(const std::vector<TimelineField>& fields, const json& in, TimelineRow& row) {
    for (TimelineField field : fields) {
        const FieldSpec& spec = specOf(field);
        const auto found = in.find(spec.key);
        if (found == in.end() || !spec.read(*found, row)) return false;
    }
    return true;
}
} // namespace

const char* timelineFieldKey(TimelineField field) {
    return specOf(field).key;
}

std::vector<TimelineField> fieldsOf(const TimelineRow& row) {
    std::vector<TimelineField> fields = infoOf(row.kind).fields;
    if (row.kind == TimelineKind::Offer) {
        const auto& step = offerStepFields(row.step);
        fields.insert(fields.end(), step.begin(), step.end());
    }
    return fields;
}

json timelineFieldsJson(const TimelineRow& row) {
    json out = json::object();
    for (TimelineField field : fieldsOf(row)) {
        const FieldSpec& spec = specOf(field);
        out[spec.key] = spec.write(row);
    }
    return out;
}

std::string timelineFieldsText(const TimelineRow& row) {
    return timelineFieldsJson(row).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<TimelineRow> timelineRowFrom(std::string_view event, int64_t programMs, const json& fields) {
    const auto kind = parseTimelineKind(event);
    if (!kind || !fields.is_object()) return std::nullopt;
    TimelineRow row;
    row.kind = *kind;
    row.programMs = programMs;
    if (!readAll(infoOf(*kind).fields, fields, row)) return std::nullopt;
    // An offer row's other fields depend on its step, read just now.
    if (*kind == TimelineKind::Offer && !readAll(offerStepFields(row.step), fields, row)) return std::nullopt;
    return row;
}

TimelineRow withSecretsMasked(TimelineRow row) {
    for (const FieldSpec& spec : kFields)
        spec.mask(row);
    return row;
}

} // namespace hawker::studio
