#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <opencv2/imgcodecs.hpp>

#include "hawker/studio/base/assets.hpp"
#include "hawker/studio/engine/product_images.hpp"
#include "hawker/studio/show/show_file.hpp"
#include "hawker/studio/show/theme_file.hpp"
#include "temp_dir.hpp"

using namespace hawker::studio;

namespace {} // namespace

TEST(ProductImages, BadPicturesGiveAPlaceholderAndAReason) {
    TempDir dir;
    std::string warning;
    EXPECT_TRUE(loadProductImage(dir.path / "missing.png", warning).empty());
    EXPECT_NE(warning.find("cannot read"), std::string::npos);

    std::ofstream(dir.path / "notes.png") << "this is not a picture";
    warning.clear();
    EXPECT_TRUE(loadProductImage(dir.path / "notes.png", warning).empty());
    EXPECT_NE(warning.find("notes.png"), std::string::npos) << warning;

    // A PNG cut in half, as an interrupted upload leaves it.
    cv::Mat good(200, 200, CV_8UC3, cv::Scalar(10, 200, 30));
    std::vector<uchar> bytes;
    cv::imencode(".png", good, bytes);
    std::ofstream(dir.path / "cut.png", std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size() / 2));
    warning.clear();
    EXPECT_TRUE(loadProductImage(dir.path / "cut.png", warning).empty());
    EXPECT_FALSE(warning.empty());

    // 70 MB of junk: refused by size before decoding.
    {
        std::ofstream big(dir.path / "huge.jpg", std::ios::binary);
        std::string chunk(1 << 20, 'x');
        for (int i = 0; i < 70; ++i)
            big << chunk;
    }
    EXPECT_TRUE(loadProductImage(dir.path / "huge.jpg", warning).empty());
    EXPECT_NE(warning.find("64 MB"), std::string::npos);
}

TEST(ProductImages, AHugePictureIsScaledDownOnce) {
    TempDir dir;
    cv::Mat big(10000, 10000, CV_8UC3, cv::Scalar(40, 80, 120));
    cv::imwrite((dir.path / "big.jpg").string(), big, {cv::IMWRITE_JPEG_QUALITY, 50});
    std::string warning;
    const cv::Mat image = loadProductImage(dir.path / "big.jpg", warning);
    ASSERT_FALSE(image.empty()) << warning;
    EXPECT_LE(std::max(image.cols, image.rows), kProductImageMaxSide);
}

TEST(ThemeFile, DefaultThemeLoadsAndBadValuesNameTheField) {
    const auto theme = loadTheme(assetsDir() / "themes" / "default.toml");
    EXPECT_EQ(theme.animationMs, 300);
    EXPECT_DOUBLE_EQ(theme.safeArea.bottom, 0.28);
    EXPECT_EQ(theme.accent, cv::Scalar(0x66, 0x33, 0xFF, 255));
    TempDir dir;
    std::ofstream(dir.path / "bad.toml") << "[colors]\naccent = \"pink\"\n";
    try {
        loadTheme(dir.path / "bad.toml");
        FAIL() << "no error";
    } catch (const ShowFileError& error) {
        EXPECT_NE(std::string(error.what()).find("colors.accent"), std::string::npos);
    }
}

TEST(ShowFileGraphics, ProductsAndCueArgumentsAreRead) {
    const ShowSpec show = parseShow(R"(
[[sources]]
id = "cam"
url = "x"
[[scenes]]
id = "a"
[[products]]
sku = "S1"
name = "A"
price_cents = 100
[[cues]]
at_s = 2
command = "offer.start"
sku = "S1"
price_cents = 90
quantity = 5
)",
                                    "show.toml", "/");
    ASSERT_EQ(show.cues.size(), 1u);
    EXPECT_EQ(show.cues[0].args.at("quantity"), "5");
    EXPECT_EQ(show.cues[0].args.at("sku"), "S1");
    auto error = [](const std::string& text) {
        try {
            parseShow(text, "show.toml", "/");
        } catch (const ShowFileError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    const std::string base = "[[sources]]\nid=\"c\"\nurl=\"x\"\n[[scenes]]\nid=\"a\"\n";
    EXPECT_NE(error(base + "[[products]]\nsku=\"S\"\nname=\"n\"\n").find("products[0].price_cents: missing"),
              std::string::npos);
    EXPECT_NE(
        error(base + "[[products]]\nsku=\"S\"\nname=\"n\"\nprice_cents=-1\n").find("products[0].price_cents"),
        std::string::npos);
    EXPECT_NE(error(base + "[[cues]]\nat_s=1\ncommand=\"card.show\"\nsku=\"NOPE\"\n").find("cues[0].sku"),
              std::string::npos);
    EXPECT_NE(error(base + "[[cues]]\nat_s=1\ncommand=\"card.explode\"\n").find("cues[0].command"),
              std::string::npos);
}

TEST(ShowFileGraphics, AnchoredSlotsSitInsideTheSafeArea) {
    const hawker::overlay::SafeArea safe; // 9:16 defaults
    const cv::Rect visible = safe.visible({1080, 1920});
    EXPECT_EQ(visible, cv::Rect(43, 230, 875, 1152));
    SlotSpec card;
    card.anchor = "bottom";
    card.size = {860, 290};
    const cv::Rect bottom = anchorSlot(card, visible, 20);
    EXPECT_EQ(bottom.br().y, 1382 - 20);
    EXPECT_TRUE(safe.contains({1080, 1920}, bottom));
    card.anchor = "top-left";
    card.offset = {10, 30};
    EXPECT_EQ(anchorSlot(card, visible, 20).tl(), cv::Point(72, 280));
    card.anchor = "top-right";
    EXPECT_EQ(anchorSlot(card, visible, 20).br().x, (918 - 20 - 10) & ~1);

    const std::string base = "[[sources]]\nid=\"c\"\nurl=\"x\"\n";
    const ShowSpec show = parseShow(
        base + "[[scenes]]\nid=\"a\"\nslots=[{name=\"card\", anchor=\"bottom\", size=[860, 290]}]\n",
        "show.toml", "/");
    EXPECT_EQ(show.scenes[0].slots[0].anchor, "bottom");
    EXPECT_EQ(show.scenes[0].slots[0].size, cv::Size(860, 290));
    auto error = [&](const std::string& slot) {
        try {
            parseShow(base + "[[scenes]]\nid=\"a\"\nslots=[" + slot + "]\n", "show.toml", "/");
        } catch (const ShowFileError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_NE(error("{name=\"x\", anchor=\"middle\", size=[10,10]}").find("slots[0].anchor"),
              std::string::npos);
    EXPECT_NE(error("{name=\"x\", anchor=\"top\"}").find("slots[0].size"), std::string::npos);
    EXPECT_NE(error("{name=\"x\", anchor=\"top\", size=[10,10], rect=[0,0,10,10]}").find("slots[0].rect"),
              std::string::npos);
}
