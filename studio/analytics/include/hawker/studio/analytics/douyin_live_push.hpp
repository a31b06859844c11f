#pragma once
// What a Douyin live-room data push (直播小玩法) becomes (docs/PLATFORMS.md
// "Live comments"). The caller has verified the push's x-signature; nothing
// here reads a secret. Event ids are made from the platform's msg_id, so a
// message the platform pushes twice is one event.

#include <cstdint>
#include <string_view>

#include "hawker/studio/analytics/order_webhooks.hpp"

namespace hawker::studio {

/// `msgType` is the x-msg-type header. The body is a JSON array of messages
/// (one object is accepted too). live_comment → `comment` (content, the
/// nickname masked, sec_openid hashed); live_like → `like` (like_num); every
/// other type (gifts, fan club) → ignored, counted. A message's timestamp may
/// be in seconds or milliseconds; `nowMs` dates one without any.
WebhookEvents douyinLivePushEvents(std::string_view msgType, std::string_view body,
                                   const ViewerHasher& hasher, int64_t nowMs);

} // namespace hawker::studio
