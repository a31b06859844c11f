#include "hawker/studio/engine/status_lines.hpp"

#include <iomanip>
#include <sstream>

#include "hawker/studio/base/joined_text.hpp"
#include "hawker/studio/base/secret_mask.hpp"

namespace hawker::studio {

namespace {
std::string fixed(double value, int decimals) {
    std::ostringstream text;
    text << std::fixed << std::setprecision(decimals) << value;
    return text.str();
}
} // namespace

std::string formatStatus(const EngineStatus& s, double fps) {
    std::ostringstream line;
    line << "status t=" << fixed(s.programSeconds, 1) << " frames=" << s.frames << " fps=" << fixed(fps, 1)
         << " dropped=" << s.dropped << " lagged=" << s.lagged << " program=" << s.program
         << " preview=" << s.preview;
    if (!s.segment.empty()) line << " segment=" << s.segment;
    for (const auto& source : s.sources) {
        if (source.state != capture::SourceState::Live)
            line << " | source " << source.id << ":" << toString(source.state);
    }
    for (const auto& output : s.outputs) {
        line << " | " << output.id << ":" << toString(output.state);
        if (output.state == capture::OutputState::Live) line << " " << fixed(output.kbps, 0) << "kbps";
        if (output.reconnects > 0 || output.state == capture::OutputState::Reconnecting)
            line << "#" << output.reconnects;
        if (output.retryInMs >= 0) line << " retry_in=" << output.retryInMs << "ms";
        if (output.packetsDropped > 0) line << " drop=" << output.packetsDropped;
    }
    return maskSecrets(line.str());
}

std::string formatSummary(const EngineStatus& s) {
    std::ostringstream out;
    const double fps = s.wallSeconds > 0 ? static_cast<double>(s.frames) / s.wallSeconds : 0;
    out << "summary frames=" << s.frames << " seconds=" << fixed(s.programSeconds, 3)
        << " wall_s=" << fixed(s.wallSeconds, 2) << " fps=" << fixed(fps, 1) << " dropped=" << s.dropped
        << " lagged=" << s.lagged << " tick_faults=" << s.tickFaults
        << " compose_ms_median=" << fixed(s.composeMsMedian, 3)
        << " compose_ms_p99=" << fixed(s.composeMsP99, 3)
        << " encode_ms_median=" << fixed(s.encoder.encodeMsMedian, 3)
        << " latency_ms_median=" << fixed(s.encoder.latencyMsMedian, 1)
        << " latency_ms_p99=" << fixed(s.encoder.latencyMsP99, 1) << "\n";
    for (const auto& o : s.outputs) {
        const double kbps =
            s.programSeconds > 0 ? static_cast<double>(o.bytesSent) * 8 / 1000 / s.programSeconds : 0;
        out << "output id=" << o.id << " kind=" << toString(o.kind) << " state=" << toString(o.state)
            << " packets=" << o.packetsSent << " dropped=" << o.packetsDropped
            << " reconnects=" << o.reconnects << " kbps=" << fixed(kbps, 0) << " target=" << o.target;
        if (!o.lastError.empty()) out << " last_error=\"" << o.lastError << "\"";
        out << "\n";
    }
    // One line per encode: which outputs it feeds, what it makes, and whether it kept up.
    for (const EncodeStatus& e : s.encodes) {
        out << "encode id=" << e.id << " outputs=" << joinedText(e.outputs, ",")
            << " size=" << e.settings.width << "x" << e.settings.height << " kbps=" << e.settings.bitrateKbps
            << " keyint_s=" << e.settings.keyintSeconds << " profile=" << e.settings.profile
            << " threads=" << e.settings.threads << " scaled=" << (e.scaled ? 1 : 0)
            << " frames=" << e.encoder.videoPackets << " dropped=" << e.dropped
            << " encode_ms_median=" << fixed(e.encoder.encodeMsMedian, 3)
            << " scale_ms_median=" << fixed(e.scaleMsMedian, 3) << "\n";
    }
    for (const auto& src : s.sources) {
        out << "source id=" << src.id << " state=" << toString(src.state) << " frames=" << src.framesDecoded
            << " dropped=" << src.framesDropped << " reconnects=" << src.reconnects
            << " lost_ms=" << src.lostMs;
        // Audio-only inputs have no picture: say so rather than "0x0".
        if (src.width > 0)
            out << " size=" << src.width << "x" << src.height;
        else
            out << " audio_only=1";
        out << " audio=" << (src.hasAudio ? 1 : 0);
        if (src.width > 0)
            out << " decode=" << capture::decodeName(src) << " exact=" << (src.exact ? 1 : 0)
                << " light_frames=" << src.framesDecodedLight << " catch_ups=" << src.catchUps
                << " hold_ms=" << src.holdMs << " sound_lag_ms=" << src.soundLagMs;
        out << "\n";
    }
    // Loudness over the whole show (EBU R128); "none" when there was nothing to measure.
    auto loudness = [&out](const capture::LoudnessReading& reading) {
        auto figure = [&out](const char* key, const std::optional<double>& value) {
            out << " " << key << "=" << (value ? fixed(*value, 2) : std::string("none"));
        };
        figure("integrated_lufs", reading.integratedLufs);
        figure("max_true_peak_dbfs", reading.maxTruePeakDbfs);
    };
    for (const auto& input : s.audioInputs) {
        const capture::ChannelSettings& strip = input.settings;
        out << "audio input=" << input.id << " gain_db=" << fixed(strip.gainDb, 1)
            << " muted=" << (strip.muted ? 1 : 0) << " delay_ms=" << strip.delayMs
            << " gate=" << (strip.gate ? fixed(strip.gateThresholdDb, 1) : std::string("off"));
        loudness(input.loudness);
        out << " overs=" << input.overTicks << " silence_samples=" << input.silenceSamples
            << " dropped_samples=" << input.droppedSamples << "\n";
    }
    if (s.programAudio) {
        out << "audio program";
        loudness(s.programAudio->loudness);
        out << " limiter=" << (s.programAudio->limiter ? "on" : "off")
            << " limiter_max_reduction_db=" << fixed(s.programAudio->limiterMaxReductionDb, 2)
            << " overs=" << s.programAudio->overTicks << "\n";
    }
    if (s.monitorDevice) {
        const capture::AudioMonitorStats& m = *s.monitorDevice;
        out << "audio monitor device=" << m.format << ":" << m.device << " playing=" << (m.playing ? 1 : 0)
            << " played_samples=" << m.playedSamples << " dropped_samples=" << m.droppedSamples << "\n";
    }
    return maskSecrets(out.str());
}

std::string formatAnalytics(const LiveAnalytics& analytics) {
    // The live numbers as the show saw them, in docs/DESIGN.md's keys; the report
    // computed from SQLite afterwards gives the same.
    std::ostringstream out;
    out << "analytics session=" << analytics.sessionId();
    const nlohmann::json summary = analytics.summaryJson();
    for (const auto& [key, value] : summary.items())
        out << " " << key << "=" << (value.is_number_float() ? fixed(value.get<double>(), 6) : value.dump());
    size_t open = 0;
    for (const LiveAlert& alert : analytics.alerts())
        open += alert.acknowledged ? 0 : 1;
    out << " alerts=" << analytics.alerts().size() << " unacknowledged=" << open << "\n";
    return out.str();
}

} // namespace hawker::studio
