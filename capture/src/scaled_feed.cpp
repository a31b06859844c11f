#include "hawker/capture/scaled_feed.hpp"

#include <chrono>

#include "hawker/capture/capture_log.hpp"
#include "hawker/capture/fault_injection.hpp"

namespace hawker::capture {

ScaledFeed::ScaledFeed(std::string name, cv::Size canvas, cv::Size target, YuvBackground background,
                       std::vector<Encoder*> encoders, bool offline)
    : m_name(std::move(name)), m_fitter(canvas, target, background), m_encoders(std::move(encoders)),
      m_offline(offline) {}

ScaledFeed::~ScaledFeed() {
    finish();
}

void ScaledFeed::start() {
    m_thread = std::thread([this] {
        setThreadName(("scale-" + m_name).substr(0, 15));
        try {
            run();
        } catch (...) {
            log(LogLevel::Error, "rendition " + m_name + " stopped by an unexpected error");
        }
    });
}

bool ScaledFeed::push(ProgramTick tick) {
    std::unique_lock lock(m_mutex);
    ++m_framesIn;
    if (m_offline) {
        m_changed.wait(lock, [&] { return m_queue.size() < m_maxQueue; });
    } else if (m_queue.size() >= m_maxQueue) {
        ++m_framesDropped;
        return false;
    }
    m_queue.push_back(std::move(tick));
    m_changed.notify_all();
    return true;
}

void ScaledFeed::finish() {
    {
        std::lock_guard lock(m_mutex);
        m_finishing = true;
        m_changed.notify_all();
    }
    if (m_thread.joinable()) m_thread.join();
}

void ScaledFeed::run() {
    for (;;) {
        ProgramTick tick;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] { return !m_queue.empty() || m_finishing; });
            if (m_queue.empty()) return;
            tick = std::move(m_queue.front());
            m_queue.pop_front();
            m_changed.notify_all();
        }
        try {
            const auto started = std::chrono::steady_clock::now();
            injectDelay("scale:" + m_name);
            if (tick.picture) tick.picture = m_fitter.fit(*tick.picture);
            m_scaleMs.add(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                    .count());
        } catch (const std::exception& error) {
            // The encoders repeat the last picture.
            log(LogLevel::Error, "rendition " + m_name + ": " + error.what());
            tick.picture.reset();
        }
        for (size_t i = 0; i < m_encoders.size(); ++i) {
            // The picture is shared.
            ProgramTick copy = i + 1 < m_encoders.size() ? tick : std::move(tick);
            if (m_offline)
                m_encoders[i]->push(std::move(copy));
            else
                m_encoders[i]->tryPush(std::move(copy));
        }
    }
}

ScaledFeedStats ScaledFeed::stats() const {
    ScaledFeedStats s;
    s.framesIn = m_framesIn;
    s.framesDropped = m_framesDropped;
    s.scaleMsMedian = m_scaleMs.median();
    return s;
}

} // namespace hawker::capture
