#pragma once
// Which parts of the desk's window a frame must draw again (UI thread only).

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <vector>

#include <imgui.h>

namespace hawker::studio::console {

/// A box of whole framebuffer pixels, top-left origin, [x0, x1) x [y0, y1).
struct PixelBox {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;

    bool empty() const { return x1 <= x0 || y1 <= y0; }
    int64_t area() const { return empty() ? 0 : static_cast<int64_t>(x1 - x0) * (y1 - y0); }
    PixelBox intersect(const PixelBox& other) const;
    PixelBox unite(const PixelBox& other) const;
    bool overlaps(const PixelBox& other) const { return !intersect(other).empty(); }
    bool operator==(const PixelBox&) const = default;
};

/// Where a frame differs from the frame before it.
///
/// Without a GPU every pixel the desk draws is drawn by the CPU the program's
/// encoders need, and most of the desk (tables, buttons, panels of text)
/// looks the same from one frame to the next: only the monitors change at
/// the feed's rate. Everything a frame shows comes from its draw lists (one
/// per window, in the order they are drawn) and the textures they sample, so
/// a window whose list is byte for byte the same as last frame's, over
/// textures that were not given new pixels, looks the same. The planner keeps
/// a copy of the last frame's lists and gives the boxes that changed.
///
/// A back buffer holds the picture of some frames ago (its age): the desk's,
/// never swapped (PartialRedraw), always holds the last one, age 1; a
/// swapped one that reports its age would need what changed in each frame since. Anything
/// the planner cannot compare (the first frame, a new window, a reordering,
/// a new size, a font atlas rebuilt) means the whole window.
class RedrawPlanner {
public:
    /// How many frames of changes are kept: a back buffer older than that is drawn whole.
    static constexpr size_t kHistory = 4;
    /// Past this share of the window in boxes to draw, drawing it whole is as cheap.
    static constexpr double kWholeAbove = 0.85;
    /// More boxes than this are drawn as the one box around them (each box costs a pass over the commands).
    static constexpr size_t kMostBoxes = 48;

    using Generation = std::function<uint64_t(ImTextureID)>;

    /// The pixels a command covers, by the same arithmetic as the OpenGL
    /// backend's scissor (so that a part drawn again matches a whole frame
    /// pixel for pixel), clipped to the framebuffer.
    static PixelBox commandBox(const ImDrawCmd& command, ImVec2 clipOffset, ImVec2 clipScale, int fbWidth,
                               int fbHeight);
    /// The pixels a command can change: its triangles' bounds, inside its scissor.
    static PixelBox drawnBox(const ImDrawList& list, const ImDrawCmd& command, ImVec2 clipOffset,
                             ImVec2 clipScale, int fbWidth, int fbHeight);
    /// A clip rectangle the backend turns into exactly `box`.
    static ImVec4 clipRectFor(const PixelBox& box, ImVec2 clipOffset, ImVec2 clipScale);

    /// Compares this frame's draw data with the last one's (and remembers
    /// it), and returns the disjoint boxes a back buffer `bufferAge` frames
    /// old must draw again (none: it already shows this frame), or nothing
    /// for the whole window. An age of 0 means unknown.
    std::optional<std::vector<PixelBox>> plan(const ImDrawData& data, int fbWidth, int fbHeight,
                                              int bufferAge, const Generation& generation);
    /// The next frame is drawn whole (its pixels changed in a way the lists do not show).
    void invalidate() { m_invalid = true; }

    /// The pixels of `boxes`, in boxes that do not overlap (kMostBoxes at most).
    static std::vector<PixelBox> disjoint(const std::vector<PixelBox>& boxes);

private:
    /// One draw command as far as what it draws goes.
    struct CommandKey {
        ImVec4 clip;
        ImTextureID texture = nullptr;
        uint64_t generation = 0;
        unsigned int vtxOffset = 0, idxOffset = 0, elements = 0;
        ImDrawCallback callback = nullptr;
        void* callbackData = nullptr;
        /// The same but for the texture's pixels.
        bool sameShape(const CommandKey& o) const;
    };
    struct ListCopy {
        const ImDrawList* list = nullptr;
        std::vector<ImDrawVert> vertices;
        std::vector<ImDrawIdx> indices;
        std::vector<CommandKey> commands;
        PixelBox bounds;
    };
    using Damage = std::optional<std::vector<PixelBox>>; ///< nothing: the whole window

    Damage compare(const ImDrawData& data, int fbWidth, int fbHeight, const Generation& generation);
    /// The same triangles, clips and textures as last frame (the textures' pixels aside).
    static bool sameShape(const ListCopy& last, const ImDrawList& list,
                          const std::vector<CommandKey>& commands);

    std::vector<ListCopy> m_last;
    std::deque<Damage> m_history; ///< what changed in each recent frame, newest first
    int m_fbWidth = 0, m_fbHeight = 0;
    ImVec2 m_clipOffset{0, 0}, m_clipScale{1, 1};
    bool m_invalid = true;
};

} // namespace hawker::studio::console
