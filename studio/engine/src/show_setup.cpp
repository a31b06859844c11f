#include "hawker/studio/engine/show_setup.hpp"

#include <ctime>
#include <set>

#include "hawker/capture/stinger_clip.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/engine/record_path.hpp"
#include "hawker/studio/show/theme_file.hpp"
#include "hawker/studio/store/catalog_store.hpp"
#include "hawker/studio/store/database.hpp"

namespace hawker::studio {

namespace {

/// Sets a record output's path for this run and logs which file it is.
void chooseRecording(OutputSpec& spec, const EngineOptions& options, std::set<std::filesystem::path>& taken) {
    const std::filesystem::path wanted = expandTimePattern(spec.path, std::time(nullptr));
    // A resumed show keeps its file name; its new part goes beside it (below).
    if (options.resume) {
        spec.path = wanted;
        taken.insert(spec.path);
        return;
    }
    spec.path = chooseRecordPath(wanted, options.overwrite, std::time(nullptr), taken);
    taken.insert(spec.path);
    std::error_code error;
    // A folder in the path ("recordings/show-{time}.mkv") is made for it.
    std::filesystem::create_directories(spec.path.parent_path(), error);
    if (spec.path != wanted)
        logInfo("output " + spec.id + ": " + wanted.string() + " exists, so this show records to " +
                spec.path.string() + " (--overwrite replaces it)");
    else if (options.overwrite && std::filesystem::exists(spec.path, error))
        logInfo("output " + spec.id + " records to " + spec.path.string() +
                ", replacing the recording there (--overwrite)");
    else
        logInfo("output " + spec.id + " records to " + spec.path.string());
}

/// The recording of a resumed show's first part stays; this part gets its own file.
void recordResumedPart(OutputSpec& output) {
    std::error_code error;
    if (!std::filesystem::exists(output.path, error)) return;
    output.path = nextFreePart(output.path, 2);
    logInfo("output " + output.id + " records the resumed part to " + output.path.string());
}

void mergeCatalog(ShowSpec& show, const std::filesystem::path& database) {
    Database db(database);
    size_t fromCatalog = 0;
    for (const CatalogProduct& row : CatalogStore(db).list())
        if (!show.findProduct(row.sku)) {
            show.products.push_back(toProductSpec(row, std::filesystem::absolute(database).parent_path()));
            ++fromCatalog;
        }
    if (fromCatalog > 0)
        logInfo(std::to_string(fromCatalog) + " more products from the catalog in " + database.string());
}

/// The stinger's length, from its file's header (nothing is decoded yet), so
/// that the controller knows how long a stinger take lasts; its point must fall inside it.
void settleStinger(StingerSpec& stinger, const std::filesystem::path& showFile) {
    capture::StingerClipInfo info;
    try {
        info = capture::probeStingerClip(stinger.file.string());
    } catch (const std::exception& error) {
        throw std::runtime_error(std::string("stinger: ") + error.what());
    }
    if (info.durationMs > kMaxStingerMs)
        throw std::runtime_error("stinger: " + stinger.file.string() + " is " +
                                 std::to_string(info.durationMs) + " ms long; a stinger may last " +
                                 std::to_string(kMaxStingerMs) + " ms at most");
    if (stinger.pointMs > info.durationMs)
        throw ShowFileError((showFile.empty() ? std::string("show") : showFile.filename().string()) +
                            ": stinger.point_ms: " + std::to_string(stinger.pointMs) +
                            " is past the end of " + stinger.file.filename().string() + " (" +
                            std::to_string(info.durationMs) + " ms)");
    stinger.durationMs = static_cast<int>(info.durationMs);
    logInfo("stinger " + stinger.file.string() + ": " + info.codec + " " + std::to_string(info.width) + "x" +
            std::to_string(info.height) + ", " + std::to_string(stinger.durationMs) + " ms");
}

} // namespace

SettledShow settleShow(ShowSpec show, const EngineOptions& options) {
    SettledShow settled;
    settled.outputTargets.resize(show.outputs.size());
    for (size_t i = 0; i < show.outputs.size(); ++i)
        if (show.outputs[i].kind != capture::OutputKind::Record)
            settled.outputTargets[i] = resolveOutputTarget(show.outputs[i]);
    std::set<std::filesystem::path> recordings;
    for (size_t i = 0; i < show.outputs.size(); ++i) {
        OutputSpec& spec = show.outputs[i];
        if (spec.kind != capture::OutputKind::Record) continue;
        chooseRecording(spec, options, recordings);
        if (options.resume && !options.database.empty()) recordResumedPart(spec);
        settled.outputTargets[i] = {spec.path.string(), spec.path.string()};
    }
    if (show.stinger) settleStinger(*show.stinger, show.file);
    if (!options.database.empty()) mergeCatalog(show, options.database);
    // Anchored graphic slots get the rectangle the anchor gives them with the
    // theme's safe area and margin, once: the compositor draws them there, and
    // the layout editor and GET /scenes show it. The anchor stays for saving.
    const overlay::Theme theme = loadShowTheme(show);
    const cv::Rect safe = theme.safeArea.visible(cv::Size(show.width, show.height));
    for (SceneSpec& scene : show.scenes)
        for (SlotSpec& slot : scene.slots)
            if (!slot.anchor.empty()) slot.rect = anchorSlot(slot, safe, theme.margin / 2);
    settled.show = std::move(show);
    return settled;
}

} // namespace hawker::studio
