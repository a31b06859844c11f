#pragma once
// Reading a command's named arguments, with errors that name the argument
// (internal to studio/src).

#include <charconv>
#include <optional>
#include <string>

#include "hawker/studio/base/quoted_text.hpp"
#include "hawker/studio/show/show_controller.hpp"

namespace hawker::studio::detail {

inline std::string arg(const Command& command, const std::string& key, const std::string& fallback = {}) {
    auto found = command.args.find(key);
    return found == command.args.end() ? fallback : found->second;
}

/// A whole number argument within [min, max]; an error message otherwise.
inline std::optional<std::string> intArg(const Command& command, const std::string& key, int64_t min,
                                         int64_t max, std::optional<int64_t> fallback, int64_t& out) {
    auto found = command.args.find(key);
    if (found == command.args.end()) {
        if (!fallback) return command.name + ": " + key + " is missing";
        out = *fallback;
        return std::nullopt;
    }
    const std::string& text = found->second;
    int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size())
        return command.name + ": " + key + " must be a whole number, got " + quoteValue(text);
    if (value < min || value > max)
        return command.name + ": " + key + " must be " + std::to_string(min) + ".." + std::to_string(max) +
               ", got " + shortened(text);
    out = value;
    return std::nullopt;
}

/// true/false/1/0; nullopt when absent; an error message in `error` when malformed.
inline std::optional<bool> boolArg(const Command& command, const std::string& key, std::string& error) {
    auto found = command.args.find(key);
    if (found == command.args.end()) return std::nullopt;
    if (found->second == "true" || found->second == "1") return true;
    if (found->second == "false" || found->second == "0") return false;
    error = command.name + ": " + key + " must be true or false, got " + quoteValue(found->second);
    return std::nullopt;
}

} // namespace hawker::studio::detail
