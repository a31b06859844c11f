// The show file's program sections: the show's name, the canvas, the scenes
// on the buses at the start, the monitor, the encoder, the outputs and the graphics.

#include <filesystem>
#include <set>

#include "hawker/studio/base/untrusted_text.hpp"
#include "show_file_sections.hpp"

namespace hawker::studio::detail {

void readShowName(Fields& top, ShowSpec& show, const std::string& file) {
    if (const toml::table* t = top.optTable("show")) {
        Fields f(*t, "show", file);
        show.name = f.optString("name").value_or("");
        f.finish();
    }
    if (show.name.empty()) show.name = std::filesystem::path(file).stem().string();
}

std::optional<capture::PlatformPreset> readPlatformPreset(Fields& top, const std::string& file) {
    const toml::table* encoderTable = top.optTable("encoder");
    if (!encoderTable) return std::nullopt;
    const toml::node* n = encoderTable->get("platform");
    if (!n || !n->is_string()) return std::nullopt;
    std::optional<capture::PlatformPreset> preset = capture::findPlatformPreset(n->as_string()->get());
    if (!preset) {
        std::string names;
        for (const auto& p : capture::platformPresets())
            names += (names.empty() ? "" : ", ") + p.name;
        throw ShowFileError(file + ": encoder.platform: unknown preset '" + n->as_string()->get() +
                            "' (known: " + names + ")");
    }
    return preset;
}

void readCanvas(Fields& top, ShowSpec& show, const std::optional<capture::PlatformPreset>& preset,
                const std::string& file) {
    if (preset) {
        show.width = preset->width;
        show.height = preset->height;
        show.fps = preset->fps;
    }
    const toml::table* t = top.optTable("canvas");
    if (!t) return;
    Fields f(*t, "canvas", file);
    show.width = f.optInt("width", show.width, 16, 7680);
    show.height = f.optInt("height", show.height, 16, 7680);
    show.fps = f.optInt("fps", show.fps, 1, 120);
    if (show.width % 2) f.fail("width", "must be even (the program is YUV 4:2:0)");
    if (show.height % 2) f.fail("height", "must be even (the program is YUV 4:2:0)");
    if (auto color = f.optString("background")) {
        auto parsed = parseColor(*color);
        if (!parsed) f.fail("background", "expected #RRGGBB or #RRGGBBAA, got '" + *color + "'");
        show.background = *parsed;
    }
    f.finish();
}

void readStinger(Fields& top, ShowSpec& show, const std::string& file) {
    const toml::table* t = top.optTable("stinger");
    if (!t) return;
    Fields f(*t, "stinger", file);
    StingerSpec stinger;
    stinger.file = resolve(show.baseDir, f.reqString("file"));
    if (!std::filesystem::is_regular_file(stinger.file))
        f.fail("file", "no such file: " + stinger.file.string());
    // Checked against the clip's own length when the show is settled (its header is read there).
    if (!f.has("point_ms"))
        f.fail("point_ms", "missing (when the picture cuts, in ms from the clip's start)");
    stinger.pointMs = f.optInt("point_ms", 0, 0, kMaxStingerMs);
    f.finish();
    show.stinger = std::move(stinger);
}

std::optional<TransitionKind> readTransition(Fields& f, const std::string& key, const ShowSpec& show) {
    const std::optional<std::string> name = f.optString(key);
    if (!name) return std::nullopt;
    const std::optional<TransitionKind> kind = parseTransition(*name);
    if (!kind) f.fail(key, "expected cut, fade or stinger, got '" + *name + "'");
    if (*kind == TransitionKind::Stinger && !show.stinger)
        f.fail(key, "\"stinger\" needs a [stinger] table with the clip's file and point_ms");
    return kind;
}

namespace {

void readMonitor(Fields& top, ShowSpec& show, const std::string& file) {
    const toml::table* t = top.optTable("monitor");
    if (!t) return;
    Fields f(*t, "monitor", file);
    MonitorSpec monitor;
    monitor.format = f.reqString("format");
    if (monitor.format != "pulse" && monitor.format != "alsa")
        f.fail("format",
               "expected pulse (a PulseAudio sink) or alsa (an ALSA device), got '" + monitor.format + "'");
    monitor.device = f.reqString("device");
    if (monitor.device.empty() || monitor.device.size() > 256 || hasControlBytes(monitor.device))
        f.fail("device", "expected a device name of 1..256 characters");
    f.finish();
    show.monitor = std::move(monitor);
}

} // namespace

void readProgram(Fields& top, ShowSpec& show, const std::string& file) {
    readMonitor(top, show, file);
    show.programScene = show.scenes.front().id;
    show.previewScene = show.scenes.size() > 1 ? show.scenes[1].id : show.scenes.front().id;
    const toml::table* t = top.optTable("program");
    if (!t) return;
    Fields f(*t, "program", file);
    for (const char* key : {"scene", "preview"}) {
        if (auto id = f.optString(key)) {
            if (!show.findScene(*id)) f.fail(key, "no scene with id '" + *id + "'");
            (std::string(key) == "scene" ? show.programScene : show.previewScene) = *id;
        }
    }
    show.transition = readTransition(f, "transition", show).value_or(show.transition);
    show.transitionMs = f.optInt("transition_ms", show.transitionMs, 0, 10000);
    if (auto decode = f.optString("multiview_decode")) {
        if (*decode != "light" && *decode != "full") f.fail("multiview_decode", "expected light or full");
        show.lightOffAirDecode = *decode == "light";
    }
    show.programLimiter = f.optBool("limiter").value_or(show.programLimiter);
    f.finish();
}

namespace {

/// The settings [encoder] and an output's own [outputs.encode] both take.
void readEncodeChoices(Fields& f, capture::EncoderSettings& enc) {
    enc.preset = f.optString("preset").value_or(enc.preset);
    static const std::set<std::string> presets = {"ultrafast", "superfast", "veryfast", "faster",  "fast",
                                                  "medium",    "slow",      "slower",   "veryslow"};
    if (!presets.count(enc.preset)) f.fail("preset", "unknown x264 preset '" + enc.preset + "'");
    enc.tune = f.optString("tune").value_or(enc.tune);
    if (enc.tune == "none") enc.tune.clear();
    enc.profile = f.optString("profile").value_or(enc.profile);
    if (enc.profile != "high" && enc.profile != "main" && enc.profile != "baseline")
        f.fail("profile", "expected high, main or baseline");
    enc.bitrateKbps = f.optInt("bitrate_kbps", enc.bitrateKbps, 100, 100000);
    enc.keyintSeconds = f.optInt("keyint_s", enc.keyintSeconds, 1, 20);
    enc.audioKbps = f.optInt("audio_kbps", enc.audioKbps, 32, 512);
    enc.threads = f.optInt("threads", enc.threads, 0, 64);
}

/// [outputs.encode]: this output's own size and rates over the show's [encoder]. The frame rate and
/// the audio rate stay the program's: a rendition is the same frames, scaled.
void readOutputEncode(Fields& output, const ShowSpec& show, OutputSpec& out, const std::string& file) {
    const toml::table* table = output.optTable("encode");
    if (!table) return;
    Fields f(*table, output.field("encode"), file);
    capture::EncoderSettings enc = show.encoder;
    enc.width = f.optInt("width", enc.width, 16, 7680);
    enc.height = f.optInt("height", enc.height, 16, 7680);
    if (enc.width % 2) f.fail("width", "must be even (the encode is YUV 4:2:0)");
    if (enc.height % 2) f.fail("height", "must be even (the encode is YUV 4:2:0)");
    // A landscape frame from a portrait show may be wider than the canvas (the picture is pillarboxed),
    // but the picture itself is only ever scaled down: scaling up adds bits, not detail.
    if (enc.width > show.width && enc.height > show.height)
        f.fail("width", std::to_string(enc.width) + "x" + std::to_string(enc.height) + " would scale the " +
                            std::to_string(show.width) + "x" + std::to_string(show.height) +
                            " canvas up: a rendition is scaled down from the program, never up");
    readEncodeChoices(f, enc);
    if (auto color = f.optString("background")) {
        auto parsed = parseColor(*color);
        if (!parsed) f.fail("background", "expected #RRGGBB, got '" + *color + "'");
        out.letterbox = *parsed;
    }
    f.finish();
    out.encode = enc;
}

} // namespace

void readEncoder(Fields& top, ShowSpec& show, const std::optional<capture::PlatformPreset>& preset,
                 const std::string& file) {
    capture::EncoderSettings& enc = show.encoder;
    if (preset) {
        enc.bitrateKbps = preset->bitrateKbps;
        enc.keyintSeconds = preset->keyintSeconds;
        enc.audioKbps = preset->audioKbps;
    }
    if (const toml::table* encoderTable = top.optTable("encoder")) {
        Fields f(*encoderTable, "encoder", file);
        f.optString("platform");
        readEncodeChoices(f, enc);
        enc.audioRate = f.optInt("audio_rate", enc.audioRate, 8000, 96000);
        if (enc.audioRate != 44100 && enc.audioRate != 48000) f.fail("audio_rate", "expected 44100 or 48000");
        f.finish();
    }
    enc.width = show.width;
    enc.height = show.height;
    enc.fps = show.fps;
}

void readOutputs(Fields& top, ShowSpec& show, const std::string& file) {
    std::set<std::string> outputIds;
    forEachTable(top, "outputs", file, [&](Fields& f, size_t) {
        OutputSpec out;
        out.id = f.reqString("id");
        if (!outputIds.insert(out.id).second) f.fail("id", "'" + out.id + "' is used twice");
        const std::string kind = f.reqString("kind");
        out.queueMs = f.optInt("queue_ms", out.queueMs, 200, 60000);
        if (kind == "record") {
            out.kind = capture::OutputKind::Record;
            out.path = resolve(show.baseDir, f.reqString("path"));
            std::string ext = out.path.extension().string();
            if (ext != ".mkv" && ext != ".ts" && ext != ".mp4")
                f.fail("path", "a recording must end in .mkv, .ts or .mp4 (stays playable after a crash)");
        } else if (kind == "rtmp" || kind == "srt" || kind == "udp") {
            out.kind = kind == "rtmp" ? capture::OutputKind::Rtmp
                                      : (kind == "srt" ? capture::OutputKind::Srt : capture::OutputKind::Udp);
            out.url = f.reqString("url");
            const std::string scheme = kind == "rtmp" ? "rtmp" : kind;
            if (out.url.rfind(scheme + "://", 0) != 0 &&
                !(kind == "rtmp" && out.url.rfind("rtmps://", 0) == 0))
                f.fail("url", "expected a " + scheme + ":// URL");
            out.keyEnv = f.optString("key_env").value_or("");
            if (auto keyFile = f.optString("key_file")) out.keyFile = resolve(show.baseDir, *keyFile);
            out.keyName = f.optString("key_name").value_or(out.id);
            if (kind == "rtmp") {
                out.tlsVerify = f.optBool("tls_verify").value_or(true);
                if (auto ca = f.optString("ca_file")) {
                    out.caFile = resolve(show.baseDir, *ca);
                    if (!std::filesystem::is_regular_file(out.caFile))
                        f.fail("ca_file", "no such file: " + out.caFile.string());
                }
                if ((f.has("tls_verify") || f.has("ca_file")) && out.url.rfind("rtmps://", 0) != 0)
                    f.fail(f.has("ca_file") ? "ca_file" : "tls_verify", "only for an rtmps:// url");
            }
        } else {
            f.fail("kind", "expected record, rtmp, srt or udp, got '" + kind + "'");
        }
        if (auto profile = f.optString("profile")) {
            try {
                out.profile = loadPlatformProfile(*profile);
            } catch (const ShowFileError& error) {
                f.fail("profile", error.what());
            }
        }
        readOutputEncode(f, show, out, file);
        if (const toml::table* rules = f.optTable("rules")) {
            if (!out.profile) out.profile = PlatformProfile{"custom", "the show file's rules", "", {}};
            overrideRules(*out.profile, *rules, f.field("rules"), file);
        }
        show.outputs.push_back(std::move(out));
    });
}

void readGraphics(Fields& top, ShowSpec& show, const std::string& file) {
    const toml::table* t = top.optTable("graphics");
    if (!t) return;
    Fields f(*t, "graphics", file);
    if (auto theme = f.optString("theme")) {
        show.graphics.theme = resolve(show.baseDir, *theme);
        if (!std::filesystem::is_regular_file(show.graphics.theme))
            f.fail("theme", "no such file: " + show.graphics.theme.string());
    }
    if (const toml::table* area = f.optTable("safe_area")) {
        Fields af(*area, "graphics.safe_area", file);
        overlay::SafeArea safe;
        safe.top = af.optNumber("top", safe.top, 0, 0.45);
        safe.right = af.optNumber("right", safe.right, 0, 0.45);
        safe.bottom = af.optNumber("bottom", safe.bottom, 0, 0.45);
        safe.left = af.optNumber("left", safe.left, 0, 0.45);
        af.finish();
        show.graphics.safeArea = safe;
    }
    if (auto animation = f.optString("animation")) {
        if (*animation == "slide")
            show.graphics.animation = overlay::Animation::Slide;
        else if (*animation == "fade")
            show.graphics.animation = overlay::Animation::Fade;
        else
            f.fail("animation", "expected slide or fade");
    }
    if (f.has("animation_ms")) show.graphics.animationMs = f.optInt("animation_ms", 300, 0, 3000);
    f.finish();
}

} // namespace hawker::studio::detail
