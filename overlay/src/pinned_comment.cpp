// A viewer's comment pinned on screen, with the viewer's masked name.

#include <algorithm>
#include <cmath>

#include "graphic_scale.hpp"
#include "hawker/overlay/draw_util.hpp"
#include "hawker/overlay/graphics.hpp"

namespace hawker::overlay {

cv::Mat renderPinnedComment(const PinnedCommentContent& content, cv::Size size, const Theme& theme,
                            const Fonts& fonts) {
    cv::Mat out = transparent(size);
    const Scale px{size.height / 150.0};
    fillPanel(out, px(theme.cornerRadius), theme.panel);
    const int avatar = px(30);
    fillCircle(out, {px(20) + avatar, px(20) + avatar}, avatar, theme.accent);
    const std::vector<std::string> first = splitCodepoints(content.viewer.empty() ? "?" : content.viewer);
    const int initialSize = px(30);
    const int initialW = fonts.bold->width(first.front(), initialSize);
    fonts.bold->draw(out, first.front(),
                     {px(20) + avatar - initialW / 2, px(20) + avatar - initialSize / 2 - px(3)}, initialSize,
                     theme.text);
    const int x = px(20) + 2 * avatar + px(16);
    const int width = size.width - x - px(20);
    const std::string pin = "置顶";
    const int pinW = fonts.bold->width(pin, px(22)) + px(16);
    fillRoundedRect(out, cv::Rect(x, px(20), pinW, px(32)), px(8), theme.accent);
    fonts.bold->draw(out, pin, {x + px(8), px(23)}, px(22), theme.text);
    fonts.regular->draw(out, fonts.regular->ellipsize(content.viewer, px(26), width - pinW - px(12)),
                        {x + pinW + px(12), px(22)}, px(26), theme.mutedText);
    int y = px(64);
    for (const std::string& line : fonts.regular->wrap(content.text, px(32), width, 2)) {
        fonts.regular->draw(out, line, {x, y}, px(32), theme.text);
        y += px(40);
    }
    return out;
}

} // namespace hawker::overlay
