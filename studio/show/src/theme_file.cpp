#include "hawker/studio/show/theme_file.hpp"

#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "hawker/studio/base/assets.hpp"
#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio {

overlay::Theme loadTheme(const std::filesystem::path& path) {
    const std::string file = path.string();
    std::ifstream in(path);
    if (!in) throw ShowFileError(file + ": cannot read the theme");
    std::ostringstream text;
    text << in.rdbuf();
    toml::table root;
    try {
        root = toml::parse(text.str(), file);
    } catch (const toml::parse_error& error) {
        throw ShowFileError(file + ":" + std::to_string(error.source().begin.line) + ": " +
                            std::string(error.description()));
    }
    overlay::Theme theme;
    auto fail = [&](const std::string& field, const std::string& message) {
        throw ShowFileError(file + ": " + field + ": " + message);
    };
    if (const toml::table* colors = root["colors"].as_table()) {
        const std::pair<const char*, cv::Scalar*> slots[] = {
            {"panel", &theme.panel},   {"panel_strong", &theme.panelStrong},
            {"accent", &theme.accent}, {"price", &theme.price},
            {"text", &theme.text},     {"muted_text", &theme.mutedText},
            {"urgent", &theme.urgent}, {"track", &theme.track},
            {"good", &theme.good}};
        for (const auto& [key, value] : *colors) {
            const std::string name(key.str());
            cv::Scalar* target = nullptr;
            for (const auto& [slotName, slot] : slots)
                if (name == slotName) target = slot;
            if (!target) fail("colors." + name, "unknown colour");
            const auto parsed = value.is_string() ? parseColor(value.as_string()->get()) : std::nullopt;
            if (!parsed) fail("colors." + name, "expected #RRGGBB or #RRGGBBAA");
            *target = cv::Scalar(parsed->b, parsed->g, parsed->r, parsed->a);
        }
    }
    auto integer = [&](const char* table, const char* key, int& target, int min, int max) {
        const toml::node* n = root[table][key].node();
        if (!n) return;
        if (!n->is_integer() || n->as_integer()->get() < min || n->as_integer()->get() > max)
            fail(std::string(table) + "." + key,
                 "expected a whole number " + std::to_string(min) + ".." + std::to_string(max));
        target = static_cast<int>(n->as_integer()->get());
    };
    integer("shape", "corner_radius", theme.cornerRadius, 0, 200);
    integer("shape", "padding", theme.padding, 0, 200);
    integer("shape", "margin", theme.margin, 0, 500);
    integer("animation", "duration_ms", theme.animationMs, 0, 3000);
    if (const toml::node* kind = root["animation"]["kind"].node()) {
        const std::string value = kind->is_string() ? kind->as_string()->get() : "";
        if (value == "slide")
            theme.animation = overlay::Animation::Slide;
        else if (value == "fade")
            theme.animation = overlay::Animation::Fade;
        else
            fail("animation.kind", "expected slide or fade");
    }
    auto fraction = [&](const char* key, double& target) {
        const toml::node* n = root["safe_area"][key].node();
        if (!n) return;
        const auto value = n->value<double>();
        if (!value || *value < 0 || *value > 0.45) fail(std::string("safe_area.") + key, "expected 0..0.45");
        target = *value;
    };
    fraction("top", theme.safeArea.top);
    fraction("right", theme.safeArea.right);
    fraction("bottom", theme.safeArea.bottom);
    fraction("left", theme.safeArea.left);
    return theme;
}

overlay::Theme loadShowTheme(const ShowSpec& show) {
    overlay::Theme theme = loadTheme(show.graphics.theme.empty() ? assetsDir() / "themes" / "default.toml"
                                                                 : show.graphics.theme);
    if (show.graphics.safeArea) theme.safeArea = *show.graphics.safeArea;
    if (show.graphics.animation) theme.animation = *show.graphics.animation;
    if (show.graphics.animationMs) theme.animationMs = *show.graphics.animationMs;
    return theme;
}

} // namespace hawker::studio
