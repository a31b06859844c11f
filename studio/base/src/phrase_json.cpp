#include "hawker/studio/base/phrase_json.hpp"

namespace hawker::studio::i18n {

using nlohmann::json;

namespace {

/// Deep enough for any phrase Hawker says (a refusal quoted in an answer is two levels); a stored phrase
/// nested deeper is damaged and read as none, never followed down without end.
constexpr int kMaxDepth = 8;

std::optional<Phrase> readPhrase(const json& in, int depth) {
    if (depth > kMaxDepth || !in.is_object()) return std::nullopt;
    const auto key = in.find("key");
    if (key == in.end() || !key->is_string() || key->get_ref<const std::string&>().empty())
        return std::nullopt;
    Phrase out(key->get<std::string>());
    if (const auto args = in.find("args"); args != in.end()) {
        if (!args->is_object()) return std::nullopt;
        for (const auto& [name, value] : args->items()) {
            if (value.is_string()) {
                out.args.emplace_back(name, value.get<std::string>());
                continue;
            }
            // {"key": K} alone is a key said in the same language; with more, a phrase of its own.
            std::optional<Phrase> inner = readPhrase(value, depth + 1);
            if (!inner) return std::nullopt;
            if (inner->args.empty() && inner->more.empty())
                out.args.emplace_back(name, inner->key, true);
            else
                out.args.push_back(phraseArg(name, std::move(*inner)));
        }
    }
    if (const auto more = in.find("more"); more != in.end()) {
        if (!more->is_array()) return std::nullopt;
        for (const json& step : *more) {
            std::optional<Phrase> next = readPhrase(step, depth + 1);
            if (!next) return std::nullopt;
            out.more.push_back(std::move(*next));
        }
    }
    return out;
}

} // namespace

json phraseJson(const Phrase& phrase) {
    if (phrase.key.empty()) return nullptr;
    json out = {{"key", phrase.key}};
    if (!phrase.args.empty()) {
        json args = json::object();
        for (const Phrase::Arg& arg : phrase.args)
            args[arg.name] = arg.phrase  ? phraseJson(*arg.phrase)
                             : arg.isKey ? json{{"key", arg.value}}
                                         : json(arg.value);
        out["args"] = std::move(args);
    }
    if (!phrase.more.empty()) {
        json more = json::array();
        for (const Phrase& step : phrase.more)
            more.push_back(phraseJson(step));
        out["more"] = std::move(more);
    }
    return out;
}

std::optional<Phrase> phraseFromJson(const json& in) {
    return readPhrase(in, 0);
}

std::optional<Phrase> phraseFromJsonText(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return phraseFromJson(json::parse(text, nullptr, false));
}

std::string sayStored(const json& phrase, std::string fallback) {
    const std::optional<Phrase> said = phraseFromJson(phrase);
    return said ? say(*said) : std::move(fallback);
}

} // namespace hawker::studio::i18n
