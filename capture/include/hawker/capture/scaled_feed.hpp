#pragma once
// One rendition of the program at another size, made once per program frame
// on a thread of its own and handed to every encoder of that size. Live, a
// full queue drops the frame here and counts it: a slow scale or a slow
// encoder behind it loses its own frames, never the compositor's time or
// another rendition's. Offline it waits, so every frame is encoded.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hawker/capture/canvas_fit.hpp"
#include "hawker/capture/encoder.hpp"
#include "hawker/capture/sample_window.hpp"

namespace hawker::capture {

struct ScaledFeedStats {
    uint64_t framesIn = 0, framesDropped = 0;
    double scaleMsMedian = -1;
};

class ScaledFeed {
public:
    /// `encoders` take the scaled ticks (not owned; they outlive the feed's
    /// thread, see finish()). `offline`: wait for room instead of dropping.
    ScaledFeed(std::string name, cv::Size canvas, cv::Size target, YuvBackground background,
               std::vector<Encoder*> encoders, bool offline);
    ~ScaledFeed();
    ScaledFeed(const ScaledFeed&) = delete;
    ScaledFeed& operator=(const ScaledFeed&) = delete;

    void start();
    /// Live: never waits; when full it drops the picture (false) and keeps the sound. Offline: waits for
    /// room.
    bool push(ProgramTick tick);
    /// Scales what is queued, hands it on and joins the thread; the encoders
    /// are finished by their owner afterwards.
    void finish();

    ScaledFeedStats stats() const;
    uint64_t framesDropped() const { return m_framesDropped; }
    const std::string& name() const { return m_name; }
    cv::Rect placed() const { return m_fitter.placed(); }

private:
    void run();

    std::string m_name;
    CanvasFitter m_fitter;
    std::vector<Encoder*> m_encoders;
    bool m_offline;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<ProgramTick> m_queue;
    size_t m_maxQueue = 4;
    bool m_finishing = false;
    std::atomic<uint64_t> m_framesIn{0}, m_framesDropped{0};
    SampleWindow m_scaleMs;
};

} // namespace hawker::capture
