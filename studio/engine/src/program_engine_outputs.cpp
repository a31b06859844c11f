// The program engine's outputs: made from the show file, stopped and started
// again by operators' commands on a thread of their own, so that closing a
// connection or a file never holds up a program frame. Cameras removed
// during the show are closed on that thread too.

#include "hawker/capture/av_util.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/engine/program_engine.hpp"

namespace hawker::studio {

std::unique_ptr<capture::Output> ProgramEngine::makeOutput(size_t index, bool restart) {
    const OutputSpec& spec = m_show.outputs[index];
    capture::OutputConfig config;
    config.id = spec.id;
    config.kind = spec.kind;
    config.target = m_outputTargets[index].url;
    config.displayTarget = m_outputTargets[index].display;
    if (restart && spec.kind == capture::OutputKind::Record) {
        // A recording started again goes to a new file; the first one stays whole.
        const std::filesystem::path first = spec.path;
        for (int part = ++m_outputRestarts[index] + 1; part < 10000; ++part) {
            auto next = first;
            next.replace_filename(first.stem().string() + "-part" + std::to_string(part) +
                                  first.extension().string());
            if (!std::filesystem::exists(next)) {
                config.target = config.displayTarget = next.string();
                break;
            }
        }
    }
    config.queueLimit = std::chrono::milliseconds(spec.queueMs);
    return std::make_unique<capture::Output>(
        config, m_encoder->streams(),
        [this](const std::string& id, const std::string& event, const std::string& detail) {
            const std::string what = id + " " + event + (detail.empty() ? "" : " " + detail);
            logInfo("timeline output " + what);
            if (m_onAirLog)
                m_onAirLog->timeline(TimelineRow::outputChange(m_programMs.load(), id, event, detail));
            // An output that failed (a recording on a full disk, a destination
            // past its retries) is stopped in the show state, as its operator
            // would: its Start button comes back, and output.start opens it
            // again (a recording into its next -partN file). Before the show
            // runs, a failure is the start's error instead.
            if (event == capture::toString(capture::OutputState::Failed) && m_started)
                m_controller->execute(Command::named("output.stop", {{"output", id}}),
                                      Actor{"hawker", Role::Automation}, m_programMs.load());
        });
}

void ProgramEngine::applyOutputSwitches(const ShowState& state) {
    m_appliedStopped = state.outputsStopped;
    {
        std::lock_guard lock(m_outputControlMutex);
        m_wantedStopped = state.outputsStopped;
    }
    m_outputControlWake.notify_all();
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

void ProgramEngine::runOutputControl() {
    capture::setThreadName("output-control");
    std::set<std::string> applied = m_appliedStopped;
    std::vector<std::unique_ptr<capture::MediaSource>> retiring;
    for (;;) {
        std::set<std::string> wanted;
        {
            std::unique_lock lock(m_outputControlMutex);
            m_outputControlWake.wait(lock, [&] {
                return m_outputControlExit || m_wantedStopped != applied || !m_retiringSources.empty();
            });
            if (m_outputControlExit) return;
            wanted = m_wantedStopped;
            retiring.swap(m_retiringSources);
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
                    std::erase_if(m_stoppedOutputStats, [&](const auto& s) { return s.id == id; });
                    m_stoppedOutputStats.push_back(output->stats());
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
                        std::erase_if(m_stoppedOutputStats, [&](const auto& s) { return s.id == id; });
                        m_stoppedOutputStats.push_back(output->stats());
                    }
                }
            }
        }
        applied = wanted;
    }
}

} // namespace hawker::studio
