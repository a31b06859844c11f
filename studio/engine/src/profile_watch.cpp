#include "profile_watch.hpp"

#include "hawker/studio/base/log.hpp"
#include "hawker/studio/show/profile_check.hpp"

namespace hawker::studio {

namespace {

/// The first check waits for this much stream time: two keyframe intervals and a full bitrate window.
constexpr double kFirstCheckS = 8;
/// A drift is reported after this many observations (seconds) out of range, and cleared after as many back.
constexpr int kRunsToChange = 3;

/// What the output sends, as far as it is known live: the encoder's settings for what they fix (codec,
/// size, rate, audio), and the output's own measurement for what can drift.
capture::StreamMeasure liveMeasure(const capture::EncoderSettings& encoder,
                                   const capture::OutputStats& stats) {
    capture::StreamMeasure m;
    m.videoCodec = "h264";
    m.videoProfile = encoder.profile;
    m.width = encoder.width;
    m.height = encoder.height;
    m.fps = encoder.fps;
    m.videoKbps = stats.sent.videoKbps;
    m.keyintMaxS = stats.sent.keyintS;
    m.keyframes = 0;
    m.audioCodec = "aac";
    m.audioRate = encoder.audioRate;
    m.audioChannels = 2;
    m.audioKbps = encoder.audioKbps;
    return m;
}

bool drifts(RuleKey key) {
    return key == RuleKey::VideoKbps || key == RuleKey::KeyintSeconds;
}

} // namespace

ProfileWatch::ProfileWatch(const ShowSpec& show, EventHook onEvent)
    : m_show(show), m_onEvent(std::move(onEvent)) {}

void ProfileWatch::observe(const std::vector<capture::OutputStats>& outputs) {
    std::vector<ProfileDrift> off;
    for (const OutputSpec& spec : m_show.outputs) {
        if (!spec.profile) continue;
        const auto stats = std::find_if(outputs.begin(), outputs.end(),
                                        [&](const capture::OutputStats& s) { return s.id == spec.id; });
        if (stats == outputs.end() || stats->state != capture::OutputState::Live) continue;
        Watched& watched = m_watched[spec.id];
        const capture::StreamMeasure measure = liveMeasure(m_show.encodeOf(spec), *stats);
        if (stats->sent.watchedS >= kFirstCheckS) {
            std::vector<RuleCheck> rows = checkMeasuredStream(spec, measure);
            if (!watched.checked) {
                watched.checked = true;
                const std::vector<RuleCheck> safe = checkSafeArea(m_show, spec);
                rows.insert(rows.end(), safe.begin(), safe.end());
                for (const RuleCheck& row : rows) {
                    if (row.rule == RuleKey::InterleaveMs) continue; // not known live
                    const std::string line = "profile check " + spec.id + " (" + spec.profile->id + ") " +
                                             ruleName(row.rule) + " " + toString(row.verdict) + ": " +
                                             row.measured + " (" + row.allowed + "; " +
                                             toString(row.confidence) + ")";
                    if (row.verdict == Verdict::Pass)
                        logInfo(line);
                    else
                        logWarning(line);
                }
            }
            std::string detail;
            for (const RuleCheck& row : rows)
                if (drifts(row.rule) && row.verdict != Verdict::Pass && !row.recommendationOnly)
                    detail += (detail.empty() ? "" : "; ") + std::string(ruleName(row.rule)) + " " +
                              row.measured + " (" + row.allowed + ")";
            if (!detail.empty()) {
                watched.goodRuns = 0;
                if (++watched.badRuns >= kRunsToChange && !watched.off) {
                    watched.off = true;
                    if (m_onEvent) m_onEvent(spec.id, "off_profile", detail);
                }
                watched.detail = detail;
            } else {
                watched.badRuns = 0;
                if (watched.off && ++watched.goodRuns >= kRunsToChange) {
                    watched.off = false;
                    if (m_onEvent) m_onEvent(spec.id, "on_profile", "");
                }
            }
        }
        if (watched.off) off.push_back({spec.id, watched.detail});
    }
    std::lock_guard lock(m_mutex);
    m_offProfile = std::move(off);
}

std::vector<ProfileDrift> ProfileWatch::offProfile() const {
    std::lock_guard lock(m_mutex);
    return m_offProfile;
}

} // namespace hawker::studio
