#include "hawker/overlay/layout.hpp"

#include <algorithm>
#include <cmath>

namespace hawker::overlay {

std::optional<Fit> parseFit(const std::string& name) {
    if (name == "cover") return Fit::Cover;
    if (name == "contain") return Fit::Contain;
    if (name == "stretch") return Fit::Stretch;
    return std::nullopt;
}

const char* toString(Fit fit) {
    switch (fit) {
    case Fit::Cover:
        return "cover";
    case Fit::Contain:
        return "contain";
    case Fit::Stretch:
        return "stretch";
    }
    return "?";
}

namespace {
int evenDown(double value) {
    return static_cast<int>(std::floor(value / 2.0)) * 2;
}
int evenNearest(double value) {
    return static_cast<int>(std::lround(value / 2.0)) * 2;
}
} // namespace

std::optional<Placement> place(cv::Size source, cv::Rect layer, Fit fit, cv::Size canvas) {
    if (source.width < 2 || source.height < 2 || layer.width < 2 || layer.height < 2) return std::nullopt;
    // Work in doubles: crop (in source pixels) maps linearly onto dst.
    double cropX = 0, cropY = 0, cropW = source.width, cropH = source.height;
    double dstX = layer.x, dstY = layer.y, dstW = layer.width, dstH = layer.height;
    const double sx = static_cast<double>(layer.width) / source.width;
    const double sy = static_cast<double>(layer.height) / source.height;
    if (fit == Fit::Cover) {
        const double scale = std::max(sx, sy);
        cropW = layer.width / scale;
        cropH = layer.height / scale;
        cropX = (source.width - cropW) / 2;
        cropY = (source.height - cropH) / 2;
    } else if (fit == Fit::Contain) {
        const double scale = std::min(sx, sy);
        dstW = source.width * scale;
        dstH = source.height * scale;
        dstX = layer.x + (layer.width - dstW) / 2;
        dstY = layer.y + (layer.height - dstH) / 2;
    }
    // Clip the destination to the canvas and shrink the crop in proportion.
    const double scaleX = dstW / cropW, scaleY = dstH / cropH;
    const double left = std::max(0.0, -dstX), top = std::max(0.0, -dstY);
    const double right = std::max(0.0, dstX + dstW - canvas.width);
    const double bottom = std::max(0.0, dstY + dstH - canvas.height);
    if (left + right >= dstW || top + bottom >= dstH) return std::nullopt;
    cropX += left / scaleX;
    cropY += top / scaleY;
    cropW -= (left + right) / scaleX;
    cropH -= (top + bottom) / scaleY;
    dstX += left;
    dstY += top;
    dstW -= left + right;
    dstH -= top + bottom;

    Placement out;
    out.dst = cv::Rect(evenNearest(dstX), evenNearest(dstY), evenDown(dstW), evenDown(dstH));
    out.dst &= cv::Rect(0, 0, canvas.width & ~1, canvas.height & ~1);
    out.dst.width &= ~1;
    out.dst.height &= ~1;
    out.crop = cv::Rect(evenNearest(cropX), evenNearest(cropY), evenDown(cropW), evenDown(cropH));
    out.crop &= cv::Rect(0, 0, source.width & ~1, source.height & ~1);
    out.crop.width &= ~1;
    out.crop.height &= ~1;
    if (out.dst.width < 2 || out.dst.height < 2 || out.crop.width < 2 || out.crop.height < 2)
        return std::nullopt;
    return out;
}

} // namespace hawker::overlay
