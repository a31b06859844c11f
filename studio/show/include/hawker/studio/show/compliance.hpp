#pragma once
// The compliance gate's text check: what a card or an offer would put on
// screen, and the first banned absolute claim in it.

#include <optional>
#include <string>
#include <vector>

#include "hawker/studio/base/phrase.hpp"
#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio {

/// A piece of on-screen text and where it comes from ("name", "selling point 2").
struct ScreenText {
    i18n::Phrase
        where; ///< which text of the card or offer ("selling point 2"), to say in the reader's language
    std::string text;
};

std::vector<ScreenText> cardTexts(const ProductSpec& product);
std::vector<ScreenText> offerTexts(const OfferSpec& offer, const ProductSpec& product);

struct BannedHit {
    std::string word;
    ScreenText in;
};

/// The first banned word found (case-insensitive for ASCII letters), if any.
std::optional<BannedHit> findBannedWord(const std::vector<ScreenText>& texts,
                                        const std::vector<std::string>& bannedWords);

} // namespace hawker::studio
