#include "hawker/studio/store/viewer_event.hpp"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include "hawker/overlay/utf8.hpp"
#include "hawker/studio/base/json_read.hpp"
#include "hawker/studio/base/viewer_hasher.hpp"
#include "hawker/studio/base/viewer_name.hpp"

namespace hawker::studio {

using nlohmann::json;

namespace {

constexpr std::array<const char*, kEventTypeCount> kTypeNames = {
    "view_start", "view_end",      "share",           "follow",          "comment",
    "like",       "product_click", "add_to_cart",     "order_created",   "order_paid",
    "refund",     "coupon_issued", "coupon_redeemed", "paid_engagement",
};

// The names in the event_origins table (database.cpp), in code order.
constexpr std::array<const char*, kEventOriginCount> kOriginNames = {
    "ingest", "simulator", "live webhook", "export file", "live connector",
};

// Plausible event times: 2000-01-01 .. 2100-01-01 UTC. A ts in seconds, or a
// counter, is a sender's bug that would put the event decades off its show.
constexpr int64_t kMinTs = 946684800000LL;
constexpr int64_t kMaxTs = 4102444800000LL;
constexpr int64_t kMaxAmountCents = 10'000'000'000LL; // ¥100 million: beyond any one order
constexpr int64_t kMaxQuantity = 100'000;
constexpr int64_t kMaxLikes = 1'000'000;
constexpr int64_t kMaxAmountMicros = 1'000'000'000'000'000LL; // a billion units of any currency

/// ISO 4217's shape: three capital letters ("USD", "JPY").
bool isCurrencyCode(std::string_view code) {
    return code.size() == 3 &&
           std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Invalid UTF-8 bytes are replaced by this noncharacter before the JSON parser
// sees the body, so one bad event does not make the whole batch unreadable;
// any event that still holds it is refused as bad UTF-8.
constexpr std::string_view kBadByte = "\xF4\x8F\xBF\xBF"; // U+10FFFF

/// Length of the valid sequence at `i`, or 0; the marker itself is never legitimate input.
size_t validSequence(std::string_view s, size_t i) {
    uint32_t codepoint = 0;
    const size_t n = overlay::validUtf8Sequence(s, i, codepoint);
    return codepoint == 0x10FFFF ? 0 : n;
}

/// `body` with every invalid byte replaced by the marker, and `changed` set;
/// empty (and `changed` false) when the body is clean.
std::string markInvalidUtf8(std::string_view body, bool& changed) {
    changed = false;
    std::string out;
    for (size_t i = 0; i < body.size();) {
        if (static_cast<unsigned char>(body[i]) < 0x80) { // ASCII, most of any body: no decoding
            if (changed) out += body[i];
            ++i;
            continue;
        }
        const size_t n = validSequence(body, i);
        if (n == 0) {
            if (!changed) {
                out.reserve(body.size() + 16);
                out.assign(body.substr(0, i));
                changed = true;
            }
            out += kBadByte;
            ++i;
            continue;
        }
        if (changed) out.append(body.substr(i, n));
        i += n;
    }
    return out; // empty when nothing changed: the caller uses the original
}

/// The contract's reads are studio/base's checked ones, so every reason names the field ("qty is missing",
/// "sku must be a string"); the one check of its own is for text that was not valid UTF-8, which carries
/// kBadByte by now and says so before anything is said about its length.
struct Fields {
    const json& object;
    std::string& reason;
    json_read::FieldReader reader{object, reason};

    static json_read::Need need(bool required) {
        return required ? json_read::Need::Required : json_read::Need::Optional;
    }
    bool string(const char* key, std::string& out, bool required, size_t maxBytes) {
        const json* value = reader.find(key);
        if (value && value->is_string() &&
            value->get_ref<const std::string&>().find(kBadByte) != std::string::npos)
            return reader.fail(key, "is not valid UTF-8");
        return reader.string(key, out, need(required), maxBytes);
    }
    bool integer(const char* key, int64_t& out, bool required, int64_t min, int64_t max, const char* what) {
        return reader.integer(key, out, need(required), min, max, what);
    }
};

/// Fields a program already holds, read with the limits and reasons of Fields:
/// the keys are the wire names, so readEvent reads both sources alike.
struct TypedFields {
    const EventFields& in;
    std::string& reason;

    bool fail(std::string_view key, std::string_view what) {
        reason.assign(key);
        reason += ' ';
        reason += what;
        return false;
    }
    const std::optional<std::string_view>* text(std::string_view key) const {
        if (key == "id") return &in.id;
        if (key == "type") return &in.type;
        if (key == "platform") return &in.platform;
        if (key == "viewer") return &in.viewer;
        if (key == "text") return &in.text;
        if (key == "name") return &in.name;
        if (key == "sku") return &in.sku;
        if (key == "order_id") return &in.orderId;
        if (key == "coupon") return &in.coupon;
        if (key == "currency") return &in.currency;
        return nullptr;
    }
    const std::optional<int64_t>* number(std::string_view key) const {
        if (key == "ts") return &in.ts;
        if (key == "count") return &in.count;
        if (key == "qty") return &in.qty;
        if (key == "amount_cents") return &in.amountCents;
        if (key == "amount_micros") return &in.amountMicros;
        return nullptr;
    }
    bool string(const char* key, std::string& out, bool required, size_t maxBytes) {
        const std::optional<std::string_view>* field = text(key);
        if (!field || !*field) return required ? fail(key, "is missing") : true;
        const std::string_view value = **field;
        if (value.find(kBadByte) != std::string_view::npos || !overlay::isValidUtf8(value))
            return fail(key, "is not valid UTF-8");
        if (required && value.empty()) return fail(key, "is empty");
        if (value.size() > maxBytes)
            return fail(key, "is longer than " + std::to_string(maxBytes) + " bytes");
        out.assign(value);
        return true;
    }
    bool integer(const char* key, int64_t& out, bool required, int64_t min, int64_t max, const char* what) {
        const std::optional<int64_t>* field = number(key);
        if (!field || !*field) return required ? fail(key, "is missing") : true;
        const int64_t value = **field;
        if (value < 0 && min >= 0) return fail(key, "is negative");
        if (value < min || value > max) return fail(key, "is out of range (" + std::string(what) + ")");
        out = value;
        return true;
    }
};

bool needsViewer(EventType type) {
    return type != EventType::Refund;
}

} // namespace

const char* toString(EventType type) {
    return kTypeNames[static_cast<size_t>(type)];
}

std::optional<EventType> eventTypeFromString(std::string_view name) {
    for (size_t i = 0; i < kTypeNames.size(); ++i)
        if (name == kTypeNames[i]) return static_cast<EventType>(i);
    return std::nullopt;
}

const char* toString(EventOrigin origin) {
    return kOriginNames[static_cast<size_t>(origin)];
}

std::optional<EventOrigin> eventOriginFromString(std::string_view name) {
    for (size_t i = 0; i < kOriginNames.size(); ++i)
        if (name == kOriginNames[i]) return static_cast<EventOrigin>(i);
    return std::nullopt;
}

namespace {

/// The author's display name (optional), kept only masked ("小***8").
template <class Source>
bool readMaskedName(Source& f, ViewerEvent& event) {
    std::string name;
    if (!f.string("name", name, false, 256)) return false;
    if (!name.empty()) event.maskedName = maskViewerName(name);
    return true;
}

/// The contract itself, over either source of fields (Fields, TypedFields).
template <class Source>
std::optional<ViewerEvent> readEvent(Source& f, const ViewerHasher& hasher, std::string& reason) {
    ViewerEvent event;
    std::string typeName, viewer;
    if (!f.string("id", event.id, true, 128)) return std::nullopt;
    if (!f.string("type", typeName, true, 32)) return std::nullopt;
    const auto type = eventTypeFromString(typeName);
    if (!type) {
        reason = "unknown type '" + typeName + "'";
        return std::nullopt;
    }
    event.type = *type;
    if (!f.integer("ts", event.ts, true, kMinTs, kMaxTs, "UTC milliseconds between 2000 and 2100"))
        return std::nullopt;
    if (!f.string("platform", event.platform, false, 32)) return std::nullopt;
    if (needsViewer(event.type)) {
        if (!f.string("viewer", viewer, true, 256)) return std::nullopt;
        event.viewer = hasher.key(viewer);
    }
    switch (event.type) {
    case EventType::Comment: {
        if (!f.string("text", event.text, true, 2000)) return std::nullopt;
        if (!readMaskedName(f, event)) return std::nullopt;
        break;
    }
    case EventType::Like:
        if (!f.integer("count", event.quantity, false, 1, kMaxLikes, "1 to 1000000")) return std::nullopt;
        break;
    case EventType::ProductClick:
        if (!f.string("sku", event.sku, true, 64)) return std::nullopt;
        break;
    case EventType::AddToCart:
        if (!f.string("sku", event.sku, true, 64)) return std::nullopt;
        if (!f.integer("qty", event.quantity, false, 1, kMaxQuantity, "1 to 100000")) return std::nullopt;
        break;
    case EventType::OrderCreated:
    case EventType::OrderPaid:
        if (!f.string("order_id", event.orderId, true, 128)) return std::nullopt;
        if (!f.string("sku", event.sku, true, 64)) return std::nullopt;
        if (!f.integer("qty", event.quantity, true, 1, kMaxQuantity, "1 to 100000")) return std::nullopt;
        if (!f.integer("amount_cents", event.amountCents, true, 0, kMaxAmountCents, "0 to 10000000000 cents"))
            return std::nullopt;
        break;
    case EventType::Refund:
        if (!f.string("order_id", event.orderId, true, 128)) return std::nullopt;
        if (!f.integer("amount_cents", event.amountCents, true, 1, kMaxAmountCents, "1 to 10000000000 cents"))
            return std::nullopt;
        break;
    case EventType::CouponIssued:
    case EventType::CouponRedeemed:
        if (!f.string("coupon", event.coupon, true, 64)) return std::nullopt;
        break;
    case EventType::PaidEngagement: {
        if (!f.integer("amount_micros", event.amountMicros, true, 1, kMaxAmountMicros,
                       "1 to 1000000000000000 millionths"))
            return std::nullopt;
        if (!f.string("currency", event.currency, true, 8)) return std::nullopt;
        if (!isCurrencyCode(event.currency)) {
            reason = "currency must be an ISO 4217 code of three capital letters, like USD";
            return std::nullopt;
        }
        if (!f.string("text", event.text, false, 2000)) return std::nullopt;
        if (!readMaskedName(f, event)) return std::nullopt;
        break;
    }
    default:
        break;
    }
    return event;
}

} // namespace

std::optional<ViewerEvent> parseEvent(const json& object, const ViewerHasher& hasher, std::string& reason) {
    if (!object.is_object()) {
        reason = "an event must be a JSON object";
        return std::nullopt;
    }
    Fields f{object, reason};
    return readEvent(f, hasher, reason);
}

std::optional<ViewerEvent> eventFromFields(const EventFields& fields, const ViewerHasher& hasher,
                                           std::string& reason) {
    TypedFields f{fields, reason};
    return readEvent(f, hasher, reason);
}

namespace {
void addOne(ParsedEvents& out, const json& object, size_t index, const ViewerHasher& hasher) {
    std::string reason;
    if (auto event = parseEvent(object, hasher, reason)) {
        out.events.push_back(std::move(*event));
        return;
    }
    EventRejection rejection{index, {}, reason};
    if (object.is_object()) {
        auto id = object.find("id");
        if (id != object.end() && id->is_string() &&
            id->get_ref<const std::string&>().find(kBadByte) == std::string::npos &&
            id->get_ref<const std::string&>().size() <= 128)
            rejection.id = id->get<std::string>();
    }
    out.rejected.push_back(std::move(rejection));
}
} // namespace

ParsedEvents parseEventBatch(std::string_view body, const ViewerHasher& hasher) {
    bool changed = false;
    const std::string marked = markInvalidUtf8(body, changed);
    // A clean body (nearly always) is parsed in place, without a copy.
    json document = changed ? json::parse(marked, nullptr, false) : json::parse(body, nullptr, false);
    if (document.is_discarded()) throw BatchError("the body is not valid JSON");
    if (!document.is_object()) throw BatchError("the body must be a JSON object {\"events\": [...]}");
    auto events = document.find("events");
    if (events == document.end() || !events->is_array()) throw BatchError("the body has no \"events\" list");
    const json::array_t& list = events->get_ref<const json::array_t&>();
    if (list.size() > kMaxBatchEvents)
        throw BatchError("a batch holds at most " + std::to_string(kMaxBatchEvents) + " events, this one " +
                         std::to_string(list.size()));
    ParsedEvents out;
    out.events.reserve(list.size());
    for (size_t i = 0; i < list.size(); ++i)
        addOne(out, list[i], i, hasher);
    return out;
}

ParsedEvents parseEventLines(std::string_view text, const ViewerHasher& hasher) {
    ParsedEvents out;
    size_t index = 0;
    for (size_t start = 0; start <= text.size(); ++index) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        start = end + 1;
        if (line.find_first_not_of(" \t") == std::string_view::npos) {
            if (end == text.size()) break;
            continue;
        }
        bool changed = false;
        const std::string marked = markInvalidUtf8(line, changed);
        json object = changed ? json::parse(marked, nullptr, false) : json::parse(line, nullptr, false);
        if (object.is_discarded()) {
            out.rejected.push_back({index, {}, "line " + std::to_string(index + 1) + " is not valid JSON"});
        } else {
            addOne(out, object, index, hasher);
        }
        if (end == text.size()) break;
    }
    return out;
}

json ingestReply(size_t accepted, size_t duplicates, const std::vector<EventRejection>& rejected) {
    json list = json::array();
    for (const EventRejection& r : rejected) {
        json item = {{"index", r.index}, {"reason", r.reason}};
        if (!r.id.empty()) item["id"] = r.id;
        list.push_back(std::move(item));
    }
    return {{"accepted", accepted}, {"duplicates", duplicates}, {"rejected", std::move(list)}};
}

} // namespace hawker::studio
