#pragma once
// A scene made ready for the compositor: its image layers decoded and scaled
// to where they land, its source layers pointing at their camera, and one
// graphic layer per slot with its own cached render. Done before the show
// (or when a camera is added), never per frame.

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "hawker/overlay/graphic_layer.hpp"
#include "hawker/overlay/yuva_bitmap.hpp"
#include "hawker/studio/engine/graphics_assets.hpp"
#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio {

struct PreparedLayer {
    LayerSpec spec;
    int sourceIndex = -1;
    std::shared_ptr<const overlay::YuvaBitmap> bitmap;
    cv::Point at;
};

struct PreparedScene {
    std::string id;
    SceneSpec spec; ///< what it was prepared from: a scene is prepared again when its layout changes
    std::vector<PreparedLayer> layers;
    /// Graphic slots by name, each with its own cached render.
    std::vector<std::pair<std::string, std::unique_ptr<overlay::GraphicLayer>>> slots;
};

/// `index` names the scene in errors ("scenes[2].layers[0]"); `sourceIndex`
/// finds a video source by id (-1 when there is none). Throws
/// std::runtime_error when an image layer cannot be used.
std::unique_ptr<PreparedScene> prepareScene(const SceneSpec& scene, size_t index, cv::Size canvas,
                                            const std::function<int(const std::string&)>& sourceIndex,
                                            const GraphicsAssets& graphics);

} // namespace hawker::studio
