#pragma once
// The console's words in the user's language. Each language has one table (assets/i18n/LANG.toml),
// compiled into the program at build time, so nothing is read from disk when it runs. Code names a string
// by a symbolic key grouped by panel ("products.start_sale"), never by its English words, so a table can be
// rewritten without touching the code. tests/tools/check_translations.py checks that every key the code
// uses is in both tables and that neither holds a key nobody uses.
//
// A key missing from the current table shows as the key itself (and is logged once): the screen says what
// is missing instead of crashing or showing nothing.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hawker::studio::i18n {

enum class Language { En, ZhCN };

/// "zh-CN" or "en" (also "zh_CN", "zh", case aside); nullopt for anything else.
std::optional<Language> parseLanguage(std::string_view code);
/// "zh-CN" or "en": how the settings and the command line spell it.
const char* languageCode(Language language);
/// The language's own name, for the Settings menu ("中文（简体）", "English").
const char* languageName(Language language);
/// Every language there is, in the order the menu lists them.
const std::vector<Language>& allLanguages();

/// The language POSIX's locale variables ask for: the first of LC_ALL, LC_MESSAGES and LANG that is set
/// and not empty decides (as setlocale reads them); zh-CN when it starts with "zh", en otherwise.
Language languageFromLocale(const char* lcAll, const char* lcMessages, const char* lang);
/// The same from this process's environment.
Language systemLanguage();

/// The language tr() speaks, for the whole process (the console, the review, the report it writes).
/// Switching is safe from any thread; a frame drawn while it changes may mix the two, never worse.
void setLanguage(Language language);
Language currentLanguage();

/// The current language's text for `key`; the key itself when the table lacks it. The pointer stays
/// valid for the life of the program.
const char* tr(std::string_view key);
/// The same in a given language.
const char* tr(Language language, std::string_view key);
/// An ImGui label whose words follow the language but whose ID does not: "Produkte###products.title".
/// Windows and widgets keep their place in the .ini and their state across a switch.
std::string trId(std::string_view key);
/// Marks a key that is stored (a panel's title key) and translated later with tr(): the key check finds
/// it here. Returns the key unchanged.
constexpr const char* trKey(const char* key) {
    return key;
}

/// One named value of a placeholder: {"count", "12"}.
using TextArg = std::pair<std::string_view, std::string>;
/// `pattern` with each "{name}" replaced by its argument's value. A placeholder without an argument stays
/// as it is written (visible, never a crash); "{{" writes "{".
std::string formatText(std::string_view pattern, std::initializer_list<TextArg> args);
/// The same with the arguments in a vector (built at run time).
std::string formatText(std::string_view pattern, const std::vector<TextArg>& args);
/// tr(key) with its placeholders filled.
std::string trf(std::string_view key, std::initializer_list<TextArg> args);

/// Whether `language`'s table holds `key` (tests and the key check).
bool hasKey(Language language, std::string_view key);
/// Every key of `language`'s table, sorted.
std::vector<std::string> tableKeys(Language language);
/// Every text of `language`'s table: the console's font atlas must hold their glyphs.
std::vector<std::string> tableTexts(Language language);

} // namespace hawker::studio::i18n
