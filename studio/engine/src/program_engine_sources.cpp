// The program engine's cameras and inputs: how each is opened (its logins
// masked), the cameras an operator adds or removes while the show runs (with
// their scenes, and their strips on the sound desk), reconnects asked for, and
// how fully each camera is decoded (off-air cameras decode light, keyframes
// only while the program is short of CPU).

#include <algorithm>
#include <cmath>
#include <sys/resource.h>
#include <thread>

#include "hawker/capture/audio_mixer.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/engine/program_engine.hpp"
#include "hawker/studio/show/added_sources.hpp"
#include "prepared_scene.hpp"

namespace hawker::studio {

std::unique_ptr<capture::MediaSource> ProgramEngine::makeSource(const SourceSpec& spec,
                                                                bool audioOnly) const {
    // Its login and passphrase stay masked even where FFmpeg quotes them alone.
    registerUrlSecrets(spec.url);
    for (const auto& [name, value] : spec.options)
        if (isSecretParameter(name)) registerSecret(value);
    capture::SourceConfig config;
    config.id = spec.id;
    config.url = spec.url;
    config.format = spec.format;
    config.options = spec.options;
    config.loop = spec.loop;
    config.realtime = spec.realtime;
    config.wantAudio = spec.audio || audioOnly;
    config.audioRate = m_show.encoder.audioRate;
    config.offline = m_options.offline;
    return std::make_unique<capture::MediaSource>(config);
}

const SourceSpec& ProgramEngine::showSourceSpec(size_t index) const {
    const size_t videoCount = m_show.sources.size();
    return index < videoCount ? m_show.sources[index] : m_show.audioInputs[index - videoCount];
}

int ProgramEngine::sourceIndex(const std::string& id) const {
    for (size_t i : m_videoSources)
        if (m_sources[i]->config().id == id) return static_cast<int>(i);
    return -1;
}

void ProgramEngine::applyAddedSources(const ShowState& state, int64_t programUs) {
    // Runs on the compositor thread (and in prepare(), before it starts): the
    // only writer of m_sources and m_scenes. Opening happens on the new
    // source's own thread and closing on the output-control thread, so the
    // tick only pays for a few allocations.
    auto listed = [](const std::vector<AddedSource>& list, const AddedSource& source) {
        return std::find(list.begin(), list.end(), source) != list.end();
    };
    for (const AddedSource& gone : m_appliedAdded) {
        if (listed(state.addedSources, gone)) continue;
        const int index = sourceIndex(gone.id);
        if (index < 0) continue;
        std::unique_ptr<capture::MediaSource> source;
        {
            std::lock_guard lock(m_growMutex);
            std::erase(m_videoSources, static_cast<size_t>(index));
            source = std::move(m_sources[static_cast<size_t>(index)]); // the slot stays, empty
            std::erase_if(m_scenes, [&](const auto& scene) { return scene->id == gone.id; });
        }
        m_frames[static_cast<size_t>(index)] = nullptr;
        if (gone.audio) m_mixer->removeChannel(gone.id);
        m_appliedReconnects.erase(gone.id);
        m_outputs.retire(std::move(source));
        logInfo("source " + gone.id + " removed");
    }
    for (const AddedSource& added : state.addedSources) {
        if (listed(m_appliedAdded, added)) continue;
        // An added camera edited before a crash reopens at its edited input.
        auto source = makeSource(withEditedTarget(sourceSpecOf(added), state), false);
        source->start();
        if (auto ring = source->audio()) {
            const auto level = state.audio.find(added.id);
            m_mixer->addChannel(added.id, static_cast<int>(m_sources.size()), ring,
                                level != state.audio.end() ? level->second : AudioLevel{});
        }
        {
            std::lock_guard lock(m_growMutex);
            m_videoSources.push_back(m_sources.size());
            m_sources.push_back(std::move(source));
        }
        auto scene = prepareSceneAt(sceneOfAddedSource(m_show, added), m_scenes.size());
        {
            std::lock_guard lock(m_growMutex);
            m_scenes.push_back(std::move(scene));
        }
        m_frames.push_back(nullptr);
        m_lost.push_back(false);
        // Offline, the new camera's first frame belongs to this tick, not to program time 0.
        m_sourceStartUs.resize(m_sources.size(), 0);
        m_sourceStartUs.back() = programUs;
        logInfo("source " + added.id + " added (" + maskSecrets(added.url) + ")");
    }
    m_appliedAdded = state.addedSources;
}

void ProgramEngine::applySourceReconnects(const ShowState& state) {
    // reconnectNow() and retarget() only leave word for the source's own
    // thread, which drops and reopens its connection: the tick never waits.
    for (const auto& [id, count] : state.sourceReconnects) {
        if (m_appliedReconnects[id] == count) continue;
        m_appliedReconnects[id] = count;
        auto target = state.sourceTargets.find(id);
        for (auto& source : m_sources) {
            if (!source || source->config().id != id) continue;
            if (target != state.sourceTargets.end())
                source->retarget(target->second.first, target->second.second);
            else
                source->reconnectNow();
        }
    }
}

std::vector<bool> ProgramEngine::camerasShown(const ShowState& state, bool withPreview) const {
    std::vector<bool> shown(m_sources.size(), false);
    const auto mark = [&shown](const PreparedScene& scene) {
        for (const PreparedLayer& layer : scene.layers)
            if (layer.sourceIndex >= 0 && static_cast<size_t>(layer.sourceIndex) < shown.size())
                shown[static_cast<size_t>(layer.sourceIndex)] = true;
    };
    for (const auto& scene : m_scenes)
        if (scene->id == state.program || (state.active && scene->id == state.active->fromScene) ||
            (withPreview && scene->id == state.preview))
            mark(*scene);
    // The preview shows its scene's draft, which may show other cameras.
    if (withPreview)
        if (auto draft = m_draftScenes.find(state.preview); draft != m_draftScenes.end())
            mark(*draft->second);
    return shown;
}

void ProgramEngine::applyDecodeLevels(const ShowState& state) {
    if (!m_show.lightOffAirDecode) return;
    // Only when what is shown changes (a cut, a cue, a transition, a camera added), not every tick.
    std::string onScreen = state.program + '\n' + state.preview + '\n' +
                           (state.active ? state.active->fromScene : std::string()) + '\n' +
                           std::to_string(m_sources.size()) + '\n' + std::to_string(m_scenes.size()) + '\n' +
                           std::to_string(state.layouts.revision) + '\n' +
                           (m_load.shortOfCpu() ? "short" : "");
    if (onScreen == m_decodeLevelsFor) return;
    m_decodeLevelsFor = std::move(onScreen);
    const std::vector<bool> used = camerasShown(state, true);
    if (m_announceProgramFirst) {
        m_announceProgramFirst = false;
        const auto offAirCount = std::count_if(m_videoSources.begin(), m_videoSources.end(),
                                               [&](size_t i) { return m_sources[i] && !used[i]; });
        if (offAirCount > 0)
            logInfo("program starts program-first: " + std::to_string(offAirCount) +
                    " camera(s) only in the multiview decode keyframes only until the " +
                    std::to_string(ProgramLoad::kWarmupMs / 1000) + " s warm-up shows room for more");
    }
    const capture::DecodeLevel offAir =
        m_load.shortOfCpu() ? capture::DecodeLevel::Keyframes : capture::DecodeLevel::Light;
    for (size_t i : m_videoSources)
        if (m_sources[i]) m_sources[i]->setDecodeLevel(used[i] ? capture::DecodeLevel::Full : offAir);
}

void ProgramEngine::publishLoad() {
    m_cpuState = m_load.state();
}

void ProgramEngine::watchProgramLoad(int64_t programMs) {
    if (!m_encodes) return;
    const uint64_t dropped = m_encodes->framesDropped();
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    const double cpuSeconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                              static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    const auto now = std::chrono::steady_clock::now();
    std::optional<double> cpuShare;
    if (m_loadSampledAt) {
        const double wall = std::chrono::duration<double>(now - *m_loadSampledAt).count();
        const double cores = std::max(1u, std::thread::hardware_concurrency());
        if (wall > 0) cpuShare = (cpuSeconds - m_loadCpuSeconds) / (wall * cores);
    }
    m_loadSampledAt = now;
    m_loadCpuSeconds = cpuSeconds;
    const std::string at = "program t=" + std::to_string(programMs) + "ms ";
    const std::string percent = cpuShare ? std::to_string(std::lround(*cpuShare * 100)) : std::string("?");
    const ProgramLoad::Change change = m_load.update(programMs, dropped, cpuShare);
    publishLoad();
    // What the verdict does to the multiview's cameras; with multiview_decode = "full" it does nothing
    // to them (applyDecodeLevels leaves them alone), and only the console draws less often.
    const bool light = m_show.lightOffAirDecode;
    switch (change) {
    case ProgramLoad::Change::ShortOfCpu:
        logLine(LogLevel::Warning, at + "short of CPU: the encodes dropped " +
                                       std::to_string(m_load.droppedLately()) +
                                       " frames in the last second; " +
                                       (light ? "cameras only in the multiview now decode keyframes only"
                                              : "cameras only in the multiview keep full decoding "
                                                "(multiview_decode = \"full\")"));
        break;
    case ProgramLoad::Change::Eased:
        logLine(LogLevel::Info, at + "CPU to spare (" + percent + " % of the cores used)" +
                                    (light ? ": cameras only in the multiview decode light" : ""));
        break;
    case ProgramLoad::Change::KeptShort:
        logLine(LogLevel::Warning,
                at + "short of CPU after the warm-up (" + std::to_string(dropped) + " frames dropped, " +
                    percent + " % of the cores used)" +
                    (light ? ": cameras only in the multiview stay on keyframes only" : ""));
        break;
    case ProgramLoad::Change::None:
        break;
    }
}

void ProgramEngine::refreshLostFlags() {
    for (size_t i : m_videoSources) {
        const bool lost = m_sources[i]->signalLost(m_options.signalLostAfter);
        if (lost != m_lost[i])
            logLine(lost ? LogLevel::Warning : LogLevel::Info,
                    "program t=" + std::to_string(m_programMs.load()) + "ms source " +
                        m_sources[i]->config().id + (lost ? " signal lost" : " signal back"));
        m_lost[i] = lost;
    }
}

} // namespace hawker::studio
