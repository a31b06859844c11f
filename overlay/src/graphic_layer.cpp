#include "hawker/overlay/graphic_layer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace hawker::overlay {

GraphicRenderQueue::GraphicRenderQueue(bool inlineRendering) : m_inline(inlineRendering) {
    if (m_inline) return;
    m_thread = std::thread([this] {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(m_mutex);
                m_changed.wait(lock, [&] { return m_stop || !m_jobs.empty(); });
                if (m_jobs.empty()) return;
                job = std::move(m_jobs.front().run);
                m_jobs.pop_front();
            }
            try {
                job();
            } catch (...) {
                ++m_failed;
            }
        }
    });
}

GraphicRenderQueue::~GraphicRenderQueue() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void GraphicRenderQueue::post(const void* slot, std::function<void()> job) {
    if (m_inline) {
        job();
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        // One job per slot at most (a handful of slots: a scan is cheapest).
        // The replaced job keeps its place, so other slots do not wait longer.
        auto queued =
            std::find_if(m_jobs.begin(), m_jobs.end(), [&](const Job& j) { return j.slot == slot; });
        if (queued != m_jobs.end()) {
            queued->run = std::move(job);
            ++m_superseded;
            return;
        }
        m_jobs.push_back({slot, std::move(job)});
    }
    m_changed.notify_one();
}

size_t GraphicRenderQueue::pending() const {
    std::lock_guard lock(m_mutex);
    return m_jobs.size();
}

GraphicLayer::GraphicLayer(cv::Rect slot, std::shared_ptr<const Theme> theme, Fonts fonts,
                           std::shared_ptr<GraphicRenderQueue> queue)
    : m_slot(slot), m_theme(std::move(theme)), m_fonts(std::move(fonts)), m_queue(std::move(queue)) {}

bool GraphicLayer::hasBitmap() const {
    std::lock_guard lock(m_shared->mutex);
    return m_shared->rendered.bitmap != nullptr;
}

void GraphicLayer::setContent(const GraphicContent& content) {
    if (m_submitted && *m_submitted == content) return;
    m_submitted = content;
    const uint64_t version = ++m_version;
    // The job owns copies of everything it needs: the layer may render the
    // next content before this one finishes, and only the newest is kept.
    m_queue->post(m_shared.get(), [shared = m_shared, content, version, size = m_slot.size(), theme = m_theme,
                                   fonts = m_fonts] {
        const auto started = std::chrono::steady_clock::now();
        Rendered rendered;
        cv::Mat bgra;
        try {
            bgra = renderGraphic(content, size, *theme, fonts);
            // Jobs run in order on one thread, so the last render is this
            // one's base: only the rectangle that changed is converted.
            std::shared_ptr<const YuvaBitmap> base;
            cv::Mat baseBgra;
            {
                std::lock_guard lock(shared->mutex);
                base = shared->rendered.bitmap;
                baseBgra = shared->lastBgra;
            }
            rendered.bitmap = std::make_shared<const YuvaBitmap>(
                base && !baseBgra.empty() ? base->updated(baseBgra, bgra) : YuvaBitmap::fromBgra(bgra));
            if (bgra.cols > size.width) rendered.stripPeriod = bgra.cols - size.width;
        } catch (const std::exception&) {
            return; // keep showing the previous bitmap; the caller logs content problems
        }
        shared->lastRenderMs =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        ++shared->renders;
        std::lock_guard lock(shared->mutex);
        if (version < shared->latestVersion) return;
        shared->latestVersion = version;
        shared->rendered = std::move(rendered);
        shared->lastBgra = bgra;
    });
}

void GraphicLayer::draw(std::vector<DrawItem>& items, int64_t nowMs, const GraphicTiming& timing) const {
    Rendered rendered;
    {
        std::lock_guard lock(m_shared->mutex);
        rendered = m_shared->rendered;
    }
    if (!rendered.bitmap) return;
    const int duration = std::max(1, m_theme->animationMs);
    double visible = std::clamp(static_cast<double>(nowMs - timing.shownAtMs) / duration, 0.0, 1.0);
    if (timing.hiddenAtMs)
        visible = std::min(
            visible, 1.0 - std::clamp(static_cast<double>(nowMs - *timing.hiddenAtMs) / duration, 0.0, 1.0));
    if (visible <= 0.0) return;
    // Ease out: fast start, soft landing.
    const double eased = 1.0 - (1.0 - visible) * (1.0 - visible);
    DrawBitmap item;
    item.bitmap = rendered.bitmap;
    item.opacity = eased;
    item.at = m_slot.tl();
    if (m_theme->animation == Animation::Slide) {
        // Slide up from a little below the slot while fading in.
        item.at.y += static_cast<int>(std::lround((1.0 - eased) * std::min(80, m_slot.height / 2))) & ~1;
    }
    if (rendered.stripPeriod > 0) {
        const int offset = BannerStrip::offset(rendered.stripPeriod, nowMs);
        item.source = cv::Rect(offset & ~1, 0, m_slot.width, m_slot.height);
        item.clip = m_slot;
    }
    items.push_back(std::move(item));
}

} // namespace hawker::overlay
