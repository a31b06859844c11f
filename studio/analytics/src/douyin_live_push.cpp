#include "hawker/studio/analytics/douyin_live_push.hpp"

#include <nlohmann/json.hpp>

#include "hawker/studio/base/viewer_hasher.hpp"

namespace hawker::studio {

using nlohmann::json;

namespace {

constexpr size_t kMaxMessageId = 96;                  ///< the event id's limit is 128 bytes
constexpr int64_t kSecondsBefore = 100'000'000'000LL; ///< below this a timestamp is in seconds

std::string textOf(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
    if (it->is_number_unsigned()) return std::to_string(it->get<uint64_t>());
    return {};
}

int64_t timeOf(const json& object, int64_t nowMs) {
    const auto it = object.find("timestamp");
    int64_t value = 0;
    if (it != object.end() && it->is_number_integer()) value = it->get<int64_t>();
    if (it != object.end() && it->is_string()) {
        const std::string& text = it->get_ref<const std::string&>();
        if (!text.empty() && text.size() < 19 && text.find_first_not_of("0123456789") == std::string::npos)
            value = std::stoll(text);
    }
    if (value <= 0) return nowMs;
    return value < kSecondsBefore ? value * 1000 : value;
}

/// One message through the one event path; a refusal rejects that message only.
void addMessage(WebhookEvents& out, std::string_view msgType, const json& message, const ViewerHasher& hasher,
                int64_t nowMs) {
    if (!message.is_object()) return out.rejected.push_back("a message is not a JSON object");
    const std::string msgId = textOf(message, "msg_id");
    if (msgId.empty() || msgId.size() > kMaxMessageId)
        return out.rejected.push_back("a message has no usable msg_id");
    // The documents write both spellings of the viewer's open id.
    std::string openId = textOf(message, "sec_openid");
    if (openId.empty()) openId = textOf(message, "sec_open_id");
    if (openId.empty()) return out.rejected.push_back("msg_id " + msgId + ": no sec_openid");
    const std::string id = "douyin-live:" + msgId;
    const std::string viewer = "douyin:" + openId;
    EventFields fields;
    fields.id = id;
    fields.ts = timeOf(message, nowMs);
    fields.platform = "douyin";
    fields.viewer = viewer;
    std::string content, nickname, count;
    if (msgType == "live_comment") {
        content = textOf(message, "content");
        nickname = textOf(message, "nickname");
        fields.type = "comment";
        fields.text = content;
        if (!nickname.empty()) fields.name = nickname;
    } else {
        count = textOf(message, "like_num");
        int64_t likes = 1;
        if (!count.empty() && count.size() < 10 && count.find_first_not_of("0123456789") == std::string::npos)
            likes = std::stoll(count);
        fields.type = "like";
        fields.count = likes;
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
