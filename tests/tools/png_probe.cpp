// png_probe: reads the console's screenshots for tests/integration/test_gui.sh.
// Boxes are x0 y0 x1 y1 in pixels, origin top-left, x1/y1 exclusive (the
// console's "region NAME x0 y0 x1 y1" lines); a box is clipped to the image.
//
//   png_probe size PNG                                     -> "W H"
//   png_probe mean PNG x0 y0 x1 y1                         -> "R G B" mean of the box
//   png_probe border PNG x0 y0 x1 y1 W                     -> "R G B" mean of the W px ring inside the box
//   png_probe diff A.png x0 y0 x1 y1 B.png [x0 y0 x1 y1]   -> mean |A - B| over pixels and channels
//                                                            (0-255), B's crop resized to A's
//   png_probe frame-vs FRAME.png PNG x0 y0 x1 y1 [fx0 fy0 fx1 fy1]
//                                                          -> the same, a video frame (or a box of
//                                                            it) against a box of the screenshot
//   png_probe text-similarity PNG x0 y0 x1 y1 STRING FONT PIXEL_HEIGHT
//   png_probe text-similarity PNG x0 y0 x1 y1 --boxes STRING FONT PIXEL_HEIGHT
//                                                          -> normalised cross-correlation in [-1, 1]
//                                                            between the text in the box and STRING
//                                                            rendered with FONT (face 2 of a .ttc:
//                                                            Noto Sans CJK SC); --boxes renders each
//                                                            character of STRING as a hollow box
//                                                            (tofu) at the same place instead.
//
// text-similarity: the box and the reference (STRING drawn white on black at
// PIXEL_HEIGHT, 4x oversampled) are turned grey and normalised to background 0
// .. ink 1, each is cut to its ink's bounding box, the reference is scaled to
// the box's ink size, both get a 1 px blur, and their correlation is printed.
// Rendered text typically scores > 0.8 against its own string, tofu < 0.
//
// Exit status 0 with the answer on stdout, 1 with a message on stderr.

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/freetype.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace {

constexpr int kFontFace = 2;       // Noto Sans CJK collection: JP, KR, SC, TC, HK -> 2 is SC
constexpr int kOversample = 4;     // the reference is drawn at 4x PIXEL_HEIGHT, then scaled down
constexpr double kBlurSigma = 1.0; // px, on both images before the correlation

struct Failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

const char* kUsage =
    "usage: png_probe size PNG\n"
    "       png_probe mean PNG x0 y0 x1 y1\n"
    "       png_probe border PNG x0 y0 x1 y1 WIDTH\n"
    "       png_probe diff A.png x0 y0 x1 y1 B.png [x0 y0 x1 y1]\n"
    "       png_probe frame-vs FRAME.png PNG x0 y0 x1 y1 [fx0 fy0 fx1 fy1]\n"
    "       png_probe text-similarity PNG x0 y0 x1 y1 [--boxes] STRING FONT_FILE PIXEL_HEIGHT\n"
    "boxes are pixels, origin top-left, x1 and y1 exclusive\n";

struct Usage : std::runtime_error {
    using std::runtime_error::runtime_error;
};

long parseInt(const std::string& text, const char* what) {
    errno = 0;
    char* end = nullptr;
    const long value = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || errno != 0 || end == nullptr || *end != '\0')
        throw Usage(std::string(what) + ": expected an integer, got '" + text + "'");
    return value;
}

cv::Mat loadImage(const std::string& path) {
    if (std::FILE* f = std::fopen(path.c_str(), "rb"))
        std::fclose(f);
    else
        throw Failure("cannot open image '" + path + "'");
    cv::Mat image = cv::imread(path, cv::IMREAD_COLOR);
    if (image.empty()) throw Failure("cannot decode image '" + path + "'");
    return image; // 8-bit BGR
}

// args[at..at+3] as a box, clipped to the image; fails if nothing is left.
cv::Rect parseBox(const std::vector<std::string>& args, size_t at, const cv::Mat& image,
                  const std::string& image_name) {
    if (args.size() < at + 4) throw Usage("missing box coordinates (x0 y0 x1 y1)");
    const long x0 = parseInt(args[at], "x0"), y0 = parseInt(args[at + 1], "y0");
    const long x1 = parseInt(args[at + 2], "x1"), y1 = parseInt(args[at + 3], "y1");
    if (x1 <= x0 || y1 <= y0)
        throw Usage("box " + args[at] + " " + args[at + 1] + " " + args[at + 2] + " " + args[at + 3] +
                    " is empty (need x1 > x0 and y1 > y0)");
    const cv::Rect wanted(static_cast<int>(x0), static_cast<int>(y0), static_cast<int>(x1 - x0),
                          static_cast<int>(y1 - y0));
    const cv::Rect clipped = wanted & cv::Rect(0, 0, image.cols, image.rows);
    if (clipped.area() == 0)
        throw Failure("box " + args[at] + " " + args[at + 1] + " " + args[at + 2] + " " + args[at + 3] +
                      " lies outside " + image_name + " (" + std::to_string(image.cols) + "x" +
                      std::to_string(image.rows) + ")");
    return clipped;
}

void printRgb(const cv::Scalar& bgr) {
    std::printf("%.1f %.1f %.1f\n", bgr[2], bgr[1], bgr[0]);
}

int cmdSize(const std::vector<std::string>& args) {
    if (args.size() != 1) throw Usage("size takes PNG");
    const cv::Mat image = loadImage(args[0]);
    std::printf("%d %d\n", image.cols, image.rows);
    return 0;
}

int cmdMean(const std::vector<std::string>& args) {
    if (args.size() != 5) throw Usage("mean takes PNG x0 y0 x1 y1");
    const cv::Mat image = loadImage(args[0]);
    printRgb(cv::mean(image(parseBox(args, 1, image, args[0]))));
    return 0;
}

int cmdBorder(const std::vector<std::string>& args) {
    if (args.size() != 6) throw Usage("border takes PNG x0 y0 x1 y1 WIDTH");
    const cv::Mat image = loadImage(args[0]);
    const cv::Rect box = parseBox(args, 1, image, args[0]);
    const long width = parseInt(args[5], "WIDTH");
    if (width < 1) throw Usage("WIDTH must be at least 1");
    cv::Mat mask(box.size(), CV_8U, cv::Scalar(255));
    const int w = static_cast<int>(width);
    if (2 * w < box.width && 2 * w < box.height)
        mask(cv::Rect(w, w, box.width - 2 * w, box.height - 2 * w)).setTo(0);
    printRgb(cv::mean(image(box), mask));
    return 0;
}

// Mean absolute difference (0-255, over pixels and channels) of a and b, b resized to a.
double meanAbsDiff(const cv::Mat& a, const cv::Mat& b) {
    cv::Mat resized;
    const bool shrink = b.cols >= a.cols && b.rows >= a.rows;
    cv::resize(b, resized, a.size(), 0, 0, shrink ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::Mat delta;
    cv::absdiff(a, resized, delta);
    const cv::Scalar m = cv::mean(delta);
    return (m[0] + m[1] + m[2]) / 3.0;
}

int cmdDiff(const std::vector<std::string>& args) {
    if (args.size() != 6 && args.size() != 10)
        throw Usage("diff takes A.png x0 y0 x1 y1 B.png [x0 y0 x1 y1]");
    const cv::Mat a = loadImage(args[0]);
    const cv::Mat b = loadImage(args[5]);
    const cv::Rect boxA = parseBox(args, 1, a, args[0]);
    const cv::Rect boxB = args.size() == 10 ? parseBox(args, 6, b, args[5]) : cv::Rect(0, 0, b.cols, b.rows);
    std::printf("%.2f\n", meanAbsDiff(a(boxA), b(boxB)));
    return 0;
}

int cmdFrameVs(const std::vector<std::string>& args) {
    if (args.size() != 6 && args.size() != 10)
        throw Usage("frame-vs takes FRAME.png PNG x0 y0 x1 y1 [fx0 fy0 fx1 fy1]");
    const cv::Mat frame = loadImage(args[0]);
    const cv::Mat shot = loadImage(args[1]);
    const cv::Rect box = parseBox(args, 2, shot, args[1]);
    const cv::Rect frameBox =
        args.size() == 10 ? parseBox(args, 6, frame, args[0]) : cv::Rect(0, 0, frame.cols, frame.rows);
    std::printf("%.2f\n", meanAbsDiff(shot(box), frame(frameBox)));
    return 0;
}

// --- text ------------------------------------------------------------------------

// The UTF-8 string split into its characters (code point sequences).
std::vector<std::string> utf8Characters(const std::string& text) {
    std::vector<std::string> out;
    for (size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        size_t n = lead < 0x80           ? 1
                   : (lead >> 5) == 0x6  ? 2
                   : (lead >> 4) == 0xE  ? 3
                   : (lead >> 3) == 0x1E ? 4
                                         : 0;
        if (n == 0 || i + n > text.size()) throw Usage("STRING is not valid UTF-8");
        for (size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80)
                throw Usage("STRING is not valid UTF-8");
        out.push_back(text.substr(i, n));
        i += n;
    }
    return out;
}

// Grey image of the text in `crop`, normalised to 0 (background) .. 1 (ink),
// cut down to the ink's bounding box. Works for light-on-dark and dark-on-light.
cv::Mat inkBox(const cv::Mat& bgr, const char* what) {
    cv::Mat grey;
    cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
    // The background is the most common level (text covers far less of the box).
    int histogram[256] = {};
    for (int y = 0; y < grey.rows; ++y)
        for (int x = 0; x < grey.cols; ++x)
            ++histogram[grey.at<uchar>(y, x)];
    const int background = static_cast<int>(std::max_element(histogram, histogram + 256) - histogram);
    double lo = 0, hi = 0;
    cv::minMaxLoc(grey, &lo, &hi);
    const bool lightInk = hi - background >= background - lo;
    const double ink = lightInk ? hi : lo;
    const double contrast = std::abs(ink - background);
    if (contrast < 24)
        throw Failure(std::string(what) + ": no text found (contrast " +
                      std::to_string(static_cast<int>(contrast)) + " grey levels)");
    cv::Mat level;
    grey.convertTo(level, CV_32F);
    level = (level - background) / (ink - background); // background 0, ink 1
    cv::Mat clipped = cv::max(cv::min(level, 1.0), 0.0);
    cv::Mat mask = clipped > 0.35;
    std::vector<cv::Point> points;
    cv::findNonZero(mask, points);
    if (points.empty()) throw Failure(std::string(what) + ": no ink pixels");
    return clipped(cv::boundingRect(points)).clone();
}

cv::Mat renderReference(const std::string& text, bool tofu, const std::string& fontFile, int pixelHeight) {
    cv::Ptr<cv::freetype::FreeType2> ft = cv::freetype::createFreeType2();
    ft->loadFontData(fontFile, kFontFace);
    int baseline = 0;
    const cv::Size size = ft->getTextSize(text, pixelHeight, -1, &baseline);
    const int margin = 2 * pixelHeight;
    // putText draws on 8-bit 3-channel images only.
    cv::Mat canvas(std::max(size.height, pixelHeight) + 2 * margin, size.width + 2 * margin, CV_8UC3,
                   cv::Scalar::all(0));
    const cv::Point origin(margin, margin + pixelHeight);
    if (!tofu) {
        ft->putText(canvas, text, origin, pixelHeight, cv::Scalar::all(255), -1, cv::LINE_AA, true);
    } else {
        // Each character as a hollow box where its glyph would be: same count, same places.
        const std::vector<std::string> characters = utf8Characters(text);
        std::string prefix;
        int x = 0;
        const int top = origin.y - static_cast<int>(std::lround(pixelHeight * 0.82));
        const int bottom = origin.y + static_cast<int>(std::lround(pixelHeight * 0.08));
        const int stroke = std::max(1, pixelHeight / 14);
        for (const std::string& character : characters) {
            prefix += character;
            int unused = 0;
            const int next = ft->getTextSize(prefix, pixelHeight, -1, &unused).width;
            if (character != " " && next - x > 2) {
                const int gap = std::max(1, (next - x) / 10);
                cv::rectangle(canvas, cv::Point(origin.x + x + gap, top),
                              cv::Point(origin.x + next - gap - 1, bottom), cv::Scalar::all(255), stroke,
                              cv::LINE_8);
            }
            x = next;
        }
    }
    return canvas;
}

// Normalised cross-correlation of two same-size float images, in [-1, 1].
double correlation(const cv::Mat& a, const cv::Mat& b) {
    cv::Scalar meanA, devA, meanB, devB;
    cv::meanStdDev(a, meanA, devA);
    cv::meanStdDev(b, meanB, devB);
    if (devA[0] < 1e-6 || devB[0] < 1e-6) return 0.0;
    const cv::Mat da = a - meanA[0], db = b - meanB[0];
    return da.dot(db) / (static_cast<double>(a.total()) * devA[0] * devB[0]);
}

int cmdTextSimilarity(const std::vector<std::string>& args) {
    const bool tofu = args.size() > 5 && args[5] == "--boxes";
    if (args.size() != (tofu ? 9u : 8u))
        throw Usage("text-similarity takes PNG x0 y0 x1 y1 [--boxes] STRING FONT_FILE PIXEL_HEIGHT");
    const size_t s = tofu ? 6 : 5;
    const std::string& text = args[s];
    const std::string& fontFile = args[s + 1];
    const long pixelHeight = parseInt(args[s + 2], "PIXEL_HEIGHT");
    if (text.empty()) throw Usage("STRING is empty");
    if (pixelHeight < 6 || pixelHeight > 400) throw Usage("PIXEL_HEIGHT must be 6..400");
    if (std::FILE* f = std::fopen(fontFile.c_str(), "rb"))
        std::fclose(f);
    else
        throw Failure("cannot open font file '" + fontFile + "'");

    const cv::Mat image = loadImage(args[0]);
    const cv::Rect box = parseBox(args, 1, image, args[0]);
    const cv::Mat shown = inkBox(image(box), "the box");
    // Drawn oversampled, then scaled down to the screenshot's ink box: the
    // reference's anti-aliasing then resembles a rasteriser's at the small size.
    const cv::Mat reference =
        inkBox(renderReference(text, tofu, fontFile, static_cast<int>(pixelHeight) * kOversample),
               "the reference rendering");
    cv::Mat resized;
    const bool shrink = reference.cols >= shown.cols && reference.rows >= shown.rows;
    cv::resize(reference, resized, shown.size(), 0, 0, shrink ? cv::INTER_AREA : cv::INTER_LINEAR);
    if (std::getenv("PNG_PROBE_VERBOSE"))
        std::fprintf(stderr, "png_probe: ink box %dx%d, reference %dx%d%s\n", shown.cols, shown.rows,
                     reference.cols, reference.rows, tofu ? " (boxes)" : "");
    // A light blur on both: a stroke one pixel off (hinting, pixel-snapped
    // advances) still overlaps its counterpart instead of counting against it.
    cv::Mat a, b;
    cv::GaussianBlur(shown, a, cv::Size(0, 0), kBlurSigma);
    cv::GaussianBlur(resized, b, cv::Size(0, 0), kBlurSigma);
    std::printf("%.3f\n", correlation(a, b));
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2 || std::string(argv[1]) == "-h" || std::string(argv[1]) == "--help") {
        std::fputs(kUsage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 1 : 0;
    }
    const std::string command = argv[1];
    const std::vector<std::string> args(argv + 2, argv + argc);
    try {
        if (command == "size") return cmdSize(args);
        if (command == "mean") return cmdMean(args);
        if (command == "border") return cmdBorder(args);
        if (command == "diff") return cmdDiff(args);
        if (command == "frame-vs") return cmdFrameVs(args);
        if (command == "text-similarity") return cmdTextSimilarity(args);
        throw Usage("unknown command '" + command + "'");
    } catch (const Usage& e) {
        std::fprintf(stderr, "png_probe: %s\n%s", e.what(), kUsage);
    } catch (const Failure& e) {
        std::fprintf(stderr, "png_probe: %s\n", e.what());
    } catch (const cv::Exception& e) {
        std::fprintf(stderr, "png_probe: OpenCV: %s\n", e.what());
    }
    return 1;
}
