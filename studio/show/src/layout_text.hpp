#pragma once
// How a scene's layers and slots are spelled in the show file (internal to
// studio/show): the key = value pairs of a new entry, and the values the
// show-file writer puts in place of changed ones, in the spelling of the
// value they replace where there is one.

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio::detail {

/// key = value pairs, values as TOML text, in the order they are written.
using LayoutFields = std::vector<std::pair<std::string, std::string>>;

/// A list of whole numbers (a rect, a size, an offset) spaced like `like`, the value it replaces
/// ("[680, 40, 360, 640]", "[ 0,0 ]"); "[a, b, c, d]" when `like` is empty or not one plain line.
std::string formatInts(const std::vector<int>& values, std::string_view like = {});
std::string formatRect(const cv::Rect& rect, std::string_view like = {});

/// Whether a colour as written ("#00000080") uses lower-case hex digits.
bool writtenLowerCase(std::string_view written);

/// An image path as the file says it: relative to `baseDir` when the image lies under it.
std::string imagePathText(const std::filesystem::path& image, const std::filesystem::path& baseDir);

/// The fields of a new entry ("fit" only when not cover; "offset" only when not zero).
LayoutFields layerFields(const LayerSpec& layer, const std::filesystem::path& baseDir);
LayoutFields slotFields(const SlotSpec& slot);

/// `{ kind = "source", source = "cam1", rect = [0, 0, 1080, 1920] }`
std::string inlineTable(const LayoutFields& fields);
/// One `key = value` line each, each after `indent` and ended with `newline`.
std::string keyLines(const LayoutFields& fields, std::string_view indent, std::string_view newline);

} // namespace hawker::studio::detail
