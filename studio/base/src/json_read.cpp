#include "hawker/studio/base/json_read.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace hawker::studio::json_read {

const json& memberOf(const json& object, std::string_view key) {
    static const json kNothing;
    if (!object.is_object()) return kNothing;
    const auto it = object.find(key);
    return it == object.end() ? kNothing : *it;
}

const json& asList(const json& value) {
    static const json kEmpty = json::array();
    return value.is_array() ? value : kEmpty;
}

const json& listAt(const json& object, std::string_view key) {
    return asList(memberOf(object, key));
}

std::optional<double> numberOf(const json& value) {
    if (!value.is_number()) return std::nullopt;
    const double number = value.get<double>();
    if (!std::isfinite(number)) return std::nullopt;
    return number;
}

std::optional<double> numberAt(const json& object, std::string_view key) {
    return numberOf(memberOf(object, key));
}

double numberOr(const json& object, std::string_view key, double fallback) {
    return numberAt(object, key).value_or(fallback);
}

int64_t integerAt(const json& object, std::string_view key) {
    const json& value = memberOf(object, key);
    // Integers as they are: a double cannot hold every int64.
    if (value.is_number_unsigned())
        return static_cast<int64_t>(std::min<uint64_t>(value.get<uint64_t>(), INT64_MAX));
    if (value.is_number_integer()) return value.get<int64_t>();
    return static_cast<int64_t>(std::llround(std::clamp(numberOf(value).value_or(0), -9e18, 9e18)));
}

std::string stringAt(const json& object, std::string_view key, const std::string& otherwise) {
    const json& value = memberOf(object, key);
    return value.is_string() ? value.get<std::string>() : otherwise;
}

bool flagAt(const json& object, std::string_view key) {
    const json& value = memberOf(object, key);
    if (value.is_boolean()) return value.get<bool>();
    return numberOf(value).value_or(0.0) != 0.0;
}

std::string shortest(double value) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

std::string textOf(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_unsigned()) return std::to_string(value.get<uint64_t>());
    if (value.is_number_integer()) return std::to_string(value.get<int64_t>());
    if (value.is_number()) return numberOf(value) ? shortest(*numberOf(value)) : std::string();
    if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
    return {};
}

std::string idAt(const json& object, const char* key) {
    const json& value = memberOf(object, key);
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_unsigned()) return std::to_string(value.get<uint64_t>());
    if (value.is_number_integer()) return std::to_string(value.get<int64_t>());
    return {};
}

std::string textAt(const json& object, std::string_view key) {
    return textOf(memberOf(object, key));
}

const json* FieldReader::find(std::string_view key) const {
    if (!m_object.is_object()) return nullptr;
    const auto it = m_object.find(key);
    return it == m_object.end() || it->is_null() ? nullptr : &*it;
}

bool FieldReader::fail(std::string_view key, std::string_view what) {
    m_reason.assign(key);
    m_reason += ' ';
    m_reason += what;
    return false;
}

bool FieldReader::string(std::string_view key, std::string& out, Need need, size_t maxBytes) {
    const json* value = find(key);
    if (!value) return need == Need::Required ? fail(key, "is missing") : true;
    if (!value->is_string()) return fail(key, "must be a string");
    const auto& text = value->get_ref<const std::string&>();
    if (need == Need::Required && text.empty()) return fail(key, "is empty");
    if (text.size() > maxBytes) return fail(key, "is longer than " + std::to_string(maxBytes) + " bytes");
    out = text;
    return true;
}

bool FieldReader::integer(std::string_view key, int64_t& out, Need need, int64_t min, int64_t max,
                          std::string_view range) {
    const json* value = find(key);
    if (!value) return need == Need::Required ? fail(key, "is missing") : true;
    const auto outOfRange = [&] { return fail(key, "is out of range (" + std::string(range) + ")"); };
    int64_t whole = 0;
    if (value->is_number_unsigned()) {
        if (value->get<uint64_t>() > static_cast<uint64_t>(std::max<int64_t>(max, 0))) return outOfRange();
        whole = static_cast<int64_t>(value->get<uint64_t>());
    } else if (value->is_number_integer()) {
        whole = value->get<int64_t>();
    } else if (value->is_number_float()) {
        // 12.0 is a whole number; beyond 9e15 a double no longer says which one.
        const double number = value->get<double>();
        if (!std::isfinite(number) || number != std::floor(number) || std::fabs(number) > 9.0e15)
            return fail(key, "must be a whole number");
        whole = static_cast<int64_t>(number);
    } else {
        return fail(key, "is not a number");
    }
    if (whole < 0 && min >= 0) return fail(key, "is negative");
    if (whole < min || whole > max) return outOfRange();
    out = whole;
    return true;
}

std::optional<int64_t> digitsAt(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end()) return std::nullopt;
    if (it->is_number_integer()) return it->get<int64_t>();
    if (it->is_string()) {
        const std::string& text = it->get_ref<const std::string&>();
        if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
            return std::nullopt;
        return std::stoll(text);
    }
    return std::nullopt;
}

} // namespace hawker::studio::json_read
