#include "hawker/studio/engine/graphics_assets.hpp"

#include "hawker/overlay/text_renderer.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/engine/product_images.hpp"
#include "hawker/studio/show/theme_file.hpp"

namespace hawker::studio {

GraphicsAssets::GraphicsAssets(const ShowSpec& show, bool offline) : m_show(show) {
    m_theme = std::make_shared<const overlay::Theme>(loadShowTheme(m_show));
    m_fonts = overlay::Fonts::loadDefault();
    m_renderQueue = std::make_shared<overlay::GraphicRenderQueue>(offline);
    m_productImages = loadProductImages(m_show.products);
    for (const ProductSpec& product : m_show.products) {
        const size_t characters = overlay::splitCodepoints(overlay::sanitizeUtf8(product.name)).size();
        if (characters > 40)
            logWarning("product " + product.sku + ": its name has " + std::to_string(characters) +
                       " characters; cards show two lines and cut the rest with …");
        if (overlay::sanitizeUtf8(product.name) != product.name)
            logWarning("product " + product.sku + ": its name is not valid UTF-8; bad bytes show as �");
        if (product.sellingPoints.size() > 3)
            logWarning("product " + product.sku + ": cards show 3 of its " +
                       std::to_string(product.sellingPoints.size()) + " selling points");
    }
    m_contentBuilder = std::make_unique<GraphicContentBuilder>(m_show, m_productImages);
}

std::unique_ptr<overlay::GraphicLayer> GraphicsAssets::makeSlotLayer(const SceneSpec& scene,
                                                                     const SlotSpec& slot) const {
    const cv::Size canvas(m_show.width, m_show.height);
    // An anchored slot's rectangle was worked out once, in settleShow.
    const cv::Rect clipped = slot.rect & cv::Rect(0, 0, canvas.width, canvas.height);
    const cv::Rect even(clipped.x & ~1, clipped.y & ~1, clipped.width & ~1, clipped.height & ~1);
    if (even.width < 8 || even.height < 8) {
        logWarning("scene " + scene.id + " slot " + slot.name + " is off the canvas; it shows nothing");
        return nullptr;
    }
    if (canvas.height > canvas.width && !m_theme->safeArea.contains(canvas, even))
        logWarning("scene " + scene.id + " slot " + slot.name +
                   " leaves the phone apps' safe area; part of it will be hidden under their buttons");
    return std::make_unique<overlay::GraphicLayer>(even, m_theme, m_fonts, m_renderQueue);
}

} // namespace hawker::studio
