// Micro-benchmark of the overlay: render cost of a product card and of a
// countdown tick (render + conversion to the blendable YUVA bitmap), the blend
// cost of three graphics on a 1080x1920 frame, and a whole compose (three
// camera/image layers and three graphics, encoder excluded).
// Prints key=value lines for scripts/bench.sh; times are medians over N runs.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "bench_timing.hpp"
#include "hawker/overlay/compositor.hpp"
#include "hawker/overlay/graphics.hpp"

using namespace hawker::overlay;
using hawker::bench::measure;
using hawker::bench::print;
using hawker::bench::Timing;

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::max(10, std::atoi(argv[1])) : 300;
    const Theme theme;
    const Fonts fonts = Fonts::loadDefault();

    ProductCardContent card;
    card.name = "小棕瓶精华液 修护抗初老 50ml";
    card.sellingPoints = {"夜间修护 淡化细纹", "敏感肌可用", "买一送一 再送小样"};
    card.priceCents = 29900;
    card.originalPriceCents = 45900;
    card.soldCount = 1234;
    card.stockLeft = 56;
    card.linkIndex = 3;
    card.image = cv::Mat(400, 400, CV_8UC3, cv::Scalar(120, 160, 220));
    CountdownContent offer{CountdownContent::Phase::OnSale, "精华液", 125, 9900, 29900, 200, 143};
    LowerThirdContent lower{"主播 小雅", "护肤顾问 · 十年美妆经验"};

    // A card is re-rendered when its numbers change; a countdown once a second.
    // As in a live show, each render converts only what changed since the last
    // one (YuvaBitmap::updated), on the graphics thread.
    cv::Mat lastCard = renderProductCard(card, {900, 300}, theme, fonts);
    YuvaBitmap cardYuva = YuvaBitmap::fromBgra(lastCard);
    print("card_render_ms", measure(runs / 3, [&](int i) {
              card.soldCount = 1000 + i;
              cv::Mat bgra = renderProductCard(card, {900, 300}, theme, fonts);
              cardYuva = cardYuva.updated(lastCard, bgra);
              lastCard = bgra;
          }));
    cv::Mat lastTick = renderCountdown(offer, {420, 200}, theme, fonts);
    YuvaBitmap tickYuva = YuvaBitmap::fromBgra(lastTick);
    print("countdown_tick_render_ms", measure(runs, [&](int i) {
              offer.secondsLeft = 600 - i % 600;
              cv::Mat bgra = renderCountdown(offer, {420, 200}, theme, fonts);
              tickYuva = tickYuva.updated(lastTick, bgra);
              lastTick = bgra;
          }));
    // For reference: a card's first render, converted whole.
    print("card_first_render_ms", measure(runs / 3, [&](int i) {
              card.soldCount = 5000 + i;
              (void)YuvaBitmap::fromBgra(renderProductCard(card, {900, 300}, theme, fonts));
          }));

    const auto cardBitmap = std::make_shared<const YuvaBitmap>(
        YuvaBitmap::fromBgra(renderProductCard(card, {900, 300}, theme, fonts)));
    const auto countdownBitmap = std::make_shared<const YuvaBitmap>(
        YuvaBitmap::fromBgra(renderCountdown(offer, {420, 200}, theme, fonts)));
    const auto lowerBitmap = std::make_shared<const YuvaBitmap>(
        YuvaBitmap::fromBgra(renderLowerThird(lower, {600, 140}, theme, fonts)));
    std::vector<DrawItem> graphics;
    for (auto [bitmap, at] :
         {std::pair{cardBitmap, cv::Point(90, 1060)}, std::pair{countdownBitmap, cv::Point(40, 240)},
          std::pair{lowerBitmap, cv::Point(40, 880)}}) {
        DrawBitmap item;
        item.bitmap = bitmap;
        item.at = at;
        graphics.emplace_back(item);
    }

    cv::Mat canvasBuffer, cameraBuffer, pipBuffer;
    YuvImage canvas = allocateI420(canvasBuffer, 1080, 1920);
    YuvImage camera = allocateI420(cameraBuffer, 1080, 1920);
    YuvImage pip = allocateI420(pipBuffer, 360, 640);
    cv::randu(cameraBuffer, 0, 255);
    cv::randu(pipBuffer, 0, 255);
    canvasBuffer.setTo(80);
    Compositor compositor({1080, 1920}, YuvColor{});
    // Blend only: three graphics over an existing frame.
    print("blend_3_graphics_ms", measure(runs, [&](int) {
              for (const DrawItem& item : graphics) {
                  const auto& b = std::get<DrawBitmap>(item);
                  b.bitmap->blendInto(canvas, b.at, b.opacity);
              }
          }));
    // A whole compose: full-frame camera, picture-in-picture, a translucent
    // colour band, and the three graphics.
    std::vector<DrawItem> scene = {DrawPicture{camera, {0, 0, 1080, 1920}, false},
                                   DrawPicture{pip, {680, 40, 360, 640}, false},
                                   DrawFill{{0, 1500, 1080, 200}, YuvColor{16, 128, 128}, 150}};
    scene.insert(scene.end(), graphics.begin(), graphics.end());
    print("compose_3_layers_3_graphics_ms", measure(runs, [&](int) { compositor.render(scene, canvas); }));
    std::printf("runs=%d\n", runs);
    return 0;
}
