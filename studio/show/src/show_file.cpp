#include "hawker/studio/show/show_file.hpp"

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string_view>

#include <toml++/toml.h>

#include "hawker/studio/base/translations.hpp"
#include "show_file_sections.hpp"

namespace hawker::studio {

using namespace detail;

cv::Rect anchorSlot(const SlotSpec& slot, const cv::Rect& safe, int margin) {
    const std::string& a = slot.anchor;
    const int w = slot.size.width, h = slot.size.height;
    int x = safe.x + (safe.width - w) / 2, y = safe.y + (safe.height - h) / 2;
    if (a.find("left") != std::string::npos) x = safe.x + margin + slot.offset.x;
    if (a.find("right") != std::string::npos) x = safe.br().x - margin - w - slot.offset.x;
    if (a.rfind("top", 0) == 0) y = safe.y + margin + slot.offset.y;
    if (a.rfind("bottom", 0) == 0) y = safe.br().y - margin - h - slot.offset.y;
    if (a == "left" || a == "right" || a == "center") y += slot.offset.y;
    if (a == "top" || a == "bottom" || a == "center") x += slot.offset.x;
    return {x & ~1, y & ~1, w & ~1, h & ~1};
}

std::optional<Rgba> parseColor(const std::string& text) {
    if (text.size() != 7 && text.size() != 9) return std::nullopt;
    if (text[0] != '#') return std::nullopt;
    unsigned value[4] = {0, 0, 0, 255};
    for (size_t i = 0; i < (text.size() - 1) / 2; ++i) {
        const std::string pair = text.substr(1 + 2 * i, 2);
        if (pair.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) return std::nullopt;
        value[i] = static_cast<unsigned>(std::stoul(pair, nullptr, 16));
    }
    return Rgba{static_cast<uint8_t>(value[0]), static_cast<uint8_t>(value[1]),
                static_cast<uint8_t>(value[2]), static_cast<uint8_t>(value[3])};
}

std::string formatColor(const Rgba& color, bool lowerCase) {
    const char* format = lowerCase ? "#%02x%02x%02x" : "#%02X%02X%02X";
    char text[16];
    std::snprintf(text, sizeof text, format, color.r, color.g, color.b);
    std::string out = text;
    if (color.a != 255) {
        std::snprintf(text, sizeof text, lowerCase ? "%02x" : "%02X", color.a);
        out += text;
    }
    return out;
}

std::string rectText(const cv::Rect& r) {
    return "[" + std::to_string(r.x) + ", " + std::to_string(r.y) + ", " + std::to_string(r.width) + ", " +
           std::to_string(r.height) + "]";
}

namespace {

/// Every transition: its name in commands and show files, and the key of its name as people read it.
struct TransitionName {
    TransitionKind kind;
    std::string_view name;
    const char* label;
};
constexpr std::array<TransitionName, 3> kTransitions{
    {{TransitionKind::Cut, "cut", i18n::trKey("switcher.kind_cut")},
     {TransitionKind::Fade, "fade", i18n::trKey("switcher.kind_fade")},
     {TransitionKind::Stinger, "stinger", i18n::trKey("switcher.kind_stinger")}}};

const TransitionName& transitionEntry(TransitionKind kind) {
    for (const auto& entry : kTransitions)
        if (entry.kind == kind) return entry;
    return kTransitions[1]; // fade, the default
}

} // namespace

std::optional<TransitionKind> parseTransition(const std::string& name) {
    for (const auto& entry : kTransitions)
        if (entry.name == name) return entry.kind;
    return std::nullopt;
}

const char* toString(TransitionKind kind) {
    return transitionEntry(kind).name.data();
}

const char* labelKey(TransitionKind kind) {
    return transitionEntry(kind).label;
}

const SceneSpec* ShowSpec::findScene(const std::string& id) const {
    for (const auto& scene : scenes)
        if (scene.id == id) return &scene;
    return nullptr;
}

const ProductSpec* ShowSpec::findProduct(const std::string& sku) const {
    for (const auto& product : products)
        if (product.sku == sku) return &product;
    return nullptr;
}

const OfferSpec* ShowSpec::findOffer(const std::string& id) const {
    for (const auto& offer : offers)
        if (offer.id == id) return &offer;
    return nullptr;
}

const SourceSpec* ShowSpec::findSource(const std::string& id) const {
    for (const auto& source : sources)
        if (source.id == id) return &source;
    return nullptr;
}

ShowSpec parseShow(const std::string& text, const std::string& file, const std::filesystem::path& baseDir) {
    toml::table root;
    try {
        root = toml::parse(text, file);
    } catch (const toml::parse_error& error) {
        throw ShowFileError(file + ":" + std::to_string(error.source().begin.line) + ": " +
                            std::string(error.description()));
    }
    ShowSpec show;
    show.baseDir = baseDir;
    Fields top(root, "", file);
    // The order is the sections' dependencies (see show_file_sections.hpp).
    readShowName(top, show, file);
    const std::optional<capture::PlatformPreset> preset = readPlatformPreset(top, file);
    readCanvas(top, show, preset, file);
    readStinger(top, show, file);
    readSources(top, show, file);
    readScenes(top, show, file);
    readProgram(top, show, file);
    readEncoder(top, show, preset, file);
    readOutputs(top, show, file);
    readProducts(top, show, file);
    readGraphics(top, show, file);
    readSellingSections(top, show, file);
    readAccessSections(top, show, file);
    readConnectors(top, show, file);
    readAnalyticsSections(top, show, file);
    readCues(top, show, file);
    top.finish();
    return show;
}

ShowSpec loadShowFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ShowFileError(path.string() + ": cannot read the show file");
    std::ostringstream text;
    text << in.rdbuf();
    const auto absolute = std::filesystem::absolute(path);
    ShowSpec show = parseShow(text.str(), path.string(), absolute.parent_path());
    show.file = absolute;
    return show;
}

} // namespace hawker::studio
