#include "hawker/studio/engine/output_manager.hpp"

#include <filesystem>

#include "hawker/capture/av_util.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/engine/record_path.hpp"

#include "profile_watch.hpp"

namespace hawker::studio {

OutputManager::OutputManager(const ShowSpec& show, std::vector<ResolvedTarget> targets, EventHook onEvent)
    : m_show(show), m_targets(std::move(targets)), m_onEvent(std::move(onEvent)),
      m_restarts(m_show.outputs.size(), 0),
      m_profileWatch(std::make_unique<ProfileWatch>(m_show, m_onEvent)) {}

std::vector<ProfileDrift> OutputManager::offProfile() const {
    return m_profileWatch->offProfile();
}

OutputManager::~OutputManager() {
    stopControl();
    stopAll();
}

std::unique_ptr<capture::Output> OutputManager::makeOutput(size_t index, bool restart) {
    const OutputSpec& spec = m_show.outputs[index];
    capture::OutputConfig config;
    config.id = spec.id;
    config.kind = spec.kind;
    config.target = m_targets[index].url;
    config.displayTarget = m_targets[index].display;
    if (restart && spec.kind == capture::OutputKind::Record) {
        // A recording started again goes to a new file; the first one stays whole.
        config.target = config.displayTarget = nextFreePart(spec.path, ++m_restarts[index] + 1).string();
    }
    config.queueLimit = std::chrono::milliseconds(spec.queueMs);
    config.tlsVerify = spec.tlsVerify;
    config.caFile = spec.caFile.string();
    if (!spec.tlsVerify && spec.url.rfind("rtmps://", 0) == 0)
        logWarning("output " + spec.id + ": tls_verify = false, the server's certificate is not checked");
    if (spec.kind == capture::OutputKind::Record && m_onRecording) {
        std::error_code error;
        const std::filesystem::path absolute = std::filesystem::absolute(config.target, error);
        config.onFirstFrame = [this, id = spec.id, path = error ? config.target : absolute.string()](
                                  int64_t firstFrameMs) { m_onRecording(id, path, firstFrameMs); };
    }
    auto output = std::make_unique<capture::Output>(config, m_streams[index], m_onEvent);
    if (spec.kind == capture::OutputKind::Record) {
        std::lock_guard lock(m_outputsMutex);
        output->setChapters(m_chapters);
    }
    return output;
}

void OutputManager::start(const EncodeSet& encodes, const std::set<std::string>& stopped) {
    {
        // The encoders run already: what push() reads is set under its lock.
        std::lock_guard lock(m_outputsMutex);
        for (size_t i = 0; i < m_show.outputs.size(); ++i) {
            m_encodeOf.push_back(encodes.encodeOf(i));
            m_streams.push_back(encodes.streams(m_encodeOf.back()));
        }
    }
    try {
        for (size_t i = 0; i < m_show.outputs.size(); ++i) {
            if (stopped.count(m_show.outputs[i].id)) {
                std::lock_guard lock(m_outputsMutex);
                m_outputs.push_back(nullptr);
                continue;
            }
            auto output = makeOutput(i, false);
            output->start();
            std::lock_guard lock(m_outputsMutex);
            m_outputs.push_back(std::move(output));
        }
    } catch (...) {
        stopAll();
        std::lock_guard lock(m_outputsMutex);
        m_outputs.clear();
        throw;
    }
    {
        // The control thread starts from what is open now, and wants the same.
        std::lock_guard lock(m_controlMutex);
        m_wantedStopped = stopped;
    }
    m_control = std::thread([this, stopped] { runControl(stopped); });
}

void OutputManager::setChapters(const std::vector<capture::Chapter>& chapters) {
    std::lock_guard lock(m_outputsMutex);
    m_chapters = chapters;
    for (auto& output : m_outputs)
        if (output && output->config().kind == capture::OutputKind::Record) output->setChapters(chapters);
}

void OutputManager::push(size_t encode, const capture::EncodedPacket& packet) {
    std::lock_guard lock(m_outputsMutex);
    for (size_t i = 0; i < m_outputs.size(); ++i)
        if (m_outputs[i] && m_encodeOf[i] == encode) m_outputs[i]->push(packet);
}

void OutputManager::want(const std::set<std::string>& stopped) {
    {
        std::lock_guard lock(m_controlMutex);
        m_wantedStopped = stopped;
    }
    m_controlWake.notify_all();
}

void OutputManager::retire(std::unique_ptr<capture::MediaSource> source) {
    {
        std::lock_guard lock(m_controlMutex);
        m_retiring.push_back(std::move(source));
    }
    m_controlWake.notify_all();
}

std::vector<capture::OutputStats> OutputManager::stats() const {
    std::vector<capture::OutputStats> all;
    std::lock_guard lock(m_outputsMutex);
    for (size_t i = 0; i < m_outputs.size(); ++i) {
        if (m_outputs[i]) {
            all.push_back(m_outputs[i]->stats());
            continue;
        }
        capture::OutputStats stopped;
        for (const auto& last : m_stoppedStats)
            if (last.id == m_show.outputs[i].id) stopped = last;
        stopped.id = m_show.outputs[i].id;
        stopped.kind = m_show.outputs[i].kind;
        // One that failed (and was stopped for it) says so, with its reason.
        if (stopped.state != capture::OutputState::Failed) stopped.state = capture::OutputState::Stopped;
        all.push_back(stopped);
    }
    return all;
}

void OutputManager::stopControl() {
    if (m_control.joinable()) {
        {
            std::lock_guard lock(m_controlMutex);
            m_controlExit = true;
        }
        m_controlWake.notify_all();
        m_control.join();
    }
    // Cameras removed in the show's last moments, which the thread did not get to.
    std::vector<std::unique_ptr<capture::MediaSource>> retiring;
    {
        std::lock_guard lock(m_controlMutex);
        retiring.swap(m_retiring);
    }
    for (auto& source : retiring)
        source->stop();
}

void OutputManager::stopAll() {
    // Off the lock, as the control thread does: an output's last event may
    // ask for everyone's stats. Nothing else changes m_outputs by now (the
    // control thread is joined, the encoder has flushed), and the stopped
    // outputs stay for the show's final status.
    for (auto& output : m_outputs)
        if (output) output->stop();
}

void OutputManager::runControl(std::set<std::string> applied) {
    capture::setThreadName("output-control");
    std::vector<std::unique_ptr<capture::MediaSource>> retiring;
    for (;;) {
        std::set<std::string> wanted;
        {
            std::unique_lock lock(m_controlMutex);
            // Woken by a change, or once a second to watch the outputs against their profiles.
            m_controlWake.wait_for(lock, std::chrono::seconds(1), [&] {
                return m_controlExit || m_wantedStopped != applied || !m_retiring.empty();
            });
            if (m_controlExit) return;
            wanted = m_wantedStopped;
            retiring.swap(m_retiring);
        }
        // A removed camera's connection closes here, off the program clock.
        for (auto& source : retiring)
            source->stop();
        retiring.clear();
        for (size_t i = 0; i < m_show.outputs.size(); ++i) {
            const std::string& id = m_show.outputs[i].id;
            const bool stop = wanted.count(id) && !applied.count(id);
            const bool start = !wanted.count(id) && applied.count(id);
            if (stop) {
                std::unique_ptr<capture::Output> output;
                {
                    std::lock_guard lock(m_outputsMutex);
                    output = std::move(m_outputs[i]);
                }
                if (output) {
                    output->stop(); // off the lock: the encoder goes on feeding the others
                    std::lock_guard lock(m_outputsMutex);
                    std::erase_if(m_stoppedStats, [&](const auto& s) { return s.id == id; });
                    m_stoppedStats.push_back(output->stats());
                }
            } else if (start) {
                std::unique_ptr<capture::Output> output;
                try {
                    output = makeOutput(i, true);
                    output->start();
                    std::lock_guard lock(m_outputsMutex);
                    m_outputs[i] = std::move(output);
                } catch (const std::exception& error) {
                    logError("output " + id + " could not start again: " + error.what());
                    // Its status shows this failure's reason, not an older one.
                    std::lock_guard lock(m_outputsMutex);
                    if (output) {
                        std::erase_if(m_stoppedStats, [&](const auto& s) { return s.id == id; });
                        m_stoppedStats.push_back(output->stats());
                    }
                }
            }
        }
        applied = wanted;
        try {
            m_profileWatch->observe(stats());
        } catch (const std::exception& error) {
            logWarning(std::string("output profile watch: ") + error.what());
        }
    }
}

} // namespace hawker::studio
