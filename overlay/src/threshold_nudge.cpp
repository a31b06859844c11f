// A spend-threshold promotion, e.g. 满299减50.

#include <algorithm>
#include <cmath>

#include "graphic_scale.hpp"
#include "hawker/overlay/draw_util.hpp"
#include "hawker/overlay/figure_text.hpp"
#include "hawker/overlay/graphics.hpp"

namespace hawker::overlay {

cv::Mat renderThresholdNudge(const ThresholdNudgeContent& content, cv::Size size, const Theme& theme,
                             const Fonts& fonts) {
    cv::Mat out = transparent(size);
    const Scale px{size.height / 110.0};
    fillPanel(out, px(theme.cornerRadius), theme.accent);
    // "满299减50" reads without the ¥ (two bytes in UTF-8).
    auto yuan = [](int64_t cents) { return yuanText(cents, YuanStyle::PriceTag).substr(2); };
    const std::string headline = "满" + yuan(content.thresholdCents) + "减" + yuan(content.discountCents);
    const int width = size.width - px(40);
    const bool twoLines = !content.note.empty();
    const int headSize = twoLines ? px(44) : px(56);
    const std::string head = fonts.bold->ellipsize(headline, headSize, width);
    const int headW = fonts.bold->width(head, headSize);
    fonts.bold->draw(out, head,
                     {(size.width - headW) / 2, twoLines ? px(8) : (size.height - headSize) / 2 - px(4)},
                     headSize, theme.text);
    if (twoLines) {
        const std::string note = fonts.regular->ellipsize(content.note, px(26), width);
        const int noteW = fonts.regular->width(note, px(26));
        fonts.regular->draw(out, note, {(size.width - noteW) / 2, px(66)}, px(26), theme.text);
    }
    return out;
}

} // namespace hawker::overlay
