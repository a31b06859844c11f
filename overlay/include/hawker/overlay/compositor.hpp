#pragma once
// Draws one frame of a scene onto the canvas from a list of draw items, and
// mixes two canvases for transitions.

#include <map>
#include <memory>
#include <variant>
#include <vector>

#include "hawker/overlay/yuv_image.hpp"
#include "hawker/overlay/yuva_bitmap.hpp"

namespace hawker::overlay {

/// A camera picture. Normally already scaled to `dst` on the source's own
/// thread; when it is not (first frames after a scene change), it is scaled
/// here. An empty picture (no frame yet) draws black.
struct DrawPicture {
    YuvImage picture;
    cv::Rect dst;
    bool signalLost = false; ///< dim it and put the "signal lost" tag on it
};

/// A cached graphic or image. Shared, so a graphic re-rendered on another
/// thread can replace its bitmap while this frame still draws the old one.
struct DrawBitmap {
    std::shared_ptr<const YuvaBitmap> bitmap;
    cv::Point at;
    double opacity = 1.0;
    cv::Rect source; ///< part of the bitmap; empty: all of it
    cv::Rect clip;   ///< canvas area it may cover (a ticker's slot); empty: anywhere
};

/// A plain colour rectangle.
struct DrawFill {
    cv::Rect rect;
    YuvColor color;
    int alpha = 255;
};

using DrawItem = std::variant<DrawPicture, DrawBitmap, DrawFill>;

class Compositor {
public:
    Compositor(cv::Size canvas, YuvColor background) : m_size(canvas), m_background(background) {}

    /// Paints the background, then every item in order (bottom first).
    void render(const std::vector<DrawItem>& items, YuvImage& canvas);
    /// Cross-fade: out = from*(1-t) + to*t. `out` may be `from`.
    static void mix(const YuvImage& from, const YuvImage& to, double t, YuvImage& out);

    cv::Size size() const { return m_size; }
    /// The tag shown on a picture whose source is lost, for a picture this wide.
    const YuvaBitmap& signalLostTag(int pictureWidth);

private:
    void drawPicture(const DrawPicture& item, YuvImage& canvas);

    cv::Size m_size;
    YuvColor m_background;
    std::map<int, YuvaBitmap> m_lostTags; ///< by tag width
    cv::Mat m_scratch;
};

} // namespace hawker::overlay
