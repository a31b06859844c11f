#pragma once
// The viewers' comments as they come in, negative ones marked, with the
// buttons that pin one on screen (the "comment" graphic slot) and take it
// down again.

#include <array>

#include "panel.hpp"

namespace hawker::studio::console {

class CommentsPanel : public Panel {
public:
    CommentsPanel() : Panel("Comments", trKey("comments.title"), PanelPlace{0.75f, 0.52f, 0.25f, 0.25f}) {}
    void drawContent(ConsoleContext& context) override;

private:
    void drawPinned(ConsoleContext& context, const SlotGraphic* pinned);

    std::array<char, 128> m_filter{};
};

} // namespace hawker::studio::console
