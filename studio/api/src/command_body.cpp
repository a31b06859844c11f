#include "hawker/studio/api/command_body.hpp"

#include <cstdlib>

#include <nlohmann/json.hpp>

namespace hawker::studio {

using nlohmann::json;

std::optional<Command> commandFromBody(const std::string& name, const std::string& body,
                                       std::string& problem) {
    json parsed = json::object();
    if (!body.empty()) {
        parsed = json::parse(body, nullptr, false);
        if (parsed.is_discarded()) {
            problem = "the body is not valid JSON";
            return std::nullopt;
        }
        if (!parsed.is_object()) {
            problem = "the body must be a JSON object of arguments";
            return std::nullopt;
        }
    }
    Command command = Command::named(name, {});
    for (const auto& [key, value] : parsed.items()) {
        std::string text;
        if (value.is_string())
            text = value.get<std::string>();
        else if (value.is_number_integer() || value.is_number_unsigned())
            text = value.dump();
        else if (value.is_number_float())
            text = value.dump();
        else if (value.is_boolean())
            text = value.get<bool>() ? "true" : "false";
        else {
            problem = "argument '" + key + "' must be a string, a number or true/false";
            return std::nullopt;
        }
        if (key == "scene") {
            command.scene = text;
        } else if (key == "transition" && (name == "take" || name == "transition")) {
            command.transition = parseTransition(text);
            if (!command.transition) {
                problem = "transition must be cut or fade";
                return std::nullopt;
            }
        } else if (key == "duration_ms" && (name == "take" || name == "transition")) {
            char* end = nullptr;
            const long ms = std::strtol(text.c_str(), &end, 10);
            if (text.empty() || *end || ms < 0 || ms > 10000) {
                problem = "duration_ms must be a whole number 0..10000";
                return std::nullopt;
            }
            command.transitionMs = static_cast<int>(ms);
        } else {
            command.args[key] = text;
        }
    }
    return command;
}

} // namespace hawker::studio
