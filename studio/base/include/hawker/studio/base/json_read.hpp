#pragma once
// Reading JSON that comes from a report or a live snapshot: a member may be
// missing or null (a ratio without a denominator), so every read checks the
// type instead of trusting json::value(), and never throws. Used by the review
// model and the console's views alike.

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace hawker::studio::json_read {

/// The member, or null.
inline const nlohmann::json& memberOf(const nlohmann::json& object, const std::string& key) {
    static const nlohmann::json kNothing;
    if (!object.is_object()) return kNothing;
    auto it = object.find(key);
    return it == object.end() ? kNothing : *it;
}

inline std::optional<double> numberOf(const nlohmann::json& value) {
    if (!value.is_number()) return std::nullopt;
    return value.get<double>();
}

inline std::optional<double> numberAt(const nlohmann::json& object, const std::string& key) {
    return numberOf(memberOf(object, key));
}

/// The number rounded to a whole one; 0 when it is missing.
inline int64_t integerAt(const nlohmann::json& object, const std::string& key) {
    return static_cast<int64_t>(std::llround(numberAt(object, key).value_or(0)));
}

inline std::string stringAt(const nlohmann::json& object, const std::string& key,
                            const std::string& otherwise = {}) {
    const nlohmann::json& value = memberOf(object, key);
    return value.is_string() ? value.get<std::string>() : otherwise;
}

inline bool flagAt(const nlohmann::json& object, const std::string& key) {
    const nlohmann::json& value = memberOf(object, key);
    return value.is_boolean() && value.get<bool>();
}

} // namespace hawker::studio::json_read
