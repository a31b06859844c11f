#pragma once
// The program engine and its HTTP API as the console runs them: made when the
// console opens, started off the UI thread, stopped when the window closes.

#include <atomic>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "console_context.hpp"
#include "hawker/studio/api/control_api.hpp"
#include "hawker/studio/engine/program_engine.hpp"

namespace hawker::studio::console {

class ShowRunner {
public:
    /// Resolves the API's tokens, settles the show and binds the API's port
    /// (a taken port is found before any camera opens); throws on a problem.
    ShowRunner(ShowSpec show, EngineOptions options, std::ostream& out);
    ProgramEngine& engine() { return *m_engine; }
    /// The show's API (null when the show has none): the connectors' health is read there.
    const ControlApi* api() const { return m_api.get(); }
    const std::vector<ApiToken>& tokens() const { return m_tokens; }

    /// Opens the sources (slow: a task) and starts the program.
    void startIn(ConsoleContext& context, std::function<void()> onStarted);
    bool started() const { return m_started; }
    bool engineStarted() const { return m_engineStarted; }
    const std::string& failed() const { return m_failed; }
    void stop();

private:
    std::ostream& m_out;
    std::vector<ApiToken> m_tokens;
    ApiSpec m_apiSpec;
    std::unique_ptr<ProgramEngine> m_engine;
    std::unique_ptr<ControlApi> m_api;
    bool m_started = false;                   ///< UI thread: the console knows it runs
    std::atomic<bool> m_engineStarted{false}; ///< the task's: the engine runs
    std::string m_failed;
};

} // namespace hawker::studio::console
