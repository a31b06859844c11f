// The console's partial redraw: which boxes a frame must draw again, checked
// on real Dear ImGui frames (a context without a window: the draw data is the
// same as on screen).
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <random>

#include <imgui.h>

#include "redraw_planner.hpp"

using hawker::studio::console::PixelBox;
using hawker::studio::console::RedrawPlanner;

namespace {

constexpr int kWidth = 800, kHeight = 600;

/// One ImGui context for a test, with the built-in font.
class ImGuiFrames {
public:
    ImGuiFrames() {
        m_context = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(kWidth, kHeight);
        io.IniFilename = nullptr;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(intptr_t{1}));
    }
    ~ImGuiFrames() { ImGui::DestroyContext(m_context); }

    /// A frame of two windows: "left" (text, and a picture of texture 7 at
    /// `pictureAt`), and "right" at `rightAt` with the text `rightText`.
    ImDrawData& frame(ImVec2 rightAt, const char* rightText, ImVec2 pictureAt = ImVec2(40, 80),
                      bool third = false) {
        ImGui::GetIO().DeltaTime = 1.0f / 30;
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(10, 10));
        ImGui::SetNextWindowSize(ImVec2(300, 400));
        ImGui::Begin("left");
        ImGui::TextUnformatted("a monitor");
        ImGui::SetCursorScreenPos(pictureAt);
        ImGui::Image(reinterpret_cast<ImTextureID>(intptr_t{7}), ImVec2(160, 90));
        ImGui::End();
        ImGui::SetNextWindowPos(rightAt);
        ImGui::SetNextWindowSize(ImVec2(250, 200));
        ImGui::Begin("right");
        ImGui::TextUnformatted(rightText);
        ImGui::End();
        if (third) {
            ImGui::SetNextWindowPos(ImVec2(500, 400));
            ImGui::SetNextWindowSize(ImVec2(200, 100));
            ImGui::Begin("third");
            ImGui::TextUnformatted("new");
            ImGui::End();
        }
        ImGui::Render();
        return *ImGui::GetDrawData();
    }

private:
    ImGuiContext* m_context = nullptr;
};

/// A planner fed real frames, with texture 7's upload count under the test's control.
class RedrawPlannerOnFrames : public ::testing::Test {
protected:
    /// The planner's verdict on the next frame (see ImGuiFrames::frame), for a back buffer `age` frames old.
    std::optional<std::vector<PixelBox>> plan(const char* rightText, ImVec2 rightAt = ImVec2(400, 20),
                                              int age = 1, bool third = false, int width = kWidth) {
        return planner.plan(imgui.frame(rightAt, rightText, ImVec2(40, 80), third), width, kHeight, age,
                            [this](ImTextureID id) { return generations[id]; });
    }
    /// ImGui needs a frame or two to settle its windows' sizes.
    void settle() {
        for (int i = 0; i < 3; ++i)
            plan("12 viewers");
    }
    void newPicture() { ++generations[reinterpret_cast<ImTextureID>(intptr_t{7})]; }

    ImGuiFrames imgui;
    RedrawPlanner planner;
    std::map<ImTextureID, uint64_t> generations;
};

int64_t areaOf(const std::vector<PixelBox>& boxes) {
    int64_t area = 0;
    for (const PixelBox& b : boxes)
        area += b.area();
    return area;
}

bool inside(const PixelBox& inner, const PixelBox& outer) {
    return inner.intersect(outer) == inner;
}

} // namespace

TEST_F(RedrawPlannerOnFrames, TheFirstFrameIsDrawnWholeAndAnUnchangedOneNotAtAll) {
    EXPECT_FALSE(plan("12 viewers")) << "a first frame has nothing to compare with: whole";
    settle();
    auto boxes = plan("12 viewers");
    ASSERT_TRUE(boxes.has_value());
    EXPECT_TRUE(boxes->empty()) << boxes->size() << " boxes for a frame like the last";
    // An unknown back buffer age (0) or one older than the history: whole.
    EXPECT_FALSE(plan("12 viewers", ImVec2(400, 20), 0));
    EXPECT_FALSE(plan("12 viewers", ImVec2(400, 20), static_cast<int>(RedrawPlanner::kHistory) + 1));
}

TEST_F(RedrawPlannerOnFrames, ANewPictureRedrawsOnlyWhereThePictureIs) {
    settle();
    newPicture();
    auto boxes = plan("12 viewers");
    ASSERT_TRUE(boxes.has_value());
    ASSERT_EQ(boxes->size(), 1u);
    // The 160x90 picture at (40, 80), with a pixel of margin on each side; not its window.
    const PixelBox picture{40, 80, 200, 170};
    EXPECT_TRUE(inside(picture, boxes->front()));
    EXPECT_TRUE(inside(boxes->front(), PixelBox{38, 78, 202, 172}))
        << boxes->front().x0 << "," << boxes->front().y0 << " " << boxes->front().x1 << ","
        << boxes->front().y1;
}

TEST_F(RedrawPlannerOnFrames, ChangedTextRedrawsItsWindowAndAMovedWindowBothPlaces) {
    settle();
    auto boxes = plan("13 viewers");
    ASSERT_TRUE(boxes.has_value());
    const PixelBox right{400, 20, 650, 220};
    for (const PixelBox& b : *boxes)
        EXPECT_TRUE(inside(b, PixelBox{right.x0 - 4, right.y0 - 4, right.x1 + 4, right.y1 + 4}))
            << b.x0 << "," << b.y0 << " " << b.x1 << "," << b.y1;
    EXPECT_GE(areaOf(*boxes), right.area()) << "the window's text changed: the window is drawn again";
    EXPECT_LT(areaOf(*boxes), 2 * right.area());

    // Moved down by 100: where it was and where it is, and nothing of the left window.
    boxes = plan("13 viewers", ImVec2(400, 120));
    ASSERT_TRUE(boxes.has_value());
    const PixelBox both{400, 20, 650, 320};
    for (const PixelBox& b : *boxes)
        EXPECT_TRUE(inside(b, PixelBox{both.x0 - 4, both.y0 - 4, both.x1 + 4, both.y1 + 4}));
    EXPECT_GE(areaOf(*boxes), both.area());
    for (size_t i = 0; i < boxes->size(); ++i)
        for (size_t j = i + 1; j < boxes->size(); ++j)
            EXPECT_FALSE((*boxes)[i].overlaps((*boxes)[j])) << "a pixel in two boxes would be blended twice";
}

TEST_F(RedrawPlannerOnFrames, AnOlderBackBufferGetsTheChangesOfEachFrameSince) {
    settle();
    plan("13 viewers"); // the right window changed
    newPicture();       // then the picture
    auto boxes = plan("13 viewers", ImVec2(400, 20), 2);
    ASSERT_TRUE(boxes.has_value());
    const PixelBox picture{40, 80, 200, 170}, right{400, 20, 650, 220};
    int64_t coveredPicture = 0, coveredRight = 0;
    for (const PixelBox& b : *boxes) {
        coveredPicture += b.intersect(picture).area();
        coveredRight += b.intersect(right).area();
    }
    EXPECT_EQ(coveredPicture, picture.area()) << "two frames old: the picture that changed in the last one";
    EXPECT_EQ(coveredRight, right.area()) << "and the window whose text changed the frame before";
}

TEST_F(RedrawPlannerOnFrames, ANewWindowOrANewSizeOrAnInvalidationIsWhole) {
    settle();
    EXPECT_FALSE(plan("12 viewers", ImVec2(400, 20), 1, true)) << "a window opened";
    plan("12 viewers", ImVec2(400, 20), 1, true);
    EXPECT_TRUE(plan("12 viewers", ImVec2(400, 20), 1, true));
    EXPECT_FALSE(plan("12 viewers", ImVec2(400, 20), 1, true, kWidth + 1)) << "a new framebuffer size";
    EXPECT_TRUE(plan("12 viewers", ImVec2(400, 20), 1, true, kWidth + 1));
    planner.invalidate();
    EXPECT_FALSE(plan("12 viewers", ImVec2(400, 20), 1, true, kWidth + 1)) << "a font atlas rebuilt";
}

TEST(RedrawPlanner, AClipRectForABoxComesBackAsThatBoxThroughTheBackendsArithmetic) {
    std::mt19937 random(11);
    std::uniform_int_distribution<int> x(0, 1900), y(0, 1000), size(1, 400);
    for (const float scale : {1.0f, 1.25f, 1.5f, 2.0f, 0.8f})
        for (const ImVec2 offset : {ImVec2(0, 0), ImVec2(13.5f, 7.25f)})
            for (int i = 0; i < 2000; ++i) {
                const int fbWidth = 2400, fbHeight = 1400;
                const int x0 = x(random), y0 = y(random);
                const PixelBox box{x0, y0, x0 + size(random), y0 + size(random)};
                ImDrawCmd command;
                command.ClipRect = RedrawPlanner::clipRectFor(box, offset, ImVec2(scale, scale));
                ASSERT_EQ(RedrawPlanner::commandBox(command, offset, ImVec2(scale, scale), fbWidth, fbHeight),
                          box)
                    << "scale " << scale << " box " << box.x0 << "," << box.y0 << " " << box.x1 << ","
                    << box.y1;
            }
}

TEST(RedrawPlanner, DisjointBoxesCoverTheSamePixelsOnce) {
    std::mt19937 random(5);
    std::uniform_int_distribution<int> at(0, 60), size(0, 30), count(1, 12);
    for (int round = 0; round < 300; ++round) {
        std::vector<PixelBox> boxes;
        for (int n = count(random); n > 0; --n) {
            const int x0 = at(random), y0 = at(random);
            boxes.push_back({x0, y0, x0 + size(random), y0 + size(random)});
        }
        const auto out = RedrawPlanner::disjoint(boxes);
        ASSERT_LE(out.size(), RedrawPlanner::kMostBoxes);
        PixelBox around;
        for (const PixelBox& b : boxes)
            around = around.unite(b);
        // Too many pieces: the one box around them all, which covers each pixel once too.
        const bool fellBack = out.size() == 1 && out.front() == around && areaOf(boxes) > around.area();
        for (int py = 0; py < 100; ++py)
            for (int px = 0; px < 100; ++px) {
                const PixelBox pixel{px, py, px + 1, py + 1};
                bool wanted = false;
                int covered = 0;
                for (const PixelBox& b : boxes)
                    wanted = wanted || b.overlaps(pixel);
                for (const PixelBox& b : out)
                    covered += b.overlaps(pixel) ? 1 : 0;
                if (fellBack && !wanted) {
                    ASSERT_EQ(covered, around.overlaps(pixel) ? 1 : 0);
                    continue;
                }
                ASSERT_EQ(covered, wanted ? 1 : 0) << "pixel " << px << "," << py << " in round " << round;
            }
    }
}
