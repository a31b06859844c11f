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
        // Every argument goes on as text: the command table checks and types
        // them (command_table.hpp), for the API as for every other sender.
        command.args[key] = text;
    }
    return command;
}

} // namespace hawker::studio
