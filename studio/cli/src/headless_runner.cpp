#include "hawker/studio/cli/headless_runner.hpp"

#include <csignal>
#include <iomanip>
#include <ostream>
#include <sstream>
#include <thread>

#include "hawker/studio/api/control_api.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/clips/chapter_repair.hpp"
#include "hawker/studio/engine/program_engine.hpp"
#include "hawker/studio/engine/status_lines.hpp"

namespace hawker::studio {

namespace {
std::atomic<bool> g_stopSignal{false};
extern "C" void onStopSignal(int) {
    g_stopSignal = true;
}

} // namespace

int runHeadless(ShowSpec show, const EngineOptions& options, std::ostream& out, int64_t* sessionId) {
    g_stopSignal = false;
    struct sigaction action {};
    action.sa_handler = &onStopSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);

    // Tokens and the API's port first: a missing secret or a taken port is
    // found before any camera opens or any session starts.
    const ApiSpec apiSpec = show.api;
    std::vector<ApiToken> tokens;
    if (apiSpec.enabled) tokens = resolveApiTokens(apiSpec);
    ProgramEngine engine(std::move(show), options);
    std::unique_ptr<ControlApi> api;
    if (apiSpec.enabled) {
        api = std::make_unique<ControlApi>(engine, apiSpec, std::move(tokens));
        api->bind();
    }
    engine.prepare();
    if (api) {
        api->serve();
        out << "api http://" << apiSpec.bind << ":" << api->port() << "/api/v1/" << std::endl;
    }
    if (engine.sessionId() > 0) out << "session " << engine.sessionId() << std::endl;
    if (sessionId) *sessionId = engine.sessionId();
    engine.start();
    logInfo("show started: " + engine.show().name + (options.offline ? " (offline)" : " (live)"));
    // The killed run's recording lost its chapters with its trailer: they are written again beside the show.
    std::unique_ptr<EarlierPartsRepair> repair;
    if (options.resume && engine.sessionId() > 0)
        repair = std::make_unique<EarlierPartsRepair>(options.database, engine.sessionId());

    const int64_t fps = engine.show().fps;
    auto lastPrint = std::chrono::steady_clock::now();
    int64_t lastFrames = 0;
    bool stopping = false;
    while (!engine.finished()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(options.offline ? 10 : 50));
        if (g_stopSignal && !stopping) {
            logInfo("stop requested; finishing outputs");
            engine.requestStop();
            stopping = true;
        }
        const auto now = std::chrono::steady_clock::now();
        // Live: a line per second. Offline: a line per program second, which
        // may come several times a wall-clock second.
        const bool due = options.offline ? engine.programMs() / 1000 > lastFrames / fps
                                         : now - lastPrint >= std::chrono::seconds(1);
        if (due) {
            const EngineStatus status = engine.status();
            const double seconds = std::chrono::duration<double>(now - lastPrint).count();
            out << formatStatus(status, static_cast<double>(status.frames - lastFrames) / seconds)
                << std::endl;
            lastPrint = now;
            lastFrames = status.frames;
        }
    }
    if (api) api->stop();
    engine.waitUntilFinished();
    const EngineStatus final = engine.status();
    out << formatSummary(final);
    if (const LiveAnalytics* analytics = engine.analytics()) out << formatAnalytics(*analytics);
    out << std::flush;
    for (const auto& output : final.outputs)
        if (output.state == capture::OutputState::Failed && output.kind == capture::OutputKind::Record)
            return 3;
    return 0;
}

} // namespace hawker::studio
