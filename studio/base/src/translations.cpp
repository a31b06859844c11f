#include "hawker/studio/base/translations.hpp"
#include "hawker/studio/base/ascii_case.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>

#include <toml++/toml.h>

#include "hawker/studio/base/log.hpp"
#include "translation_tables.hpp"

namespace hawker::studio::i18n {

namespace {

using Table = std::map<std::string, std::string, std::less<>>;

/// The TOML's nested tables flattened to dotted keys ("products.start_sale"): the file groups the keys by
/// panel, the code names them whole.
void flatten(const toml::table& table, const std::string& prefix, Table& out) {
    for (const auto& [key, node] : table) {
        const std::string name =
            prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
        if (const toml::table* inner = node.as_table())
            flatten(*inner, name, out);
        else if (const auto* text = node.as_string())
            out[name] = text->get();
    }
}

Table parseTable(std::string_view text, const char* name) {
    Table table;
    try {
        flatten(toml::parse(text, std::string_view(name)), "", table);
    } catch (const toml::parse_error& error) {
        // The tables are the program's own and tests parse them; should one still be broken, every
        // string shows its key rather than the console failing to open.
        logError(std::string("translation table ") + name +
                 " is broken: " + std::string(error.description()));
    }
    return table;
}

const Table& table(Language language) {
    // Parsed once, on first use, and never changed after: readers need no lock.
    static const Table en = parseTable(enTableText(), "assets/i18n/en.toml");
    static const Table zh = parseTable(zhCnTableText(), "assets/i18n/zh-CN.toml");
    return language == Language::ZhCN ? zh : en;
}

std::atomic<Language> g_language{Language::En};

/// Keys some table lacks, kept so that the text returned for them (the key) lives as long as the program.
const char* missing(Language language, std::string_view key) {
    static std::mutex lock;
    static std::set<std::string, std::less<>> seen;
    std::lock_guard guard(lock);
    auto found = seen.find(key);
    if (found == seen.end()) {
        found = seen.emplace(key).first;
        logWarning(std::string("no ") + languageCode(language) + " text for '" + *found + "'");
    }
    return found->c_str();
}

} // namespace

std::optional<Language> parseLanguage(std::string_view code) {
    const std::string name = asciiLower(code);
    if (name == "zh-cn" || name == "zh_cn" || name == "zh") return Language::ZhCN;
    if (name == "en") return Language::En;
    return std::nullopt;
}

const char* languageCode(Language language) {
    return language == Language::ZhCN ? "zh-CN" : "en";
}

const char* languageName(Language language) {
    return language == Language::ZhCN ? "中文（简体）" : "English";
}

const std::vector<Language>& allLanguages() {
    static const std::vector<Language> all{Language::ZhCN, Language::En};
    return all;
}

Language languageFromLocale(const char* lcAll, const char* lcMessages, const char* lang) {
    for (const char* value : {lcAll, lcMessages, lang})
        if (value && *value) return asciiLower(value).rfind("zh", 0) == 0 ? Language::ZhCN : Language::En;
    return Language::En;
}

Language systemLanguage() {
    return languageFromLocale(std::getenv("LC_ALL"), std::getenv("LC_MESSAGES"), std::getenv("LANG"));
}

void setLanguage(Language language) {
    g_language.store(language, std::memory_order_relaxed);
}

Language currentLanguage() {
    return g_language.load(std::memory_order_relaxed);
}

const char* tr(Language language, std::string_view key) {
    const Table& words = table(language);
    if (auto found = words.find(key); found != words.end()) return found->second.c_str();
    return missing(language, key);
}

const char* tr(std::string_view key) {
    return tr(currentLanguage(), key);
}

std::string trId(std::string_view key) {
    std::string label = tr(key);
    label += "###";
    label += key;
    return label;
}

namespace {

template <typename Args>
std::string fillPlaceholders(std::string_view pattern, const Args& args) {
    std::string out;
    out.reserve(pattern.size() + 16);
    for (size_t i = 0; i < pattern.size();) {
        if (pattern.compare(i, 2, "{{") == 0) {
            out += '{';
            i += 2;
            continue;
        }
        if (pattern[i] == '{') {
            const size_t end = pattern.find('}', i + 1);
            if (end != std::string_view::npos) {
                const std::string_view name = pattern.substr(i + 1, end - i - 1);
                const auto arg = std::find_if(args.begin(), args.end(), [&](const TextArg& candidate) {
                    return candidate.first == name;
                });
                if (arg != args.end()) {
                    out += arg->second;
                    i = end + 1;
                    continue;
                }
            }
        }
        out += pattern[i++];
    }
    return out;
}

} // namespace

std::string formatText(std::string_view pattern, std::initializer_list<TextArg> args) {
    return fillPlaceholders(pattern, args);
}

std::string formatText(std::string_view pattern, const std::vector<TextArg>& args) {
    return fillPlaceholders(pattern, args);
}

std::string trf(std::string_view key, std::initializer_list<TextArg> args) {
    return formatText(tr(key), args);
}

bool hasKey(Language language, std::string_view key) {
    return table(language).count(key) > 0;
}

std::vector<std::string> tableKeys(Language language) {
    std::vector<std::string> keys;
    for (const auto& [key, text] : table(language))
        keys.push_back(key);
    return keys;
}

std::vector<std::string> tableTexts(Language language) {
    std::vector<std::string> texts;
    for (const auto& [key, text] : table(language))
        texts.push_back(text);
    return texts;
}

} // namespace hawker::studio::i18n
