#include "card_burner.hpp"

#include "hawker/overlay/graphics.hpp"

namespace hawker::studio {

CardBurner::CardBurner(const std::string& sku, const SessionProduct& product, cv::Size frame) {
    overlay::ProductCardContent content;
    content.name = product.name.empty() ? sku : product.name;
    content.priceCents = product.priceCents.value_or(0);
    const cv::Size size(frame.width * 86 / 100, frame.width * 30 / 100);
    m_card = overlay::renderProductCard(content, size, overlay::Theme{}, overlay::Fonts::loadDefault());
    m_at = cv::Point((frame.width - size.width) / 2, frame.height * 64 / 100);
}

void CardBurner::draw(cv::Mat& bgr) const {
    const cv::Rect area = cv::Rect(m_at, m_card.size()) & cv::Rect(0, 0, bgr.cols, bgr.rows);
    for (int y = 0; y < area.height; ++y) {
        const auto* card = m_card.ptr<cv::Vec4b>(y);
        auto* out = bgr.ptr<cv::Vec3b>(area.y + y) + area.x;
        for (int x = 0; x < area.width; ++x) {
            const int alpha = card[x][3];
            for (int c = 0; c < 3; ++c)
                out[x][c] = static_cast<uchar>((card[x][c] * alpha + out[x][c] * (255 - alpha) + 127) / 255);
        }
    }
}

} // namespace hawker::studio
