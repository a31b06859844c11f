#pragma once
// The values of hawker's options: text from the command line to typed values,
// each refusal a UsageError in the wording scripts and tests know
// ("--duration expects a positive number of seconds, got 'abc'"). The option
// parser (cli_options.cpp) calls them once it has found an option's value.

#include <cstdint>
#include <map>
#include <string>

#include "hawker/studio/base/translations.hpp"
#include "hawker/studio/show/role.hpp"

namespace hawker::studio::cli_values {

/// A positive number of seconds, at most a week.
double seconds(const std::string& option, const std::string& text);
/// A whole number 0 or more (ids, UTC milliseconds, counts).
int64_t wholeNumber(const std::string& option, const std::string& text);
/// Any text but the empty one ("--db is required" for an empty value).
std::string nonEmpty(const std::string& option, const std::string& text);
/// A rate from 0 to 1 (--target-conversion).
double rate(const std::string& option, const std::string& text);
/// A speed factor from 0.1 to 1000 (--speed).
double factor(const std::string& option, const std::string& text);
/// SKU=N[,SKU=N...] with N > 0 (--target-units).
std::map<std::string, int64_t> skuUnits(const std::string& option, const std::string& text);
/// WIDTHxHEIGHT, from 640x400 to 8192x8192 (--size).
void windowSize(const std::string& option, const std::string& text, int& width, int& height);
/// A role that has a console login (--role).
Role consoleRole(const std::string& option, const std::string& text);
/// "zh-CN" or "en"; anything else is a usage error that names both.
i18n::Language language(const std::string& option, const std::string& text);

} // namespace hawker::studio::cli_values
