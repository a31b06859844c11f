#pragma once
// Writing scene layouts edited on screen back into the show file's text
// (File → Save show). The file is the operator's: its comments, blank lines,
// key order and spelling stay as they are, and only the values that changed
// are rewritten, so that a reader sees a minimal diff.

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio {

/// The show file's text cannot be rewritten (a scene written in a form the
/// writer does not edit, or text that is not the file the show was read from).
class ShowFileEditError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// `text` with the layouts of `edited` written into it. `fileScenes` are the
/// scenes as parsed from `text` (parseShow). For each scene of `edited`:
/// - a scene of the file: each layer and slot with a fileIndex keeps its
///   entry, and only its keys whose value changed are rewritten (a moved
///   picture-in-picture changes one `rect = [...]`); entries whose fileIndex
///   is missing from the edited list are removed; layers and slots with
///   fileIndex -1 are added, in the edited order, formatted like their
///   neighbours; a slot that now has a rect instead of an anchor loses its
///   anchor, size and offset keys;
/// - a scene that is not in the file (made from a template) is appended as a
///   new [[scenes]] table after the file's last scene.
/// Image paths are written relative to `baseDir` when they lie under it.
/// Throws ShowFileEditError; `text` is never half edited.
std::string writeSceneLayouts(std::string_view text, const std::vector<SceneSpec>& fileScenes,
                              const std::vector<SceneSpec>& edited, const std::filesystem::path& baseDir);

} // namespace hawker::studio
