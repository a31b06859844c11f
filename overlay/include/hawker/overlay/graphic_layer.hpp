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

/// Renders graphics on one background thread (or inline), in order. Each job
/// belongs to a slot; a new job for a slot replaces that slot's job still
/// waiting in the queue, so the queue holds at most one job per slot and a
/// render that falls behind (a countdown ticking while the thread is busy)
/// draws the newest content, never a backlog of stale seconds.
class GraphicRenderQueue {
public:
    explicit GraphicRenderQueue(bool inlineRendering);
    ~GraphicRenderQueue();
    GraphicRenderQueue(const GraphicRenderQueue&) = delete;
    GraphicRenderQueue& operator=(const GraphicRenderQueue&) = delete;
    /// Queues `job` for `slot` (any address that identifies the slot while its
    /// jobs may be queued); inline queues run it at once.
    void post(const void* slot, std::function<void()> job);
    bool isInline() const { return m_inline; }
    /// Jobs waiting (not counting one that is running).
    size_t pending() const;
    /// Jobs that were replaced by a newer one for their slot before they ran.
    uint64_t superseded() const { return m_superseded.load(); }
    /// Jobs that threw: the slot keeps its previous bitmap and the render
    /// thread goes on with the next job.
    uint64_t failed() const { return m_failed.load(); }

private:
    struct Job {
        const void* slot;
        std::function<void()> run;
    };
    bool m_inline;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Job> m_jobs;
    bool m_stop = false;
    std::atomic<uint64_t> m_superseded{0};
    std::atomic<uint64_t> m_failed{0};
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
