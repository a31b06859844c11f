#pragma once
// What one page of YouTube's liveChatMessages.list becomes (docs/PLATFORMS.md
// "Live comments"). Event ids are made from the message ids, so a message
// seen on two pages is one event.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "hawker/studio/store/viewer_event.hpp"

namespace hawker::studio {

class ViewerHasher;

struct YouTubeChatPage {
    /// Text messages as `comment`; Super Chats and Super Stickers as `paid_engagement`.
    std::vector<ViewerEvent> comments;
    std::vector<std::string> deletedIds; ///< event ids of messages a moderator or their author deleted
    std::string nextPageToken;           ///< where the next call starts
    int64_t pollingIntervalMs = 0;       ///< how long to wait before it (0: not given)
    bool offline = false;                ///< offlineAt: the chat has ended, stop polling
    int64_t superChats = 0;              ///< Super Chats and Super Stickers on the page, as stored
    std::map<std::string, int64_t> superChatMicros; ///< their amounts by currency, in micros
    size_t ignored = 0;                             ///< other kinds (new sponsor, ban, poll…)
    std::vector<std::string> rejected;              ///< unusable items, with the reason
};

/// Throws std::runtime_error when the body is not a liveChatMessageListResponse at all.
YouTubeChatPage youtubeChatPage(std::string_view body, const ViewerHasher& hasher);

/// The reason of an error answer (error.errors[0].reason: quotaExceeded,
/// rateLimitExceeded, liveChatEnded, forbidden…), or "" when it has none.
std::string youtubeErrorReason(std::string_view body);

} // namespace hawker::studio
