// The program engine's side of layouts edited on screen: the scenes whose
// layout changed are prepared again (the program's when a TAKE puts a draft
// on air, the preview's drafts at every edit), and File → Save show writes
// the layouts into the show file.

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include "hawker/studio/base/durable_file.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/engine/program_engine.hpp"
#include "hawker/studio/show/added_sources.hpp"
#include "hawker/studio/show/show_file_edit.hpp"
#include "prepared_scene.hpp"

namespace hawker::studio {

namespace {

/// Prepared again only when what it draws changed, not for a new name.
bool sameLayout(const PreparedScene& prepared, const SceneSpec& scene) {
    return layoutOf(prepared.spec) == layoutOf(scene);
}

} // namespace

void ProgramEngine::readSavedScenes() {
    if (m_show.file.empty()) return;
    try {
        m_savedScenes = loadShowFile(m_show.file).scenes;
    } catch (const std::exception& error) {
        logWarning(std::string("show.save will refuse: ") + error.what());
    }
}

void ProgramEngine::applyLayouts(const ShowState& state) {
    // A picture that cannot be used keeps the scene as it was: the show goes
    // on, and the log says why (the controller checked the file before).
    auto prepare = [&](const SceneSpec& scene) -> std::unique_ptr<PreparedScene> {
        try {
            return prepareSceneAt(scene, 0);
        } catch (const std::exception& error) {
            logError("scene " + scene.id + " keeps its layout: " + error.what());
            return nullptr;
        }
    };
    // Drafts prepared off this thread since the last tick go to the preview.
    const bool preparing =
        m_draftJob.valid() && m_draftJob.wait_for(std::chrono::seconds(0)) != std::future_status::ready;
    if (m_draftJob.valid() && !preparing)
        for (auto& prepared : m_draftJob.get())
            if (prepared) m_draftScenes[prepared->id] = std::move(prepared);

    // The program's scenes at once: a TAKE must show the new layout on its own
    // tick. The scene taken is the draft the preview showed, already prepared.
    const std::vector<SceneSpec> live = liveScenes(m_show, state);
    for (const SceneSpec& scene : live) {
        auto prepared = std::find_if(m_scenes.begin(), m_scenes.end(),
                                     [&](const auto& candidate) { return candidate->id == scene.id; });
        if (prepared != m_scenes.end() && sameLayout(**prepared, scene)) continue;
        std::unique_ptr<PreparedScene> fresh;
        if (auto draft = m_draftScenes.find(scene.id); draft != m_draftScenes.end() &&
                                                       sameLayout(*draft->second, scene) &&
                                                       !state.layouts.draft.count(scene.id)) {
            fresh = std::move(draft->second);
            m_draftScenes.erase(draft);
        } else {
            fresh = prepare(scene);
        }
        if (!fresh) continue;
        std::lock_guard lock(m_growMutex);
        if (prepared != m_scenes.end())
            *prepared = std::move(fresh);
        else
            m_scenes.push_back(std::move(fresh));
    }
    {
        // A scene made from a template and undone again.
        std::lock_guard lock(m_growMutex);
        std::erase_if(m_scenes, [&](const auto& prepared) {
            return std::none_of(live.begin(), live.end(),
                                [&](const SceneSpec& scene) { return scene.id == prepared->id; });
        });
    }

    // The drafts that changed, prepared on a worker: an image layer's decode
    // must not hold up a program tick for what only the preview shows. One
    // job at a time; the next tick looks again.
    if (preparing) return;
    std::erase_if(m_draftScenes, [&](const auto& entry) { return !state.layouts.draft.count(entry.first); });
    std::vector<SceneSpec> changed;
    for (const auto& [id, layout] : state.layouts.draft) {
        const auto scene = sceneInPreview(m_show, state, id);
        auto prepared = m_draftScenes.find(id);
        if (scene && (prepared == m_draftScenes.end() || !sameLayout(*prepared->second, *scene)))
            changed.push_back(*scene);
    }
    m_appliedLayouts = state.layouts.revision;
    if (changed.empty()) return;
    std::map<std::string, int> indices; // the sources as they are now, for the worker
    for (size_t i : m_videoSources)
        indices[m_sources[i]->config().id] = static_cast<int>(i);
    m_draftJob =
        std::async(std::launch::async, [this, changed = std::move(changed), indices = std::move(indices)] {
            std::vector<std::unique_ptr<PreparedScene>> prepared;
            for (const SceneSpec& scene : changed) {
                try {
                    prepared.push_back(prepareScene(
                        scene, 0, cv::Size(m_show.width, m_show.height),
                        [&](const std::string& id) {
                            auto found = indices.find(id);
                            return found == indices.end() ? -1 : found->second;
                        },
                        *m_graphics));
                } catch (const std::exception& error) {
                    logError("scene " + scene.id + " keeps its layout on the preview: " + error.what());
                }
            }
            return prepared;
        });
}

std::optional<i18n::Phrase> ProgramEngine::saveShowFile(const std::vector<SceneSpec>& scenes) {
    const std::filesystem::path& file = m_show.file;
    const std::string name = file.filename().string();
    std::ifstream in(file, std::ios::binary);
    if (!in) return i18n::Phrase{i18n::trKey("answers.save_cannot_read"), {{"file", name}}};
    std::ostringstream text;
    text << in.rdbuf();
    try {
        // Someone may have edited the file since the show read it: the edits
        // are written only into the scenes this show knows.
        const ShowSpec onDisk = parseShow(text.str(), file.filename().string(), m_show.baseDir);
        if (m_savedScenes.empty()) return i18n::Phrase{i18n::trKey("answers.save_unread_at_start")};
        if (!(onDisk.scenes == m_savedScenes))
            return i18n::Phrase{i18n::trKey("answers.save_changed_outside"), {{"file", name}}};
        // An anchored slot is written as its anchor: the rectangle it was given to show is not the file's.
        std::vector<SceneSpec> written = scenes;
        for (SceneSpec& scene : written)
            for (SlotSpec& slot : scene.slots)
                if (!slot.anchor.empty()) slot.rect = {};
        const std::string edited = writeSceneLayouts(text.str(), onDisk.scenes, written, m_show.baseDir);
        struct stat info {};
        const mode_t mode = ::stat(file.c_str(), &info) == 0 ? (info.st_mode & 07777) : 0644;
        replaceFileDurably(file, edited, mode);
        m_savedScenes = parseShow(edited, file.filename().string(), m_show.baseDir).scenes;
        logInfo("show file " + file.filename().string() + " saved with " + std::to_string(scenes.size()) +
                " edited scene(s)");
        return std::nullopt;
    } catch (const std::exception& error) {
        // The file on disk no longer parses, or the write failed (a full disk): the system's own words.
        return i18n::Phrase{i18n::trKey("answers.save_failed"), {{"error", error.what()}}};
    }
}

} // namespace hawker::studio
