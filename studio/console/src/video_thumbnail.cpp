#include "video_thumbnail.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>

namespace hawker::studio::console {

cv::Size fitInside(int width, int height, cv::Size box) {
    if (width <= 0 || height <= 0) return {2, 2};
    const double scale =
        std::min(static_cast<double>(box.width) / width, static_cast<double>(box.height) / height);
    const int w = std::max(2, static_cast<int>(width * scale) & ~1);
    const int h = std::max(2, static_cast<int>(height * scale) & ~1);
    return {w, h};
}

MonitorImagePtr thumbnailFromPlanes(const std::array<cv::Mat, 3>& planes, cv::Size box, uint64_t serial) {
    if (planes[0].empty()) return nullptr;
    const cv::Size size = fitInside(planes[0].cols, planes[0].rows, box);
    // One contiguous small I420 buffer, then one conversion. Bilinear, not
    // area averaging: at these odd ratios area costs the feed several times
    // as much, and a monitor picture does not need it.
    cv::Mat small(size.height * 3 / 2, size.width, CV_8UC1);
    cv::Mat y = small.rowRange(0, size.height);
    cv::resize(planes[0], y, size, 0, 0, cv::INTER_LINEAR);
    const cv::Size half(size.width / 2, size.height / 2);
    const int quarter = half.width * half.height;
    cv::Mat u(half, CV_8UC1, small.ptr(size.height));
    cv::Mat v(half, CV_8UC1, small.ptr(size.height) + quarter);
    cv::resize(planes[1], u, half, 0, 0, cv::INTER_LINEAR);
    cv::resize(planes[2], v, half, 0, 0, cv::INTER_LINEAR);
    auto out = std::make_shared<MonitorImage>();
    cv::cvtColor(small, out->rgba, cv::COLOR_YUV2RGBA_I420);
    out->serial = serial;
    return out;
}

MonitorImagePtr thumbnailFromI420(const cv::Mat& i420, int width, int height, cv::Size box, uint64_t serial) {
    if (i420.empty() || width <= 0 || height <= 0 || i420.rows < height * 3 / 2 || i420.cols < width)
        return nullptr;
    const uchar* base = i420.ptr();
    const int quarter = (width / 2) * (height / 2);
    std::array<cv::Mat, 3> planes;
    planes[0] = cv::Mat(height, width, CV_8UC1, const_cast<uchar*>(base));
    planes[1] = cv::Mat(height / 2, width / 2, CV_8UC1, const_cast<uchar*>(base + width * height));
    planes[2] = cv::Mat(height / 2, width / 2, CV_8UC1, const_cast<uchar*>(base + width * height + quarter));
    return thumbnailFromPlanes(planes, box, serial);
}

} // namespace hawker::studio::console
