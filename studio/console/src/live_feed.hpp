#pragma once
// What the console shows of the running program, gathered off the UI thread:
// the engine's status, the show state, the live analytics, the monitors'
// pictures and a per-second history for the charts. The UI thread takes the
// newest snapshot at frame start and never waits for the engine or for the
// analytics' lock.

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "hawker/studio/analytics/event_ingest.hpp"
#include "hawker/studio/analytics/live_analytics.hpp"
#include "hawker/studio/api/connector_health.hpp"
#include "hawker/studio/engine/program_view.hpp"
#include "video_thumbnail.hpp"

namespace hawker::studio::console {

/// A stretch of the program when a product's card or a flash sale was on air.
struct OnAirBand {
    double fromSeconds = 0;
    std::optional<double> toSeconds; ///< still on air
    std::string label;               ///< the sku, or the offer's id
    bool offer = false;
};

struct LiveSnapshot {
    EngineStatus status;
    std::shared_ptr<const ShowState> state;
    int64_t programMs = 0;
    nlohmann::json analytics; ///< LiveAnalytics::snapshot(); null without a session
    MonitorImagePtr program, preview;
    /// The show file's scenes, then those of the cameras added during the show.
    std::vector<SceneSpec> scenes;
    std::vector<std::string> cameras;     ///< video source ids: the show file's, then added ones
    std::vector<MonitorImagePtr> sources; ///< by index in `cameras` (null before a picture)
    /// One sample per program second from the first tick: online viewers, GMV so far (cents).
    std::vector<float> online, gmvCents;
    std::vector<OnAirBand> bands;
    double cpuPercent = 0;                   ///< this process, of one core, over the last second
    std::vector<ConnectorStatus> connectors; ///< the live-comment connectors' health
};
using LiveSnapshotPtr = std::shared_ptr<const LiveSnapshot>;

/// Sizes of the pictures the feed prepares (the monitors draw them scaled).
struct FeedSizes {
    cv::Size monitor{360, 640};
    cv::Size source{240, 240};
    bool operator==(const FeedSizes&) const = default;
};

class LiveFeed {
public:
    LiveFeed(ProgramView& engine, FeedSizes sizes);
    ~LiveFeed();
    LiveFeed(const LiveFeed&) = delete;
    LiveFeed& operator=(const LiveFeed&) = delete;

    void start();
    void stop();
    LiveSnapshotPtr latest() const { return m_latest.load(); }
    /// The monitors' boxes as drawn (pixels): pictures are made at the size
    /// they are shown, so the GPU draws them 1:1 rather than scaling.
    void setSizes(FeedSizes sizes);
    /// Where the connectors' health is read (the show's API); set before start().
    void setConnectorHealth(std::function<std::vector<ConnectorStatus>()> read) {
        m_connectorHealth = std::move(read);
    }

private:
    std::function<std::vector<ConnectorStatus>()> m_connectorHealth;
    void run();
    void sample(LiveSnapshot& next, int iteration);
    void recordHistory(LiveSnapshot& next);

    ProgramView& m_engine;
    std::mutex m_sizesMutex;
    FeedSizes m_sizes;
    std::atomic<LiveSnapshotPtr> m_latest;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_exit = false;
    // Feed-thread state.
    std::vector<AddedSource> m_added; ///< the added cameras the snapshot's scenes were made for
    const cv::Mat* m_lastProgram = nullptr;
    const cv::Mat* m_lastPreview = nullptr;
    std::vector<uint64_t> m_sourceSequence;
    uint64_t m_serial = 0;
    std::string m_cardOnAir;
    std::map<std::string, bool> m_offerOnAir; ///< by offer id
    double m_cpuSeconds = -1;
    std::chrono::steady_clock::time_point m_cpuAt;
};

} // namespace hawker::studio::console
