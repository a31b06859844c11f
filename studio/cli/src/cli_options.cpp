#include "hawker/studio/cli/cli_options.hpp"

#include <cmath>

namespace hawker::studio {

std::optional<std::string> ParsedArgs::value(const std::string& name) const {
    auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
}

std::optional<double> ParsedArgs::seconds(const std::string& name) const {
    auto text = value(name);
    if (!text) return std::nullopt;
    size_t used = 0;
    double parsed = 0;
    try {
        parsed = std::stod(*text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text->size() || !std::isfinite(parsed) || parsed <= 0 || parsed > 7 * 24 * 3600)
        throw UsageError(name + " expects a positive number of seconds, got '" + *text + "'");
    return parsed;
}

ParsedArgs parseArgs(const std::vector<std::string>& args, const std::set<std::string>& valueOptions,
                     const std::set<std::string>& flagOptions) {
    ParsedArgs parsed;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg.size() > 2 && arg.rfind("--", 0) == 0) {
            std::string name = arg, inlineValue;
            bool hasInline = false;
            if (auto eq = arg.find('='); eq != std::string::npos) {
                name = arg.substr(0, eq);
                inlineValue = arg.substr(eq + 1);
                hasInline = true;
            }
            if (valueOptions.count(name)) {
                if (hasInline) {
                    parsed.values[name] = inlineValue;
                } else {
                    if (i + 1 >= args.size()) throw UsageError(name + " needs a value");
                    parsed.values[name] = args[++i];
                }
            } else if (flagOptions.count(name) && !hasInline) {
                parsed.flags.insert(name);
            } else {
                throw UsageError("unknown option " + name);
            }
        } else if (arg.size() > 1 && arg[0] == '-' && !std::isdigit(static_cast<unsigned char>(arg[1]))) {
            throw UsageError("unknown option " + arg);
        } else {
            parsed.positional.push_back(arg);
        }
    }
    return parsed;
}

std::optional<int64_t> ParsedArgs::integer(const std::string& name) const {
    auto text = value(name);
    if (!text) return std::nullopt;
    size_t used = 0;
    long long number = 0;
    try {
        number = std::stoll(*text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text->size() || text->empty() || number < 0)
        throw UsageError(name + " expects a whole number (0 or more), got '" + *text + "'");
    return number;
}

std::string ParsedArgs::required(const std::string& name) const {
    auto text = value(name);
    if (!text || text->empty()) throw UsageError(name + " is required");
    return *text;
}

} // namespace hawker::studio
