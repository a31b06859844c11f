#include "report_fields.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace hawker::studio::report_html {

const json& field(const json& object, const char* key) {
    static const json none;
    if (!object.is_object()) return none;
    const auto it = object.find(key);
    return it == object.end() ? none : *it;
}

const json& asList(const json& value) {
    static const json empty = json::array();
    return value.is_array() ? value : empty;
}

const json& listAt(const json& object, const char* key) {
    return asList(field(object, key));
}

std::optional<double> numberOf(const json& value) {
    if (!value.is_number()) return std::nullopt;
    const double number = value.get<double>();
    if (!std::isfinite(number)) return std::nullopt;
    return number;
}

std::optional<double> numberAt(const json& object, const char* key) {
    return numberOf(field(object, key));
}

double numberOr(const json& object, const char* key, double fallback) {
    return numberAt(object, key).value_or(fallback);
}

bool flagAt(const json& object, const char* key) {
    const json& value = field(object, key);
    if (value.is_boolean()) return value.get<bool>();
    if (value.is_number()) return numberOf(value).value_or(0.0) != 0.0;
    return false;
}

std::string shortest(double value) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

std::string textOf(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer())
        return value.is_number_unsigned() ? std::to_string(value.get<uint64_t>())
                                          : std::to_string(value.get<int64_t>());
    if (value.is_number()) return numberOf(value) ? shortest(*numberOf(value)) : std::string();
    if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
    return {};
}

std::string textAt(const json& object, const char* key) {
    return textOf(field(object, key));
}

std::map<std::string, std::string> productNames(const json& products) {
    std::map<std::string, std::string> names;
    if (products.is_object()) {
        for (auto it = products.begin(); it != products.end(); ++it)
            names[it.key()] = textAt(it.value(), "name");
    } else if (products.is_array()) {
        for (const json& product : products)
            names[textAt(product, "sku")] = textAt(product, "name");
    }
    return names;
}

} // namespace hawker::studio::report_html
