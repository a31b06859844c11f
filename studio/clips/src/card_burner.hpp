#pragma once
// --burn-card: the product's card, drawn the way the show draws it (the
// overlay library's card with the session's name and price), kept on the
// clip's frames where the card was not on air.

#include <string>

#include <opencv2/core.hpp>

#include "hawker/studio/report/session_replay.hpp"

namespace hawker::studio {

class CardBurner {
public:
    /// The card for a frame of `frame` size, in the lower third where the show's card slot sits.
    CardBurner(const std::string& sku, const SessionProduct& product, cv::Size frame);
    /// Blends the card onto a BGR frame.
    void draw(cv::Mat& bgr) const;

private:
    cv::Mat m_card; ///< BGRA
    cv::Point m_at;
};

} // namespace hawker::studio
