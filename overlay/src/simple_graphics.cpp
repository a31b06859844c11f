// The smaller graphics: lower third, banner, spend-threshold nudge, pinned
// comment and poll. Each is designed at a base size and scales with its slot.

#include <algorithm>
#include <cmath>

#include "hawker/overlay/draw_util.hpp"
#include "hawker/overlay/graphics.hpp"

namespace hawker::overlay {

namespace {
struct Scale {
    double s;
    int operator()(double v) const { return std::max(1, static_cast<int>(std::lround(v * s))); }
};
cv::Mat transparent(cv::Size size) {
    return cv::Mat(size, CV_8UC4, cv::Scalar(0, 0, 0, 0));
}
} // namespace

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

cv::Mat renderThresholdNudge(const ThresholdNudgeContent& content, cv::Size size, const Theme& theme,
                             const Fonts& fonts) {
    cv::Mat out = transparent(size);
    const Scale px{size.height / 110.0};
    fillPanel(out, px(theme.cornerRadius), theme.accent);
    auto yuan = [](int64_t cents) { return formatYuan(cents).substr(2); }; // "满299减50" reads without ¥
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
        const std::string value = std::to_string(percent) + "%";
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

cv::Mat renderGraphic(const GraphicContent& content, cv::Size size, const Theme& theme, const Fonts& fonts) {
    if (size.width < 8 || size.height < 8)
        return transparent(cv::Size(std::max(2, size.width), std::max(2, size.height)));
    return std::visit(
        [&](const auto& c) -> cv::Mat {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, ProductCardContent>)
                return renderProductCard(c, size, theme, fonts);
            if constexpr (std::is_same_v<T, CountdownContent>) return renderCountdown(c, size, theme, fonts);
            if constexpr (std::is_same_v<T, LowerThirdContent>)
                return renderLowerThird(c, size, theme, fonts);
            if constexpr (std::is_same_v<T, BannerContent>) return renderBanner(c, size, theme, fonts);
            if constexpr (std::is_same_v<T, ThresholdNudgeContent>)
                return renderThresholdNudge(c, size, theme, fonts);
            if constexpr (std::is_same_v<T, PinnedCommentContent>)
                return renderPinnedComment(c, size, theme, fonts);
            if constexpr (std::is_same_v<T, PollContent>) return renderPoll(c, size, theme, fonts);
        },
        content);
}

} // namespace hawker::overlay
