#include "redraw_planner.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace hawker::studio::console {

PixelBox PixelBox::intersect(const PixelBox& o) const {
    return {std::max(x0, o.x0), std::max(y0, o.y0), std::min(x1, o.x1), std::min(y1, o.y1)};
}

PixelBox PixelBox::unite(const PixelBox& o) const {
    if (empty()) return o;
    if (o.empty()) return *this;
    return {std::min(x0, o.x0), std::min(y0, o.y0), std::max(x1, o.x1), std::max(y1, o.y1)};
}

bool RedrawPlanner::CommandKey::sameShape(const CommandKey& o) const {
    return clip.x == o.clip.x && clip.y == o.clip.y && clip.z == o.clip.z && clip.w == o.clip.w &&
           texture == o.texture && vtxOffset == o.vtxOffset && idxOffset == o.idxOffset &&
           elements == o.elements && callback == o.callback && callbackData == o.callbackData;
}

PixelBox RedrawPlanner::commandBox(const ImDrawCmd& command, ImVec2 clipOffset, ImVec2 clipScale, int fbWidth,
                                   int fbHeight) {
    const ImVec2 clipMin((command.ClipRect.x - clipOffset.x) * clipScale.x,
                         (command.ClipRect.y - clipOffset.y) * clipScale.y);
    const ImVec2 clipMax((command.ClipRect.z - clipOffset.x) * clipScale.x,
                         (command.ClipRect.w - clipOffset.y) * clipScale.y);
    if (clipMax.x <= clipMin.x || clipMax.y <= clipMin.y) return {};
    // The backend's scissor, in OpenGL's bottom-up rows, truncated as it truncates.
    const int x = static_cast<int>(clipMin.x);
    const int glY = static_cast<int>(static_cast<float>(fbHeight) - clipMax.y);
    const int width = static_cast<int>(clipMax.x - clipMin.x);
    const int height = static_cast<int>(clipMax.y - clipMin.y);
    const PixelBox box{x, fbHeight - glY - height, x + width, fbHeight - glY};
    return box.intersect({0, 0, fbWidth, fbHeight});
}

PixelBox RedrawPlanner::drawnBox(const ImDrawList& list, const ImDrawCmd& command, ImVec2 clipOffset,
                                 ImVec2 clipScale, int fbWidth, int fbHeight) {
    const PixelBox scissor = commandBox(command, clipOffset, clipScale, fbWidth, fbHeight);
    if (scissor.empty() || command.ElemCount == 0) return {};
    // A window's frame is drawn with the whole screen as its clip: its
    // triangles say where it really drew.
    float minX = 0, minY = 0, maxX = 0, maxY = 0;
    bool any = false;
    const auto indexEnd = std::min<size_t>(static_cast<size_t>(command.IdxOffset) + command.ElemCount,
                                           static_cast<size_t>(list.IdxBuffer.Size));
    for (size_t i = command.IdxOffset; i < indexEnd; ++i) {
        const size_t vertex = static_cast<size_t>(command.VtxOffset) + list.IdxBuffer.Data[i];
        if (vertex >= static_cast<size_t>(list.VtxBuffer.Size)) continue;
        const ImVec2 p = list.VtxBuffer.Data[vertex].pos;
        if (!any) {
            minX = maxX = p.x;
            minY = maxY = p.y;
            any = true;
        }
        minX = std::min(minX, p.x);
        maxX = std::max(maxX, p.x);
        minY = std::min(minY, p.y);
        maxY = std::max(maxY, p.y);
    }
    if (!any) return {};
    // A pixel is drawn when its centre is inside a triangle; a pixel of margin covers any rounding.
    const PixelBox drawn{static_cast<int>(std::floor((minX - clipOffset.x) * clipScale.x)) - 1,
                         static_cast<int>(std::floor((minY - clipOffset.y) * clipScale.y)) - 1,
                         static_cast<int>(std::ceil((maxX - clipOffset.x) * clipScale.x)) + 1,
                         static_cast<int>(std::ceil((maxY - clipOffset.y) * clipScale.y)) + 1};
    return scissor.intersect(drawn);
}

ImVec4 RedrawPlanner::clipRectFor(const PixelBox& box, ImVec2 clipOffset, ImVec2 clipScale) {
    // Quarter-pixel margins put every truncation in the backend on the
    // intended side, whatever the float error of the division and the
    // backend's multiplication (far below 0.25 at any window size).
    const float minX = static_cast<float>(box.x0) + 0.25f, maxX = static_cast<float>(box.x1) + 0.5f;
    const float minY = static_cast<float>(box.y0) - 0.5f, maxY = static_cast<float>(box.y1) - 0.25f;
    return {minX / clipScale.x + clipOffset.x, minY / clipScale.y + clipOffset.y,
            maxX / clipScale.x + clipOffset.x, maxY / clipScale.y + clipOffset.y};
}

RedrawPlanner::Damage RedrawPlanner::compare(const ImDrawData& data, int fbWidth, int fbHeight,
                                             const Generation& generation) {
    const ImVec2 offset = data.DisplayPos, scale = data.FramebufferScale;
    bool whole = m_invalid || fbWidth != m_fbWidth || fbHeight != m_fbHeight || offset.x != m_clipOffset.x ||
                 offset.y != m_clipOffset.y || scale.x != m_clipScale.x || scale.y != m_clipScale.y ||
                 static_cast<size_t>(data.CmdListsCount) != m_last.size();
    m_invalid = false;
    m_fbWidth = fbWidth;
    m_fbHeight = fbHeight;
    m_clipOffset = offset;
    m_clipScale = scale;
    if (whole) m_last.assign(static_cast<size_t>(std::max(0, data.CmdListsCount)), ListCopy{});

    std::vector<PixelBox> changed;
    std::vector<CommandKey> commands;
    std::vector<PixelBox> drawn;
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList* list = data.CmdLists[n];
        ListCopy& last = m_last[static_cast<size_t>(n)];
        // Another window at this place in the order: a window opened, closed or came to the front.
        if (!whole && last.list != list) whole = true;

        commands.clear();
        drawn.clear();
        PixelBox bounds;
        for (const ImDrawCmd& command : list->CmdBuffer) {
            commands.push_back({command.ClipRect, command.TextureId,
                                command.UserCallback ? 0 : generation(command.TextureId), command.VtxOffset,
                                command.IdxOffset, command.ElemCount, command.UserCallback,
                                command.UserCallbackData});
            drawn.push_back(command.UserCallback
                                ? PixelBox{}
                                : drawnBox(*list, command, offset, scale, fbWidth, fbHeight));
            bounds = bounds.unite(drawn.back());
        }
        if (last.list == list && sameShape(last, *list, commands)) {
            // The same triangles: only pictures given new pixels changed, and only where they are drawn.
            for (size_t i = 0; i < commands.size(); ++i)
                if (commands[i].generation != last.commands[i].generation) changed.push_back(drawn[i]);
            last.commands.swap(commands);
            continue;
        }
        // Moved, grown or redrawn: what it covered and what it covers now.
        changed.push_back(last.bounds);
        changed.push_back(bounds);
        last.list = list;
        last.vertices.assign(list->VtxBuffer.Data, list->VtxBuffer.Data + list->VtxBuffer.Size);
        last.indices.assign(list->IdxBuffer.Data, list->IdxBuffer.Data + list->IdxBuffer.Size);
        last.commands.swap(commands);
        last.bounds = bounds;
    }
    if (whole) return std::nullopt;
    return disjoint(changed);
}

bool RedrawPlanner::sameShape(const ListCopy& last, const ImDrawList& list,
                              const std::vector<CommandKey>& commands) {
    if (commands.size() != last.commands.size() ||
        last.vertices.size() != static_cast<size_t>(list.VtxBuffer.Size) ||
        last.indices.size() != static_cast<size_t>(list.IdxBuffer.Size))
        return false;
    for (size_t i = 0; i < commands.size(); ++i)
        if (!commands[i].sameShape(last.commands[i])) return false;
    return (last.vertices.empty() || std::memcmp(last.vertices.data(), list.VtxBuffer.Data,
                                                 last.vertices.size() * sizeof(ImDrawVert)) == 0) &&
           (last.indices.empty() || std::memcmp(last.indices.data(), list.IdxBuffer.Data,
                                                last.indices.size() * sizeof(ImDrawIdx)) == 0);
}

namespace {

/// `from` less `cut`: up to four boxes (the bands above and below, the parts left and right).
void subtract(const PixelBox& from, const PixelBox& cut, std::vector<PixelBox>& out) {
    const PixelBox common = from.intersect(cut);
    if (common.empty()) {
        out.push_back(from);
        return;
    }
    const PixelBox pieces[] = {{from.x0, from.y0, from.x1, common.y0},
                               {from.x0, common.y1, from.x1, from.y1},
                               {from.x0, common.y0, common.x0, common.y1},
                               {common.x1, common.y0, from.x1, common.y1}};
    for (const PixelBox& piece : pieces)
        if (!piece.empty()) out.push_back(piece);
}

} // namespace

std::vector<PixelBox> RedrawPlanner::disjoint(const std::vector<PixelBox>& boxes) {
    // A pixel in two boxes would be drawn twice, and blended twice: each box
    // keeps only what the boxes before it do not cover. (Windows' boxes
    // overlap by their borders; the box around two of them could be far larger.)
    std::vector<PixelBox> out, pieces, rest;
    for (const PixelBox& box : boxes) {
        pieces.assign(1, box);
        for (const PixelBox& taken : out) {
            rest.clear();
            for (const PixelBox& piece : pieces)
                subtract(piece, taken, rest);
            pieces.swap(rest);
            if (pieces.empty()) break;
        }
        for (const PixelBox& piece : pieces)
            if (!piece.empty()) out.push_back(piece);
    }
    if (out.size() > kMostBoxes) {
        PixelBox around;
        for (const PixelBox& b : out)
            around = around.unite(b);
        out.assign(1, around);
    }
    return out;
}

std::optional<std::vector<PixelBox>> RedrawPlanner::plan(const ImDrawData& data, int fbWidth, int fbHeight,
                                                         int bufferAge, const Generation& generation) {
    m_history.push_front(compare(data, fbWidth, fbHeight, generation));
    while (m_history.size() > kHistory)
        m_history.pop_back();
    if (bufferAge <= 0 || static_cast<size_t>(bufferAge) > m_history.size()) return std::nullopt;
    std::vector<PixelBox> boxes;
    for (size_t i = 0; i < static_cast<size_t>(bufferAge); ++i) {
        if (!m_history[i]) return std::nullopt;
        boxes.insert(boxes.end(), m_history[i]->begin(), m_history[i]->end());
    }
    boxes = disjoint(boxes);
    int64_t area = 0;
    for (const PixelBox& b : boxes)
        area += b.area();
    if (static_cast<double>(area) > kWholeAbove * static_cast<double>(fbWidth) * fbHeight)
        return std::nullopt;
    return boxes;
}

} // namespace hawker::studio::console
