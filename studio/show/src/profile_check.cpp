#include "hawker/studio/show/profile_check.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "hawker/capture/fitted_rect.hpp"
#include "hawker/studio/base/joined_text.hpp"

namespace hawker::studio {

namespace {

std::string number(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

/// The unit a rule's values are written with, after a space ("" for a level), and its decimals.
std::pair<const char*, int> unitOf(RuleKey key) {
    switch (key) {
    case RuleKey::KeyintSeconds:
        return {" s", 2};
    case RuleKey::Fps:
        return {" fps", 2};
    case RuleKey::VideoKbps:
    case RuleKey::AudioKbps:
        return {" kbps", 0};
    case RuleKey::InterleaveMs:
        return {" ms", 0};
    case RuleKey::VideoLevel:
        return {"", 1};
    default:
        return {"", 2};
    }
}

/// A measured value: its rule's decimals and unit ("6.00 s", "4615 kbps").
std::string withUnit(RuleKey key, double value) {
    const auto [unit, decimals] = unitOf(key);
    return number(value, decimals) + unit;
}

/// "24 fps to 60 fps", "at most 4 s", "at least 128 kbps"; "" when neither bound is set. A limit is
/// written as short as it is ("1.50 s" only when it is not whole).
std::string bounds(RuleKey key, const std::optional<double>& lo, const std::optional<double>& hi) {
    const auto limit = [&](double v) {
        return (std::abs(v - std::round(v)) < 1e-9 ? number(v, 0) : number(v, 2)) + unitOf(key).first;
    };
    if (lo && hi) return limit(*lo) + " to " + limit(*hi);
    if (hi) return "at most " + limit(*hi);
    if (lo) return "at least " + limit(*lo);
    return "";
}

std::string rangeText(const ProfileRule& rule) {
    std::string text = bounds(rule.key, rule.min, rule.max);
    const std::string recommended = bounds(rule.key, rule.recommendedMin, rule.recommendedMax);
    if (!recommended.empty()) text += (text.empty() ? "" : ", ") + recommended + " recommended";
    return text;
}

std::string listText(const ProfileRule& rule) {
    return "one of " + joinedText(rule.oneOf, ", ");
}

/// Broken rules fail when the fact is trusted, warn when it is not.
Verdict broken(const ProfileRule& rule) {
    return enforced(rule.confidence) ? Verdict::Fail : Verdict::Warn;
}

RuleCheck row(const ProfileRule& rule) {
    RuleCheck check;
    check.rule = rule.key;
    check.source = rule.source;
    check.confidence = rule.confidence;
    return check;
}

RuleCheck judgeRange(const ProfileRule& rule, double value, const std::string& extra = {}) {
    RuleCheck check = row(rule);
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

RuleCheck judgeList(const ProfileRule& rule, const std::string& value) {
    RuleCheck check = row(rule);
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
            checks.push_back(judgeList(rule, m.videoCodec));
            break;
        case RuleKey::VideoProfile:
            checks.push_back(judgeList(rule, m.videoProfile));
            break;
        case RuleKey::VideoLevel:
            checks.push_back(judgeRange(rule, m.videoLevel));
            break;
        case RuleKey::Resolution:
            checks.push_back(judgeList(rule, std::to_string(m.width) + "x" + std::to_string(m.height)));
            break;
        case RuleKey::Orientation:
            checks.push_back(judgeList(
                rule, m.height > m.width ? "portrait" : (m.width > m.height ? "landscape" : "square")));
            break;
        case RuleKey::Fps:
            checks.push_back(judgeRange(rule, m.fps));
            break;
        case RuleKey::VideoKbps: {
            std::string windows;
            if (!m.videoKbpsPerSecond.empty()) {
                const auto [lo, hi] =
                    std::minmax_element(m.videoKbpsPerSecond.begin(), m.videoKbpsPerSecond.end());
                windows = " (1 s windows " + number(*lo, 0) + " to " + number(*hi, 0) + ")";
            }
            checks.push_back(judgeRange(rule, m.videoKbps, windows));
            break;
        }
        case RuleKey::KeyintSeconds:
            // A file's keyframes are counted; a live reading is the latest spacing only.
            checks.push_back(judgeRange(rule, m.keyintMaxS,
                                        m.keyframes > 0
                                            ? " longest (" + std::to_string(m.keyframes) + " keyframes)"
                                            : std::string()));
            break;
        case RuleKey::AudioCodec:
            checks.push_back(judgeList(rule, m.audioCodec));
            break;
        case RuleKey::AudioRate:
            checks.push_back(judgeList(rule, audio ? std::to_string(m.audioRate) : ""));
            break;
        case RuleKey::AudioChannels:
            checks.push_back(judgeList(rule, audio ? std::to_string(m.audioChannels) : ""));
            break;
        case RuleKey::AudioKbps:
            if (audio) {
                checks.push_back(judgeRange(rule, m.audioKbps));
            } else {
                RuleCheck check = row(rule);
                check.measured = "no audio";
                check.allowed = rangeText(rule);
                check.verdict = broken(rule);
                checks.push_back(check);
            }
            break;
        case RuleKey::InterleaveMs:
            if (audio) checks.push_back(judgeRange(rule, m.interleaveMs));
            break;
        case RuleKey::Protocol:
            // A recording is not sent anywhere; the profile's protocol is for its network twin.
            if (!protocolOf(output).empty()) checks.push_back(judgeList(rule, protocolOf(output)));
            break;
        case RuleKey::SafeArea:
            break; // the picture's layout, not the stream: checkSafeArea
        }
    }
    return checks;
}

std::optional<cv::Rect> safeAreaOnCanvas(const ShowSpec& show, const OutputSpec& output) {
    if (!output.profile) return std::nullopt;
    const ProfileRule* rule = output.profile->find(RuleKey::SafeArea);
    if (!rule) return std::nullopt;
    const cv::Size canvas(show.width, show.height);
    // An output without its own encode is the canvas itself.
    const cv::Size frame = output.encode ? cv::Size(output.encode->width, output.encode->height) : canvas;
    const cv::Rect placed = capture::fittedRect(canvas, frame);
    const cv::Rect onFrame = rule->covered.visible(frame) & placed;
    if (placed.area() == 0 || onFrame.area() == 0) return cv::Rect();
    const double sx = static_cast<double>(canvas.width) / placed.width;
    const double sy = static_cast<double>(canvas.height) / placed.height;
    const int left = static_cast<int>(std::lround((onFrame.x - placed.x) * sx));
    const int top = static_cast<int>(std::lround((onFrame.y - placed.y) * sy));
    const int right = static_cast<int>(std::lround((onFrame.br().x - placed.x) * sx));
    const int bottom = static_cast<int>(std::lround((onFrame.br().y - placed.y) * sy));
    return cv::Rect(left, top, right - left, bottom - top) & cv::Rect({0, 0}, canvas);
}

cv::Rect layoutSafeArea(const ShowSpec& show) {
    for (const OutputSpec& output : show.outputs)
        if (auto visible = safeAreaOnCanvas(show, output)) return *visible;
    return show.graphics.safeArea.value_or(overlay::SafeArea{}).visible(cv::Size(show.width, show.height));
}

std::vector<RuleCheck> checkSafeArea(const ShowSpec& show, const OutputSpec& output) {
    std::vector<RuleCheck> checks;
    if (!output.profile) return checks;
    const ProfileRule* rule = output.profile->find(RuleKey::SafeArea);
    if (!rule) return checks;
    const cv::Size canvas(show.width, show.height);
    const cv::Rect visible = safeAreaOnCanvas(show, output).value_or(cv::Rect({0, 0}, canvas));
    const double canvasArea = static_cast<double>(canvas.area());
    int judged = 0;
    const auto judge = [&](const std::string& what, const cv::Rect& rect) {
        ++judged;
        if ((visible & rect) == rect) return;
        RuleCheck check = row(*rule);
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
        RuleCheck check = row(*rule);
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
