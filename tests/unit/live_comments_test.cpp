// Live comments: [[connectors]] in the show file, a YouTube Live Chat page
// and a Douyin 直播小玩法 push turned into events (made-up messages in the
// platforms' documented shapes).

#include <gtest/gtest.h>

#include <string>

#include "hawker/studio/analytics/douyin_live_push.hpp"
#include "hawker/studio/analytics/youtube_chat.hpp"
#include "hawker/studio/base/viewer_hasher.hpp"
#include "hawker/studio/show/show_file.hpp"

#include "api_show_text.hpp"

using namespace hawker::studio;

namespace {

const ViewerHasher& hasher() {
    static const ViewerHasher h("live-comments-test-key");
    return h;
}

const std::string& kShow = test::kShowWithApi;

std::string errorOf(const std::string& addition) {
    return test::showErrorOf(addition);
}

} // namespace

TEST(ConnectorConfig, ReadsOneEntryPerAccount) {
    const ShowSpec show = parseShow(kShow + R"(
[[connectors]]
name = "yt-main"
platform = "youtube"
live_chat_id = "Cg0KC-chat"
token_env = "YT_TOKEN"
[[connectors]]
name = "dy_room"
platform = "douyin-live"
secrets_file = "secrets.toml"
)",
                                    "show.toml", "/shows");
    ASSERT_EQ(show.connectors.size(), 2u);
    EXPECT_EQ(show.connectors[0].platform, ConnectorPlatform::YouTubeLiveChat);
    EXPECT_EQ(show.connectors[0].apiUrl, "https://www.googleapis.com");
    EXPECT_EQ(show.connectors[0].tokenEnv, "YT_TOKEN");
    EXPECT_EQ(show.connectors[1].platform, ConnectorPlatform::DouyinLivePush);
    EXPECT_EQ(show.connectors[1].secretsFile, "/shows/secrets.toml");
    EXPECT_EQ(show.connectors[1].secretsTable, "dy_room");
}

TEST(ConnectorConfig, RefusesMistakesWithAClearError) {
    const std::string yt = "[[connectors]]\nname = \"a\"\nplatform = \"youtube\"\nlive_chat_id = \"c\"\n";
    EXPECT_NE(errorOf("[[connectors]]\nname = \"a\"\nplatform = \"twitch\"\n").find("expected \"youtube\""),
              std::string::npos);
    EXPECT_NE(errorOf(yt).find("key_env"), std::string::npos); // no key named at all
    EXPECT_NE(errorOf(yt + "key_env = \"K\"\n" + yt + "key_env = \"K\"\n").find("a second connector named a"),
              std::string::npos);
    EXPECT_NE(errorOf("[[connectors]]\nname = \"a b\"\nplatform = \"douyin-live\"\nsecret_env = \"S\"\n")
                  .find("letters, digits"),
              std::string::npos);
    EXPECT_NE(errorOf("[[connectors]]\nname = \"d\"\nplatform = \"douyin-live\"\n").find("secret_env"),
              std::string::npos);
    EXPECT_NE(errorOf(yt + "key_env = \"K\"\napi_url = \"http://127.0.0.1:9/youtube\"\n").find("no path"),
              std::string::npos);
}

TEST(YouTubeChatPage, TextSuperChatDeletionAndPaging) {
    const std::string body = R"({"kind":"youtube#liveChatMessageListResponse","nextPageToken":"GgkKBw",
      "pollingIntervalMillis":2500,"items":[
      {"id":"m1","snippet":{"type":"textMessageEvent","publishedAt":"2026-12-05T12:00:01.5+00:00",
        "displayMessage":"好看","textMessageDetails":{"messageText":"好看"}},
       "authorDetails":{"channelId":"UC1","displayName":"Lucy Chen"}},
      {"id":"m2","snippet":{"type":"superChatEvent","publishedAt":"2026-12-05T12:00:03Z",
        "superChatDetails":{"amountMicros":"5000000","currency":"USD","userComment":"加油"}},
       "authorDetails":{"channelId":"UC2","displayName":"王小明"}},
      {"id":"m3","snippet":{"type":"superStickerEvent","publishedAt":"2026-12-05T12:00:04Z",
        "superStickerDetails":{"amountMicros":"2000000","currency":"USD"}},
       "authorDetails":{"channelId":"UC3","displayName":"x"}},
      {"id":"m4","snippet":{"type":"messageDeletedEvent","publishedAt":"2026-12-05T12:00:05Z",
        "messageDeletedDetails":{"deletedMessageId":"m0"}},"authorDetails":{"channelId":"UC9"}},
      {"id":"m5","snippet":{"type":"pollEvent","publishedAt":"2026-12-05T12:00:06Z"}},
      {"id":"m6","snippet":{"type":"textMessageEvent","publishedAt":"yesterday","displayMessage":"x"},
       "authorDetails":{"channelId":"UC4"}}]})";
    const YouTubeChatPage page = youtubeChatPage(body, hasher());
    EXPECT_EQ(page.nextPageToken, "GgkKBw");
    EXPECT_EQ(page.pollingIntervalMs, 2500);
    EXPECT_FALSE(page.offline);
    ASSERT_EQ(page.comments.size(), 3u);
    EXPECT_EQ(page.comments[0].id, "youtube:m1");
    EXPECT_EQ(page.comments[0].type, EventType::Comment);
    EXPECT_EQ(page.comments[0].ts, 1796472001500);
    EXPECT_EQ(page.comments[0].text, "好看");
    EXPECT_EQ(page.comments[0].viewer, hasher().key("youtube:UC1"));
    EXPECT_EQ(page.comments[0].maskedName.find("Lucy"), std::string::npos);
    EXPECT_EQ(page.comments[0].origin, EventOrigin::LiveConnector);
    // A Super Chat is paid engagement with its amount and the viewer's words; a Super Sticker has no words.
    EXPECT_EQ(page.comments[1].type, EventType::PaidEngagement);
    EXPECT_EQ(page.comments[1].text, "加油");
    EXPECT_EQ(page.comments[1].currency, "USD");
    EXPECT_EQ(page.comments[1].amountMicros, 5000000);
    EXPECT_EQ(page.comments[1].maskedName.find("小明"), std::string::npos);
    EXPECT_EQ(page.comments[2].type, EventType::PaidEngagement);
    EXPECT_EQ(page.comments[2].amountMicros, 2000000);
    EXPECT_EQ(page.comments[2].text, "");
    EXPECT_EQ(page.superChats, 2);
    EXPECT_EQ(page.superChatMicros.at("USD"), 7000000);
    ASSERT_EQ(page.deletedIds.size(), 1u);
    EXPECT_EQ(page.deletedIds[0], "youtube:m0");
    EXPECT_EQ(page.ignored, 1u);
    ASSERT_EQ(page.rejected.size(), 1u); // m6's time
    EXPECT_NE(page.rejected[0].find("m6"), std::string::npos);

    // A Super Chat whose amount or currency is unusable is refused with the field's reason, not counted.
    const YouTubeChatPage bad = youtubeChatPage(R"({"items":[
      {"id":"s1","snippet":{"type":"superChatEvent","publishedAt":"2026-12-05T12:00:03Z",
        "superChatDetails":{"amountMicros":"5,00","currency":"USD"}},"authorDetails":{"channelId":"UC2"}},
      {"id":"s2","snippet":{"type":"superChatEvent","publishedAt":"2026-12-05T12:00:03Z",
        "superChatDetails":{"amountMicros":"5000000","currency":"usd"}},"authorDetails":{"channelId":"UC2"}},
      {"id":"s3","snippet":{"type":"superChatEvent","publishedAt":"2026-12-05T12:00:03Z"},
        "authorDetails":{"channelId":"UC2"}}]})",
                                                hasher());
    EXPECT_TRUE(bad.comments.empty());
    EXPECT_EQ(bad.superChats, 0);
    ASSERT_EQ(bad.rejected.size(), 3u);
    EXPECT_NE(bad.rejected[0].find("amount_micros"), std::string::npos);
    EXPECT_NE(bad.rejected[1].find("currency"), std::string::npos);
    EXPECT_NE(bad.rejected[2].find("without its details"), std::string::npos);

    EXPECT_TRUE(youtubeChatPage(R"({"offlineAt":"2026-12-05T13:00:00Z","items":[]})", hasher()).offline);
    EXPECT_THROW(youtubeChatPage("<html>", hasher()), std::runtime_error);
    EXPECT_EQ(youtubeErrorReason(R"({"error":{"code":403,"errors":[{"reason":"quotaExceeded"}]}})"),
              "quotaExceeded");
    EXPECT_EQ(youtubeErrorReason("not json"), "");
}

TEST(DouyinLivePush, CommentsLikesAndWhatIsIgnored) {
    const std::string comments =
        R"([{"msg_id":"1","sec_openid":"so-1","nickname":"抖音用户小美","timestamp":1796472001,"content":"求链接"},)"
        R"({"msg_id":"2","sec_openid":"so-2","nickname":"老张","timestamp":1796472002500,"content":"太贵了"},)"
        R"({"msg_id":"3","nickname":"无名","content":"no open id"},)"
        R"({"sec_openid":"so-4","content":"no msg id"}])";
    const WebhookEvents out = douyinLivePushEvents("live_comment", comments, hasher(), 1796472009000);
    EXPECT_EQ(out.messages, 4u);
    ASSERT_EQ(out.events.size(), 2u);
    EXPECT_EQ(out.events[0].id, "douyin-live:1");
    EXPECT_EQ(out.events[0].ts, 1796472001000); // seconds
    EXPECT_EQ(out.events[1].ts, 1796472002500); // milliseconds
    EXPECT_EQ(out.events[0].text, "求链接");
    EXPECT_EQ(out.events[0].viewer, hasher().key("douyin:so-1"));
    EXPECT_EQ(out.events[0].maskedName.find("小美"), std::string::npos);
    EXPECT_EQ(out.rejected.size(), 2u);

    const WebhookEvents likes = douyinLivePushEvents(
        "live_like", R"([{"msg_id":"9","sec_openid":"so-1","like_num":25,"timestamp":1796472001}])", hasher(),
        0);
    ASSERT_EQ(likes.events.size(), 1u);
    EXPECT_EQ(likes.events[0].type, EventType::Like);
    EXPECT_EQ(likes.events[0].quantity, 25);

    const WebhookEvents gifts =
        douyinLivePushEvents("live_gift", R"([{"msg_id":"5"},{"msg_id":"6"}])", hasher(), 0);
    EXPECT_TRUE(gifts.events.empty());
    EXPECT_EQ(gifts.ignored, 2u);
    EXPECT_THROW(douyinLivePushEvents("live_comment", "not json", hasher(), 0), WebhookBodyError);
    EXPECT_THROW(douyinLivePushEvents("live_comment", "42", hasher(), 0), WebhookBodyError);
}
