#pragma once
// Turns what the show state says is on air in a slot into the content the
// overlay renders: product data, live numbers, the countdown's seconds.

#include <map>
#include <optional>
#include <string>

#include <opencv2/core.hpp>

#include "hawker/overlay/graphic_content.hpp"
#include "hawker/studio/base/viewer_name.hpp"
#include "hawker/studio/show/show_file.hpp"
#include "hawker/studio/show/show_state.hpp"

namespace hawker::studio {

class GraphicContentBuilder {
public:
    GraphicContentBuilder(const ShowSpec& show, const std::map<std::string, cv::Mat>& images)
        : m_show(show), m_images(images) {}

    /// nullopt when the slot's graphic refers to something unknown.
    std::optional<overlay::GraphicContent> build(const std::string& slot, const SlotGraphic& graphic,
                                                 const ShowState& state, int64_t nowMs) const;

private:
    const ShowSpec& m_show;
    const std::map<std::string, cv::Mat>& m_images;
};

} // namespace hawker::studio
