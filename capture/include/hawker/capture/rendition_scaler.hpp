#pragma once
// Scales the part of a picture a layer shows to the size it shows it at.
// Sources do this on their own thread for every frame; the compositor uses
// the same code for the rare frame that arrived before the request, so the
// pixels are the same whichever thread made them (offline runs repeat exactly).

#include <memory>
#include <optional>
#include <vector>

#include "hawker/capture/video_frame.hpp"

namespace hawker::capture {

class RenditionScaler {
public:
    RenditionScaler();
    ~RenditionScaler();
    RenditionScaler(const RenditionScaler&) = delete;
    RenditionScaler& operator=(const RenditionScaler&) = delete;

    /// Bicubic crop-and-scale of `native` (I420) into a buffer from this
    /// scaler's pool for that size; empty when the rendition does not fit the
    /// picture (made for another resolution).
    std::optional<RenditionPicture> scale(const PlaneSet& native, const Rendition& rendition);

private:
    struct Cached;
    std::vector<std::unique_ptr<Cached>> m_scalers; ///< one per (crop size, output size)
};

} // namespace hawker::capture
