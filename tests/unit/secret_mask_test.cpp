// The one masking function: every URL shape that carries a credential, inside
// longer messages too, and the shapes that must come out unchanged.

#include <gtest/gtest.h>

#include "hawker/studio/base/secret_mask.hpp"

using namespace hawker::studio;

namespace {
struct Shape {
    const char* text;
    const char* masked;
};
} // namespace

TEST(SecretMask, UrlShapes) {
    const Shape shapes[] = {
        // user:pass@ in any scheme
        {"rtsp://admin:Pa55w0rd@192.168.1.20:554/stream1", "rtsp://****@192.168.1.20:554/stream1"},
        {"rtmp://user:pw@live.example.com/app/stream", "rtmp://****@live.example.com/app/stream"},
        {"http://tok3n@host/x", "http://****@host/x"},
        {"srt://u:p@h:9000?mode=caller", "srt://****@h:9000?mode=caller"},
        // a password holding '@' or '/' is masked whole
        {"rtsp://cam:p@ss@10.0.0.2/live", "rtsp://****@10.0.0.2/live"},
        // SRT's streamid and passphrase, in any case, with other parameters kept
        {"srt://10.0.0.7:9000?mode=caller&passphrase=verysecret123&latency=200",
         "srt://10.0.0.7:9000?mode=caller&passphrase=****&latency=200"},
        {"srt://h:1?streamid=#!::r=live/s,m=publish&pbkeylen=16", "srt://h:1?streamid=****&pbkeylen=16"},
        {"srt://h:1?PassPhrase=abcdefghij", "srt://h:1?PassPhrase=****"},
        {"SRT://h:1?STREAMID=abc", "SRT://h:1?STREAMID=****"},
        // platform push URLs
        {"rtmp://push.example.cn/live/s1?txSecret=9f8e7d&txTime=65A0B1C2",
         "rtmp://push.example.cn/live/s1?txSecret=****&txTime=65A0B1C2"},
        {"rtmp://x/live/room?auth_key=1700000000-0-0-abc", "rtmp://x/live/room?auth_key=****"},
        {"https://api.example.com/v1?access_token=abc&user=lin",
         "https://api.example.com/v1?access_token=****&user=lin"},
        {"rtmps://x/app?key=k1&token=t2&secret=s3&stream_key=s4&sign=s5",
         "rtmps://x/app?key=****&token=****&secret=****&stream_key=****&sign=****"},
        // URLs anywhere in a longer message, several in one line
        {"source cam2 (rtsp://a:b@h/x): Connection refused",
         "source cam2 (rtsp://****@h/x): Connection refused"},
        {"open srt://h:1?passphrase=abcdefghij failed; retry rtsp://u:v@k/",
         "open srt://h:1?passphrase=**** failed; retry rtsp://****@k/"},
        {R"({"url":"rtsp://u:secretpw@cam/1","format":""})", R"({"url":"rtsp://****@cam/1","format":""})"},
        {"'rtmp://u:p@h/a'", "'rtmp://****@h/a'"},
        // an empty value has nothing to hide
        {"srt://h:1?passphrase=&mode=listener", "srt://h:1?passphrase=&mode=listener"},
    };
    for (const Shape& shape : shapes)
        EXPECT_EQ(maskSecrets(shape.text), shape.masked) << shape.text;
}

TEST(SecretMask, ShapesThatStayAsTheyAre) {
    const char* unchanged[] = {
        "srt://10.0.0.7:9000?mode=listener&latency=200&pbkeylen=16",
        "udp://127.0.0.1:23000?fifo_size=1000000&overrun_nonfatal=1",
        "rtmp://127.0.0.1:1935/live/stream",
        "rtsp://192.168.1.20:554/stream1",
        "testsrc2=size=1080x1920:rate=30",
        "color=c=0xc0c020:size=1280x720:rate=30",
        "/dev/video0",
        "/tmp/show/program.mkv",
        "status t=12.0 frames=360 fps=30.0 | record:live 4512kbps | douyin:reconnecting#1 retry_in=2400ms",
        "mail lin@example.com about key=value pairs",
        "://nothing before the separator",
        "https://example.com/watch?v=abc&keyframes=2&monkeyish=1",
        "",
    };
    for (const char* text : unchanged)
        EXPECT_EQ(maskSecrets(text), text) << text;
}

TEST(SecretMask, MaskingTwiceChangesNothing) {
    const std::string once = maskSecrets("rtsp://u:p@h/x?token=abc");
    EXPECT_EQ(once, "rtsp://****@h/x?token=****");
    EXPECT_EQ(maskSecrets(once), once);
}

TEST(SecretMask, RegisteredSecretsAnywhere) {
    registerSecret("rk-live-5d1f9a77c3");
    // An RTMP key in the path is masked because it is registered.
    EXPECT_EQ(maskSecrets("rtmp://h/app/rk-live-5d1f9a77c3 failed"), "rtmp://h/app/**** failed");
    EXPECT_EQ(maskSecrets("key rk-live-5d1f9a77c3 alone"), "key **** alone");
    // Its percent-encoded form too.
    registerSecret("a b/c+d=e&f99");
    EXPECT_EQ(maskSecrets("x=a%20b%2Fc%2Bd%3De%26f99"), "x=****");
    // Too short to register: ordinary words stay.
    registerSecret("on");
    EXPECT_EQ(maskSecrets("record:live on air"), "record:live on air");
}

TEST(SecretMask, UrlCredentialsAreRegisteredForBareQuotes) {
    registerUrlSecrets("rtsp://viewer:Cam3ra-Pass-77@10.1.1.1/s?passphrase=LongPassphrase42&mode=caller");
    EXPECT_EQ(maskSecrets("auth failed for Cam3ra-Pass-77"), "auth failed for ****");
    EXPECT_EQ(maskSecrets("bad LongPassphrase42"), "bad ****");
    // The user name and ordinary parameters are not secrets.
    EXPECT_EQ(maskSecrets("viewer caller"), "viewer caller");
    // Short values are masked only inside URLs.
    registerUrlSecrets("srt://h:1?passphrase=short");
    EXPECT_EQ(maskSecrets("short"), "short");
}

TEST(SecretMask, SecretParameterNames) {
    for (const char* name : {"passphrase", "STREAMID", "key", "Token", "secret", "password", "pwd", "api_key",
                             "streamKey", "access_token", "client_secret", "txSecret"})
        EXPECT_TRUE(isSecretParameter(name)) << name;
    for (const char* name :
         {"mode", "latency", "pbkeylen", "keyint", "user", "fifo_size", "txTime", "rw_timeout"})
        EXPECT_FALSE(isSecretParameter(name)) << name;
}
