#pragma once
// Reading a command's named arguments once the command table has checked
// them (internal to studio/show).

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

/// A whole-number argument, or `fallback` when it is absent or empty. The
/// command table checked its form and range before the handler ran
/// (command_table.cpp), so this only converts.
inline int64_t wholeArg(const Command& command, const std::string& key, int64_t fallback) {
    auto found = command.args.find(key);
    if (found == command.args.end() || found->second.empty()) return fallback;
    int64_t value = fallback;
    std::from_chars(found->second.data(), found->second.data() + found->second.size(), value);
    return value;
}

/// A flag argument (true/false/1/0, checked by the table); nullopt when absent or empty.
inline std::optional<bool> flagArg(const Command& command, const std::string& key) {
    auto found = command.args.find(key);
    if (found == command.args.end() || found->second.empty()) return std::nullopt;
    return found->second == "true" || found->second == "1";
}

} // namespace hawker::studio::detail
