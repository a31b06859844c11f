#pragma once
// A platform's ingest rules (assets/platforms/ID.toml): what a stream must be
// for the platform to take it without a warning or a drop -- resolution,
// frame rate, bitrate, keyframe interval, codecs, audio, protocol -- and the
// parts of the picture its app covers. Every rule says where it comes from and
// how far to trust that: a rule from the platform's own documentation fails a
// check, one from a single secondary source only warns. An output names its
// profile (`profile = "douyin"`) and may override any rule in the show file;
// an overridden rule is the user's word and fails like a documented one.

#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "hawker/overlay/theme.hpp"

namespace hawker::studio {

/// The rules a profile may state; one table (kRuleKeys in platform_profile.cpp) names them for the
/// profile files, the show file's overrides, `hawker preflight` and its JSON.
enum class RuleKey {
    VideoCodec,    ///< one_of: h264, hevc, av1
    VideoProfile,  ///< one_of: baseline, main, high
    VideoLevel,    ///< max: 4.2
    Resolution,    ///< one_of: "1080x1920"
    Orientation,   ///< one_of: portrait, landscape
    Fps,           ///< min/max
    VideoKbps,     ///< min/max over the run; each 1 s window is reported too
    KeyintSeconds, ///< max (and a recommended max)
    AudioCodec,    ///< one_of: aac, opus
    AudioRate,     ///< one_of: 44100, 48000
    AudioChannels, ///< one_of: 1, 2
    AudioKbps,     ///< min/max
    InterleaveMs,  ///< max: how far audio and video run apart in the stream
    Protocol,      ///< one_of: rtmp, rtmps, srt
    SafeArea,      ///< top/right/bottom/left: fractions of the picture the app covers
};
/// "keyint_s", "video_kbps", …: the rule's name in the files and in reports.
const char* ruleName(RuleKey key);
std::optional<RuleKey> ruleKeyFromName(const std::string& name);
/// Every rule key, in report order.
const std::vector<RuleKey>& allRuleKeys();

/// How far a rule's source can be trusted. Documented, code and the user's own
/// word fail a check; secondary and assumed only warn.
enum class Confidence { Documented, Code, Secondary, Assumed, User };
const char* toString(Confidence confidence);
std::optional<Confidence> confidenceFromName(const std::string& name);
bool enforced(Confidence confidence);

struct ProfileRule {
    RuleKey key = RuleKey::Fps;
    std::optional<double> min, max;                       ///< range rules: outside fails (or warns)
    std::optional<double> recommendedMin, recommendedMax; ///< outside only warns
    std::vector<std::string> oneOf;                       ///< list rules, as written ("48000", "high")
    overlay::SafeArea covered{0, 0, 0, 0};                ///< SafeArea: what the app covers
    std::string source;                                   ///< where the fact comes from
    Confidence confidence = Confidence::Assumed;
};

struct PlatformProfile {
    std::string id;   ///< the file's stem: douyin, youtube, …
    std::string name; ///< "YouTube Live"
    std::string note; ///< what a user should know (e.g. "secondary sources only")
    std::vector<ProfileRule> rules;
    const ProfileRule* find(RuleKey key) const;
};

/// Parses a profile file's text; `id` is the name it was asked by. A bad file throws ShowFileError
/// (show_file.hpp) naming the file and the field.
PlatformProfile parsePlatformProfile(const std::string& text, const std::string& id,
                                     const std::string& displayName);
/// assets/platforms/ID.toml. An id is lower-case letters, digits, - and _ (never a path).
PlatformProfile loadPlatformProfile(const std::string& id);
/// The ids of the shipped profiles, sorted.
std::vector<std::string> platformProfileIds();

/// The show file's `rules` table of an output: each key a rule name, each value the fields that
/// replace the profile's (min, max, recommended_min, recommended_max, one_of, or the safe area's sides).
/// An overridden rule's source is the show file, its confidence the user's. `where` names the table in
/// errors ("outputs[1].rules"), `file` the show file.
void overrideRules(PlatformProfile& profile, const toml::table& rules, const std::string& where,
                   const std::string& file);

} // namespace hawker::studio
