#include "hawker/studio/engine/product_images.hpp"

#include <fstream>

#include <opencv2/imgproc.hpp>

#include "hawker/capture/image_decoder.hpp"
#include "hawker/studio/base/log.hpp"

namespace hawker::studio {

namespace {
constexpr uintmax_t kMaxFileBytes = 64ull << 20;
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
    std::string reason;
    cv::Mat image = capture::decodeImage(path.string(), kProductImageMaxSide, reason);
    if (image.empty()) {
        warning = path.string() + ": " + reason;
        return {};
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
