#include "hawker/studio/base/phrase.hpp"

namespace hawker::studio::i18n {

Phrase::Arg phraseArg(std::string name, Phrase phrase) {
    return {std::move(name), std::make_shared<const Phrase>(std::move(phrase))};
}

std::string say(Language language, const Phrase& phrase) {
    if (phrase.key.empty()) return {};
    std::vector<TextArg> args;
    args.reserve(phrase.args.size());
    for (const Phrase::Arg& arg : phrase.args)
        args.emplace_back(arg.name, arg.phrase  ? say(language, *arg.phrase)
                                    : arg.isKey ? std::string(tr(language, arg.value))
                                                : arg.value);
    std::string text = formatText(tr(language, phrase.key), args);
    for (const Phrase& step : phrase.more) {
        text += tr(language, trKey("answers.separator"));
        text += say(language, step);
    }
    return text;
}

std::string say(const Phrase& phrase) {
    return say(currentLanguage(), phrase);
}

} // namespace hawker::studio::i18n
