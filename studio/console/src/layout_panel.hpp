#pragma once
// The Layout panel: edits the preview's scene. It switches the monitor's
// mouse editing on, lists the scene's layers and slots (select, place to the
// pixel, remove), adds a camera, picture or colour layer, makes a new scene
// from a template, and holds undo, redo and File → Save show (Ctrl+Z,
// Ctrl+Shift+Z, Ctrl+S). Every change is a command: audited, undoable, kept
// for --resume, and on the program only after TAKE.

#include <array>
#include <string>

#include "panel.hpp"

namespace hawker::studio::console {

class LayoutPanel : public Panel {
public:
    LayoutPanel();
    void drawContent(ConsoleContext& context) override;
    bool needsProgram() const override { return true; }
    void handleShortcuts(ConsoleContext& context) override;

private:
    void drawLayers(ConsoleContext& context, const SceneSpec& scene);
    void drawAddLayer(ConsoleContext& context, const SceneSpec& scene);
    void drawNewScene(ConsoleContext& context);

    int m_addKind = 0; ///< 0 camera, 1 picture, 2 colour
    int m_addSource = 0;
    std::array<char, 256> m_imagePath{};
    std::array<float, 4> m_color{0, 0, 0, 0.5f};
    std::array<char, 33> m_newId{};
    std::array<char, 65> m_newName{};
    int m_template = 1;
    /// The selected element's rectangle while its fields are being typed in.
    std::array<int, 4> m_rect{};
    std::string m_rectFor;
};

} // namespace hawker::studio::console
