#pragma once
// What the show's graphics are drawn with: the theme, the fonts, the product
// pictures (decoded once, before the show) and the render queue whose worker
// draws cards and countdowns off the program clock. Scenes get one graphic
// layer per slot from here.

#include <map>
#include <memory>
#include <string>

#include <opencv2/core.hpp>

#include "hawker/overlay/graphic_layer.hpp"
#include "hawker/studio/engine/graphic_content_builder.hpp"
#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio {

class GraphicsAssets {
public:
    /// Loads the theme, fonts and pictures; warns about products a card
    /// cannot show whole. Offline runs render inline so that every run gives
    /// the same pictures; live runs render on a worker thread.
    GraphicsAssets(const ShowSpec& show, bool offline);
    GraphicsAssets(const GraphicsAssets&) = delete;
    GraphicsAssets& operator=(const GraphicsAssets&) = delete;

    /// The layer that draws `slot` of `scene`; null when the slot is off the canvas.
    std::unique_ptr<overlay::GraphicLayer> makeSlotLayer(const SceneSpec& scene, const SlotSpec& slot) const;
    /// What a slot shows, from the show state.
    const GraphicContentBuilder& content() const { return *m_contentBuilder; }
    /// Lets go of the render queue: its worker ends with the last layer.
    void stopRendering() { m_renderQueue.reset(); }

private:
    const ShowSpec& m_show;
    std::shared_ptr<const overlay::Theme> m_theme;
    overlay::Fonts m_fonts;
    std::shared_ptr<overlay::GraphicRenderQueue> m_renderQueue;
    std::map<std::string, cv::Mat> m_productImages;
    std::unique_ptr<GraphicContentBuilder> m_contentBuilder;
};

} // namespace hawker::studio
