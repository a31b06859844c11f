#include "show_runner.hpp"

#include "hawker/studio/base/log.hpp"
#include "hawker/studio/base/translations.hpp"

namespace hawker::studio::console {

ShowRunner::ShowRunner(ShowSpec show, EngineOptions options, std::ostream& out) : m_out(out) {
    const ApiSpec apiSpec = show.api;
    if (apiSpec.enabled) m_tokens = resolveApiTokens(apiSpec);
    options.previewBus = true; // the preview monitor
    m_engine = std::make_unique<ProgramEngine>(std::move(show), options);
    if (apiSpec.enabled) {
        m_api = std::make_unique<ControlApi>(*m_engine, apiSpec, m_tokens);
        m_api->bind(); // a taken port is found before any camera opens
    }
    m_apiSpec = apiSpec;
}

void ShowRunner::startIn(ConsoleContext& context, std::function<void()> onStarted) {
    context.tasks().run(Lane::Commands, "starting the show", [this, &context, onStarted](TaskProgress&) {
        try {
            m_engine->prepare();
            if (m_api) m_api->serve();
            m_engine->start();
            m_engineStarted = true;
        } catch (const std::exception& error) {
            const std::string what = maskSecrets(error.what());
            return TaskRunner::Deferred([this, &context, what] {
                m_failed = what;
                context.message(false, i18n::trf("console.could_not_start", {{"reason", what}}));
            });
        }
        return TaskRunner::Deferred([this, onStarted] {
            if (m_api)
                m_out << "api http://" << m_apiSpec.bind << ":" << m_api->port() << "/api/v1/" << std::endl;
            if (m_engine->sessionId() > 0) m_out << "session " << m_engine->sessionId() << std::endl;
            m_started = true;
            logInfo("show started in the console: " + m_engine->show().name);
            onStarted();
        });
    });
}

void ShowRunner::stop() {
    if (m_api) m_api->stop();
    if (m_engineStarted) {
        m_engine->requestStop();
        m_engine->waitUntilFinished();
    }
}

} // namespace hawker::studio::console
