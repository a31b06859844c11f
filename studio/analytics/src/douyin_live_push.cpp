#include "hawker/studio/analytics/douyin_live_push.hpp"

#include <nlohmann/json.hpp>

#include "hawker/studio/base/json_read.hpp"
#include "hawker/studio/base/viewer_hasher.hpp"

namespace hawker::studio {

using nlohmann::json;

namespace {

constexpr size_t kMaxMessageId = 96;                  ///< the event id's limit is 128 bytes
constexpr int64_t kSecondsBefore = 100'000'000'000LL; ///< below this a timestamp is in seconds

int64_t timeOf(const json& object, int64_t nowMs) {
    const int64_t value = json_read::digitsAt(object, "timestamp").value_or(0);
    if (value <= 0) return nowMs;
    return value < kSecondsBefore ? value * 1000 : value;
}

/// One message through the one event path; a refusal rejects that message only.
void addMessage(WebhookEvents& out, std::string_view msgType, const json& message, const ViewerHasher& hasher,
                int64_t nowMs) {
    if (!message.is_object()) return out.rejected.push_back("a message is not a JSON object");
    const std::string msgId = json_read::idAt(message, "msg_id");
    if (msgId.empty() || msgId.size() > kMaxMessageId)
        return out.rejected.push_back("a message has no usable msg_id");
    // The documents write both spellings of the viewer's open id.
    std::string openId = json_read::idAt(message, "sec_openid");
    if (openId.empty()) openId = json_read::idAt(message, "sec_open_id");
    if (openId.empty()) return out.rejected.push_back("msg_id " + msgId + ": no sec_openid");
    const std::string id = "douyin-live:" + msgId;
    const std::string viewer = "douyin:" + openId;
    EventFields fields;
    fields.id = id;
    fields.ts = timeOf(message, nowMs);
    fields.platform = "douyin";
    fields.viewer = viewer;
    std::string content, nickname;
    if (msgType == "live_comment") {
        content = json_read::stringAt(message, "content");
        nickname = json_read::stringAt(message, "nickname");
        fields.type = "comment";
        fields.text = content;
        if (!nickname.empty()) fields.name = nickname;
    } else {
        fields.type = "like";
        fields.count = json_read::digitsAt(message, "like_num").value_or(1); // the contract checks its range
    }
    std::string reason;
    auto event = eventFromFields(fields, hasher, reason);
    if (!event) return out.rejected.push_back("msg_id " + msgId + ": " + reason);
    event->origin = EventOrigin::LiveConnector;
    out.events.push_back(std::move(*event));
}

} // namespace

WebhookEvents douyinLivePushEvents(std::string_view msgType, std::string_view body,
                                   const ViewerHasher& hasher, int64_t nowMs) {
    const json value = json::parse(body, nullptr, false);
    if (value.is_discarded()) throw WebhookBodyError("the body is not JSON");
    if (!value.is_array() && !value.is_object())
        throw WebhookBodyError("the body is not a JSON array of messages");
    WebhookEvents out;
    const bool counted = msgType == "live_comment" || msgType == "live_like";
    auto each = [&](const json& message) {
        ++out.messages;
        if (!counted) {
            ++out.ignored; // gifts and fan-club joins: no event of Hawker's contract carries them
            return;
        }
        addMessage(out, msgType, message, hasher, nowMs);
    };
    if (value.is_array())
        for (const json& message : value)
            each(message);
    else
        each(value);
    return out;
}

} // namespace hawker::studio
