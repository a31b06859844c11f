#include "hawker/studio/engine/program_engine.hpp"

#include <algorithm>

#include "hawker/capture/audio_mixer.hpp"
#include "hawker/capture/audio_monitor_output.hpp"
#include "hawker/capture/av_util.hpp"
#include "hawker/capture/fault_injection.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/engine/program_clock.hpp"
#include "hawker/studio/show/added_sources.hpp"
#include "hawker/studio/store/session_store.hpp"
#include "prepared_scene.hpp"
#include "stinger_layer.hpp"

namespace hawker::studio {

namespace {
overlay::YuvColor yuvOf(const Rgba& c) {
    return overlay::toYuv(c.r, c.g, c.b);
}

std::map<std::string, std::string> productNamesOf(const ShowSpec& show) {
    std::map<std::string, std::string> names;
    for (const ProductSpec& product : show.products)
        names[product.sku] = product.name;
    return names;
}
} // namespace

ProgramEngine::ProgramEngine(ShowSpec show, EngineOptions options)
    : ProgramEngine(settleShow(std::move(show), options), options) {}

ProgramEngine::ProgramEngine(SettledShow settled, EngineOptions options)
    : m_options(std::move(options)), m_show(std::move(settled.show)),
      m_controller(std::make_unique<ShowController>(m_show)),
      m_outputs(m_show, std::move(settled.outputTargets),
                [this](const std::string& id, const std::string& event, const std::string& detail) {
                    onOutputEvent(id, event, detail);
                }),
      m_chapters(productNamesOf(m_show)),
      m_compositor(cv::Size(m_show.width, m_show.height), yuvOf(m_show.background)),
      m_pool(capture::FramePool::create(m_show.width, m_show.height)) {
    m_controller->setTimelineHook([this](const TimelineRow& row) {
        logInfo("timeline t=" + std::to_string(row.programMs) + "ms " + toString(row.kind) + " " +
                row.text());
        if (m_session) m_session->timeline(row);
        noteChapters(row);
    });
    m_outputs.setRecordingHook([this](const std::string& id, const std::string& path, int64_t firstFrameMs) {
        // The file's first frame, on the program clock (the row's time too): clips and chapter repairs map
        // the file's timestamps by it.
        const int64_t offset = m_session ? m_session->programOffsetMs() : 0;
        const TimelineRow row =
            TimelineRow::recording(offset + firstFrameMs, id, path, offset + firstFrameMs);
        logInfo("timeline output " + row.text());
        if (m_session) m_session->timeline(row);
    });
    m_controller->setAuditHook([this](const AuditEntry& entry) {
        if (m_session) m_session->audit(entry);
    });
    if (!m_show.file.empty())
        m_controller->setSaveHook(
            [this](const std::vector<SceneSpec>& scenes) { return saveShowFile(scenes); });
}

ProgramEngine::~ProgramEngine() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
    shutdown();
}

void ProgramEngine::prepare() {
    m_session = std::make_unique<ShowSession>(
        m_show, m_options, *m_controller,
        ShowSession::ProgramLinks{
            [this](const Command& command, const Actor& actor) { return execute(command, actor); },
            [this] { return status(); }});
    // A resumed show reads what its operator had pointed each source at.
    const auto resumed = m_controller->snapshot();
    for (const auto& spec : m_show.sources) {
        m_videoSources.push_back(m_sources.size());
        m_sources.push_back(makeSource(withEditedTarget(spec, *resumed), false));
    }
    for (const auto& spec : m_show.audioInputs)
        m_sources.push_back(makeSource(withEditedTarget(spec, *resumed), true));

    // Image layers are decoded here, before any camera is started: a bad
    // file is reported first.
    m_graphics = std::make_unique<GraphicsAssets>(m_show, m_options.offline);
    for (size_t s = 0; s < m_show.scenes.size(); ++s)
        m_scenes.push_back(prepareSceneAt(m_show.scenes[s], s));
    // The stinger is decoded whole here, never on the compositor's tick.
    if (m_show.stinger)
        m_stinger = std::make_unique<StingerLayer>(*m_show.stinger, cv::Size(m_show.width, m_show.height));

    m_mixer = std::make_unique<capture::AudioMixer>(m_show.encoder.audioRate);
    m_mixer->setLimiter(m_show.programLimiter);
    for (size_t i = 0; i < m_sources.size(); ++i) {
        const SourceSpec& spec = showSourceSpec(i);
        if (auto ring = m_sources[i]->audio()) {
            // A resumed show's strips are as its operator left them.
            const auto level = resumed->audio.find(spec.id);
            m_mixer->addChannel(spec.id, static_cast<int>(i), ring,
                                level != resumed->audio.end() ? level->second : spec.mix);
        }
    }
    m_appliedAudio = resumed->audio;

    for (auto& source : m_sources)
        source->start();
    for (size_t i = 0; i < m_sources.size(); ++i) {
        const SourceSpec& spec = showSourceSpec(i);
        if (!spec.required) continue;
        // A network camera may need a retry or two to answer; a file or device
        // that cannot be opened fails at once.
        if (auto error =
                m_sources[i]->waitUntilReady(m_options.preflightTimeout, m_sources[i]->isNetwork())) {
            for (auto& source : m_sources)
                source->stop();
            throw std::runtime_error(maskSecrets("source " + spec.id + " (" + spec.url + "): " + *error));
        }
    }
    m_frames.assign(m_sources.size(), nullptr);
    m_lost.assign(m_sources.size(), false);
    m_sourceStartUs.assign(m_sources.size(), 0);
    // A resumed show gets back the cameras its operator had added; they
    // connect in the background like any source that is not required.
    applyAddedSources(*resumed, 0);
    // And the layouts it had edited and taken.
    applyLayouts(*resumed);
    readSavedScenes();
}

std::vector<capture::VideoFramePtr> ProgramEngine::latestSourceFrames() const {
    std::vector<capture::VideoFramePtr> frames;
    if (!m_started) return frames;
    std::lock_guard lock(m_growMutex);
    for (size_t i : m_videoSources)
        frames.push_back(m_sources[i]->video().latest());
    return frames;
}

std::unique_ptr<PreparedScene> ProgramEngine::prepareSceneAt(const SceneSpec& scene, size_t index) const {
    return prepareScene(
        scene, index, cv::Size(m_show.width, m_show.height),
        [this](const std::string& id) { return sourceIndex(id); }, *m_graphics);
}

void ProgramEngine::start() {
    if (!m_options.offline && m_show.lightOffAirDecode) {
        m_load = ProgramLoad(ProgramLoad::Start::ProgramFirst);
        publishLoad();
        m_announceProgramFirst = true; // at the first tick, once it is known which cameras are off air
    }
    if (m_show.monitor && !m_options.offline) {
        m_monitor = std::make_unique<capture::AudioMonitorOutput>(capture::AudioMonitorSettings{
            m_show.monitor->format, m_show.monitor->device, m_show.encoder.audioRate});
        m_monitor->start();
    }
    m_encodes = std::make_unique<EncodeSet>(
        m_show, m_options.offline,
        [this](size_t encode, const capture::EncodedPacket& packet) { m_outputs.push(encode, packet); });
    m_encodes->start();
    const auto initial = m_controller->snapshot();
    try {
        // A resumed show keeps the outputs its operator had stopped, stopped.
        m_outputs.start(*m_encodes, initial->outputsStopped);
    } catch (...) {
        m_encodes->finish();
        for (auto& source : m_sources)
            source->stop();
        throw;
    }
    m_appliedStopped = initial->outputsStopped;
    m_startedAt = std::chrono::steady_clock::now();
    m_started = true;
    m_thread = std::thread([this] {
        capture::setThreadName("compositor");
        try {
            run();
        } catch (const std::exception& error) {
            logError(std::string("program stopped: ") + error.what());
        } catch (...) {
            logError("program stopped by an unknown error");
        }
        m_endedAt = std::chrono::steady_clock::now();
        m_finished = true;
    });
}

void ProgramEngine::composeScene(const std::string& sceneId, overlay::YuvImage& canvas,
                                 const ShowState& state, int64_t nowMs, bool edited) {
    m_items.clear();
    m_fallbackPictures.clear();
    const cv::Size canvasSize(m_show.width, m_show.height);
    const PreparedScene* scene = nullptr;
    for (const auto& candidate : m_scenes)
        if (candidate->id == sceneId) scene = candidate.get();
    if (auto draft = m_draftScenes.find(sceneId); edited && draft != m_draftScenes.end())
        scene = draft->second.get();
    if (!scene) return;
    for (const PreparedLayer& layer : scene->layers) {
        switch (layer.spec.kind) {
        case LayerSpec::Kind::Source: {
            const auto index = static_cast<size_t>(layer.sourceIndex);
            const capture::VideoFramePtr& frame = m_frames[index];
            if (!frame) {
                const cv::Rect clipped =
                    layer.spec.rect & cv::Rect(0, 0, m_show.width & ~1, m_show.height & ~1);
                const cv::Rect even(clipped.x & ~1, clipped.y & ~1, clipped.width & ~1, clipped.height & ~1);
                m_items.push_back(overlay::DrawPicture{{}, even, true});
                break;
            }
            const auto placement = overlay::place(cv::Size(frame->width(), frame->height()), layer.spec.rect,
                                                  layer.spec.fit, canvasSize);
            if (!placement) break;
            const capture::Rendition rendition{placement->crop, placement->dst.size()};
            if (!frame->isWholePicture(rendition)) m_sources[index]->useRendition(rendition);
            overlay::DrawPicture draw;
            draw.dst = placement->dst;
            draw.signalLost = m_lost[index];
            if (const capture::PlaneSet* planes = frame->findRendition(rendition)) {
                draw.picture = {(*planes)[0], (*planes)[1], (*planes)[2]};
            } else if (auto scaled = m_fallbackScaler.scale(frame->planes, rendition)) {
                // First frames after a scene change: scale here, with the same
                // scaler the source uses, until its thread delivers the rendition.
                draw.picture = {scaled->planes[0], scaled->planes[1], scaled->planes[2]};
                m_fallbackPictures.push_back(std::move(*scaled)); // the planes live until render
            }
            m_items.push_back(std::move(draw));
            break;
        }
        case LayerSpec::Kind::Image:
            if (layer.bitmap) {
                overlay::DrawBitmap draw;
                draw.bitmap = layer.bitmap;
                draw.at = layer.at;
                m_items.emplace_back(std::move(draw));
            }
            break;
        case LayerSpec::Kind::Color:
            m_items.push_back(
                overlay::DrawFill{layer.spec.rect, yuvOf(layer.spec.color), layer.spec.color.a});
            break;
        }
    }
    // Graphics on top, in the scene's slot order.
    for (const auto& [slotName, layer] : scene->slots) {
        auto on = state.graphics.find(slotName);
        if (on == state.graphics.end()) continue;
        if (auto content = m_graphics->content().build(slotName, on->second, state, nowMs)) {
            layer->setContent(*content);
            layer->draw(m_items, nowMs, overlay::GraphicTiming{on->second.shownAtMs, on->second.hiddenAtMs});
        }
    }
    m_compositor.render(m_items, canvas);
}

void ProgramEngine::mixAudio(int64_t tick, int64_t tickAtUs, capture::ProgramTick& out) {
    const int count = m_encodes->samplesPerTick(tick);
    out.audioLeft.assign(static_cast<size_t>(count), 0.0f);
    out.audioRight.assign(static_cast<size_t>(count), 0.0f);
    if (m_mixer->channelCount() == 0) return;
    const int rate = m_show.encoder.audioRate;
    // A strip follows its camera's picture on air (lip sync); an audio-only input has none.
    auto alignOf = [&](int key) -> std::optional<int64_t> {
        const auto index = static_cast<size_t>(key);
        if (index >= m_frames.size() || !m_frames[index]) return std::nullopt;
        const capture::VideoFrame& frame = *m_frames[index];
        int64_t sourceUs = frame.ptsUs;
        // Live: the source's clock has moved on since this frame was due (its
        // arrival, or later when the camera's pictures are held back to come in turn).
        // Counted to the tick's own time, as the picture was chosen, not to when the
        // tick ran: a tick that runs late would otherwise skip the sound it is late
        // by, and the next one on time would fill that much with silence, a gap in
        // the program's sound at every late tick.
        if (!m_options.offline && m_sources[index])
            sourceUs +=
                tickAtUs - m_sources[index]->video().dueUs(frame.ptsUs) - capture::FrameSync::kSoundMarginUs;
        return sourceUs * rate / 1000000;
    };
    m_mixer->mix(out.audioLeft.data(), out.audioRight.data(), count, alignOf, !m_options.offline,
                 m_options.offline ? std::chrono::milliseconds(5000) : std::chrono::milliseconds(0));
    // The headphones hear the soloed strips, else the program as it goes out.
    if (m_monitor) {
        const float* soloLeft = m_mixer->soloLeft();
        const float* soloRight = m_mixer->soloRight();
        m_monitor->push(soloLeft ? soloLeft : out.audioLeft.data(),
                        soloRight ? soloRight : out.audioRight.data(), count);
    }
}

void ProgramEngine::runTickControl(int64_t n, int64_t nowMs, const ProgramClock& programClock,
                                   const std::vector<CueSpec>& cues, size_t& nextCue) {
    while (nextCue < cues.size() && std::llround(cues[nextCue].atSeconds * 1000) <= nowMs) {
        const CueSpec& cue = cues[nextCue++];
        m_controller->execute(Command{cue.command, cue.scene, cue.transition, cue.transitionMs, cue.args},
                              Actor{cue.actor, cue.role}, nowMs);
    }
    m_controller->settle(nowMs);
    const auto state = m_controller->snapshot();
    m_session->persistState(*state, nowMs);
    // Once a program second: the live numbers, alerts and the simulated
    // audience follow what is on air (offline in lockstep, for determinism).
    if (LiveAnalytics* analytics = m_session->analytics();
        analytics && (n == 0 || nowMs / 1000 != (nowMs - programClock.tickMs(1)) / 1000))
        analytics->tick(nowMs, state, m_options.offline);
    if (state->outputsStopped != m_appliedStopped) {
        m_appliedStopped = state->outputsStopped;
        m_outputs.want(m_appliedStopped);
    }
    if (state->addedSources != m_appliedAdded) applyAddedSources(*state, programClock.tickUs(n));
    if (state->sourceReconnects != m_appliedReconnects) applySourceReconnects(*state);
    if (state->layouts.revision != m_appliedLayouts || m_draftJob.valid()) applyLayouts(*state);
    if (state->stopRequested) m_stop = true;
    if (state->audio != m_appliedAudio) {
        // Levels are show state; the mixer follows the snapshot.
        for (const auto& [input, level] : state->audio)
            m_mixer->configure(input, level);
        m_appliedAudio = state->audio;
    }
}

std::shared_ptr<const cv::Mat> ProgramEngine::composeProgram(int64_t n, const ShowState& state,
                                                             int64_t nowMs) {
    const auto composeStart = std::chrono::steady_clock::now();
    std::shared_ptr<cv::Mat> buffer = m_pool->acquire();
    overlay::YuvImage canvas = overlay::viewI420(*buffer, m_show.width, m_show.height);
    // A stinger covers a cut at its point: the scene left until then, the new one after, the clip over both.
    const bool stinger = state.active && state.active->kind == TransitionKind::Stinger && m_stinger;
    composeScene(stinger ? m_stinger->sceneUnder(*state.active, nowMs) : state.program, canvas, state, nowMs);
    if (stinger) m_stinger->drawOver(canvas, nowMs - state.active->startMs);
    if (state.active && state.active->kind == TransitionKind::Fade) {
        std::shared_ptr<cv::Mat> from = m_pool->acquire();
        overlay::YuvImage fromCanvas = overlay::viewI420(*from, m_show.width, m_show.height);
        composeScene(state.active->fromScene, fromCanvas, state, nowMs);
        overlay::Compositor::mix(fromCanvas, canvas, state.active->progress(nowMs), canvas);
    }
    m_composeMs.add(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - composeStart).count());
    m_lastProgram.store(buffer);
    if (m_options.previewBus && n % 3 == 0) {
        std::shared_ptr<cv::Mat> preview = m_pool->acquire();
        overlay::YuvImage previewCanvas = overlay::viewI420(*preview, m_show.width, m_show.height);
        composeScene(state.preview, previewCanvas, state, nowMs, true);
        m_lastPreview.store(preview);
    }
    return buffer;
}

std::shared_ptr<const cv::Mat> ProgramEngine::blackPicture() {
    std::shared_ptr<cv::Mat> buffer = m_pool->acquire();
    const int lumaRows = m_show.height;
    buffer->rowRange(0, lumaRows).setTo(16);
    buffer->rowRange(lumaRows, buffer->rows).setTo(128);
    return buffer;
}

void ProgramEngine::noteTickFault(int64_t n, const char* phase, const char* what) {
    const uint64_t count = ++m_tickFaults;
    // The first fault and then one line a second at most: a fault that
    // repeats every frame must not flood the log.
    const int64_t second = n / std::max(1, m_show.fps);
    if (count == 1 || second != m_lastFaultLogSecond) {
        m_lastFaultLogSecond = second;
        logError("compositor: tick " + std::to_string(n) + " " + phase + " failed (" + what +
                 "); the program goes on (" + std::to_string(count) + " so far)");
    }
}

void ProgramEngine::run() {
    const ProgramClock programClock(m_show.fps, m_options.offline, m_startedAt);
    const int64_t total = m_options.durationSeconds > 0 ? std::llround(m_options.durationSeconds * m_show.fps)
                                                        : std::numeric_limits<int64_t>::max();
    std::vector<CueSpec> cues = m_show.cues;
    std::stable_sort(cues.begin(), cues.end(), [](auto& a, auto& b) { return a.atSeconds < b.atSeconds; });
    size_t nextCue = 0;
    // A resumed show already ran the cues before the crash.
    const int64_t offsetMs = m_session->programOffsetMs();
    while (nextCue < cues.size() && std::llround(cues[nextCue].atSeconds * 1000) < offsetMs)
        ++nextCue;
    std::shared_ptr<const cv::Mat> last;
    if (capture::faultInjectionEnabled())
        logWarning("HAWKER_INJECT_FAULTS is set: this run throws test faults on purpose");
    for (int64_t n = 0; n < total && !m_stop; ++n) {
        programClock.waitForTick(n);
        const int64_t nowMs = offsetMs + programClock.tickMs(n);
        m_programMs = nowMs;
        // A tick's bookkeeping that throws is logged and counted; the frame
        // is still made, so the program keeps its exact frame count.
        try {
            capture::injectFault("compositor.tick");
            capture::injectDelay("compositor.tick");
            runTickControl(n, nowMs, programClock, cues, nextCue);
        } catch (const std::exception& error) {
            noteTickFault(n, "control", error.what());
        }
        const auto applied = m_controller->snapshot();
        if (!m_options.offline && n % m_show.fps == 0) watchProgramLoad(nowMs);
        applyDecodeLevels(*applied);

        // Live, each camera's frame due at this tick's own time (not when the tick
        // happened to run): the choice advances one frame per tick, in turn.
        const int64_t tickAtUs =
            std::chrono::duration_cast<std::chrono::microseconds>(programClock.deadline(n).time_since_epoch())
                .count();
        shareCameraHold();
        for (size_t i : m_videoSources) {
            capture::FrameSlot& slot = m_sources[i]->video();
            m_frames[i] = slot.mode() == capture::FrameSlot::Mode::Queue
                              ? slot.advanceTo(programClock.tickUs(n) - m_sourceStartUs[i],
                                               std::chrono::milliseconds(10000))
                              : slot.frameAt(tickAtUs);
        }
        refreshLostFlags();

        capture::ProgramTick tick;
        tick.index = n;
        // The capture-to-packet latency counts from the cameras on air, what the viewers see: a camera only
        // in the multiview says nothing of how old the program's pictures are.
        const std::vector<bool> onAir = camerasShown(*applied, false);
        for (size_t i : m_videoSources)
            if (onAir[i] && m_frames[i]) tick.captureUs = std::max(tick.captureUs, m_frames[i]->arrivalUs);
        if (last && programClock.isLate(n, std::chrono::steady_clock::now())) {
            // More than a frame behind: repeat the last picture so the
            // program keeps its exact frame count and real-time pace.
            tick.picture = last;
            ++m_lagged;
        } else {
            try {
                capture::injectFault("compositor.compose");
                tick.picture = composeProgram(n, *applied, nowMs);
                last = tick.picture;
            } catch (const std::exception& error) {
                // The viewers see the last picture again for this frame.
                noteTickFault(n, "compose", error.what());
                tick.picture = last ? last : blackPicture();
            }
        }
        try {
            mixAudio(n, tickAtUs, tick);
        } catch (const std::exception& error) {
            noteTickFault(n, "audio", error.what());
        }
        // Live, an encode that falls behind drops this tick itself and counts it.
        m_encodes->push(tick);
        m_tickCount = n + 1;
    }
}

void ProgramEngine::shareCameraHold() {
    // From each camera's own hold, never the shared one: the longest would otherwise never come down.
    int64_t longest = 0;
    for (size_t i : m_videoSources) {
        capture::FrameSlot& slot = m_sources[i]->video();
        if (slot.mode() == capture::FrameSlot::Mode::Latest)
            longest = std::max(longest, slot.hold().ownDelayUs);
    }
    for (size_t i : m_videoSources)
        m_sources[i]->video().setSharedDelay(longest);
}

void ProgramEngine::waitUntilFinished() {
    if (m_thread.joinable()) m_thread.join();
    shutdown();
}

void ProgramEngine::shutdown() {
    if (m_graphics) m_graphics->stopRendering();
    m_outputs.stopControl();
    if (m_monitor) m_monitor->stop();
    if (m_encodes) m_encodes->finish();
    m_outputs.stopAll();
    for (auto& source : m_sources)
        if (source) source->stop(); // removed cameras leave an empty slot
    if (!m_session) return;
    // The live numbers and the stored session end at the same instant.
    // Offline the program clock runs ahead of the wall clock: the session
    // ends where its program ended.
    const int64_t endProgramMs = m_session->programOffsetMs() + m_tickCount.load() * 1000 / m_show.fps;
    const int64_t programEnd = m_session->startUtcMs() + endProgramMs;
    m_session->finish(m_options.offline ? programEnd : std::max(nowUtcMs(), programEnd));
}

EngineStatus ProgramEngine::status() const {
    EngineStatus s;
    s.frames = m_tickCount;
    s.programSeconds = static_cast<double>(s.frames) / m_show.fps;
    if (m_started) {
        const auto end = m_finished ? m_endedAt : std::chrono::steady_clock::now();
        s.wallSeconds = std::chrono::duration<double>(end - m_startedAt).count();
    }
    s.lagged = m_lagged;
    s.tickFaults = m_tickFaults;
    std::unique_lock grown(m_growMutex);
    for (const auto& scene : m_scenes)
        for (const auto& [name, layer] : scene->slots)
            s.graphicRenders += layer->renders();
    s.composeMsMedian = m_composeMs.median();
    s.composeMsP99 = m_composeMs.quantile(0.99);
    if (m_encodes) {
        s.encodes = m_encodes->stats();
        s.encoder = s.encodes.front().encoder;
        s.dropped = mostDropped(s.encodes);
    }
    for (const auto& source : m_sources)
        if (source) s.sources.push_back(source->stats());
    grown.unlock();
    // A source's last error quotes the URL it failed to open, login and all.
    for (auto& source : s.sources)
        source.lastError = maskSecrets(std::move(source.lastError));
    if (m_mixer && m_mixer->channelCount() > 0) {
        s.audioInputs = m_mixer->stats();
        s.programAudio = m_mixer->program();
    }
    if (m_monitor) s.monitorDevice = m_monitor->stats();
    s.outputs = m_outputs.stats();
    s.offProfile = m_outputs.offProfile();
    for (auto& output : s.outputs) {
        output.target = maskSecrets(std::move(output.target));
        output.lastError = maskSecrets(std::move(output.lastError));
    }
    const auto state = m_controller->snapshot();
    s.program = state->program;
    s.preview = state->preview;
    if (state->rundown.current >= 0) {
        const int planned = m_show.rundown[static_cast<size_t>(state->rundown.current)].plannedSeconds;
        const int64_t elapsed = (m_programMs.load() - state->rundown.segmentStartMs) / 1000;
        s.segment = std::to_string(state->rundown.current + 1) + "/" + std::to_string(m_show.rundown.size()) +
                    " elapsed=" + std::to_string(elapsed) + "s/" + std::to_string(planned) + "s" +
                    (elapsed > planned ? " OVERRUN" : "");
    }
    s.running = m_started && !m_finished;
    s.cpu = m_cpuState;
    if (m_session) s.database = m_session->health();
    return s;
}

CommandResult ProgramEngine::execute(const Command& command, const Actor& actor) {
    const int64_t nowMs = m_programMs.load();
    if (!m_session) return m_controller->execute(command, actor, nowMs);
    return m_session->executeDurably(command, actor, nowMs);
}

const std::vector<ResumableSession>& ProgramEngine::resumable() const {
    static const std::vector<ResumableSession> none;
    return m_session ? m_session->resumable() : none;
}

void ProgramEngine::onOutputEvent(const std::string& id, const std::string& event,
                                  const std::string& detail) {
    const std::string what = id + " " + event + (detail.empty() ? "" : " " + detail);
    logInfo("timeline output " + what);
    if (m_session) m_session->timeline(TimelineRow::outputChange(m_programMs.load(), id, event, detail));
    // An output that failed (a recording on a full disk, a destination past
    // its retries) is stopped in the show state, as its operator would: its
    // Start button comes back, and output.start opens it again (a recording
    // into its next -partN file). Before the show runs, a failure is the
    // start's error instead.
    if (event == capture::toString(capture::OutputState::Failed) && m_started)
        m_controller->execute(Command::named("output.stop", {{"output", id}}),
                              Actor{"hawker", Role::Automation}, m_programMs.load());
}

void ProgramEngine::noteChapters(const TimelineRow& row) {
    std::vector<capture::Chapter> chapters;
    {
        std::lock_guard lock(m_chaptersMutex);
        if (!m_chapters.apply(row)) return;
        // The encoder's clock starts at this run's program offset.
        const int64_t offset = m_session ? m_session->programOffsetMs() : 0;
        for (const ChapterMark& mark : m_chapters.marks())
            chapters.push_back(
                {mark.startMs - offset, mark.endMs < 0 ? -1 : mark.endMs - offset, mark.title});
    }
    m_outputs.setChapters(chapters);
}

} // namespace hawker::studio
