#include "hawker/capture/rendition_scaler.hpp"

#include "hawker/capture/av_util.hpp"
#include "hawker/capture/frame_pool.hpp"

extern "C" {
#include <libswscale/swscale.h>
}

namespace hawker::capture {

struct RenditionScaler::Cached {
    cv::Size from, to;
    SwsPtr context;
    std::shared_ptr<FramePool> pool; ///< outputs of this size: a layer's picture, every frame
};

RenditionScaler::RenditionScaler() = default;
RenditionScaler::~RenditionScaler() = default;

std::optional<RenditionPicture> RenditionScaler::scale(const PlaneSet& native, const Rendition& r) {
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
        m_scalers.push_back(std::make_unique<Cached>(Cached{r.crop.size(), r.size, std::move(context),
                                                            FramePool::create(r.size.width, r.size.height)}));
        cached = m_scalers.back().get();
    }
    const int cx = r.crop.x & ~1, cy = r.crop.y & ~1;
    const uint8_t* src[4] = {native[0].ptr(cy, cx), native[1].ptr(cy / 2, cx / 2),
                             native[2].ptr(cy / 2, cx / 2), nullptr};
    const int srcStride[4] = {static_cast<int>(native[0].step), static_cast<int>(native[1].step),
                              static_cast<int>(native[2].step), 0};
    // The result has its own buffer: it outlives the source frame's.
    std::shared_ptr<cv::Mat> buffer = cached->pool->acquire();
    RenditionPicture scaled{r, i420Planes(*buffer, r.size.width, r.size.height), buffer};
    uint8_t* dst[4] = {scaled.planes[0].data, scaled.planes[1].data, scaled.planes[2].data, nullptr};
    const int dstStride[4] = {static_cast<int>(scaled.planes[0].step),
                              static_cast<int>(scaled.planes[1].step),
                              static_cast<int>(scaled.planes[2].step), 0};
    sws_scale(cached->context.get(), src, srcStride, 0, r.crop.height, dst, dstStride);
    return scaled;
}

} // namespace hawker::capture
