#include <algorithm>
#include <cmath>

#include "graphic_scale.hpp"
#include "hawker/overlay/draw_util.hpp"
#include "hawker/overlay/figure_text.hpp"
#include "hawker/overlay/graphics.hpp"

namespace hawker::overlay {

namespace {
/// "6.7折": how Chinese shoppers read a discount.
std::string discountLabel(int64_t price, int64_t original) {
    if (original <= 0 || price <= 0 || price >= original) return {};
    const double tenths =
        std::floor(static_cast<double>(price) * 100.0 / static_cast<double>(original)) / 10.0;
    if (tenths < 0.1) return "0.1折";
    char text[16];
    std::snprintf(text, sizeof(text), tenths == std::floor(tenths) ? "%.0f折" : "%.1f折", tenths);
    return text;
}

std::string countLabel(int64_t n) {
    return n > 999999 ? std::to_string(n / 10000) + "万" : std::to_string(n);
}
} // namespace

cv::Mat renderProductCard(const ProductCardContent& card, cv::Size size, const Theme& theme,
                          const Fonts& fonts) {
    cv::Mat out(size, CV_8UC4, cv::Scalar(0, 0, 0, 0));
    // Designed at 900x300; everything scales with the slot's height.
    const double s = size.height / 300.0;
    const Scale px{s};
    const int pad = px(20);
    fillPanel(out, px(theme.cornerRadius), theme.panel);

    // Product image (or a placeholder), square, on the left.
    const int imageSide = std::min(size.height - 2 * pad, size.width / 3);
    const cv::Rect imageRect(pad, pad, imageSide, imageSide);
    if (!card.image.empty()) {
        drawImageCover(out, card.image, imageRect, px(16));
    } else {
        fillRoundedRect(out, imageRect, px(16), theme.track);
        const std::string label = "暂无图片";
        const int h = px(28);
        const int w = fonts.regular->width(label, h);
        fonts.regular->draw(out, label,
                            {imageRect.x + (imageSide - w) / 2, imageRect.y + (imageSide - h) / 2}, h,
                            theme.mutedText);
    }
    if (card.linkIndex > 0) {
        const std::string link = std::to_string(card.linkIndex) + "号链接";
        const int h = px(24);
        const int w = fonts.bold->width(link, h) + px(20);
        fillRoundedRect(out, cv::Rect(imageRect.x, imageRect.y, w, h + px(12)), px(10), theme.accent);
        fonts.bold->draw(out, link, {imageRect.x + px(10), imageRect.y + px(5)}, h, theme.text);
    }

    const int x0 = imageRect.br().x + px(24);
    const int textWidth = size.width - x0 - pad;
    if (textWidth < px(60)) return out; // a slot too narrow for text still shows the picture

    // Name: bold, up to two lines, wrapped (CJK breaks anywhere) and ellipsized.
    int y = pad + px(2);
    const int nameSize = px(40);
    const std::string name = card.name.empty() ? "未命名商品" : card.name;
    for (const std::string& line : fonts.bold->wrap(name, nameSize, textWidth, 2)) {
        fonts.bold->draw(out, line, {x0, y}, nameSize, theme.text);
        y += nameSize + px(8);
    }

    // Price row at the bottom: price, original price struck through, discount.
    const int priceSize = px(64);
    const int priceTop = size.height - pad - priceSize - px(6);
    // Live numbers above the price row, right-aligned: sold so far and what is left.
    std::string live;
    if (card.soldCount) live = "已售 " + countLabel(std::max<int64_t>(0, *card.soldCount));
    if (card.stockLeft)
        live += (live.empty() ? "" : "  ") + std::string("仅剩 ") +
                countLabel(std::max<int64_t>(0, *card.stockLeft));
    cv::Rect pill;
    if (!live.empty()) {
        const int liveSize = px(26);
        const bool scarce = card.stockLeft && *card.stockLeft <= 10;
        const int w = fonts.bold->width(live, liveSize) + px(20);
        pill = cv::Rect(size.width - pad - w, size.height - pad - liveSize - px(12) - priceSize - px(14), w,
                        liveSize + px(12));
        if (pill.x <= x0) pill = {};
        if (!pill.empty()) {
            fillRoundedRect(out, pill, px(10), scarce ? theme.accent : theme.panelStrong);
            fonts.bold->draw(out, live, {pill.x + px(10), pill.y + px(5)}, liveSize, theme.text);
        }
    }
    // Selling points fill what is left between the name and the price row.
    const int pointSize = px(26);
    const int pointStep = pointSize + px(8);
    y += px(4);
    int shownPoints = 0;
    for (const std::string& point : card.sellingPoints) {
        if (shownPoints == 3 || y + pointSize > priceTop - px(6)) break;
        if (point.empty()) continue;
        // Lines beside the live-numbers pill stop short of it.
        const bool besidePill = !pill.empty() && y + pointSize > pill.y && y < pill.br().y;
        const int width = besidePill ? pill.x - x0 - px(12) : textWidth;
        fonts.regular->draw(out, fonts.regular->ellipsize("· " + point, pointSize, width), {x0, y}, pointSize,
                            theme.mutedText);
        y += pointStep;
        ++shownPoints;
    }

    int x = x0;
    const std::string price = yuanText(card.priceCents, YuanStyle::PriceTag);
    const std::string priceText = fonts.bold->ellipsize(price, priceSize, textWidth);
    fonts.bold->draw(out, priceText, {x, priceTop}, priceSize, theme.price);
    x += fonts.bold->width(priceText, priceSize) + px(16);
    if (card.originalPriceCents && *card.originalPriceCents > card.priceCents && card.priceCents >= 0) {
        const int originalSize = px(30);
        const std::string original = yuanText(*card.originalPriceCents, YuanStyle::PriceTag);
        const int w = fonts.regular->width(original, originalSize);
        const int top = priceTop + priceSize - originalSize - px(10);
        if (x + w < size.width - pad) {
            fonts.regular->draw(out, original, {x, top}, originalSize, theme.mutedText);
            const int mid = top + originalSize / 2 + px(4);
            drawLine(out, {x - px(2), mid}, {x + w + px(2), mid}, std::max(2, px(3)), theme.mutedText);
            x += w + px(14);
        }
        const std::string discount = discountLabel(card.priceCents, *card.originalPriceCents);
        const int badgeSize = px(28);
        const int badgeW = fonts.bold->width(discount, badgeSize) + px(20);
        if (!discount.empty() && x + badgeW < size.width - pad) {
            const cv::Rect badge(x, top - px(4), badgeW, badgeSize + px(12));
            fillRoundedRect(out, badge, px(10), theme.accent);
            fonts.bold->draw(out, discount, {badge.x + px(10), badge.y + px(5)}, badgeSize, theme.text);
        }
    }

    return out;
}

} // namespace hawker::overlay
