#include "hawker/studio/show/profile_check.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hawker::studio {

namespace {

std::string number(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

/// A value with its unit, as the rule states it: whole kbps and Hz, two decimals for seconds.
std::string withUnit(RuleKey key, double value) {
    switch (key) {
    case RuleKey::KeyintSeconds:
        return number(value, 2) + " s";
    case RuleKey::Fps:
        return number(value, 2) + " fps";
    case RuleKey::VideoKbps:
    case RuleKey::AudioKbps:
        return number(value, 0) + " kbps";
    case RuleKey::InterleaveMs:
        return number(value, 0) + " ms";
    case RuleKey::VideoLevel:
        return number(value, 1);
    default:
        return number(value, 2);
    }
}

std::string shortest(double value) {
    return std::abs(value - std::round(value)) < 1e-9 ? number(value, 0) : number(value, 2);
}

std::string rangeText(const ProfileRule& rule) {
    const auto unit = [&](double v) {
        const std::string full = withUnit(rule.key, v);
        const size_t space = full.find(' ');
        return shortest(v) + (space == std::string::npos ? "" : full.substr(space));
    };
    std::string text;
    if (rule.min && rule.max)
        text = unit(*rule.min) + " to " + unit(*rule.max);
    else if (rule.max)
        text = "at most " + unit(*rule.max);
    else if (rule.min)
        text = "at least " + unit(*rule.min);
    std::string recommended;
    if (rule.recommendedMin && rule.recommendedMax)
        recommended = unit(*rule.recommendedMin) + " to " + unit(*rule.recommendedMax);
    else if (rule.recommendedMax)
        recommended = "at most " + unit(*rule.recommendedMax);
    else if (rule.recommendedMin)
        recommended = "at least " + unit(*rule.recommendedMin);
    if (!recommended.empty()) text += (text.empty() ? "" : ", ") + recommended + " recommended";
    return text;
}

std::string listText(const ProfileRule& rule) {
    std::string text;
    for (const std::string& value : rule.oneOf)
        text += (text.empty() ? "" : ", ") + value;
    return "one of " + text;
}

/// Broken rules fail when the fact is trusted, warn when it is not.
Verdict broken(const ProfileRule& rule) {
    return enforced(rule.confidence) ? Verdict::Fail : Verdict::Warn;
}

RuleCheck row(const OutputSpec& output, const ProfileRule& rule) {
    RuleCheck check;
    check.output = output.id;
    check.profile = output.profile ? output.profile->id : "";
    check.rule = rule.key;
    check.source = rule.source;
    check.confidence = rule.confidence;
    return check;
}

RuleCheck judgeRange(const OutputSpec& output, const ProfileRule& rule, double value,
                     const std::string& extra = {}) {
    RuleCheck check = row(output, rule);
    check.measured = withUnit(rule.key, value) + extra;
    check.allowed = rangeText(rule);
    // A value a hair past its limit is within it: the muxer rounds timestamps (0.02 s), and a CBR encoder
    // lands within a few percent of its rate (3 %), which no ingest tells apart.
    const auto slack = [&](double limit) {
        if (rule.key == RuleKey::KeyintSeconds) return 0.02;
        if (rule.key == RuleKey::VideoKbps || rule.key == RuleKey::AudioKbps) return 0.03 * limit;
        return 0.0;
    };
    const auto below = [&](const std::optional<double>& limit) {
        return limit && value < *limit - slack(*limit);
    };
    const auto above = [&](const std::optional<double>& limit) {
        return limit && value > *limit + slack(*limit);
    };
    if (below(rule.min) || above(rule.max))
        check.verdict = broken(rule);
    else if (below(rule.recommendedMin) || above(rule.recommendedMax)) {
        check.verdict = Verdict::Warn;
        check.recommendationOnly = true;
    }
    return check;
}

RuleCheck judgeList(const OutputSpec& output, const ProfileRule& rule, const std::string& value) {
    RuleCheck check = row(output, rule);
    check.measured = value.empty() ? "none" : value;
    check.allowed = listText(rule);
    if (std::find(rule.oneOf.begin(), rule.oneOf.end(), value) == rule.oneOf.end())
        check.verdict = broken(rule);
    return check;
}

/// The protocol the output speaks, from its kind and URL; empty for a recording.
std::string protocolOf(const OutputSpec& output) {
    switch (output.kind) {
    case capture::OutputKind::Rtmp:
        return output.url.rfind("rtmps://", 0) == 0 ? "rtmps" : "rtmp";
    case capture::OutputKind::Srt:
        return "srt";
    case capture::OutputKind::Udp:
        return "udp";
    default:
        return "";
    }
}

std::string rectText(const cv::Rect& r) {
    return "[" + std::to_string(r.x) + ", " + std::to_string(r.y) + ", " + std::to_string(r.width) + ", " +
           std::to_string(r.height) + "]";
}

/// Which covered sides a rectangle reaches into, and how far ("bottom 31 %").
std::string reaches(const overlay::SafeArea& covered, cv::Size canvas, const cv::Rect& r) {
    std::string text;
    const auto add = [&](const char* side, double fraction) {
        if (fraction <= 0) return;
        text += (text.empty() ? "" : ", ") + std::string(side) + " " + number(fraction * 100, 0) + " %";
    };
    const double w = canvas.width, h = canvas.height;
    add("top", std::min(covered.top * h - r.y, static_cast<double>(r.height)) / h);
    add("bottom", std::min(r.y + r.height - (1 - covered.bottom) * h, static_cast<double>(r.height)) / h);
    add("left", std::min(covered.left * w - r.x, static_cast<double>(r.width)) / w);
    add("right", std::min(r.x + r.width - (1 - covered.right) * w, static_cast<double>(r.width)) / w);
    return text;
}

} // namespace

const char* toString(Verdict verdict) {
    switch (verdict) {
    case Verdict::Pass:
        return "pass";
    case Verdict::Warn:
        return "warn";
    case Verdict::Fail:
        return "fail";
    }
    return "fail";
}

std::vector<RuleCheck> checkMeasuredStream(const OutputSpec& output, const capture::StreamMeasure& m) {
    std::vector<RuleCheck> checks;
    if (!output.profile) return checks;
    const bool audio = !m.audioCodec.empty();
    for (const ProfileRule& rule : output.profile->rules) {
        switch (rule.key) {
        case RuleKey::VideoCodec:
            checks.push_back(judgeList(output, rule, m.videoCodec));
            break;
        case RuleKey::VideoProfile:
            checks.push_back(judgeList(output, rule, m.videoProfile));
            break;
        case RuleKey::VideoLevel:
            checks.push_back(judgeRange(output, rule, m.videoLevel));
            break;
        case RuleKey::Resolution:
            checks.push_back(
                judgeList(output, rule, std::to_string(m.width) + "x" + std::to_string(m.height)));
            break;
        case RuleKey::Orientation:
            checks.push_back(
                judgeList(output, rule,
                          m.height > m.width ? "portrait" : (m.width > m.height ? "landscape" : "square")));
            break;
        case RuleKey::Fps:
            checks.push_back(judgeRange(output, rule, m.fps));
            break;
        case RuleKey::VideoKbps: {
            std::string windows;
            if (!m.videoKbpsPerSecond.empty()) {
                const auto [lo, hi] =
                    std::minmax_element(m.videoKbpsPerSecond.begin(), m.videoKbpsPerSecond.end());
                windows = " (1 s windows " + number(*lo, 0) + " to " + number(*hi, 0) + ")";
            }
            checks.push_back(judgeRange(output, rule, m.videoKbps, windows));
            break;
        }
        case RuleKey::KeyintSeconds:
            // A file's keyframes are counted; a live reading is the latest spacing only.
            checks.push_back(judgeRange(output, rule, m.keyintMaxS,
                                        m.keyframes > 0
                                            ? " longest (" + std::to_string(m.keyframes) + " keyframes)"
                                            : std::string()));
            break;
        case RuleKey::AudioCodec:
            checks.push_back(judgeList(output, rule, m.audioCodec));
            break;
        case RuleKey::AudioRate:
            checks.push_back(judgeList(output, rule, audio ? std::to_string(m.audioRate) : ""));
            break;
        case RuleKey::AudioChannels:
            checks.push_back(judgeList(output, rule, audio ? std::to_string(m.audioChannels) : ""));
            break;
        case RuleKey::AudioKbps:
            if (audio) {
                checks.push_back(judgeRange(output, rule, m.audioKbps));
            } else {
                RuleCheck check = row(output, rule);
                check.measured = "no audio";
                check.allowed = rangeText(rule);
                check.verdict = broken(rule);
                checks.push_back(check);
            }
            break;
        case RuleKey::InterleaveMs:
            if (audio) checks.push_back(judgeRange(output, rule, m.interleaveMs));
            break;
        case RuleKey::Protocol:
            // A recording is not sent anywhere; the profile's protocol is for its network twin.
            if (!protocolOf(output).empty()) checks.push_back(judgeList(output, rule, protocolOf(output)));
            break;
        case RuleKey::SafeArea:
            break; // the picture's layout, not the stream: checkSafeArea
        }
    }
    return checks;
}

std::vector<RuleCheck> checkSafeArea(const ShowSpec& show, const OutputSpec& output) {
    std::vector<RuleCheck> checks;
    if (!output.profile) return checks;
    const ProfileRule* rule = output.profile->find(RuleKey::SafeArea);
    if (!rule) return checks;
    const cv::Size canvas(show.width, show.height);
    const cv::Rect visible = rule->covered.visible(canvas);
    const double canvasArea = static_cast<double>(canvas.area());
    int judged = 0;
    const auto judge = [&](const std::string& what, const cv::Rect& rect) {
        ++judged;
        if ((visible & rect) == rect) return;
        RuleCheck check = row(output, *rule);
        check.measured =
            what + " " + rectText(rect) + " reaches into the " + reaches(rule->covered, canvas, rect);
        check.allowed = "inside " + rectText(visible);
        check.verdict = broken(*rule);
        checks.push_back(check);
    };
    for (const SceneSpec& scene : show.scenes) {
        for (const SlotSpec& slot : scene.slots)
            judge("scene " + scene.id + " slot " + slot.name, slot.rect);
        for (size_t i = 0; i < scene.layers.size(); ++i) {
            const LayerSpec& layer = scene.layers[i];
            if (layer.kind != LayerSpec::Kind::Image) continue;
            if (static_cast<double>((layer.rect & cv::Rect({0, 0}, canvas)).area()) >= 0.9 * canvasArea)
                continue;
            judge("scene " + scene.id + " image " + layer.image.filename().string(), layer.rect);
        }
    }
    if (checks.empty()) {
        RuleCheck check = row(output, *rule);
        check.measured = std::to_string(judged) + " slots and images, all inside";
        check.allowed = "inside " + rectText(visible);
        checks.push_back(check);
    }
    return checks;
}

Verdict worstVerdict(const std::vector<RuleCheck>& checks) {
    Verdict worst = Verdict::Pass;
    for (const RuleCheck& check : checks)
        if (static_cast<int>(check.verdict) > static_cast<int>(worst)) worst = check.verdict;
    return worst;
}

} // namespace hawker::studio
