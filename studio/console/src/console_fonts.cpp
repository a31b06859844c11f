#include "console_fonts.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "hawker/studio/base/translations.hpp"
#include "hawker/studio/store/notes_store.hpp"
#include "hawker/studio/store/session_store.hpp"

namespace hawker::studio::console {

namespace {

// Noto Sans CJK's collection: JP, KR, SC, TC, HK. The simplified Chinese face
// draws the shapes a mainland audience expects.
constexpr int kSimplifiedChineseFace = 2;

// Symbols the code draws itself, beside the words of the translation tables (whose glyphs are added
// from the tables).
const char* kConsoleSymbols = "¥·…⋯—–→←↑↓▶■●○✓✗×°％";

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

FontAtlasBuild::~FontAtlasBuild() {
    if (atlas) IM_DELETE(atlas);
}

ConsoleFontSet::ConsoleFontSet() = default;
ConsoleFontSet::~ConsoleFontSet() = default;

ConsoleFonts ConsoleFontSet::addFonts(ImFontAtlas& atlas, const ImVector<ImWchar>& body,
                                      const ImVector<ImWchar>& large) const {
    auto add = [&](float pixels, const ImVector<ImWchar>& ranges) {
        ImFontConfig config;
        config.FontNo = kSimplifiedChineseFace;
        config.FontDataOwnedByAtlas = false; // one copy of the 20 MB collection for every size and atlas
        // CJK glyphs are dense: no horizontal oversampling keeps the atlas a quarter the size.
        config.OversampleH = 1;
        config.OversampleV = 1;
        config.PixelSnapH = true;
        // ImGui takes a non-const pointer but only reads a font it does not own.
        return atlas.AddFontFromMemoryTTF(const_cast<char*>(m_fontBytes.data()),
                                          static_cast<int>(m_fontBytes.size()), pixels * m_scale, &config,
                                          ranges.Data);
    };
    ConsoleFonts fonts;
    fonts.body = add(17.0f, body);
    fonts.large = add(30.0f, large);
    fonts.huge = add(54.0f, large);
    return fonts;
}

ConsoleFonts ConsoleFontSet::load(float scale, const std::vector<std::string>& texts, std::string& warning) {
    ImGuiIO& io = ImGui::GetIO();
    m_scale = scale;
    ConsoleFonts fonts;
    {
        std::ifstream in(consoleFontPath(), std::ios::binary | std::ios::ate);
        const std::streamsize size = in ? static_cast<std::streamsize>(in.tellg()) : 0;
        m_fontBytes.resize(size > 0 ? static_cast<size_t>(size) : 0);
        in.seekg(0);
        if (size <= 0 || !in.read(m_fontBytes.data(), size)) m_fontBytes.clear();
    }
    if (m_fontBytes.empty()) {
        warning = i18n::trf("console.font_missing", {{"path", consoleFontPath()}});
        ImFontConfig config;
        config.SizePixels = 15.0f * scale;
        fonts.body = io.Fonts->AddFontDefault(&config);
        fonts.large = fonts.huge = fonts.body;
        return fonts;
    }

    // The body font carries the ~2,500 common characters, for viewers'
    // comments; the big sizes only what the show and the console print, so
    // the atlas stays small enough to build in a moment. Every language's
    // table goes in: switching the language needs no new atlas.
    m_body.AddRanges(io.Fonts->GetGlyphRangesChineseSimplifiedCommon());
    m_large.AddRanges(io.Fonts->GetGlyphRangesDefault());
    for (ImFontGlyphRangesBuilder* builder : {&m_body, &m_large}) {
        builder->AddText(kConsoleSymbols);
        for (i18n::Language language : i18n::allLanguages()) {
            builder->AddText(i18n::languageName(language));
            for (const std::string& text : i18n::tableTexts(language))
                builder->AddText(text.c_str());
        }
        for (const std::string& text : texts)
            builder->AddText(text.c_str());
    }
    m_body.BuildRanges(&m_bodyRanges);
    m_large.BuildRanges(&m_largeRanges);

    fonts = addFonts(*io.Fonts, m_bodyRanges, m_largeRanges);
    if (!fonts.body || !fonts.large || !fonts.huge) {
        warning = i18n::trf("console.font_unusable", {{"path", consoleFontPath()}});
        io.Fonts->Clear();
        m_fontBytes.clear();
        fonts.body = fonts.large = fonts.huge = io.Fonts->AddFontDefault();
    }
    return fonts;
}

void ConsoleFontSet::fillCoverage(GlyphCoverage& coverage) const {
    // Without the font there is no glyph to add: nothing is ever queued.
    const bool everything = m_fontBytes.empty();
    // Text noticed at run time (comments, viewers' names, alerts, notes) is drawn in the body font: the
    // large and huge ones carry only what the show and the console print. So the body's glyphs are the
    // coverage, and a comment in common characters needs no new atlas.
    for (char32_t c = 0; c <= 0xFFFF; ++c)
        if (everything || m_body.GetBit(c)) coverage.cover(c);
    // ImGui 1.86 as Debian builds it has 16-bit ImWchar: a character beyond the BMP cannot be in an atlas
    // and draws as the fallback, so it is not queued for one.
    if (sizeof(ImWchar) == 2)
        for (char32_t c = 0x10000; c < 0x110000; ++c)
            coverage.cover(c);
}

std::unique_ptr<FontAtlasBuild> ConsoleFontSet::prepare(const std::vector<char32_t>& extra) const {
    auto build = std::make_unique<FontAtlasBuild>();
    build->body = m_body;
    build->large = m_large;
    for (char32_t c : extra)
        if (c <= 0xFFFF) build->body.AddChar(static_cast<ImWchar>(c));
    build->body.BuildRanges(&build->bodyRanges);
    build->large.BuildRanges(&build->largeRanges);
    return build;
}

void ConsoleFontSet::build(FontAtlasBuild& build) const {
    build.atlas = IM_NEW(ImFontAtlas)();
    build.fonts = addFonts(*build.atlas, build.bodyRanges, build.largeRanges);
    // The rasterising and the RGBA copy the OpenGL backend uploads: the slow part, done here.
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    build.atlas->GetTexDataAsRGBA32(&pixels, &width, &height);
}

void ConsoleFontSet::adopt(std::unique_ptr<FontAtlasBuild> build) {
    m_body = build->body;
    m_large = build->large;
    build->atlas = nullptr;       // the ImGui context owns it now
    m_current = std::move(build); // the atlas before it is gone, and so may its ranges be
}

} // namespace hawker::studio::console
