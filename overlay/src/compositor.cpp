#include "hawker/overlay/compositor.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>

namespace hawker::overlay {

void Compositor::render(const std::vector<DrawItem>& items, YuvImage& canvas) {
    // A full-canvas opaque picture at the bottom covers the background anyway.
    bool covered = false;
    if (!items.empty()) {
        if (const auto* first = std::get_if<DrawPicture>(&items.front()))
            covered = first->dst == cv::Rect(0, 0, canvas.width(), canvas.height());
    }
    if (!covered) fillRect(canvas, cv::Rect(0, 0, canvas.width(), canvas.height()), m_background);
    for (const DrawItem& item : items) {
        if (const auto* picture = std::get_if<DrawPicture>(&item)) {
            drawPicture(*picture, canvas);
        } else if (const auto* bitmap = std::get_if<DrawBitmap>(&item)) {
            if (!bitmap->bitmap) continue;
            if (bitmap->clip.empty()) {
                bitmap->bitmap->blendInto(canvas, bitmap->at, bitmap->opacity, bitmap->source);
            } else {
                // Draw only what falls inside the clip: shift the source window.
                cv::Rect source = bitmap->source.empty() ? cv::Rect(0, 0, bitmap->bitmap->size().width,
                                                                    bitmap->bitmap->size().height)
                                                         : bitmap->source;
                const cv::Rect placed(bitmap->at, source.size());
                const cv::Rect inside = placed & bitmap->clip;
                if (inside.empty()) continue;
                source = cv::Rect(source.x + inside.x - placed.x, source.y + inside.y - placed.y,
                                  inside.width, inside.height);
                bitmap->bitmap->blendInto(canvas, inside.tl(), bitmap->opacity, source);
            }
        } else if (const auto* fill = std::get_if<DrawFill>(&item)) {
            fillRect(canvas, fill->rect, fill->color, fill->alpha);
        }
    }
}

void Compositor::drawPicture(const DrawPicture& item, YuvImage& canvas) {
    if (item.dst.empty()) return;
    const cv::Rect dst = item.dst & cv::Rect(0, 0, canvas.width(), canvas.height());
    if (dst != item.dst || (dst.x | dst.y | dst.width | dst.height) & 1) return; // placements are pre-clipped
    YuvImage target = canvas.region(dst);
    if (item.picture.empty()) {
        // No picture has ever arrived: black, and the tag says why.
        fillRect(canvas, dst, YuvColor{16, 128, 128});
    } else if (item.picture.y.size() == dst.size()) {
        item.picture.y.copyTo(target.y);
        item.picture.u.copyTo(target.u);
        item.picture.v.copyTo(target.v);
    } else {
        scaleInto(target, item.picture);
    }
    if (item.signalLost) {
        dim(target, 0.45);
        const YuvaBitmap& tag = signalLostTag(dst.width);
        tag.blendInto(canvas, cv::Point(dst.x + (dst.width - tag.size().width) / 2,
                                        dst.y + (dst.height - tag.size().height) / 2));
    }
}

const YuvaBitmap& Compositor::signalLostTag(int pictureWidth) {
    const int width = std::clamp(pictureWidth * 2 / 3, 120, 720) & ~1;
    auto found = m_lostTags.find(width);
    if (found != m_lostTags.end()) return found->second;
    const int height = (width / 5) & ~1;
    cv::Mat tag(height, width, CV_8UC4, cv::Scalar(30, 30, 200, 230));
    cv::rectangle(tag, cv::Rect(0, 0, width, height), cv::Scalar(255, 255, 255, 255),
                  std::max(2, height / 20));
    const std::string text = "SIGNAL LOST";
    const int font = cv::FONT_HERSHEY_DUPLEX;
    int baseline = 0;
    const double scale = 1.0;
    const cv::Size unit = cv::getTextSize(text, font, scale, 2, &baseline);
    const double fitted = std::min(width * 0.8 / unit.width, height * 0.55 / unit.height);
    const int thickness = std::max(1, static_cast<int>(fitted * 2));
    const cv::Size textSize = cv::getTextSize(text, font, fitted, thickness, &baseline);
    cv::putText(tag, text, cv::Point((width - textSize.width) / 2, (height + textSize.height) / 2), font,
                fitted, cv::Scalar(255, 255, 255, 255), thickness, cv::LINE_AA);
    return m_lostTags.emplace(width, YuvaBitmap::fromBgra(tag)).first->second;
}

void Compositor::mix(const YuvImage& from, const YuvImage& to, double t, YuvImage& out) {
    const double amount = std::clamp(t, 0.0, 1.0);
    cv::addWeighted(from.y, 1.0 - amount, to.y, amount, 0.0, out.y);
    cv::addWeighted(from.u, 1.0 - amount, to.u, amount, 0.0, out.u);
    cv::addWeighted(from.v, 1.0 - amount, to.v, amount, 0.0, out.v);
}

} // namespace hawker::overlay
