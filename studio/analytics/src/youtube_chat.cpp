#include "hawker/studio/analytics/youtube_chat.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "hawker/studio/analytics/order_values.hpp"
#include "hawker/studio/base/json_read.hpp"
#include "hawker/studio/base/viewer_hasher.hpp"

namespace hawker::studio {

using nlohmann::json;

namespace {

constexpr size_t kMaxMessageId = 100; ///< the event id's limit is 128 bytes

const json* child(const json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    const auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::string text(const json& object, const char* key) {
    return json_read::stringAt(object, key);
}

/// amountMicros comes as a string of digits ("5000000" is 5.00).
int64_t micros(const json& details) {
    const json* value = child(details, "amountMicros");
    if (!value) return 0;
    if (value->is_number_unsigned()) return static_cast<int64_t>(value->get<uint64_t>());
    if (value->is_number_integer()) return value->get<int64_t>();
    if (!value->is_string()) return 0;
    const std::string& digits = value->get_ref<const std::string&>();
    if (digits.empty() || digits.size() > 15 || digits.find_first_not_of("0123456789") != std::string::npos)
        return 0;
    return std::stoll(digits);
}

/// A text message becomes a `comment`; a Super Chat or Super Sticker (with
/// its `details`) a `paid_engagement` carrying its amount and the viewer's words.
void addMessage(YouTubeChatPage& page, const json& item, const json& snippet, const std::string& message,
                const json* paidDetails, const ViewerHasher& hasher) {
    const std::string messageId = text(item, "id");
    if (messageId.empty() || messageId.size() > kMaxMessageId)
        return page.rejected.push_back("an item has no usable id");
    std::string reason;
    const auto ts = parseExportTime(text(snippet, "publishedAt"), "UTC", reason);
    if (!ts) return page.rejected.push_back(messageId + ": publishedAt: " + reason);
    const json* author = child(item, "authorDetails");
    std::string channel = author ? text(*author, "channelId") : std::string();
    if (channel.empty()) channel = text(snippet, "authorChannelId");
    if (channel.empty()) return page.rejected.push_back(messageId + ": no author channel");
    const std::string id = "youtube:" + messageId, viewer = "youtube:" + channel;
    const std::string name = author ? text(*author, "displayName") : std::string();
    std::string currency;
    EventFields fields;
    fields.id = id;
    fields.ts = *ts;
    fields.platform = "youtube";
    fields.viewer = viewer;
    if (!name.empty()) fields.name = name;
    if (paidDetails) {
        fields.type = "paid_engagement";
        currency = text(*paidDetails, "currency");
        fields.currency = currency;
        fields.amountMicros = micros(*paidDetails);
        if (!message.empty()) fields.text = message;
    } else {
        fields.type = "comment";
        fields.text = message;
    }
    auto event = eventFromFields(fields, hasher, reason);
    if (!event) return page.rejected.push_back(messageId + ": " + reason);
    event->origin = EventOrigin::LiveConnector;
    if (paidDetails) {
        ++page.superChats;
        page.superChatMicros[event->currency] += event->amountMicros;
    }
    page.comments.push_back(std::move(*event));
}

} // namespace

YouTubeChatPage youtubeChatPage(std::string_view body, const ViewerHasher& hasher) {
    const json root = json::parse(body, nullptr, false);
    if (root.is_discarded() || !root.is_object()) throw std::runtime_error("the answer is not a JSON object");
    YouTubeChatPage page;
    page.nextPageToken = text(root, "nextPageToken");
    if (const json* interval = child(root, "pollingIntervalMillis");
        interval && interval->is_number_integer())
        page.pollingIntervalMs = std::max<int64_t>(0, interval->get<int64_t>());
    page.offline = child(root, "offlineAt") != nullptr;
    const json* items = child(root, "items");
    if (!items) return page;
    if (!items->is_array()) throw std::runtime_error("items is not a list");
    for (const json& item : *items) {
        const json* snippet = child(item, "snippet");
        if (!snippet) {
            page.rejected.push_back("an item has no snippet");
            continue;
        }
        const std::string type = text(*snippet, "type");
        if (type == "textMessageEvent") {
            const json* details = child(*snippet, "textMessageDetails");
            std::string message = details ? text(*details, "messageText") : std::string();
            if (message.empty()) message = text(*snippet, "displayMessage");
            addMessage(page, item, *snippet, message, nullptr, hasher);
        } else if (type == "superChatEvent" || type == "superStickerEvent") {
            const json* details =
                child(*snippet, type == "superChatEvent" ? "superChatDetails" : "superStickerDetails");
            if (!details) {
                page.rejected.push_back(text(item, "id") + ": " + type + " without its details");
                continue;
            }
            // The viewer's words go to the feed with the amount; a sticker has
            // none, and its displayMessage names the sticker.
            std::string message = text(*details, "userComment");
            if (message.empty()) message = text(*snippet, "displayMessage");
            addMessage(page, item, *snippet, message, details, hasher);
        } else if (type == "messageDeletedEvent") {
            const json* details = child(*snippet, "messageDeletedDetails");
            const std::string gone = details ? text(*details, "deletedMessageId") : std::string();
            if (gone.empty() || gone.size() > kMaxMessageId)
                page.rejected.push_back("a deletion names no message");
            else
                page.deletedIds.push_back("youtube:" + gone);
        } else {
            ++page.ignored;
        }
    }
    return page;
}

std::string youtubeErrorReason(std::string_view body) {
    const json root = json::parse(body, nullptr, false);
    if (root.is_discarded()) return {};
    const json* error = child(root, "error");
    if (!error) return {};
    const json* errors = child(*error, "errors");
    if (errors && errors->is_array() && !errors->empty()) return text((*errors)[0], "reason");
    return text(*error, "status");
}

} // namespace hawker::studio
