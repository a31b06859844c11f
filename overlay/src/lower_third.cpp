// A lower third: the host's name and title.

#include <algorithm>
#include <cmath>

#include "graphic_scale.hpp"
#include "hawker/overlay/draw_util.hpp"
#include "hawker/overlay/graphics.hpp"

namespace hawker::overlay {

cv::Mat renderLowerThird(const LowerThirdContent& content, cv::Size size, const Theme& theme,
                         const Fonts& fonts) {
    cv::Mat out = transparent(size);
    const Scale px{size.height / 140.0};
    fillPanel(out, px(theme.cornerRadius / 2.0), theme.panel);
    fillRoundedRect(out, cv::Rect(0, 0, px(14), size.height), px(6), theme.accent);
    const int x = px(36), width = size.width - x - px(20);
    fonts.bold->draw(out, fonts.bold->ellipsize(content.name, px(48), width), {x, px(16)}, px(48),
                     theme.text);
    fonts.regular->draw(out, fonts.regular->ellipsize(content.title, px(30), width), {x, px(84)}, px(30),
                        theme.mutedText);
    return out;
}

} // namespace hawker::overlay
