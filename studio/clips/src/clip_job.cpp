#include "hawker/studio/clips/clip_job.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <set>
#include <stdexcept>

#include <opencv2/imgcodecs.hpp>

#include "card_burner.hpp"
#include "hawker/studio/analytics/session_metrics.hpp"
#include "hawker/studio/report/report_csv.hpp"

namespace hawker::studio {

using nlohmann::json;

namespace {

/// A clip shorter than this is not worth a file (a gap's sliver).
constexpr int64_t kMinPieceMs = 500;
/// The thumbnail is this long after the window starts: past the card's entrance.
constexpr int64_t kThumbnailDelayMs = 500;

/// Letters, digits, '-' and '_' of a SKU or id; anything else becomes '_'.
std::string fileSafe(const std::string& text) {
    std::string out;
    for (const unsigned char c : text)
        out += std::isalnum(c) || c == '-' || c == '_' ? static_cast<char>(c) : '_';
    return out.empty() ? "x" : out.substr(0, 60);
}

std::string baseName(const ClipWindow& w) {
    char number[16];
    std::snprintf(number, sizeof number, "%02d", w.number);
    switch (w.kind) {
    case ClipKind::Card:
        return "card-" + fileSafe(w.sku) + "-" + number;
    case ClipKind::Offer:
        return "offer-" + fileSafe(w.label);
    case ClipKind::Segment:
        return std::string("segment-") + number;
    }
    return "clip";
}

int64_t msOf(double seconds) {
    return static_cast<int64_t>(std::llround(seconds * 1000.0));
}

/// The part a clip piece comes from (planClips keeps the index).
struct Piece {
    size_t part;
    int64_t startMs, endMs;
};

std::vector<Piece> piecesOf(const SessionRecordings& recordings, int64_t startMs, int64_t endMs) {
    std::vector<Piece> pieces;
    for (size_t i = 0; i < recordings.parts.size(); ++i) {
        const RecordingPart& part = recordings.parts[i];
        const int64_t from = std::max(startMs, part.programStartMs()),
                      to = std::min(endMs, part.programEndMs());
        if (to - from >= kMinPieceMs) pieces.push_back({i, from, to});
    }
    return pieces;
}

std::string secondsText(int64_t ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(ms) / 1000.0);
    return text;
}

/// True when `sku`'s card was on air at program time `programMs`.
bool cardOnAir(const SessionReplay& replay, const std::string& sku, int64_t programMs) {
    return replay.schedule->cardOnAir(sku, replay.start + programMs);
}

} // namespace

std::string checkClipOptions(const ClipOptions& o) {
    if (o.outDir.empty()) return "no folder for the clips";
    if (!(o.preSeconds >= 0 && o.preSeconds <= kMaxRollSeconds) ||
        !(o.postSeconds >= 0 && o.postSeconds <= kMaxRollSeconds))
        return "the pre-roll and post-roll must be 0 to " +
               std::to_string(static_cast<int>(kMaxRollSeconds)) + " s";
    if (!(o.maxSeconds >= 1 && o.maxSeconds <= kMaxClipSeconds))
        return "a clip's longest length must be 1 to " + std::to_string(static_cast<int>(kMaxClipSeconds)) +
               " s (15 min, the short-video platforms' limit)";
    if (o.preSeconds + o.postSeconds >= o.maxSeconds)
        return "the pre-roll and post-roll leave no room in --max-s";
    return {};
}

ClipRun planClips(const SessionReplay& replay, const SessionRecordings& recordings,
                  const ClipOptions& options) {
    ClipRun run;
    run.missingRecordings = recordings.missing;
    const int64_t pre = msOf(options.preSeconds), post = msOf(options.postSeconds);
    const int64_t longest = msOf(options.maxSeconds);
    for (const ClipWindow& w : clipWindows(replay, options.filter)) {
        int64_t windowEnd = w.endMs;
        const bool truncated = pre + (windowEnd - w.startMs) + post > longest;
        if (truncated) windowEnd = w.startMs + longest - pre - post;
        const int64_t start = std::max<int64_t>(0, w.startMs - pre), end = windowEnd + post;
        const std::vector<Piece> pieces = piecesOf(recordings, start, end);
        if (pieces.empty()) {
            run.skipped.push_back(std::string(toString(w.kind)) + " " + w.label +
                                  ": no recording covers program time " + secondsText(start) + " to " +
                                  secondsText(end));
            continue;
        }
        for (size_t p = 0; p < pieces.size(); ++p) {
            ClipEntry entry;
            entry.window = w;
            entry.part = pieces.size() > 1 ? static_cast<int>(p + 1) : 0;
            const std::string name = baseName(w) + (entry.part ? "-p" + std::to_string(entry.part) : "");
            entry.file = name + ".mp4";
            entry.thumbnail = name + ".jpg";
            entry.startMs = pieces[p].startMs;
            entry.endMs = pieces[p].endMs;
            entry.durationSeconds = static_cast<double>(entry.endMs - entry.startMs) / 1000.0;
            entry.truncated = truncated;
            entry.recording = recordings.parts[pieces[p].part].path;
            run.clips.push_back(std::move(entry));
        }
    }
    return run;
}

ClipRun cutClips(const SessionReplay& replay, const SessionRecordings& recordings, const ClipOptions& options,
                 const std::function<void(const ClipProgress&)>& progress, const std::atomic<bool>* cancel) {
    if (const std::string problem = checkClipOptions(options); !problem.empty())
        throw std::runtime_error(problem);
    std::error_code error;
    std::filesystem::create_directories(options.outDir, error);
    if (error) throw std::runtime_error("cannot make " + options.outDir.string() + ": " + error.message());
    ClipRun plan = planClips(replay, recordings, options);
    ClipRun done;
    done.skipped = plan.skipped;
    done.missingRecordings = plan.missingRecordings;
    double totalMs = 0, doneMs = 0;
    for (const ClipEntry& entry : plan.clips)
        totalMs += static_cast<double>(entry.endMs - entry.startMs);
    ClipProgress state;
    state.total = plan.clips.size();
    const auto tell = [&] {
        if (progress) progress(state);
    };
    tell();
    try {
        for (ClipEntry& entry : plan.clips) {
            const RecordingPart* part = nullptr;
            for (const RecordingPart& p : recordings.parts)
                if (p.path == entry.recording && p.programStartMs() <= entry.startMs) part = &p;
            if (!part) throw std::runtime_error("no recording for " + entry.file);
            state.current = entry.file;
            std::optional<CardBurner> burner;
            if (options.burnCard && !entry.window.sku.empty()) {
                const auto product = replay.products.find(entry.window.sku);
                burner.emplace(entry.window.sku,
                               product == replay.products.end() ? SessionProduct{} : product->second,
                               cv::Size(part->span.width, part->span.height));
            }
            capture::ClipCut cut;
            cut.input = part->path;
            cut.output = (options.outDir / entry.file).string();
            cut.fromMs = part->fileMs(entry.startMs);
            cut.toMs = part->fileMs(entry.endMs);
            cut.cancel = cancel;
            const auto programMsOf = [part](int64_t fileMs) {
                return part->firstFrameProgramMs + (fileMs - part->span.firstMs);
            };
            const std::string sku = entry.window.sku;
            if (burner)
                cut.drawOnFrame = [&, sku](cv::Mat& bgr, int64_t fileMs) {
                    // Where the show had the card on air, it is in the picture already.
                    if (!cardOnAir(replay, sku, programMsOf(fileMs))) burner->draw(bgr);
                };
            const double span = static_cast<double>(entry.endMs - entry.startMs);
            cut.progress = [&](double fraction) {
                state.fraction = totalMs > 0 ? (doneMs + fraction * span) / totalMs : 1.0;
                tell();
            };
            const capture::ClipCutResult result = capture::cutClip(cut);
            entry.durationSeconds = result.durationSeconds;
            entry.encodedFrames = result.encodedFrames;
            entry.copiedFrames = result.copiedFrames;

            // The thumbnail: the clip's first frame with the card on screen.
            const int64_t at =
                std::clamp(entry.window.startMs + kThumbnailDelayMs, entry.startMs, entry.endMs - 1);
            cv::Mat picture = capture::grabFrame(part->path, part->fileMs(at));
            if (burner && !cardOnAir(replay, sku, at)) burner->draw(picture);
            if (!cv::imwrite((options.outDir / entry.thumbnail).string(), picture,
                             {cv::IMWRITE_JPEG_QUALITY, 88}))
                throw std::runtime_error("cannot write " + (options.outDir / entry.thumbnail).string());

            done.clips.push_back(entry);
            doneMs += span;
            ++state.done;
            state.fraction = totalMs > 0 ? doneMs / totalMs : 1.0;
            tell();
        }
    } catch (...) {
        // What was cut is listed; the clip that failed left no file.
        writeClipManifest(options.outDir, replay.session.id, done);
        throw;
    }
    writeClipManifest(options.outDir, replay.session.id, done);
    return done;
}

const std::vector<std::string>& clipManifestColumns() {
    static const std::vector<std::string> columns = {
        "file",     "sku",   "kind",      "start_ms",        "end_ms",         "duration_s",
        "orders",   "units", "gmv_cents", "peak_viewers",    "product_clicks", "gpm_cents",
        "name",     "label", "part",      "window_start_ms", "window_end_ms",  "thumbnail",
        "truncated"};
    return columns;
}

json clipEntryJson(const ClipEntry& e) {
    const ClipWindow& w = e.window;
    return {{"file", e.file},
            {"sku", w.sku},
            {"kind", toString(w.kind)},
            {"start_ms", e.startMs},
            {"end_ms", e.endMs},
            {"duration_s", std::round(e.durationSeconds * 1000.0) / 1000.0},
            {"orders", w.orders},
            {"units", w.units},
            {"gmv_cents", w.gmvCents},
            {"peak_viewers", w.peakViewers},
            {"product_clicks", w.productClicks},
            {"gpm_cents", ratioJson(w.gpmCents)},
            {"name", w.name},
            {"label", w.label},
            {"part", e.part},
            {"window_start_ms", w.startMs},
            {"window_end_ms", w.endMs},
            {"thumbnail", e.thumbnail},
            {"truncated", e.truncated}};
}

namespace {

/// A manifest row's window: its kind, label and start (the parts of one window share it).
std::string windowKey(const json& row) {
    return row.value("kind", std::string()) + "\n" + row.value("label", std::string()) + "\n" +
           std::to_string(row.value("window_start_ms", int64_t{0}));
}

/// The rows of an earlier cut of the same session into this folder that this
/// run did not cut again and whose clip is still there: cutting one window
/// (the console's per-row Cut) adds to the folder's manifest, it does not
/// leave the other clips unlisted.
std::vector<json> earlierRows(const std::filesystem::path& dir, int64_t sessionId, const json& cutNow) {
    std::ifstream in(dir / "clips.json", std::ios::binary);
    if (!in) return {};
    const json earlier = json::parse(in, nullptr, false);
    if (!earlier.is_object() || earlier.value("session", int64_t{-1}) != sessionId) return {};
    const auto clips = earlier.find("clips");
    if (clips == earlier.end() || !clips->is_array()) return {};
    std::set<std::string> files, windows;
    for (const json& row : cutNow) {
        files.insert(row.value("file", std::string()));
        windows.insert(windowKey(row));
    }
    std::vector<json> kept;
    for (const json& row : *clips) {
        // Only rows shaped as this program writes them (a hand-edited one is left out, not fatal).
        const auto is = [&row](const char* key, auto test) { return row.contains(key) && test(row[key]); };
        const auto text = [](const json& v) { return v.is_string(); };
        const auto integer = [](const json& v) { return v.is_number_integer(); };
        if (!row.is_object() || !is("file", text) || !is("kind", text) || !is("label", text) ||
            !is("gmv_cents", integer) || !is("window_start_ms", integer) || !is("part", integer))
            continue;
        const std::string file = row["file"].get<std::string>();
        // Only a plain name in this folder, as this program writes them.
        if (file.empty() || std::filesystem::path(file).filename().string() != file) continue;
        if (files.count(file) || windows.count(windowKey(row))) continue;
        std::error_code error;
        if (!std::filesystem::is_regular_file(dir / file, error)) continue;
        kept.push_back(row);
    }
    return kept;
}

} // namespace

void writeClipManifest(const std::filesystem::path& dir, int64_t sessionId, const ClipRun& run) {
    json clips = json::array();
    for (const ClipEntry& entry : run.clips)
        clips.push_back(clipEntryJson(entry));
    std::vector<json> rows(clips.begin(), clips.end());
    for (json& row : earlierRows(dir, sessionId, clips))
        rows.push_back(std::move(row));
    // By GMV as the windows are, the earlier rows in among this run's.
    std::stable_sort(rows.begin(), rows.end(), [](const json& a, const json& b) {
        const int64_t gmvA = a.value("gmv_cents", int64_t{0}), gmvB = b.value("gmv_cents", int64_t{0});
        if (gmvA != gmvB) return gmvA > gmvB;
        const int64_t startA = a.value("window_start_ms", int64_t{0}),
                      startB = b.value("window_start_ms", int64_t{0});
        if (startA != startB) return startA < startB;
        return a.value("part", 0) < b.value("part", 0);
    });
    clips = json(rows);
    const json manifest = {{"session", sessionId},
                           {"clips", clips},
                           {"skipped", run.skipped},
                           {"missing_recordings", run.missingRecordings}};
    const std::filesystem::path path = dir / "clips.json", part = dir / "clips.json.part";
    {
        std::ofstream out(part, std::ios::binary | std::ios::trunc);
        out << manifest.dump(2) << '\n';
        if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
    }
    std::filesystem::rename(part, path);
    writeCsvTable(dir / "clips.csv", clips, clipManifestColumns());
}

} // namespace hawker::studio
