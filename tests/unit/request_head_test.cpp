// The control API's gate reads a request head before anything else happens
// to it: these are the shapes it must accept and the ones it must refuse,
// with the status each one gets.
#include <gtest/gtest.h>

#include "hawker/studio/api/request_head.hpp"

using namespace hawker::studio;

namespace {
HttpLimits limits() {
    HttpLimits l;
    l.maxBodyBytes = 1000;
    return l;
}
HeadVerdict examine(const std::string& bytes) {
    return examineRequestHead(bytes, limits());
}
} // namespace

TEST(RequestHead, AcceptsAnOperatorsTakeAndReadsItsToken) {
    const HeadVerdict v = examine("POST /api/v1/take HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer abcdef\r\n"
                                  "Content-Length: 2\r\n\r\n{}");
    ASSERT_EQ(v.kind, HeadVerdict::Kind::Ready) << v.reason;
    EXPECT_EQ(v.head.method, "POST");
    EXPECT_EQ(v.head.target, "/api/v1/take");
    EXPECT_EQ(v.head.contentLength, 2u);
    EXPECT_EQ(bearerToken(v.head.authorization), "abcdef");
}

TEST(RequestHead, WaitsForTheRestOfAHead) {
    EXPECT_EQ(examine("GET /api/v1/state HTTP/1.1\r\nHost: x\r\n").kind, HeadVerdict::Kind::Incomplete);
    EXPECT_EQ(examine("GET /api/v1/st").kind, HeadVerdict::Kind::Incomplete);
}

TEST(RequestHead, RefusesWithTheStatusThatSaysWhy) {
    struct Case {
        std::string bytes;
        int status;
    };
    const std::string many = [] {
        std::string h = "GET / HTTP/1.1\r\n";
        for (int i = 0; i < 65; ++i)
            h += "X-" + std::to_string(i) + ": 1\r\n";
        return h + "\r\n";
    }();
    const std::vector<Case> cases = {
        {"POST /api/v1/take HTTP/1.1\r\nContent-Length: 1001\r\n\r\n", 413},
        {"POST /api/v1/take HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400},
        {"POST /api/v1/take HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n", 400},
        {"POST /api/v1/take HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400},
        {"POST /api/v1/take HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501},
        {"POST /api/v1/take HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", 400},
        {"POST /api/v1/take HTTP/1.1\r\n\r\n", 411},
        {"GET /api/v1/state HTTP/1.1\r\nContent-Length: 5\r\n\r\n", 400},
        {"BREW /pot HTTP/1.1\r\n\r\n", 405},
        {"GET api HTTP/1.1\r\n\r\n", 400},
        {"GET /a\x1b[2J HTTP/1.1\r\n\r\n", 400},
        {"GET / HTTP/2.0\r\n\r\n", 505},
        {"GET / HTTP/1.1 extra\r\n\r\n", 400},
        {"GET / HTTP/1.1\r\nno colon here\r\n\r\n", 400},
        {"GET / HTTP/1.1\r\nX: a\x01b\r\n\r\n", 400},
        {"GET / HTTP/1.1\r\nAuthorization: Bearer a\r\nAuthorization: Bearer b\r\n\r\n", 400},
        {"GET /" + std::string(5000, 'a') + " HTTP/1.1\r\n\r\n", 414},
        {"GET /" + std::string(5000, 'a'), 414},
        {"GET / HTTP/1.1\r\nX: " + std::string(17000, 'a'), 431},
        {many, 431},
    };
    for (const Case& c : cases) {
        const HeadVerdict v = examine(c.bytes);
        EXPECT_EQ(v.kind, HeadVerdict::Kind::Refuse) << c.bytes.substr(0, 60);
        EXPECT_EQ(v.status, c.status) << c.bytes.substr(0, 60) << " -> " << v.reason;
        EXPECT_FALSE(v.reason.empty());
    }
}

TEST(RequestHead, AcceptsAChunkedPostAndBareLineFeeds) {
    const HeadVerdict chunked = examine("POST /x HTTP/1.1\r\ntransfer-encoding: Chunked\r\n\r\n5\r\n");
    ASSERT_EQ(chunked.kind, HeadVerdict::Kind::Ready) << chunked.reason;
    EXPECT_TRUE(chunked.head.chunked);
    EXPECT_EQ(examine("GET / HTTP/1.0\nHost: x\n\n").kind, HeadVerdict::Kind::Ready);
}

TEST(RequestHead, BearerTokenTakesOnlyAWellFormedBearer) {
    EXPECT_EQ(bearerToken("Bearer tok123"), "tok123");
    EXPECT_EQ(bearerToken("bearer tok123 "), "tok123");
    EXPECT_FALSE(bearerToken("Basic dXNlcjpwYXNz"));
    EXPECT_FALSE(bearerToken("Bearer "));
    EXPECT_FALSE(bearerToken("Bearer a b"));
    EXPECT_FALSE(bearerToken("Bearer a\x7f"));
    EXPECT_FALSE(bearerToken(""));
}
