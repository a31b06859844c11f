#include "layout_editor.hpp"

#include <algorithm>
#include <cmath>

#include "hawker/studio/show/profile_check.hpp"
#include "ui_format.hpp"

namespace hawker::studio::console {

namespace {

constexpr float kHandle = 5.0f; ///< half a corner handle, screen pixels
const ImU32 kLayerColor = IM_COL32(90, 200, 255, 230);
const ImU32 kSlotColor = IM_COL32(255, 150, 220, 230);
const ImU32 kSelectedColor = IM_COL32(255, 220, 60, 255);

struct Mapping {
    ImVec2 min;
    float sx = 1, sy = 1;
    ImVec2 toScreen(cv::Point p) const {
        return ImVec2(min.x + static_cast<float>(p.x) * sx, min.y + static_cast<float>(p.y) * sy);
    }
};

/// Which edges a press at `mouse` drags of `rect` (screen box [a, b]): a
/// corner resizes, the inside moves; nullopt outside.
std::optional<DraggedEdges> grabbed(ImVec2 mouse, ImVec2 a, ImVec2 b, bool corners) {
    if (corners) {
        for (bool right : {false, true})
            for (bool bottom : {false, true}) {
                const ImVec2 c(right ? b.x : a.x, bottom ? b.y : a.y);
                if (std::fabs(mouse.x - c.x) <= kHandle + 2 && std::fabs(mouse.y - c.y) <= kHandle + 2)
                    return DraggedEdges{!right, !bottom, right, bottom};
            }
    }
    if (mouse.x >= a.x && mouse.x <= b.x && mouse.y >= a.y && mouse.y <= b.y) return DraggedEdges{};
    return std::nullopt;
}

} // namespace

void LayoutEditor::draw(ConsoleContext& context, const SceneSpec& scene, ImVec2 min, ImVec2 max) {
    const ShowSpec& show = context.engine()->show();
    if (show.width <= 0 || show.height <= 0 || max.x <= min.x) return;
    const Mapping map{min, (max.x - min.x) / static_cast<float>(show.width),
                      (max.y - min.y) / static_cast<float>(show.height)};
    LayoutEditing& editing = context.layoutEditing();
    if (editing.scene != scene.id) {
        editing.scene = scene.id;
        editing.clear();
    }
    const SnapGuides guides{cv::Size(show.width, show.height), layoutSafeArea(show), 10, 12};

    // The whole picture is one button: a press on it never drags the window.
    const ImVec2 cursor = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(min);
    ImGui::InvisibleButton("##layout_edit", ImVec2(max.x - min.x, max.y - min.y));
    const bool pressed = ImGui::IsItemActivated();
    const bool active = ImGui::IsItemActive();
    const bool released = ImGui::IsItemDeactivated();
    ImGui::SetCursorScreenPos(cursor);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool mayEdit = context.may("layout.move");

    if (pressed && mayEdit) {
        m_drag.reset();
        auto screenBox = [&](const cv::Rect& r) {
            return std::pair{map.toScreen(r.tl()), map.toScreen(r.br())};
        };
        // The selected one's corners first, then what is on top: slots over layers, the last layer first.
        auto tryGrab = [&](const cv::Rect& rect, int layer, const std::string& slot, bool selected) {
            const auto [a, b] = screenBox(rect);
            if (auto edges = grabbed(mouse, a, b, selected))
                m_drag = Drag{scene.id, layer, slot, rect, *edges, mouse};
            return m_drag.has_value();
        };
        if (editing.layer >= 0 && static_cast<size_t>(editing.layer) < scene.layers.size())
            tryGrab(scene.layers[static_cast<size_t>(editing.layer)].rect, editing.layer, "", true);
        for (const SlotSpec& slot : scene.slots)
            if (!m_drag && !slot.name.empty() && editing.slot == slot.name)
                tryGrab(slot.rect, -1, slot.name, true);
        for (const SlotSpec& slot : scene.slots)
            if (!m_drag) tryGrab(slot.rect, -1, slot.name, false);
        for (size_t i = scene.layers.size(); i-- > 0 && !m_drag;)
            tryGrab(scene.layers[i].rect, static_cast<int>(i), "", false);
        if (m_drag) {
            editing.layer = m_drag->layer;
            editing.slot = m_drag->slot;
        } else {
            editing.clear();
        }
    }

    // Where the dragged one lands, snapped.
    std::optional<cv::Rect> landing;
    if (m_drag && (active || released)) {
        const int dx = static_cast<int>(std::lround((mouse.x - m_drag->mouseStart.x) / map.sx));
        const int dy = static_cast<int>(std::lround((mouse.y - m_drag->mouseStart.y) / map.sy));
        cv::Rect moved = m_drag->start;
        const DraggedEdges& e = m_drag->edges;
        if (e.isMove()) {
            moved.x += dx;
            moved.y += dy;
        } else {
            int left = moved.x, top = moved.y, right = moved.x + moved.width, bottom = moved.y + moved.height;
            if (e.left) left += dx;
            if (e.right) right += dx;
            if (e.top) top += dy;
            if (e.bottom) bottom += dy;
            moved = cv::Rect(left, top, std::max(1, right - left), std::max(1, bottom - top));
        }
        landing = snapRect(moved, e, guides);
    }
    if (released && m_drag) {
        if (landing && *landing != m_drag->start) {
            Command command = Command::named("layout.move", {{"x", std::to_string(landing->x)},
                                                             {"y", std::to_string(landing->y)},
                                                             {"w", std::to_string(landing->width)},
                                                             {"h", std::to_string(landing->height)}});
            command.scene = m_drag->scene;
            if (m_drag->slot.empty())
                command.args["layer"] = std::to_string(m_drag->layer);
            else
                command.args["slot"] = m_drag->slot;
            context.send(command, "layout");
        }
        m_drag.reset();
    }

    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(min, max, true);
    // The safe area the edges snap to.
    draw->AddRect(map.toScreen(guides.safe.tl()), map.toScreen(guides.safe.br()), IM_COL32(255, 200, 60, 120),
                  0, 0, 1.0f);
    auto outline = [&](const cv::Rect& rect, ImU32 color, bool selected, const std::string& label,
                       const std::string& region) {
        const ImVec2 a = map.toScreen(rect.tl()), b = map.toScreen(rect.br());
        draw->AddRect(a, b, selected ? kSelectedColor : color, 0, 0, selected ? 2.5f : 1.0f);
        draw->AddText(ImVec2(a.x + 3, a.y + 2), selected ? kSelectedColor : color, label.c_str());
        if (selected)
            for (const ImVec2& c : {a, b, ImVec2(a.x, b.y), ImVec2(b.x, a.y)})
                draw->AddRectFilled(ImVec2(c.x - kHandle, c.y - kHandle),
                                    ImVec2(c.x + kHandle, c.y + kHandle), kSelectedColor);
        // Where tests find each box on screen.
        context.markRegion(region, a.x, a.y, b.x, b.y);
    };
    for (size_t i = 0; i < scene.layers.size(); ++i) {
        const LayerSpec& layer = scene.layers[i];
        const std::string what = layer.kind == LayerSpec::Kind::Source ? layer.source
                                 : layer.kind == LayerSpec::Kind::Image
                                     ? layer.image.filename().string()
                                     : std::string(tr("layout.kind_color"));
        outline(layer.rect, kLayerColor, editing.layer == static_cast<int>(i), std::to_string(i) + " " + what,
                "layer:" + scene.id + ":" + std::to_string(i));
    }
    for (const SlotSpec& slot : scene.slots)
        outline(slot.rect, kSlotColor, editing.slot == slot.name, slot.name,
                "slot:" + scene.id + ":" + slot.name);
    if (landing) {
        const ImVec2 a = map.toScreen(landing->tl()), b = map.toScreen(landing->br());
        draw->AddRectFilled(a, b, IM_COL32(255, 220, 60, 50));
        draw->AddRect(a, b, kSelectedColor, 0, 0, 2.0f);
        const std::string where = rectText(*landing);
        const ImVec2 size = ImGui::CalcTextSize(where.c_str());
        const ImVec2 at(std::min(a.x + 4, max.x - size.x - 4), std::max(min.y + 2, a.y - size.y - 2));
        draw->AddRectFilled(at, ImVec2(at.x + size.x, at.y + size.y), IM_COL32(0, 0, 0, 190));
        draw->AddText(at, kSelectedColor, where.c_str());
    }
    draw->PopClipRect();
}

} // namespace hawker::studio::console
