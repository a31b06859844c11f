#pragma once
// Product pictures, decoded once before the show (never on the compositor
// thread) and checked: a missing, corrupt, non-image or enormous file gives a
// placeholder and a warning, never a crash or a stall.

#include <map>
#include <string>

#include <opencv2/core.hpp>

#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio {

/// The largest side a card ever needs; bigger pictures are scaled down once.
constexpr int kProductImageMaxSide = 600;

/// Decodes one picture; empty on any problem, with `warning` saying why.
cv::Mat loadProductImage(const std::filesystem::path& path, std::string& warning);
/// Every product's picture by sku (missing ones are absent).
std::map<std::string, cv::Mat> loadProductImages(const std::vector<ProductSpec>& products);

} // namespace hawker::studio
