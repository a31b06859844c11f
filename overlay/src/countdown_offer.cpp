#include <algorithm>
#include <cmath>

#include "graphic_scale.hpp"
#include "hawker/overlay/draw_util.hpp"
#include "hawker/overlay/figure_text.hpp"
#include "hawker/overlay/graphics.hpp"

namespace hawker::overlay {

cv::Mat renderCountdown(const CountdownContent& offer, cv::Size size, const Theme& theme,
                        const Fonts& fonts) {
    using Phase = CountdownContent::Phase;
    cv::Mat out(size, CV_8UC4, cv::Scalar(0, 0, 0, 0));
    // Designed at 420x200.
    const double s = std::min(size.width / 420.0, size.height / 200.0);
    const Scale px{s};
    const int pad = px(16);
    const bool closed = offer.phase == Phase::SoldOut || offer.phase == Phase::Ended;
    // The last ten seconds of a sale turn the whole panel red: urgency sells.
    const bool urgent = offer.phase == Phase::OnSale && offer.secondsLeft <= 10;
    cv::Scalar panel = urgent ? theme.urgent : theme.panelStrong;
    if (closed) panel = theme.track;
    fillPanel(out, px(theme.cornerRadius), panel);

    // Header: the label pill and the phase.
    const int labelSize = px(26);
    const std::string label = "限时秒杀";
    const int labelW = fonts.bold->width(label, labelSize) + px(20);
    fillRoundedRect(out, cv::Rect(pad, pad, labelW, labelSize + px(12)), px(10),
                    urgent ? theme.text : theme.accent);
    fonts.bold->draw(out, label, {pad + px(10), pad + px(5)}, labelSize, urgent ? theme.urgent : theme.text);
    std::string phase;
    switch (offer.phase) {
    case Phase::PreLaunch:
        phase = "距开抢";
        break;
    case Phase::OnSale:
        phase = "距结束";
        break;
    case Phase::SoldOut:
        phase = "已抢光";
        break;
    case Phase::Ended:
        phase = "已结束";
        break;
    }
    fonts.bold->draw(out, phase, {pad + labelW + px(12), pad + px(5)}, labelSize, theme.text);

    // The clock, big, left; the deal price right.
    const int clockSize = px(72);
    const int clockTop = pad + labelSize + px(18);
    const std::string clock = closed ? "--:--" : clockText(offer.secondsLeft, ClockFace::Countdown);
    fonts.bold->draw(out, clock, {pad, clockTop}, clockSize, closed ? theme.mutedText : theme.text);
    const int clockW = fonts.bold->width("00:00", clockSize);
    const int priceSize = px(44);
    const std::string price = yuanText(offer.dealPriceCents, YuanStyle::PriceTag);
    const int priceRoom = size.width - pad - (pad + clockW + px(12));
    const std::string priceText = fonts.bold->ellipsize(price, priceSize, std::max(priceRoom, px(40)));
    const int priceW = fonts.bold->width(priceText, priceSize);
    const int priceX = size.width - pad - priceW;
    fonts.bold->draw(out, priceText, {priceX, clockTop}, priceSize, urgent ? theme.text : theme.price);
    if (offer.originalPriceCents && *offer.originalPriceCents > offer.dealPriceCents) {
        const int originalSize = px(24);
        const std::string original = yuanText(*offer.originalPriceCents, YuanStyle::PriceTag);
        const int w = fonts.regular->width(original, originalSize);
        const int x = size.width - pad - w;
        const int top = clockTop + priceSize + px(8);
        fonts.regular->draw(out, original, {x, top}, originalSize, theme.mutedText);
        drawLine(out, {x - px(2), top + originalSize / 2 + px(3)},
                 {x + w + px(2), top + originalSize / 2 + px(3)}, std::max(2, px(2)), theme.mutedText);
    }

    // Stock left, as a bar and in words.
    const int barTop = size.height - pad - px(22);
    const int quantity = static_cast<int>(std::max<int64_t>(0, offer.quantity));
    const int remaining = static_cast<int>(std::clamp<int64_t>(offer.remaining, 0, quantity));
    const std::string stock = "剩 " + std::to_string(remaining) + "/" + std::to_string(quantity);
    const int stockSize = px(22);
    const int stockW = fonts.regular->width(stock, stockSize);
    const double fraction = quantity > 0 ? static_cast<double>(remaining) / quantity : 0.0;
    drawProgressBar(out, cv::Rect(pad, barTop + px(4), size.width - 3 * pad - stockW, px(14)), fraction,
                    theme.track, urgent ? theme.text : theme.accent);
    fonts.regular->draw(out, stock, {size.width - pad - stockW, barTop}, stockSize, theme.text);
    return out;
}

} // namespace hawker::overlay
