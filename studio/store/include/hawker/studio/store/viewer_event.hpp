#pragma once
// A viewer event (docs/DESIGN.md "Viewer events") as Hawker keeps it, and the one
// validation path that the HTTP batch endpoint and `hawker ingest` share.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace hawker::studio {

class ViewerHasher;

enum class EventType : uint8_t {
    ViewStart,
    ViewEnd,
    Share,
    Follow,
    Comment,
    Like,
    ProductClick,
    AddToCart,
    OrderCreated,
    OrderPaid,
    Refund,
    CouponIssued,
    CouponRedeemed,
    /// A viewer paid to be seen (YouTube Super Chat or Super Sticker): an
    /// amount in the viewer's currency, not a sale, so never part of GMV.
    PaidEngagement,
};
constexpr int kEventTypeCount = 14;

/// The wire name ("view_start"); the inverse returns nullopt for an unknown name.
const char* toString(EventType type);
std::optional<EventType> eventTypeFromString(std::string_view name);

/// At equal ts a view_end goes before everything else (docs/DESIGN.md), so a
/// viewer who leaves and comes back in the same millisecond stays one presence.
inline int processingOrder(EventType type) {
    return type == EventType::ViewEnd ? 0 : 1;
}

/// Where an event came from: each sale records its source, so the review can
/// reconcile what was seen live against the platform's export afterwards.
/// Stored as its code in `events.origin` (table `event_origins`); rows
/// stored before origins were recorded have none.
enum class EventOrigin : uint8_t {
    Ingest,        ///< POST /sessions/{id}/events or `hawker ingest`
    Simulator,     ///< the simulated audience
    LiveWebhook,   ///< a selling platform's signed order webhook, during the show
    ExportFile,    ///< `hawker orders import`, after the show
    LiveConnector, ///< a live-comment connector (YouTube Live Chat, Douyin push)
};
constexpr int kEventOriginCount = 5;

/// The stored name ("live webhook"); the inverse returns nullopt for an unknown name.
const char* toString(EventOrigin origin);
std::optional<EventOrigin> eventOriginFromString(std::string_view name);

struct ViewerEvent {
    std::string id;
    EventType type = EventType::ViewStart;
    int64_t ts = 0; ///< UTC ms
    std::string platform;
    /// The viewer as the first 64 bits of the salted HMAC (ViewerHasher): enough
    /// to count distinct viewers, impossible to read back. 0 when the type has none.
    int64_t viewer = 0;
    std::string sku, orderId, coupon;
    std::string text;       ///< comment text
    std::string maskedName; ///< comment author's display name, masked ("小***8"); never the raw name
    int64_t quantity = 1;   ///< like count, add_to_cart / order qty
    int64_t amountCents = 0;
    /// paid_engagement: the amount in millionths of `currency` (ISO 4217,
    /// "USD"); a platform's viewers pay in many currencies, so these are
    /// kept apart and never converted.
    int64_t amountMicros = 0;
    std::string currency;
    EventOrigin origin = EventOrigin::Ingest;
};

/// One event of a batch that was refused, by its position in the batch.
struct EventRejection {
    size_t index = 0;
    std::string id; ///< when the event had a readable id
    std::string reason;
};

struct ParsedEvents {
    std::vector<ViewerEvent> events;
    std::vector<EventRejection> rejected;
};

/// The body as a whole is unusable (not JSON, no "events" list, too many events).
class BatchError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Largest batch one request may carry; bigger ones are refused whole.
constexpr size_t kMaxBatchEvents = 50000;

/// Validates one event object; nullopt with `reason` set when it is refused.
std::optional<ViewerEvent> parseEvent(const nlohmann::json& object, const ViewerHasher& hasher,
                                      std::string& reason);
/// An event's fields as a program already holds them (an export's row, a
/// webhook's order): an absent optional is an absent field. eventFromFields
/// checks them by the same rules, with the same reasons, as parseEvent checks
/// a JSON object, without building one per event.
struct EventFields {
    std::optional<std::string_view> id, type, platform, viewer, text, name, sku, orderId, coupon, currency;
    std::optional<int64_t> ts, count, qty, amountCents, amountMicros;
};
std::optional<ViewerEvent> eventFromFields(const EventFields& fields, const ViewerHasher& hasher,
                                           std::string& reason);
/// A `{"events":[…]}` body. Invalid UTF-8 inside one event rejects that event
/// only. Throws BatchError when the body itself is unusable.
ParsedEvents parseEventBatch(std::string_view body, const ViewerHasher& hasher);
/// JSON Lines: one event per line (blank lines skipped); `index` is the line number - 1.
ParsedEvents parseEventLines(std::string_view text, const ViewerHasher& hasher);

/// {"accepted":N,"duplicates":N,"rejected":[{"index":i,"id":…,"reason":…}]}
nlohmann::json ingestReply(size_t accepted, size_t duplicates, const std::vector<EventRejection>& rejected);

} // namespace hawker::studio
