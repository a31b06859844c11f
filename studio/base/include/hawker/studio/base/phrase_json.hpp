#pragma once
// A Phrase (phrase.hpp) stored and sent as JSON, for words said later by another part or another program:
// an alert is raised by the analytics, stored in the session's database, and said by the console and the
// review in their reader's language. The form is
//   {"key": "alert_text.sold_out", "args": {"sku": "SERUM-50"}, "more": [...]}
// where an argument's value is a string (said as it is), {"key": K} (a key said in the same language) or
// a whole phrase (said in the same language). Nothing parses the finished sentence back.

#include <optional>

#include <nlohmann/json.hpp>

#include "hawker/studio/base/phrase.hpp"

namespace hawker::studio::i18n {

/// The phrase as JSON; null for an empty phrase (nothing to say).
nlohmann::json phraseJson(const Phrase& phrase);
/// The phrase back from phraseJson's form; nullopt for null or anything not of that form (a row stored
/// before alerts carried phrases, or one damaged by hand): the caller then shows the stored text.
std::optional<Phrase> phraseFromJson(const nlohmann::json& json);
/// The same from JSON text (a database column); nullopt for empty or unparsable text.
std::optional<Phrase> phraseFromJsonText(const std::string& text);
/// The stored phrase said in the current language, or `fallback` (the stored English text) when there is
/// none to say.
std::string sayStored(const nlohmann::json& phrase, std::string fallback);

} // namespace hawker::studio::i18n
