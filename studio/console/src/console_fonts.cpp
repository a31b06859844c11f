#include "console_fonts.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "hawker/studio/store/notes_store.hpp"
#include "hawker/studio/store/session_store.hpp"

namespace hawker::studio::console {

namespace {

// Noto Sans CJK's collection: JP, KR, SC, TC, HK. The simplified Chinese face
// draws the shapes a mainland audience expects.
constexpr int kSimplifiedChineseFace = 2;

// The console's own labels and symbols beyond ASCII.
const char* kConsoleText = "复盘直播主播运营选品秒杀开抢剩余目标已售库存待审批准备节目预览切换淡入淡出"
                           "观众评论置顶告警确认输出来源统计下一段当前段落卖点话术成交额转化率在线"
                           "上场待办截止竖屏切片常驻峰值趋势标题标签件数场次该时间段没有"
                           "¥·…—–→←↑↓▶■●○✓✗×°％";

} // namespace

std::string consoleFontPath() {
    if (const char* path = std::getenv("HAWKER_CJK_FONT"); path && *path) return path;
    return "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
}

std::vector<std::string> openActionTexts(const ShowSpec& show, const std::filesystem::path& database) {
    std::vector<std::string> texts;
    std::error_code error;
    if (database.empty() || !std::filesystem::exists(database, error)) return texts;
    try {
        Database db(database);
        const std::string title = show.session.title.empty() ? show.name : show.session.title;
        for (const OpenAction& action : NotesStore(db).openActionsFor(title, "", nowUtcMs())) {
            texts.push_back(action.note.text);
            texts.push_back(action.note.owner);
        }
    } catch (const StoreError&) {
        // The show reports a database it cannot use; the fonts go on without these texts.
    }
    return texts;
}

std::vector<std::string> showTexts(const ShowSpec& show) {
    std::vector<std::string> texts{show.name};
    for (const auto& scene : show.scenes)
        texts.push_back(scene.name);
    for (const auto& product : show.products) {
        texts.push_back(product.name);
        texts.push_back(product.category);
        texts.insert(texts.end(), product.tags.begin(), product.tags.end());
        texts.insert(texts.end(), product.sellingPoints.begin(), product.sellingPoints.end());
    }
    for (const auto& offer : show.offers)
        texts.push_back(offer.title);
    for (const auto& coupon : show.coupons)
        texts.push_back(coupon.title);
    for (const auto& promotion : show.promotions)
        texts.push_back(promotion.title);
    for (const auto& segment : show.rundown) {
        texts.push_back(segment.title);
        texts.insert(texts.end(), segment.talkingPoints.begin(), segment.talkingPoints.end());
    }
    for (const auto& cue : show.cues)
        for (const auto& [key, value] : cue.args)
            texts.push_back(value);
    return texts;
}

ConsoleFonts ConsoleFontSet::load(float scale, const std::vector<std::string>& texts, std::string& warning) {
    ImGuiIO& io = ImGui::GetIO();
    ConsoleFonts fonts;
    {
        std::ifstream in(consoleFontPath(), std::ios::binary | std::ios::ate);
        const std::streamsize size = in ? static_cast<std::streamsize>(in.tellg()) : 0;
        m_fontBytes.resize(size > 0 ? static_cast<size_t>(size) : 0);
        in.seekg(0);
        if (size <= 0 || !in.read(m_fontBytes.data(), size)) m_fontBytes.clear();
    }
    if (m_fontBytes.empty()) {
        warning = "CJK font not found at " + consoleFontPath() +
                  " (install fonts-noto-cjk); Chinese text shows as '?'";
        ImFontConfig config;
        config.SizePixels = 15.0f * scale;
        fonts.body = io.Fonts->AddFontDefault(&config);
        fonts.large = fonts.huge = fonts.body;
        return fonts;
    }

    // The body font carries the ~2,500 common characters, for viewers'
    // comments; the big sizes only what the show and the console print, so
    // the atlas stays small enough to build in a moment.
    ImFontGlyphRangesBuilder body, large;
    body.AddRanges(io.Fonts->GetGlyphRangesChineseSimplifiedCommon());
    large.AddRanges(io.Fonts->GetGlyphRangesDefault());
    for (ImFontGlyphRangesBuilder* builder : {&body, &large}) {
        builder->AddText(kConsoleText);
        for (const std::string& text : texts)
            builder->AddText(text.c_str());
    }
    body.BuildRanges(&m_bodyRanges);
    large.BuildRanges(&m_largeRanges);

    auto add = [&](float pixels, const ImVector<ImWchar>& ranges) {
        ImFontConfig config;
        config.FontNo = kSimplifiedChineseFace;
        config.FontDataOwnedByAtlas = false; // one copy of the 20 MB collection for every size
        // CJK glyphs are dense: no horizontal oversampling keeps the atlas a quarter the size.
        config.OversampleH = 1;
        config.OversampleV = 1;
        config.PixelSnapH = true;
        return io.Fonts->AddFontFromMemoryTTF(m_fontBytes.data(), static_cast<int>(m_fontBytes.size()),
                                              pixels * scale, &config, ranges.Data);
    };
    fonts.body = add(17.0f, m_bodyRanges);
    fonts.large = add(30.0f, m_largeRanges);
    fonts.huge = add(54.0f, m_largeRanges);
    if (!fonts.body || !fonts.large || !fonts.huge) {
        warning = "cannot load " + consoleFontPath() + " as a font";
        io.Fonts->Clear();
        fonts.body = fonts.large = fonts.huge = io.Fonts->AddFontDefault();
    }
    return fonts;
}

} // namespace hawker::studio::console
