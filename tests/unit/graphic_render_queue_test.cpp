// The graphics render queue keeps at most one waiting job per slot: while the
// render thread is busy, a slot's new content replaces its queued render, so
// the queue cannot grow and a late countdown draws its newest second.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <opencv2/core.hpp>

#include "hawker/overlay/graphic_layer.hpp"
#include "hawker/overlay/text_renderer.hpp"
#include "hawker/overlay/yuv_image.hpp"

using namespace hawker::overlay;

namespace {

/// Holds the render thread inside a job until release(), so the test decides
/// what is queued behind it.
class Blocker {
public:
    std::function<void()> job() {
        return [this] {
            std::unique_lock lock(m_mutex);
            m_running = true;
            m_changed.notify_all();
            m_changed.wait_for(lock, std::chrono::seconds(10), [&] { return m_released; });
        };
    }
    bool waitRunning() {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, std::chrono::seconds(5), [&] { return m_running; });
    }
    void release() {
        {
            std::lock_guard lock(m_mutex);
            m_released = true;
        }
        m_changed.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_running = false, m_released = false;
};

/// Polls `done` every millisecond for up to 5 s.
template <typename F>
bool eventually(F done) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!done()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

} // namespace

TEST(GraphicRenderQueue, OnlyTheNewestJobOfASlotRunsAndTheQueueStaysBounded) {
    GraphicRenderQueue queue(false);
    Blocker blocker;
    int busySlot = 0, countdownSlot = 0, cardSlot = 0;
    queue.post(&busySlot, blocker.job());
    ASSERT_TRUE(blocker.waitRunning());

    std::mutex mutex;
    std::vector<int> countdownRendered, cardRendered;
    constexpr int kTicks = 500;
    size_t longest = 0;
    for (int second = kTicks; second > 0; --second) {
        queue.post(&countdownSlot, [&, second] {
            std::lock_guard lock(mutex);
            countdownRendered.push_back(second);
        });
        if (second == kTicks / 2)
            queue.post(&cardSlot, [&] {
                std::lock_guard lock(mutex);
                cardRendered.push_back(1);
            });
        longest = std::max(longest, queue.pending());
    }
    EXPECT_EQ(queue.pending(), 2u); // the countdown's newest and the card's
    EXPECT_LE(longest, 2u);
    EXPECT_EQ(queue.superseded(), static_cast<uint64_t>(kTicks - 1));

    blocker.release();
    ASSERT_TRUE(eventually([&] {
        std::lock_guard lock(mutex);
        return queue.pending() == 0 && !countdownRendered.empty() && !cardRendered.empty();
    }));
    std::lock_guard lock(mutex);
    EXPECT_EQ(countdownRendered, std::vector<int>{1}); // the last second posted, nothing stale
    EXPECT_EQ(cardRendered.size(), 1u);                // another slot's job is not lost
}

TEST(GraphicRenderQueue, JobsOfOneSlotPostedWhileIdleAllRunInOrder) {
    GraphicRenderQueue queue(false);
    int slot = 0;
    std::mutex mutex;
    std::vector<int> ran;
    for (int i = 0; i < 20; ++i) {
        queue.post(&slot, [&, i] {
            std::lock_guard lock(mutex);
            ran.push_back(i);
        });
        // Wait for each to run: none is replaced, because none was waiting.
        ASSERT_TRUE(eventually([&] {
            std::lock_guard lock(mutex);
            return ran.size() == static_cast<size_t>(i + 1);
        }));
    }
    std::vector<int> expected(20);
    for (int i = 0; i < 20; ++i)
        expected[static_cast<size_t>(i)] = i;
    EXPECT_EQ(ran, expected);
    EXPECT_EQ(queue.superseded(), 0u);
}

TEST(GraphicRenderQueue, ALateCountdownLayerRendersOnlyItsNewestSecond) {
    auto queue = std::make_shared<GraphicRenderQueue>(false);
    const Fonts fonts = Fonts::loadDefault();
    GraphicLayer layer({0, 0, 420, 200}, std::make_shared<const Theme>(), fonts, queue);
    Blocker blocker;
    int busySlot = 0;
    queue->post(&busySlot, blocker.job());
    ASSERT_TRUE(blocker.waitRunning());

    CountdownContent countdown;
    countdown.phase = CountdownContent::Phase::OnSale;
    countdown.title = "小棕瓶精华液";
    countdown.dealPriceCents = 9900;
    countdown.quantity = 200;
    countdown.remaining = 150;
    for (int second = 60; second > 0; --second) {
        countdown.secondsLeft = second;
        layer.setContent(countdown);
        EXPECT_LE(queue->pending(), 2u); // the blocked job's slot is already running: 1 here
    }
    EXPECT_EQ(queue->pending(), 1u);
    blocker.release();
    ASSERT_TRUE(eventually([&] { return layer.renders() == 1 && queue->pending() == 0; }));
    EXPECT_TRUE(layer.hasBitmap());
    // The one render was the newest content: it draws what an inline render
    // of second 1 draws, and not what second 60 draws.
    auto pixels = [](const GraphicLayer& source) {
        std::vector<DrawItem> items;
        source.draw(items, 10000, GraphicTiming{0, std::nullopt});
        cv::Mat buffer;
        YuvImage canvas = allocateI420(buffer, 420, 200);
        buffer.setTo(0);
        if (items.size() == 1)
            if (const auto* drawn = std::get_if<DrawBitmap>(&items[0]))
                drawn->bitmap->blendInto(canvas, {0, 0});
        return buffer;
    };
    auto inlineRender = [&](int second) {
        auto inlineQueue = std::make_shared<GraphicRenderQueue>(true);
        auto reference = std::make_unique<GraphicLayer>(cv::Rect{0, 0, 420, 200},
                                                        std::make_shared<const Theme>(), fonts, inlineQueue);
        countdown.secondsLeft = second;
        reference->setContent(countdown);
        return pixels(*reference);
    };
    const cv::Mat drawn = pixels(layer);
    EXPECT_EQ(cv::norm(drawn, inlineRender(1), cv::NORM_INF), 0.0);
    EXPECT_GT(cv::norm(drawn, inlineRender(60), cv::NORM_INF), 0.0);
}

TEST(GraphicRenderQueue, AJobThatThrowsIsCountedAndTheNextOneRuns) {
    GraphicRenderQueue queue(false);
    int slotA = 0, slotB = 0;
    std::atomic<bool> ran{false};
    queue.post(&slotA, [] { throw std::runtime_error("a font that cannot render"); });
    queue.post(&slotB, [&] { ran = true; });
    ASSERT_TRUE(eventually([&] { return ran.load(); }));
    EXPECT_EQ(queue.failed(), 1u);
}
