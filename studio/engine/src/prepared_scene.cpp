#include "prepared_scene.hpp"

#include <algorithm>
#include <filesystem>

#include <opencv2/imgproc.hpp>

#include "hawker/capture/image_decoder.hpp"
#include "hawker/overlay/layout.hpp"

namespace hawker::studio {

namespace {
constexpr uintmax_t kMaxImageBytes = 64ull << 20;

/// Decodes an image layer once, scaled to where it lands, as a YUVA bitmap.
overlay::YuvaBitmap loadImageLayer(const LayerSpec& layer, cv::Size canvas, cv::Point& at,
                                   const std::string& where) {
    std::error_code error;
    const auto bytes = std::filesystem::file_size(layer.image, error);
    if (error) throw std::runtime_error(where + ": cannot read " + layer.image.string());
    if (bytes > kMaxImageBytes)
        throw std::runtime_error(where + ": " + layer.image.string() +
                                 " is over 64 MB; export a smaller image");
    // Never larger than the canvas: an image layer cannot show more pixels.
    std::string reason;
    const cv::Mat bgra =
        capture::decodeImage(layer.image.string(), std::max(canvas.width, canvas.height), reason);
    if (bgra.empty()) throw std::runtime_error(where + ": " + layer.image.string() + ": " + reason);
    const auto placement = overlay::place(bgra.size(), layer.rect, layer.fit, canvas);
    if (!placement) return {};
    cv::Mat scaled;
    cv::resize(bgra(placement->crop), scaled, placement->dst.size(), 0, 0, cv::INTER_AREA);
    at = placement->dst.tl();
    return overlay::YuvaBitmap::fromBgra(scaled);
}
} // namespace

std::unique_ptr<PreparedScene> prepareScene(const SceneSpec& scene, size_t index, cv::Size canvas,
                                            const std::function<int(const std::string&)>& sourceIndex,
                                            const GraphicsAssets& graphics) {
    auto prepared = std::make_unique<PreparedScene>();
    prepared->id = scene.id;
    prepared->spec = scene;
    for (size_t l = 0; l < scene.layers.size(); ++l) {
        PreparedLayer layer;
        layer.spec = scene.layers[l];
        if (layer.spec.kind == LayerSpec::Kind::Source) {
            layer.sourceIndex = sourceIndex(layer.spec.source);
        } else if (layer.spec.kind == LayerSpec::Kind::Image) {
            const std::string where =
                "scenes[" + std::to_string(index) + "].layers[" + std::to_string(l) + "]";
            auto bitmap = loadImageLayer(layer.spec, canvas, layer.at, where);
            if (!bitmap.empty())
                layer.bitmap = std::make_shared<const overlay::YuvaBitmap>(std::move(bitmap));
        }
        prepared->layers.push_back(std::move(layer));
    }
    for (const SlotSpec& slot : scene.slots)
        if (auto layer = graphics.makeSlotLayer(scene, slot))
            prepared->slots.emplace_back(slot.name, std::move(layer));
    return prepared;
}

} // namespace hawker::studio
