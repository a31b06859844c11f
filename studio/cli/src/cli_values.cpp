#include "cli_values.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "hawker/studio/cli/cli_options.hpp"

namespace hawker::studio::cli_values {

namespace {

/// The whole text as a finite number, or nullopt (trailing characters, nan, inf, empty).
std::optional<double> finiteNumber(const std::string& text) {
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(text.c_str(), &end);
    if (*end || errno == ERANGE || !std::isfinite(value)) return std::nullopt;
    return value;
}

} // namespace

double seconds(const std::string& option, const std::string& text) {
    const auto value = finiteNumber(text);
    if (!value || *value <= 0 || *value > 7 * 24 * 3600)
        throw UsageError(option + " expects a positive number of seconds, got '" + text + "'");
    return *value;
}

int64_t wholeNumber(const std::string& option, const std::string& text) {
    char* end = nullptr;
    errno = 0;
    const long long value = text.empty() ? -1 : std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end || errno == ERANGE || value < 0)
        throw UsageError(option + " expects a whole number (0 or more), got '" + text + "'");
    return value;
}

std::string nonEmpty(const std::string& option, const std::string& text) {
    if (text.empty()) throw UsageError(option + " is required");
    return text;
}

double rate(const std::string& option, const std::string& text) {
    const auto value = finiteNumber(text);
    if (!value || *value < 0 || *value > 1)
        throw UsageError(option + " expects a rate from 0 to 1 (0.03 for 3 %), got '" + text + "'");
    return *value;
}

double factor(const std::string& option, const std::string& text) {
    const auto value = finiteNumber(text);
    if (!value || *value < 0.1 || *value > 1000)
        throw UsageError(option + " expects a factor from 0.1 to 1000, got '" + text + "'");
    return *value;
}

std::map<std::string, int64_t> skuUnits(const std::string& option, const std::string& text) {
    std::map<std::string, int64_t> units;
    std::stringstream list(text);
    std::string item;
    while (std::getline(list, item, ',')) {
        const auto eq = item.find('=');
        char* end = nullptr;
        const long long n = eq == std::string::npos ? -1 : std::strtoll(item.c_str() + eq + 1, &end, 10);
        if (eq == 0 || eq == std::string::npos || n <= 0 || *end)
            throw UsageError(option + " expects SKU=N[,SKU=N...], got '" + item + "'");
        units[item.substr(0, eq)] = n;
    }
    return units;
}

void windowSize(const std::string& option, const std::string& text, int& width, int& height) {
    int w = 0, h = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%dx%d%c", &w, &h, &tail) != 2 || w < 640 || h < 400 || w > 8192 ||
        h > 8192)
        throw UsageError(option + " expects WIDTHxHEIGHT, at least 640x400, got '" + text + "'");
    width = w;
    height = h;
}

Role consoleRole(const std::string& option, const std::string& text) {
    const std::optional<Role> role = roleFromName(text);
    if (!role || !roleInfo(*role).console)
        throw UsageError(option + " must be " + roleNames([](const RoleInfo& info) { return info.console; }) +
                         ", not '" + text + "'");
    return *role;
}

i18n::Language language(const std::string& option, const std::string& text) {
    // Only the spellings the docs give: a typo must not quietly pick English.
    if (text == "zh-CN") return i18n::Language::ZhCN;
    if (text == "en") return i18n::Language::En;
    throw UsageError(option + " must be zh-CN or en, not '" + text + "'");
}

} // namespace hawker::studio::cli_values
