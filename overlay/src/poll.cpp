// A poll with live percentage bars.

#include <algorithm>
#include <cmath>

#include "graphic_scale.hpp"
#include "hawker/overlay/draw_util.hpp"
#include "hawker/overlay/figure_text.hpp"
#include "hawker/overlay/graphics.hpp"

namespace hawker::overlay {

cv::Mat renderPoll(const PollContent& content, cv::Size size, const Theme& theme, const Fonts& fonts) {
    cv::Mat out = transparent(size);
    const Scale px{size.width / 600.0};
    fillPanel(out, px(theme.cornerRadius), theme.panel);
    const int pad = px(24), width = size.width - 2 * pad;
    fonts.bold->draw(out, fonts.bold->ellipsize(content.question, px(34), width), {pad, pad}, px(34),
                     theme.text);
    int64_t total = 0;
    for (const auto& option : content.options)
        total += std::max<int64_t>(0, option.second);
    int y = pad + px(56);
    for (const auto& [label, votes] : content.options) {
        if (y + px(60) > size.height) break; // more options than room: show what fits
        const int percent =
            total > 0 ? static_cast<int>(std::lround(100.0 * std::max<int64_t>(0, votes) / total)) : 0;
        const std::string value = percentText(percent, 0);
        const int valueW = fonts.bold->width(value, px(28));
        fonts.regular->draw(out, fonts.regular->ellipsize(label, px(28), width - valueW - px(12)), {pad, y},
                            px(28), theme.text);
        fonts.bold->draw(out, value, {size.width - pad - valueW, y}, px(28), theme.price);
        drawProgressBar(out, cv::Rect(pad, y + px(38), width, px(12)), percent / 100.0, theme.track,
                        theme.accent);
        y += px(66);
    }
    return out;
}

} // namespace hawker::overlay
