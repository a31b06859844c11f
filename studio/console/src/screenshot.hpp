#pragma once
// The current OpenGL framebuffer as a PNG (what was just drawn, before the swap).

#include <filesystem>

namespace hawker::studio::console {

/// Throws std::runtime_error when the file cannot be written.
void writeScreenshot(const std::filesystem::path& path, int width, int height);

} // namespace hawker::studio::console
