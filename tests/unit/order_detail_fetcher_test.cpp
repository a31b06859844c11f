// The order-detail fetcher against a local fake of each platform's detail
// API on 127.0.0.1 that checks the request's signature the documented way,
// fails first (503, then 429, then an error code), answers slowly, and then
// answers in the documented shape. The fetcher must retry with backoff,
// never block the enqueue, count what happened, alert after repeated auth
// refusals, refuse orders beyond its bound, and stop while a request hangs.

#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>

#include "hawker/studio/api/order_detail_fetcher.hpp"
#include "hawker/studio/api/order_detail_request.hpp"
#include "hawker/studio/base/viewer_hasher.hpp"

using namespace hawker::studio;
using namespace std::chrono_literals;

namespace {

const std::string kKey = "7012345678901234567";
const std::string kSecret = "0123456789abcdef0123456789abcdef";
const std::string kToken = "token-for-the-fake";

/// A fake 抖店 open API: checks the sign, then answers as `script` says for
/// each request in turn (the last entry repeats).
class FakeDouyin {
public:
    enum class Step { Http503, Http429, Busy, AuthError, Slow, Ok };

    explicit FakeDouyin(std::vector<Step> script) : m_script(std::move(script)) {
        m_server.Get("/order/orderDetail", [this](const httplib::Request& req, httplib::Response& res) {
            const std::string expected =
                douyinOpenApiSign(req.get_param_value("app_key"), kSecret, req.get_param_value("method"),
                                  req.get_param_value("param_json"), req.get_param_value("timestamp"));
            const bool signedWell =
                req.get_param_value("sign") == expected && req.get_param_value("app_key") == kKey &&
                req.get_param_value("sign_method") == "hmac-sha256" && req.get_param_value("v") == "2" &&
                req.get_param_value("access_token") == kToken &&
                req.get_param_value("method") == "order.orderDetail";
            if (!signedWell) {
                ++badSigns;
                res.set_content(R"({"code":30002,"msg":"sign error","sub_code":"isv.sign-invalid"})",
                                "application/json");
                return;
            }
            const size_t n = requests++;
            const Step step = m_script[std::min(n, m_script.size() - 1)];
            if (step == Step::Http503) return void(res.status = 503);
            if (step == Step::Http429) return void(res.status = 429);
            if (step == Step::Busy)
                return res.set_content(R"({"code":50002,"msg":"busy"})", "application/json");
            if (step == Step::AuthError)
                return res.set_content(R"({"code":30001,"msg":"token expired"})", "application/json");
            if (step == Step::Slow) std::this_thread::sleep_for(3s);
            res.set_content(
                R"({"code":10000,"msg":"success","data":{"shop_order_detail":{"order_id":"692",)"
                R"("sku_order_list":[{"code":"S1","out_sku_id":"","item_num":2,"pay_amount":19800}]}}})",
                "application/json");
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        // stop() before the loop runs would be lost, and the join below would wait forever.
        for (int i = 0; i < 5000 && !m_server.is_running(); ++i)
            std::this_thread::sleep_for(1ms);
    }
    ~FakeDouyin() {
        m_server.stop();
        m_thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

    std::atomic<size_t> requests{0}, badSigns{0};

private:
    std::vector<Step> m_script;
    httplib::Server m_server;
    int m_port = 0;
    std::thread m_thread;
};

ViewerEvent pendingOrder(const std::string& orderId) {
    ViewerEvent e;
    e.id = "webhook:douyin-shop:m-" + orderId;
    e.type = EventType::OrderPaid;
    e.platform = "douyin";
    e.orderId = orderId;
    e.sku = "pending";
    e.amountCents = 19800;
    return e;
}

DetailFetchConfig configFor(const std::string& url) {
    DetailFetchConfig config;
    config.platform = "douyin-shop";
    config.baseUrl = url;
    config.credentials = {kKey, kSecret, kToken};
    config.firstBackoff = 50ms;
    config.maxBackoff = 400ms;
    config.readTimeout = 1000ms;
    config.maxAttempts = 6;
    return config;
}

struct Applied {
    std::mutex mutex;
    std::vector<std::pair<std::string, std::vector<DetailLine>>> orders;
    size_t count() {
        std::lock_guard lock(mutex);
        return orders.size();
    }
};

/// Waits (bounded) until `done` holds.
template <typename F>
bool within(std::chrono::milliseconds limit, F done) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        if (done()) return true;
        std::this_thread::sleep_for(10ms);
    }
    return done();
}

} // namespace

TEST(OrderDetailFetcher, RetriesThroughFailuresThenAppliesTheLines) {
    using S = FakeDouyin::Step;
    FakeDouyin fake({S::Http503, S::Http429, S::Busy, S::Ok});
    Applied applied;
    OrderDetailFetcher fetcher(
        configFor(fake.url()),
        [&](int64_t session, const ViewerEvent& pending, const std::vector<DetailLine>& lines) {
            EXPECT_EQ(session, 7);
            std::lock_guard lock(applied.mutex);
            applied.orders.emplace_back(pending.orderId, lines);
            return true;
        },
        nullptr);
    const auto before = std::chrono::steady_clock::now();
    ASSERT_TRUE(fetcher.enqueue(7, pendingOrder("692")));
    EXPECT_LT(std::chrono::steady_clock::now() - before, 50ms); // never waits for the network
    ASSERT_TRUE(within(10s, [&] { return applied.count() == 1; }));
    EXPECT_EQ(fake.requests.load(), 4U);
    EXPECT_EQ(fake.badSigns.load(), 0U);
    {
        std::lock_guard lock(applied.mutex);
        EXPECT_EQ(applied.orders[0].first, "692");
        ASSERT_EQ(applied.orders[0].second.size(), 1U);
        EXPECT_EQ(applied.orders[0].second[0].sku, "S1");
        EXPECT_EQ(applied.orders[0].second[0].quantity, 2);
        EXPECT_EQ(applied.orders[0].second[0].amountCents, 19800);
    }
    ASSERT_TRUE(within(2s, [&] { return fetcher.counts().pending == 0; }));
    const DetailFetchCounts counts = fetcher.counts();
    EXPECT_EQ(counts.fetched, 1);
    EXPECT_EQ(counts.failed, 0);
    EXPECT_EQ(counts.retrying, 0);
}

TEST(OrderDetailFetcher, RepeatedAuthRefusalsAlertOnceAndTheOrderFailsAfterItsAttempts) {
    FakeDouyin fake({FakeDouyin::Step::AuthError});
    std::atomic<int> alerts{0};
    DetailFetchConfig config = configFor(fake.url());
    config.maxAttempts = 4;
    OrderDetailFetcher fetcher(
        config, [](int64_t, const ViewerEvent&, const std::vector<DetailLine>&) { return true; },
        [&](const hawker::studio::i18n::Phrase& said) {
            const std::string message = hawker::studio::i18n::say(hawker::studio::i18n::Language::En, said);
            EXPECT_NE(message.find("access token"), std::string::npos);
            EXPECT_NE(hawker::studio::i18n::say(hawker::studio::i18n::Language::ZhCN, said).find("鉴权失败"),
                      std::string::npos);
            EXPECT_EQ(message.find(kToken), std::string::npos);
            ++alerts;
        });
    ASSERT_TRUE(fetcher.enqueue(1, pendingOrder("9")));
    ASSERT_TRUE(within(10s, [&] { return fetcher.counts().failed == 1; }));
    EXPECT_EQ(fake.requests.load(), 4U);
    EXPECT_EQ(alerts.load(), 1);
    EXPECT_EQ(fetcher.counts().authFailures, 4);
    EXPECT_EQ(fetcher.counts().fetched, 0);
}

TEST(OrderDetailFetcher, AWrongSecretIsRefusedByTheFake) {
    FakeDouyin fake({FakeDouyin::Step::Ok});
    DetailFetchConfig config = configFor(fake.url());
    config.credentials.appSecret = "not-the-secret-the-platform-has!";
    config.maxAttempts = 2;
    OrderDetailFetcher fetcher(
        config, [](int64_t, const ViewerEvent&, const std::vector<DetailLine>&) { return true; }, nullptr);
    ASSERT_TRUE(fetcher.enqueue(1, pendingOrder("9")));
    ASSERT_TRUE(within(10s, [&] { return fetcher.counts().failed == 1; }));
    EXPECT_EQ(fake.badSigns.load(), 2U);
    EXPECT_EQ(fetcher.counts().fetched, 0);
}

TEST(OrderDetailFetcher, TheQueueIsBoundedAndAFullQueueIsCounted) {
    // An address where nothing answers quickly: the first order occupies the worker.
    FakeDouyin fake({FakeDouyin::Step::Slow});
    DetailFetchConfig config = configFor(fake.url());
    config.maxQueued = 3;
    OrderDetailFetcher fetcher(
        config, [](int64_t, const ViewerEvent&, const std::vector<DetailLine>&) { return true; }, nullptr);
    int accepted = 0;
    for (int i = 0; i < 10; ++i)
        accepted += fetcher.enqueue(1, pendingOrder(std::to_string(i))) ? 1 : 0;
    // The worker may have taken one out already: at most one more than the bound.
    EXPECT_GE(accepted, 3);
    EXPECT_LE(accepted, 4);
    EXPECT_EQ(fetcher.counts().dropped, 10 - accepted);
}

TEST(OrderDetailFetcher, StopCutsOffASlowRequest) {
    FakeDouyin fake({FakeDouyin::Step::Slow});
    DetailFetchConfig config = configFor(fake.url());
    config.readTimeout = 10s;
    OrderDetailFetcher fetcher(
        config, [](int64_t, const ViewerEvent&, const std::vector<DetailLine>&) { return true; }, nullptr);
    ASSERT_TRUE(fetcher.enqueue(1, pendingOrder("1")));
    ASSERT_TRUE(within(5s, [&] { return fake.requests.load() == 1; }));
    const auto before = std::chrono::steady_clock::now();
    fetcher.stop();
    EXPECT_LT(std::chrono::steady_clock::now() - before, 2s);
    EXPECT_FALSE(fetcher.enqueue(1, pendingOrder("2")));
}

TEST(OrderDetailFetcher, AnApplyThatThrowsIsRetriedNotFatal) {
    FakeDouyin fake({FakeDouyin::Step::Ok});
    std::atomic<int> calls{0};
    OrderDetailFetcher fetcher(
        configFor(fake.url()),
        [&](int64_t, const ViewerEvent&, const std::vector<DetailLine>&) -> bool {
            if (++calls < 3) throw std::runtime_error("the store is busy");
            return true;
        },
        nullptr);
    ASSERT_TRUE(fetcher.enqueue(1, pendingOrder("1")));
    ASSERT_TRUE(within(10s, [&] { return fetcher.counts().fetched == 1; }));
    EXPECT_EQ(calls.load(), 3);
}
