#include "hawker/studio/show/compliance.hpp"
#include "hawker/studio/base/ascii_case.hpp"

#include <algorithm>

namespace hawker::studio {

namespace {} // namespace

std::vector<ScreenText> cardTexts(const ProductSpec& product) {
    std::vector<ScreenText> texts{{{i18n::trKey("answers.where_name")}, product.name}};
    for (size_t i = 0; i < product.sellingPoints.size(); ++i)
        texts.push_back({{i18n::trKey("answers.where_selling_point"), {{"number", std::to_string(i + 1)}}},
                         product.sellingPoints[i]});
    return texts;
}

std::vector<ScreenText> offerTexts(const OfferSpec& offer, const ProductSpec& product) {
    return {{{i18n::trKey("answers.where_title")}, offer.title},
            {{i18n::trKey("answers.where_product_name")}, product.name}};
}

std::optional<BannedHit> findBannedWord(const std::vector<ScreenText>& texts,
                                        const std::vector<std::string>& bannedWords) {
    for (const ScreenText& text : texts) {
        // Byte search is safe for UTF-8: a whole character sequence never
        // matches inside another character's bytes.
        const std::string haystack = asciiLower(text.text);
        for (const std::string& word : bannedWords)
            if (!word.empty() && haystack.find(asciiLower(word)) != std::string::npos)
                return BannedHit{word, text};
    }
    return std::nullopt;
}

} // namespace hawker::studio
