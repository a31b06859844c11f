#include "golden_cases.hpp"

#include <cmath>
#include <limits>

#include <opencv2/imgproc.hpp>

namespace hawker::golden {

using namespace overlay;

cv::Mat syntheticProductImage() {
    cv::Mat image(400, 400, CV_8UC3);
    for (int y = 0; y < image.rows; ++y)
        for (int x = 0; x < image.cols; ++x)
            image.at<cv::Vec3b>(y, x) =
                cv::Vec3b(static_cast<uint8_t>(180 + y / 8), static_cast<uint8_t>(200 - x / 8), 235);
    // A bottle: cap, body and label.
    cv::rectangle(image, cv::Rect(170, 60, 60, 50), cv::Scalar(40, 40, 40), cv::FILLED);
    cv::rectangle(image, cv::Rect(130, 110, 140, 240), cv::Scalar(30, 90, 160), cv::FILLED);
    cv::rectangle(image, cv::Rect(145, 180, 110, 90), cv::Scalar(230, 240, 245), cv::FILLED);
    cv::circle(image, cv::Point(200, 225), 30, cv::Scalar(60, 120, 200), cv::FILLED, cv::LINE_AA);
    return image;
}

std::vector<GoldenCase> goldenCases() {
    const cv::Size card(900, 300), countdown(420, 200);
    ProductCardContent chinese;
    chinese.name = "小棕瓶精华液 修护抗初老 50ml";
    chinese.sellingPoints = {"夜间修护 淡化细纹", "敏感肌可用", "买一送一 再送小样"};
    chinese.priceCents = 29900;
    chinese.originalPriceCents = 45900;
    chinese.soldCount = 1234;
    chinese.stockLeft = 56;
    chinese.linkIndex = 3;
    chinese.image = syntheticProductImage();
    chinese.imageKey = "synthetic";

    ProductCardContent latin;
    latin.name = "Glow Serum 50 ml — Vitamin C";
    latin.sellingPoints = {"Brightens in 7 days", "Vegan, fragrance free"};
    latin.priceCents = 1999;
    latin.originalPriceCents = 3299;
    latin.soldCount = 87;
    latin.linkIndex = 12;
    latin.image = syntheticProductImage();
    latin.imageKey = "synthetic";

    ProductCardContent longName;
    std::string name;
    while (name.size() < 500)
        name += "超长商品名称Extra Long Product Name 测试换行与省略 ";
    longName.name = name;
    longName.sellingPoints = {name, name, name, name};
    longName.priceCents = 123456789900;
    longName.originalPriceCents = 999999999900;
    longName.stockLeft = 3;

    ProductCardContent missingImage = chinese;
    missingImage.image = cv::Mat();
    missingImage.imageKey.clear();
    missingImage.soldCount.reset();
    missingImage.name = "缺图商品 😀 emoji 与生僻字 𠀀";

    auto offer = [](CountdownContent::Phase phase, int seconds, int64_t remaining) {
        CountdownContent c;
        c.phase = phase;
        c.title = "小棕瓶精华液";
        c.secondsLeft = seconds;
        c.dealPriceCents = 9900;
        c.originalPriceCents = 29900;
        c.quantity = 200;
        c.remaining = remaining;
        return c;
    };
    using Phase = CountdownContent::Phase;
    PollContent poll{"下一款想看什么？", {{"精华液", 120}, {"面霜", 45}, {"防晒", 35}}};
    return {
        {"card_chinese", chinese, card},
        {"card_latin", latin, card},
        {"card_long_name", longName, card},
        {"card_missing_image", missingImage, card},
        {"countdown_prelaunch", offer(Phase::PreLaunch, 95, 200), countdown},
        {"countdown_on_sale", offer(Phase::OnSale, 125, 143), countdown},
        {"countdown_urgent", offer(Phase::OnSale, 7, 12), countdown},
        {"countdown_sold_out", offer(Phase::SoldOut, 0, 0), countdown},
        {"countdown_ended", offer(Phase::Ended, 0, 31), countdown},
        {"lower_third", LowerThirdContent{"主播 小雅", "护肤顾问 · 十年美妆经验"}, {600, 140}},
        {"banner", BannerContent{"全场包邮 · 7天无理由退货"}, {1000, 80}},
        {"banner_ticker",
         BannerContent{"今晚直播间专属福利：满299减50，前100名下单再送旅行装，关注主播不迷路！"},
         {800, 80}},
        {"threshold_nudge", ThresholdNudgeContent{29900, 5000, "跨店可用 · 今晚有效"}, {460, 110}},
        {"pinned_comment",
         PinnedCommentContent{"小***8", "敏感肌能用吗？上次买的很好用，这次想囤两瓶，有没有赠品呀"},
         {700, 150}},
        {"poll", poll, {600, 320}},
    };
}

double psnr(const cv::Mat& a, const cv::Mat& b) {
    if (a.size() != b.size() || a.type() != b.type()) return 0.0;
    const double mse = cv::norm(a, b, cv::NORM_L2SQR) / static_cast<double>(a.total() * a.channels());
    if (mse == 0) return std::numeric_limits<double>::infinity();
    return 10.0 * std::log10(255.0 * 255.0 / mse);
}

} // namespace hawker::golden
