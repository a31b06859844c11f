// A banner; text wider than its slot becomes a scrolling ticker strip.

#include <algorithm>
#include <cmath>

#include "graphic_scale.hpp"
#include "hawker/overlay/draw_util.hpp"
#include "hawker/overlay/graphics.hpp"

namespace hawker::overlay {

cv::Mat renderBanner(const BannerContent& content, cv::Size size, const Theme& theme, const Fonts& fonts) {
    const Scale px{size.height / 80.0};
    const int textSize = px(40);
    const std::string text = content.text;
    const int textW = fonts.regular->width(text, textSize);
    const int pad = px(28);
    if (textW <= size.width - 2 * pad) {
        cv::Mat out = transparent(size);
        fillPanel(out, size.height / 2, theme.panel);
        fonts.regular->draw(out, text, {(size.width - textW) / 2, (size.height - textSize) / 2 - px(4)},
                            textSize, theme.text);
        return out;
    }
    // Too long: a ticker. The strip is the text and a gap, drawn twice so any
    // window of the slot's width into it is seamless.
    const int period = textW + size.width / 2;
    cv::Mat strip = transparent(cv::Size(period + size.width, size.height));
    fillRoundedRect(strip, cv::Rect(0, 0, strip.cols, strip.rows), 0, theme.panel);
    for (int x = pad; x < strip.cols; x += period)
        fonts.regular->draw(strip, text, {x, (size.height - textSize) / 2 - px(4)}, textSize, theme.text);
    return strip;
}

} // namespace hawker::overlay
