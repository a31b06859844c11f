#include "hawker/studio/engine/preflight.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <thread>

#include "hawker/studio/base/log.hpp"
#include "hawker/studio/engine/program_engine.hpp"

namespace hawker::studio {

using nlohmann::json;

namespace {

/// The output as a local sink: the same encode, written to a file the check can read.
OutputSpec localSink(const OutputSpec& output, const std::filesystem::path& dir) {
    OutputSpec sink;
    sink.id = output.id;
    sink.kind = capture::OutputKind::Record;
    sink.path = dir / ("preflight-" + output.id + ".mkv");
    sink.encode = output.encode; // its own size and rates, when it has them
    sink.letterbox = output.letterbox;
    return sink;
}

json measuredJson(const capture::StreamMeasure& m) {
    return {{"video_codec", m.videoCodec},
            {"video_profile", m.videoProfile},
            {"video_level", m.videoLevel},
            {"width", m.width},
            {"height", m.height},
            {"frames", m.videoFrames},
            {"fps", m.fps},
            {"duration_s", m.durationS},
            {"keyframes", m.keyframes},
            {"keyint_max_s", m.keyintMaxS},
            {"keyint_mean_s", m.keyintMeanS},
            {"video_kbps", m.videoKbps},
            {"video_kbps_per_second", m.videoKbpsPerSecond},
            {"audio_codec", m.audioCodec},
            {"audio_rate", m.audioRate},
            {"audio_channels", m.audioChannels},
            {"audio_kbps", m.audioKbps},
            {"interleave_ms", m.interleaveMs}};
}

std::string padded(const std::string& text, size_t width) {
    // Width in characters as a terminal shows them: a CJK character takes two columns.
    size_t columns = 0;
    for (size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const size_t length = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        columns += length >= 3 ? 2 : 1;
        i += length;
    }
    return columns >= width ? text + " " : text + std::string(width - columns, ' ');
}

std::string upper(const char* text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

} // namespace

PreflightReport runPreflight(ShowSpec show, const PreflightOptions& options) {
    if (!(options.seconds >= 2 && options.seconds <= 120))
        throw std::invalid_argument("--seconds must be between 2 and 120");
    if (show.outputs.empty()) throw std::invalid_argument("the show has no outputs to check");
    std::filesystem::create_directories(options.workDir);
    const std::vector<OutputSpec> outputs = show.outputs;
    show.outputs.clear();
    for (const OutputSpec& output : outputs)
        show.outputs.push_back(localSink(output, options.workDir));
    // Only the program and its encode run: no API, no session, no connectors.
    show.api.enabled = false;
    show.connectors.clear();

    EngineOptions engineOptions;
    engineOptions.offline = !options.live;
    engineOptions.durationSeconds = options.seconds;
    engineOptions.overwrite = true;
    {
        ProgramEngine engine(show, engineOptions);
        engine.prepare();
        engine.start();
        // Bounded: a live run takes its seconds, an offline one far less; a stuck one is stopped.
        const auto deadline = std::chrono::steady_clock::now() +
                              std::chrono::milliseconds(static_cast<int64_t>(options.seconds * 1000) + 60000);
        while (!engine.finished()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            if (std::chrono::steady_clock::now() > deadline) {
                logWarning("preflight: the program did not finish in time; stopping it");
                engine.requestStop();
                break;
            }
        }
        engine.waitUntilFinished();
    }

    PreflightReport report;
    report.seconds = options.seconds;
    for (size_t i = 0; i < outputs.size(); ++i) {
        const OutputSpec& output = outputs[i];
        PreflightOutput result;
        result.id = output.id;
        result.profile = output.profile ? output.profile->id : "";
        result.file = show.outputs[i].path;
        try {
            result.measured = capture::measureStream(result.file.string());
            result.checks = checkMeasuredStream(output, *result.measured);
        } catch (const std::exception& error) {
            result.error = error.what();
            report.verdict = Verdict::Fail;
        }
        const std::vector<RuleCheck> safe = checkSafeArea(show, output);
        result.checks.insert(result.checks.end(), safe.begin(), safe.end());
        report.verdict = std::max(report.verdict, worstVerdict(result.checks));
        report.outputs.push_back(std::move(result));
    }
    return report;
}

json preflightJson(const PreflightReport& report) {
    json outputs = json::array();
    for (const PreflightOutput& o : report.outputs) {
        json checks = json::array();
        for (const RuleCheck& c : o.checks)
            checks.push_back({{"rule", ruleName(c.rule)},
                              {"measured", c.measured},
                              {"allowed", c.allowed},
                              {"verdict", toString(c.verdict)},
                              {"source", c.source},
                              {"confidence", toString(c.confidence)}});
        outputs.push_back({{"id", o.id},
                           {"profile", o.profile},
                           {"file", o.file.filename().string()},
                           {"error", o.error},
                           {"measured", o.measured ? measuredJson(*o.measured) : json(nullptr)},
                           {"checks", std::move(checks)}});
    }
    return {
        {"verdict", toString(report.verdict)}, {"seconds", report.seconds}, {"outputs", std::move(outputs)}};
}

std::string preflightTable(const PreflightReport& report) {
    std::ostringstream out;
    out << padded("output", 12) << padded("profile", 10) << padded("rule", 16) << padded("verdict", 8)
        << padded("measured", 44) << padded("allowed", 48) << "source (confidence)\n";
    for (const PreflightOutput& o : report.outputs) {
        if (!o.error.empty())
            out << padded(o.id, 12) << padded(o.profile.empty() ? "-" : o.profile, 10) << padded("stream", 16)
                << padded("FAIL", 8) << "not measured: " << o.error << "\n";
        if (o.profile.empty() && o.error.empty())
            out << padded(o.id, 12) << padded("-", 10) << padded("-", 16) << padded("-", 8)
                << "no profile: not checked (set profile = \"...\" on the output)\n";
        for (const RuleCheck& c : o.checks) {
            out << padded(o.id, 12) << padded(o.profile, 10) << padded(ruleName(c.rule), 16)
                << padded(upper(toString(c.verdict)), 8) << padded(c.measured, 44) << padded(c.allowed, 48)
                << c.source << " (" << toString(c.confidence) << ")\n";
        }
    }
    out << "preflight: " << upper(toString(report.verdict)) << " (" << report.seconds
        << " s of program per output)\n";
    return out.str();
}

} // namespace hawker::studio
