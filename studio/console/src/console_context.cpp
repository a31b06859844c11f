#include "console_context.hpp"

#include <imgui.h>

#include "hawker/studio/base/log.hpp"
#include "hawker/studio/show/command_table.hpp"
#include "ui_format.hpp"

namespace hawker::studio::console {

ConsoleContext::ConsoleContext(Actor actor, ProgramView* engine, std::filesystem::path database,
                               std::vector<ApiToken> secondPersons)
    : m_actor(std::move(actor)), m_engine(engine), m_database(std::move(database)),
      m_secondPersons(std::move(secondPersons)),
      m_tasks([this](const std::string& task, const std::string& error) {
          message(false, taskLabel(task) + ": " + error);
      }),
      m_live(std::make_shared<LiveSnapshot>()) {}

void ConsoleContext::send(const Command& command, const std::string& task,
                          std::function<void(const CommandResult&)> onDone) {
    if (!m_engine) {
        message(false, command.name + ": " + tr("console.no_program"));
        return;
    }
    const std::string name = task.empty() ? "command " + command.name : task;
    ProgramView* engine = m_engine;
    const Actor actor = m_actor;
    const bool queued = m_tasks.run(Lane::Commands, name, [=, this](TaskProgress&) -> TaskRunner::Deferred {
        CommandResult result = engine->execute(command, actor);
        return [this, result, command, onDone] {
            message(result.ok, command.name + ": " + i18n::say(result.said));
            if (onDone) onDone(result);
        };
    });
    if (!queued) message(false, command.name + ": " + tr("console.still_busy"));
}

void ConsoleContext::sendAs(const Command& command, const Actor& actor, const std::string& task) {
    if (!m_engine) return;
    ProgramView* engine = m_engine;
    const std::string name = task.empty() ? "command " + command.name : task;
    const bool queued = m_tasks.run(Lane::Commands, name, [=, this](TaskProgress&) -> TaskRunner::Deferred {
        CommandResult result = engine->execute(command, actor);
        return [this, result, command, actor] {
            message(result.ok, command.name + " (" + actor.who + ", " + roleLabel(actor.role) +
                                   "): " + i18n::say(result.said));
        };
    });
    if (!queued) message(false, command.name + ": " + tr("console.still_busy"));
}

bool ConsoleContext::may(const std::string& command) const {
    return m_engine != nullptr && mayRun(m_actor.role, command);
}

void ConsoleContext::message(bool ok, std::string text) {
    if (!ok) logWarning("console: " + text);
    m_messages.push_back({ok, maskSecrets(text), now()});
    while (m_messages.size() > 50)
        m_messages.pop_front();
}

void ConsoleContext::beginFrame(LiveSnapshotPtr live) {
    m_tasks.runDeferredCalls();
    if (live) m_live = std::move(live);
}

double ConsoleContext::now() const {
    return ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0;
}

} // namespace hawker::studio::console
