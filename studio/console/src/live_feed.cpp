#include "live_feed.hpp"

#include <fstream>
#include <sstream>
#include <unistd.h>

#include "hawker/studio/base/json_read.hpp"
#include "hawker/studio/show/added_sources.hpp"

namespace hawker::studio::console {

namespace {

// Pictures at a bounded rate: the monitors 10 per second, the multiview 5,
// the numbers 4, so the feed costs the compositor and the encoder little.
// While the program is short of CPU, half that for the pictures (the desk
// draws half as often then too; see FramePacer).
constexpr auto kPeriod = std::chrono::milliseconds(100);

/// CPU time (user + system) this process has used, in seconds.
double processCpuSeconds() {
    std::ifstream stat("/proc/self/stat");
    std::string text;
    std::getline(stat, text);
    // Fields after the command name (which may hold spaces) start past ')'.
    const auto close = text.rfind(')');
    if (close == std::string::npos) return -1;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    double utime = 0, stime = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
        if (i == 14) utime = std::stod(field);
        if (i == 15) stime = std::stod(field);
    }
    return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

} // namespace

LiveFeed::LiveFeed(ProgramView& engine, FeedSizes sizes) : m_engine(engine), m_sizes(sizes) {
    m_latest.store(std::make_shared<LiveSnapshot>());
}

LiveFeed::~LiveFeed() {
    stop();
}

void LiveFeed::start() {
    m_thread = std::thread([this] { run(); });
}

void LiveFeed::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_exit = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void LiveFeed::run() {
    for (int iteration = 0;; ++iteration) {
        {
            std::unique_lock lock(m_mutex);
            if (m_wake.wait_for(lock, kPeriod, [&] { return m_exit; })) return;
        }
        try {
            LiveSnapshot next = *m_latest.load();
            sample(next, iteration);
            m_latest.store(std::make_shared<const LiveSnapshot>(std::move(next)));
        } catch (...) {
            // A failed sample leaves the previous snapshot up; the next one tries again.
        }
    }
}

void LiveFeed::setSizes(FeedSizes sizes) {
    std::lock_guard lock(m_sizesMutex);
    m_sizes = sizes;
}

void LiveFeed::sample(LiveSnapshot& next, int iteration) {
    FeedSizes sizes;
    {
        std::lock_guard lock(m_sizesMutex);
        sizes = m_sizes;
    }
    next.state = m_engine.snapshot();
    next.programMs = m_engine.programMs();
    const ShowSpec& show = m_engine.show();
    if (next.scenes.empty() || next.state->addedSources != m_added) {
        m_added = next.state->addedSources;
        m_sourceSequence.clear(); // a removed camera shifts the tiles: make every one again
        next.scenes = liveScenes(show, *next.state);
        next.cameras.clear();
        for (const SourceSpec& source : show.sources)
            next.cameras.push_back(source.id);
        for (const AddedSource& source : next.state->addedSources)
            next.cameras.push_back(source.id);
    }

    // The engine's verdict as of the last status read (every other sample).
    const bool thrifty = next.status.shortOfCpu();
    const bool monitors = !thrifty || iteration % 2 == 0;
    if (auto program = m_engine.latestProgram(); monitors && program && program.get() != m_lastProgram) {
        m_lastProgram = program.get();
        next.program = thumbnailFromI420(*program, show.width, show.height, sizes.monitor, ++m_serial);
    }
    if (auto preview = m_engine.latestPreview(); monitors && preview && preview.get() != m_lastPreview) {
        m_lastPreview = preview.get();
        next.preview = thumbnailFromI420(*preview, show.width, show.height, sizes.monitor, ++m_serial);
    }
    if (iteration % (thrifty ? 4 : 2) == 0) {
        const auto frames = m_engine.latestSourceFrames();
        next.sources.resize(frames.size());
        m_sourceSequence.resize(frames.size(), UINT64_MAX);
        for (size_t i = 0; i < frames.size(); ++i) {
            if (!frames[i] || frames[i]->sequence == m_sourceSequence[i]) continue;
            m_sourceSequence[i] = frames[i]->sequence;
            next.sources[i] = thumbnailFromPlanes(frames[i]->planes, sizes.source, ++m_serial);
        }
    }
    if (iteration % 2 == 1) next.status = m_engine.status();
    if (iteration % 2 == 1 && m_connectorHealth) next.connectors = m_connectorHealth();
    if (iteration % 3 == 0) {
        if (const LiveAnalytics* analytics = m_engine.analytics()) next.analytics = analytics->snapshot();
    }
    if (iteration % 10 == 0) {
        const double cpu = processCpuSeconds();
        const auto now = std::chrono::steady_clock::now();
        if (m_cpuSeconds >= 0 && cpu >= 0) {
            const double wall = std::chrono::duration<double>(now - m_cpuAt).count();
            if (wall > 0) next.cpuPercent = 100.0 * (cpu - m_cpuSeconds) / wall;
        }
        m_cpuSeconds = cpu;
        m_cpuAt = now;
    }
    recordHistory(next);
}

void LiveFeed::recordHistory(LiveSnapshot& next) {
    const double seconds = static_cast<double>(next.programMs) / 1000.0;
    // One sample per program second; a gap (a slow sample) repeats the last value.
    const size_t second = static_cast<size_t>(seconds);
    const nlohmann::json& a = next.analytics;
    // Lenient reads: a member of another type reads as 0 instead of throwing on the feed's thread.
    const auto online = static_cast<float>(json_read::numberOr(a, "online", 0));
    const auto gmv =
        static_cast<float>(json_read::numberAt(json_read::memberOf(a, "summary"), "gmv_cents").value_or(0));
    while (next.online.size() <= second && next.online.size() < 24 * 3600) {
        next.online.push_back(online);
        next.gmvCents.push_back(gmv);
    }
    if (!next.online.empty()) {
        next.online.back() = online;
        next.gmvCents.back() = gmv;
    }

    // On-air bands from what the state says is on screen.
    if (!next.state) return;
    std::string card;
    if (auto found = next.state->graphics.find("card");
        found != next.state->graphics.end() && !found->second.hiddenAtMs)
        card = found->second.sku;
    if (card != m_cardOnAir) {
        for (OnAirBand& band : next.bands)
            if (!band.offer && !band.toSeconds) band.toSeconds = seconds;
        if (!card.empty()) next.bands.push_back({seconds, std::nullopt, card, false});
        m_cardOnAir = card;
    }
    for (const auto& [slot, offer] : next.state->offers) {
        const bool onSale = offer.phase == OfferState::Phase::OnSale;
        bool& was = m_offerOnAir[offer.id];
        if (onSale && !was) next.bands.push_back({seconds, std::nullopt, offer.id, true});
        if (!onSale && was)
            for (OnAirBand& band : next.bands)
                if (band.offer && band.label == offer.id && !band.toSeconds) band.toSeconds = seconds;
        was = onSale;
    }
}

} // namespace hawker::studio::console
