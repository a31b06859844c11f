#include "hawker/studio/show/layout_edits.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "hawker/studio/base/translations.hpp"

namespace hawker::studio {

SceneLayout layoutOf(const SceneSpec& scene) {
    return SceneLayout{scene.layers, scene.slots};
}

namespace {

/// Every template: its name in commands and show files, and the key of its name as people read it.
struct TemplateName {
    SceneTemplate kind;
    std::string_view name;
    const char* label;
};
constexpr std::array<TemplateName, 4> kTemplates{
    {{SceneTemplate::HostFull, "host_full", i18n::trKey("layout.template_host_full")},
     {SceneTemplate::HostPip, "host_pip", i18n::trKey("layout.template_host_pip")},
     {SceneTemplate::Split, "split", i18n::trKey("layout.template_split")},
     {SceneTemplate::ProductCloseUp, "product_closeup", i18n::trKey("layout.template_closeup")}}};

int onGrid(int value, int grid) {
    if (grid <= 1) return value;
    const int down = value / grid * grid - (value < 0 && value % grid ? grid : 0);
    return value - down < grid - (value - down) ? down : down + grid;
}

LayerSpec picture(const std::string& source, const cv::Rect& rect) {
    LayerSpec layer;
    layer.kind = LayerSpec::Kind::Source;
    layer.source = source;
    layer.rect = rect;
    layer.fit = overlay::Fit::Cover;
    return layer;
}

/// The guide nearest to `edge` within `reach`, or nullopt.
std::optional<int> nearestGuide(int edge, const std::vector<int>& guides, int reach) {
    std::optional<int> best;
    for (int guide : guides)
        if (std::abs(guide - edge) <= reach && (!best || std::abs(guide - edge) < std::abs(*best - edge)))
            best = guide;
    return best;
}

} // namespace

std::optional<SceneTemplate> parseSceneTemplate(std::string_view name) {
    for (const auto& entry : kTemplates)
        if (entry.name == name) return entry.kind;
    return std::nullopt;
}

const char* toString(SceneTemplate kind) {
    for (const auto& entry : kTemplates)
        if (entry.kind == kind) return entry.name.data();
    return "host_full";
}

const char* labelKey(SceneTemplate kind) {
    for (const auto& entry : kTemplates)
        if (entry.kind == kind) return entry.label;
    return kTemplates[0].label;
}

const std::vector<SceneTemplate>& sceneTemplates() {
    // Made once: the console's Layout panel asks every frame.
    static const std::vector<SceneTemplate> all = [] {
        std::vector<SceneTemplate> kinds;
        for (const auto& entry : kTemplates)
            kinds.push_back(entry.kind);
        return kinds;
    }();
    return all;
}

std::vector<LayerSpec> templateLayers(SceneTemplate kind, cv::Size canvas, const cv::Rect& safe,
                                      const std::string& host, const std::string& product) {
    const cv::Rect full(0, 0, canvas.width, canvas.height);
    switch (kind) {
    case SceneTemplate::HostFull:
        return {picture(host, full)};
    case SceneTemplate::ProductCloseUp:
        return {picture(product, full)};
    case SceneTemplate::Split: {
        // Portrait canvases stack the two pictures, landscape ones put them side by side.
        if (canvas.height >= canvas.width) {
            const int half = onGrid(canvas.height / 2, 10);
            return {picture(host, cv::Rect(0, 0, canvas.width, half)),
                    picture(product, cv::Rect(0, half, canvas.width, canvas.height - half))};
        }
        const int half = onGrid(canvas.width / 2, 10);
        return {picture(host, cv::Rect(0, 0, half, canvas.height)),
                picture(product, cv::Rect(half, 0, canvas.width - half, canvas.height))};
    }
    case SceneTemplate::HostPip:
        break;
    }
    // A third of the canvas wide, the canvas's shape, in the top right corner
    // of what the platforms' apps leave visible.
    const int width = std::max(20, onGrid(canvas.width / 3, 10));
    const int height = std::max(20, onGrid(width * canvas.height / std::max(1, canvas.width), 10));
    const cv::Rect visible = safe.area() > 0 ? safe : full;
    const int right = visible.x + visible.width;
    int x = right - width;
    x -= ((x % 10) + 10) % 10; // inside the safe area, on the grid
    int y = visible.y + (10 - visible.y % 10) % 10;
    return {picture(host, full), picture(product, cv::Rect(std::max(0, x), y, width, height))};
}

cv::Rect snapRect(const cv::Rect& rect, const DraggedEdges& edges, const SnapGuides& guides) {
    const std::vector<int> columns{0, guides.canvas.width / 2, guides.canvas.width, guides.safe.x,
                                   guides.safe.x + guides.safe.width};
    const std::vector<int> rows{0, guides.canvas.height / 2, guides.canvas.height, guides.safe.y,
                                guides.safe.y + guides.safe.height};
    const int minimum = std::max(8, guides.grid);
    int left = rect.x, top = rect.y, right = rect.x + rect.width, bottom = rect.y + rect.height;
    if (edges.isMove()) {
        // A move snaps whichever edge is nearest a guide, else the corner to the grid; the size stays.
        auto shift = [&](int low, int high, const std::vector<int>& lines) {
            const auto a = nearestGuide(low, lines, guides.reach);
            const auto b = nearestGuide(high, lines, guides.reach);
            if (a && (!b || std::abs(*a - low) <= std::abs(*b - high))) return *a - low;
            if (b) return *b - high;
            return onGrid(low, guides.grid) - low;
        };
        const int dx = shift(left, right, columns), dy = shift(top, bottom, rows);
        return cv::Rect(left + dx, top + dy, rect.width, rect.height);
    }
    auto snap = [&](int edge, const std::vector<int>& lines) {
        if (auto guide = nearestGuide(edge, lines, guides.reach)) return *guide;
        return onGrid(edge, guides.grid);
    };
    if (edges.left) left = std::min(snap(left, columns), right - minimum);
    if (edges.right) right = std::max(snap(right, columns), left + minimum);
    if (edges.top) top = std::min(snap(top, rows), bottom - minimum);
    if (edges.bottom) bottom = std::max(snap(bottom, rows), top + minimum);
    return cv::Rect(left, top, right - left, bottom - top);
}

} // namespace hawker::studio
