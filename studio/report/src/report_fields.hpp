#pragma once
// Reading the report's JSON. It comes from another component (and, through notes and comments, from outside),
// so every access tolerates a missing key or a value of the wrong type instead of throwing.

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace hawker::studio::report_html {

using nlohmann::json;

/// `object[key]`, or null when `object` is not an object or has no such key.
const json& field(const json& object, const char* key);
/// `value` when it is an array, else an empty array.
const json& asList(const json& value);
const json& listAt(const json& object, const char* key);

/// A finite number, or nothing (for a string, null, infinity, ...).
std::optional<double> numberOf(const json& value);
std::optional<double> numberAt(const json& object, const char* key);
double numberOr(const json& object, const char* key, double fallback);
/// true for `true` and for a non-zero number, false for anything else.
bool flagAt(const json& object, const char* key);

/// The shortest text that reads back as the same double.
std::string shortest(double value);
/// A string as it is, a number or boolean as text, anything else empty.
std::string textOf(const json& value);
std::string textAt(const json& object, const char* key);

/// SKU to product name, from `products` as an object keyed by SKU or as an array of objects with a "sku".
std::map<std::string, std::string> productNames(const json& products);

} // namespace hawker::studio::report_html
