#include "stinger_layer.hpp"

#include <algorithm>
#include <chrono>

#include <opencv2/imgproc.hpp>

#include "hawker/capture/stinger_clip.hpp"
#include "hawker/studio/base/log.hpp"

namespace hawker::studio {

namespace {
/// The even-aligned part of a BGRA picture that is not clear; empty when all of it is.
cv::Rect visiblePart(const cv::Mat& bgra) {
    cv::Mat alpha;
    cv::extractChannel(bgra, alpha, 3);
    const cv::Rect seen = cv::boundingRect(alpha);
    if (seen.empty()) return {};
    const int x0 = seen.x & ~1, y0 = seen.y & ~1;
    const int x1 = std::min(bgra.cols, (seen.br().x + 1) & ~1),
              y1 = std::min(bgra.rows, (seen.br().y + 1) & ~1);
    return {x0, y0, x1 - x0, y1 - y0};
}
} // namespace

StingerLayer::StingerLayer(const StingerSpec& spec, cv::Size canvas)
    : m_pointMs(spec.pointMs), m_durationMs(spec.durationMs) {
    const auto start = std::chrono::steady_clock::now();
    capture::StingerClipLimits limits;
    limits.maxDurationMs = kMaxStingerMs;
    try {
        capture::decodeStingerClip(
            spec.file.string(), canvas, limits, [&](const cv::Mat& bgra, int64_t ptsMs) {
                Frame frame;
                frame.ptsMs = ptsMs;
                if (const cv::Rect part = visiblePart(bgra); !part.empty()) {
                    frame.bitmap = std::make_shared<const overlay::YuvaBitmap>(
                        overlay::YuvaBitmap::fromBgra(bgra(part)));
                    frame.at = part.tl();
                    m_bytes += int64_t{part.area()} * 11 / 4; // Y and alpha, and U, V and alpha at a quarter
                }
                m_frames.push_back(std::move(frame));
            });
    } catch (const std::exception& error) {
        throw std::runtime_error(std::string("stinger: ") + error.what());
    }
    std::stable_sort(m_frames.begin(), m_frames.end(),
                     [](const Frame& a, const Frame& b) { return a.ptsMs < b.ptsMs; });
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    logInfo("stinger " + spec.file.filename().string() + ": " + std::to_string(m_frames.size()) +
            " frames, " + std::to_string(m_durationMs) + " ms, cut at " + std::to_string(m_pointMs) +
            " ms, " + std::to_string((m_bytes + (1 << 20) - 1) >> 20) + " MB, decoded in " +
            std::to_string(static_cast<int>(ms)) + " ms");
}

const std::string& StingerLayer::sceneUnder(const ActiveTransition& active, int64_t nowMs) const {
    return nowMs - active.startMs < m_pointMs ? active.fromScene : active.toScene;
}

void StingerLayer::drawOver(overlay::YuvImage& canvas, int64_t elapsedMs) const {
    if (elapsedMs < 0 || elapsedMs >= m_durationMs || m_frames.empty()) return;
    // The last picture due at `elapsedMs`. A clip's times are whole ms rounded either way (WebM's are
    // rounded to the nearest), so a picture 1 ms late is due: at the program's frame rate, one a tick.
    auto next = std::upper_bound(m_frames.begin(), m_frames.end(), elapsedMs + 1,
                                 [](int64_t ms, const Frame& frame) { return ms < frame.ptsMs; });
    if (next == m_frames.begin()) return;
    const Frame& frame = *std::prev(next);
    if (frame.bitmap) frame.bitmap->blendInto(canvas, frame.at);
}

} // namespace hawker::studio
