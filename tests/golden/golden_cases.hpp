#pragma once
// The fixed inputs of the graphics golden-image tests. The reference PNGs in
// tests/golden/ are rendered from these by `scripts/update-golden.sh`; the
// tests render them again and compare.

#include <ostream>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "hawker/overlay/graphic_content.hpp"

namespace hawker::golden {

struct GoldenCase {
    std::string name; ///< file name without .png
    overlay::GraphicContent content;
    cv::Size size;
};

/// GoogleTest prints a case by its name (not as raw bytes).
inline void PrintTo(const GoldenCase& c, std::ostream* out) {
    *out << c.name;
}

/// A product photo drawn in code, so the test needs no image file.
cv::Mat syntheticProductImage();
std::vector<GoldenCase> goldenCases();

/// Peak signal-to-noise ratio over all four BGRA channels, in dB (inf when equal).
double psnr(const cv::Mat& a, const cv::Mat& b);
/// The tolerance: renders on the same Debian packages are normally identical;
/// 40 dB allows last-bit differences in anti-aliasing.
constexpr double kGoldenMinPsnr = 40.0;

} // namespace hawker::golden
