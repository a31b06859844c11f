#include <map>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "hawker/studio/api/command_body.hpp"
#include "hawker/studio/show/command_table.hpp"
#include "routes.hpp"

namespace hawker::studio::api_routes {

using nlohmann::json;

namespace {

/// The regular expression of a command's route (command_table.hpp): a
/// {name} part matches one path segment and becomes that argument.
std::pair<std::string, std::vector<std::string>> routePattern(std::string_view route) {
    std::string pattern = "/api/v1";
    std::vector<std::string> names;
    for (size_t i = 0; i < route.size();) {
        if (route[i] == '{') {
            const size_t close = route.find('}', i);
            names.emplace_back(route.substr(i + 1, close - i - 1));
            pattern += "([A-Za-z0-9_.-]+)";
            i = close + 1;
        } else {
            if (route[i] == '.') pattern += '\\';
            pattern += route[i++];
        }
    }
    return {pattern, names};
}

/// Each role's share of the API: workers serving it at once and requests
/// it may keep waiting (beyond them: 503 with Retry-After). The operator's
/// lane is reserved to the operator, so a flood on any other lane never

int statusFor(const CommandResult& result) {
    switch (result.failure) {
    case CommandResult::Failure::None:
        return 200;
    case CommandResult::Failure::Invalid:
        return 400;
    case CommandResult::Failure::NotAllowed:
        return 403;
    case CommandResult::Failure::Conflict:
        return 409;
    case CommandResult::Failure::NotDurable:
        return 503;
    }
    return 409;
}

} // namespace

void addCommandRoutes(RouteKit& kit, ProgramView& engine) {
    auto runCommand = [&engine](const std::string& name, const std::string& text, const ApiToken& sender,
                                httplib::Response& res, std::map<std::string, std::string> pathArgs) {
        const ApiToken* token = &sender;
        std::string problem;
        std::optional<Command> command = commandFromBody(name, text, problem);
        if (!command) return error(res, 400, problem);
        for (auto& [key, value] : pathArgs)
            command->args[key] = value;
        const CommandResult result = engine.execute(*command, Actor{token->name, token->role});
        json body = {{"ok", result.ok}, {"command", name}};
        body[result.ok ? "message" : "error"] = result.message;
        body["state_version"] = engine.snapshot()->version;
        // Not stored yet: when to look again. The command itself took effect
        // and must not be sent again (its message says so).
        if (result.failure == CommandResult::Failure::NotDurable) res.set_header("Retry-After", "2");
        reply(res, statusFor(result), body);
    };

    // Every command with a route gets it; all are also at /commands/{name}.
    for (const CommandSpec& spec : commandTable()) {
        if (spec.route.empty()) continue;
        auto [pattern, names] = routePattern(spec.route);
        const std::string commandName(spec.name);
        kit.post(pattern, false,
                 [runCommand, commandName, names = names](const httplib::Request& req, httplib::Response& res,
                                                          const ApiToken& token, const std::string& body) {
                     std::map<std::string, std::string> pathArgs;
                     for (size_t i = 0; i < names.size(); ++i)
                         pathArgs[names[i]] = req.matches[i + 1].str();
                     runCommand(commandName, body, token, res, std::move(pathArgs));
                 });
    }
    kit.post(
        R"(/api/v1/commands/([a-z.]+))", false,
        [runCommand](const httplib::Request& req, httplib::Response& res, const ApiToken& token,
                     const std::string& body) { runCommand(req.matches[1].str(), body, token, res, {}); });

    kit.server().Get("/api/v1/commands", kit.get([](const httplib::Request&) {
        json out = json::array();
        for (const CommandSpec& spec : commandTable()) {
            json roles = json::array();
            for (const RoleInfo& info : allRoles())
                if (info.person && (spec.roles & roleBit(info.role))) roles.push_back(info.name);
            json args = json::array();
            for (const ArgSpec& arg : spec.args) {
                json one = {{"name", arg.name},
                            {"type", toString(arg.type)},
                            {"required", arg.required},
                            {"help", arg.help}};
                if (arg.type == ArgType::Whole || arg.type == ArgType::Number) {
                    one["min"] = arg.min;
                    one["max"] = arg.max;
                }
                if (arg.type == ArgType::Id || arg.type == ArgType::Text) one["max_bytes"] = arg.maxBytes;
                if (arg.type == ArgType::Choice) one["choices"] = arg.choices;
                args.push_back(std::move(one));
            }
            out.push_back({{"command", spec.name},
                           {"roles", roles},
                           {"route", spec.route.empty() ? "/api/v1/commands/" + std::string(spec.name)
                                                        : "/api/v1" + std::string(spec.route)},
                           {"args", args},
                           {"accepts_fields", spec.moreArgs},
                           {"summary", spec.summary}});
        }
        return out;
    }));
}

} // namespace hawker::studio::api_routes
