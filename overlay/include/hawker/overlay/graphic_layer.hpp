#pragma once
// One graphic slot of one scene: it keeps the rendered bitmap of the current
// content, re-renders only when the content changes (on a worker thread when
// live, inline when offline so that output stays deterministic), and animates
// in and out.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "hawker/overlay/compositor.hpp"
#include "hawker/overlay/graphic_content.hpp"
#include "hawker/overlay/graphics.hpp"
#include "hawker/overlay/theme.hpp"

namespace hawker::overlay {

/// Renders graphics on one background thread (or inline), in order.
class GraphicRenderQueue {
public:
    explicit GraphicRenderQueue(bool inlineRendering);
    ~GraphicRenderQueue();
    GraphicRenderQueue(const GraphicRenderQueue&) = delete;
    GraphicRenderQueue& operator=(const GraphicRenderQueue&) = delete;
    void post(std::function<void()> job);
    bool isInline() const { return m_inline; }

private:
    bool m_inline;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::function<void()>> m_jobs;
    bool m_stop = false;
    std::thread m_thread;
};

/// When a graphic went on or off air (program ms), from the show state.
struct GraphicTiming {
    int64_t shownAtMs = 0;
    std::optional<int64_t> hiddenAtMs;
};

class GraphicLayer {
public:
    GraphicLayer(cv::Rect slot, std::shared_ptr<const Theme> theme, Fonts fonts,
                 std::shared_ptr<GraphicRenderQueue> queue);

    /// The content to show; rendered again only if it differs from the last.
    void setContent(const GraphicContent& content);
    /// Appends this frame's draw item (if any) for program time `nowMs`.
    void draw(std::vector<DrawItem>& items, int64_t nowMs, const GraphicTiming& timing) const;

    cv::Rect slot() const { return m_slot; }
    /// Time the last render took, for the stats and the benchmark.
    double lastRenderMs() const { return m_shared->lastRenderMs.load(); }
    uint64_t renders() const { return m_shared->renders.load(); }
    bool hasBitmap() const;

private:
    struct Rendered {
        std::shared_ptr<const YuvaBitmap> bitmap;
        int stripPeriod = 0; ///< tickers: pixels after which the strip repeats
    };
    /// What render jobs write; shared with queued jobs so that a layer can go
    /// away (scene reloaded) while one of its renders is still queued.
    struct Shared {
        std::mutex mutex;
        Rendered rendered;
        cv::Mat lastBgra; ///< the last render, so the next converts only what changed
        uint64_t latestVersion = 0;
        std::atomic<uint64_t> renders{0};
        std::atomic<double> lastRenderMs{0};
    };

    cv::Rect m_slot;
    std::shared_ptr<const Theme> m_theme;
    Fonts m_fonts;
    std::shared_ptr<GraphicRenderQueue> m_queue;
    std::optional<GraphicContent> m_submitted;
    uint64_t m_version = 0;
    std::shared_ptr<Shared> m_shared = std::make_shared<Shared>();
};

} // namespace hawker::overlay
