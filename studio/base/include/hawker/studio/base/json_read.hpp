#pragma once
// Reading fields of JSON objects, the one way Hawker does it. Two kinds of reader:
//
// - Lenient readers, for JSON another part of Hawker wrote (a report, the live analytics snapshot): a member
// may
//   be missing or null (a ratio without a denominator) or, through notes and comments, hold anything, so
//   every read checks the type, gives "no value" instead of throwing and leaves it to the caller to write
//   "—". The report, the review model and the console's views all read this way.
// - FieldReader, for JSON that must have its fields (what arrives from outside): each read says why a field
// is
//   not what it must be, in words that name it ("qty is missing", "sku must be a string"), and never throws.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace hawker::studio::json_read {

using nlohmann::json;

/// `object[key]`, or null when `object` is not an object or has no such member.
const json& memberOf(const json& object, std::string_view key);
/// `value` when it is an array, else an empty array.
const json& asList(const json& value);
const json& listAt(const json& object, std::string_view key);

/// A finite number, or nothing (for a string, null, a boolean, ...).
std::optional<double> numberOf(const json& value);
std::optional<double> numberAt(const json& object, std::string_view key);
double numberOr(const json& object, std::string_view key, double fallback);
/// The number rounded to a whole one (halves away from zero, clamped to ±9e18); 0 when there is none.
int64_t integerAt(const json& object, std::string_view key);
/// A platform's integer id or amount, which arrives as a JSON number or as a
/// string of at most 18 digits; nullopt for anything else (a sign, a decimal point, a missing key).
std::optional<int64_t> digitsAt(const json& object, const char* key);
/// A platform's id, which arrives as a string or as a JSON integer ("6912…" or 6912…), as text;
/// empty for anything else (a fraction, a boolean, a missing key).
std::string idAt(const json& object, const char* key);
/// The member when it is a string, else `otherwise`: a number is not turned into text (see textAt).
std::string stringAt(const json& object, std::string_view key, const std::string& otherwise = {});
/// true for `true` and for a non-zero number (SQLite hands flags back as 0 and 1), false for anything else.
bool flagAt(const json& object, std::string_view key);

/// The shortest text that reads back as the same double.
std::string shortest(double value);
/// A string as it is, a number or boolean as text, anything else empty.
std::string textOf(const json& value);
std::string textAt(const json& object, std::string_view key);

/// Whether a checked field may be left out.
enum class Need { Required, Optional };

/// Checked reads of one object's fields. A failed read returns false and sets `reason` to a sentence naming
/// the field; a null member counts as missing; an optional field that is missing leaves `out` alone. Never
/// throws, so that a batch of bad input costs no more than a batch of good input.
class FieldReader {
public:
    /// `object` and `reason` must outlive the reader.
    FieldReader(const json& object, std::string& reason) : m_object(object), m_reason(reason) {}

    /// The member, or nullptr when it is missing or null.
    const json* find(std::string_view key) const;
    /// A string: "KEY is missing", "KEY must be a string", "KEY is empty" (a required one),
    /// "KEY is longer than N bytes".
    bool string(std::string_view key, std::string& out, Need need, size_t maxBytes);
    /// A whole number within [min, max], written as an integer or as a float without a fraction:
    /// "KEY is missing", "KEY is not a number", "KEY must be a whole number", "KEY is negative" (when
    /// min >= 0), "KEY is out of range (RANGE)", with `range` saying in words what is allowed.
    bool integer(std::string_view key, int64_t& out, Need need, int64_t min, int64_t max,
                 std::string_view range);
    /// Sets the reason to "KEY " + `what` and returns false: for a check the caller adds.
    bool fail(std::string_view key, std::string_view what);

private:
    const json& m_object;
    std::string& m_reason;
};

} // namespace hawker::studio::json_read
