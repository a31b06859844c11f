#include "hawker/studio/product_images.hpp"

#include <fstream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "hawker/studio/log.hpp"

namespace hawker::studio {

namespace {
constexpr uintmax_t kMaxFileBytes = 64ull << 20;
constexpr int kMaxDecodedSide = 16384;
} // namespace

cv::Mat loadProductImage(const std::filesystem::path& path, std::string& warning) {
    std::error_code error;
    const auto bytes = std::filesystem::file_size(path, error);
    if (error) {
        warning = "cannot read " + path.string();
        return {};
    }
    if (bytes > kMaxFileBytes) {
        warning =
            path.string() + " is " + std::to_string(bytes >> 20) + " MB; pictures over 64 MB are not loaded";
        return {};
    }
    // Large JPEGs decode at a reduced size straight away: a 10000x10000 photo
    // becomes 1250x1250 without ever holding 300 MB of pixels.
    cv::Mat image;
    try {
        image =
            cv::imread(path.string(), bytes > (8u << 20) ? cv::IMREAD_REDUCED_COLOR_8 : cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception& e) {
        warning = path.string() + " could not be decoded";
        return {};
    }
    if (image.empty()) {
        warning = path.string() + " is not a picture OpenCV can read";
        return {};
    }
    if (image.cols > kMaxDecodedSide || image.rows > kMaxDecodedSide) {
        warning = path.string() + " is too large";
        return {};
    }
    if (image.depth() != CV_8U) image.convertTo(image, CV_8U, image.depth() == CV_16U ? 1.0 / 257 : 1.0);
    if (image.channels() == 1) cv::cvtColor(image, image, cv::COLOR_GRAY2BGR);
    if (image.channels() != 3 && image.channels() != 4) {
        warning = path.string() + " has an unsupported channel layout";
        return {};
    }
    const int side = std::max(image.cols, image.rows);
    if (side > kProductImageMaxSide) {
        const double scale = static_cast<double>(kProductImageMaxSide) / side;
        cv::resize(image, image, cv::Size(), scale, scale, cv::INTER_AREA);
    }
    return image;
}

std::map<std::string, cv::Mat> loadProductImages(const std::vector<ProductSpec>& products) {
    std::map<std::string, cv::Mat> images;
    for (const ProductSpec& product : products) {
        if (product.image.empty()) continue;
        std::string warning;
        cv::Mat image = loadProductImage(product.image, warning);
        if (image.empty()) {
            logWarning("product " + product.sku + ": " + warning + "; its card shows a placeholder");
            continue;
        }
        images.emplace(product.sku, std::move(image));
    }
    return images;
}

} // namespace hawker::studio
