#pragma once
// Still pictures (PNG, JPEG, WebP, BMP, GIF, TIFF) decoded with FFmpeg, the
// decoders the program already has. OpenCV's image codecs would pull GDAL,
// GDCM and HDF5 into every start of hawker.

#include <string>

#include <opencv2/core.hpp>

namespace hawker::capture {

/// The picture at `path` as 8-bit BGRA, scaled down (aspect kept) so that no
/// side exceeds `maxSide` (0: full size). Big JPEGs are decoded at a reduced
/// resolution directly. Empty, with `error` saying why, on any problem.
cv::Mat decodeImage(const std::string& path, int maxSide, std::string& error);

} // namespace hawker::capture
