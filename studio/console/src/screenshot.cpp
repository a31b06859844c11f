#include "screenshot.hpp"

#include <stdexcept>

#include <GL/gl.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace hawker::studio::console {

void writeScreenshot(const std::filesystem::path& path, int width, int height) {
    cv::Mat rgba(height, width, CV_8UC4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data);
    cv::Mat bgr;
    cv::cvtColor(rgba, bgr, cv::COLOR_RGBA2BGR);
    cv::flip(bgr, bgr, 0); // OpenGL's rows start at the bottom
    if (!cv::imwrite(path.string(), bgr)) throw std::runtime_error("cannot write " + path.string());
}

} // namespace hawker::studio::console
