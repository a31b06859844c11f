#include "hawker/capture/rendition_scaler.hpp"

#include "hawker/capture/av_util.hpp"

extern "C" {
#include <libswscale/swscale.h>
}

namespace hawker::capture {

struct RenditionScaler::Cached {
    cv::Size from, to;
    SwsPtr context;
};

RenditionScaler::RenditionScaler() = default;
RenditionScaler::~RenditionScaler() = default;

std::optional<PlaneSet> RenditionScaler::scale(const PlaneSet& native, const Rendition& r) {
    const int width = native[0].cols, height = native[0].rows;
    if (r.crop.x < 0 || r.crop.y < 0 || r.crop.x + r.crop.width > width ||
        r.crop.y + r.crop.height > height || r.size.width < 2 || r.size.height < 2 || r.crop.width < 2 ||
        r.crop.height < 2)
        return std::nullopt;
    Cached* cached = nullptr;
    for (auto& candidate : m_scalers)
        if (candidate->from == r.crop.size() && candidate->to == r.size) cached = candidate.get();
    if (!cached) {
        SwsPtr context(sws_getContext(r.crop.width, r.crop.height, AV_PIX_FMT_YUV420P, r.size.width,
                                      r.size.height, AV_PIX_FMT_YUV420P, SWS_BICUBIC, nullptr, nullptr,
                                      nullptr));
        if (!context) return std::nullopt;
        m_scalers.push_back(std::make_unique<Cached>(Cached{r.crop.size(), r.size, std::move(context)}));
        cached = m_scalers.back().get();
    }
    const int cx = r.crop.x & ~1, cy = r.crop.y & ~1;
    const uint8_t* src[4] = {native[0].ptr(cy, cx), native[1].ptr(cy / 2, cx / 2),
                             native[2].ptr(cy / 2, cx / 2), nullptr};
    const int srcStride[4] = {static_cast<int>(native[0].step), static_cast<int>(native[1].step),
                              static_cast<int>(native[2].step), 0};
    // Each plane owns its memory: the result outlives the source frame's buffer.
    PlaneSet scaled = {cv::Mat(r.size, CV_8UC1), cv::Mat(r.size / 2, CV_8UC1), cv::Mat(r.size / 2, CV_8UC1)};
    uint8_t* dst[4] = {scaled[0].data, scaled[1].data, scaled[2].data, nullptr};
    const int dstStride[4] = {static_cast<int>(scaled[0].step), static_cast<int>(scaled[1].step),
                              static_cast<int>(scaled[2].step), 0};
    sws_scale(cached->context.get(), src, srcStride, 0, r.crop.height, dst, dstStride);
    return scaled;
}

} // namespace hawker::capture
