#pragma once
// Words that are said later, in whichever language their reader reads: a key of the translation tables
// and its named values. A part that answers people (a command's answer) hands over a Phrase instead of a
// finished sentence, so the console can put it in its user's language while the HTTP API, the audit and
// the log keep their English, made from the same key. Nothing ever parses the sentence back.

#include <memory>
#include <string>
#include <vector>

#include "hawker/studio/base/translations.hpp"

namespace hawker::studio::i18n {

struct Phrase {
    struct Arg {
        Arg(std::string argName, std::string argValue, bool valueIsKey = false)
            : name(std::move(argName)), value(std::move(argValue)), isKey(valueIsKey) {}
        Arg(std::string argName, std::shared_ptr<const Phrase> said)
            : name(std::move(argName)), phrase(std::move(said)) {}
        std::string name;
        std::string value;
        /// The value is a key itself (a role's name): said in the same language.
        bool isKey = false;
        /// Set: the value is this phrase, said in the same language (a refusal quoted in an answer).
        std::shared_ptr<const Phrase> phrase;
    };
    Phrase() = default;
    Phrase(std::string phraseKey, std::vector<Arg> phraseArgs = {})
        : key(std::move(phraseKey)), args(std::move(phraseArgs)) {}
    std::string key; ///< "answers.no_scene"; empty: nothing to say
    std::vector<Arg> args;
    /// Said after it, each after the language's separator ("; "): the steps of a compound answer.
    std::vector<Phrase> more;
};

/// An argument that is a phrase of its own.
Phrase::Arg phraseArg(std::string name, Phrase phrase);

/// The phrase's text in `language`, its placeholders filled ("{name}"; as formatText does).
std::string say(Language language, const Phrase& phrase);
/// The same in the current language.
std::string say(const Phrase& phrase);

} // namespace hawker::studio::i18n
