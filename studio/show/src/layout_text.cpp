// The spelling of layers and slots in the show file, for the show-file writer.

#include "layout_text.hpp"

#include "toml_spans.hpp"

namespace hawker::studio::detail {

namespace {

bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

} // namespace

std::string formatInts(const std::vector<int>& values, std::string_view like) {
    // The spacing of the value being replaced: after '[', around the commas, before ']'. A value
    // spread over lines or holding a comment is not copied; the default is example.toml's.
    std::string lead, separator = ", ", trail;
    if (like.size() >= 2 && like.front() == '[' && like.back() == ']' &&
        like.find_first_of("\n#") == std::string_view::npos) {
        const std::string_view inner = like.substr(1, like.size() - 2);
        const size_t first = inner.find_first_not_of(" \t");
        const size_t last = inner.find_last_not_of(" \t");
        if (first != std::string_view::npos) {
            lead = inner.substr(0, first);
            trail = inner.substr(last + 1);
            const size_t comma = inner.find(',');
            if (comma != std::string_view::npos) {
                size_t before = comma, after = comma + 1;
                while (before > 0 && isBlank(inner[before - 1]))
                    --before;
                while (after < inner.size() && isBlank(inner[after]))
                    ++after;
                separator = inner.substr(before, after - before);
            }
        }
    }
    std::string out = "[" + lead;
    for (size_t i = 0; i < values.size(); ++i) {
        if (i) out += separator;
        out += std::to_string(values[i]);
    }
    return out + trail + "]";
}

std::string formatRect(const cv::Rect& rect, std::string_view like) {
    return formatInts({rect.x, rect.y, rect.width, rect.height}, like);
}

bool writtenLowerCase(std::string_view written) {
    return written.find_first_of("abcdef") != std::string_view::npos &&
           written.find_first_of("ABCDEF") == std::string_view::npos;
}

std::string imagePathText(const std::filesystem::path& image, const std::filesystem::path& baseDir) {
    if (image.is_absolute() && !baseDir.empty()) {
        const std::filesystem::path relative = image.lexically_normal().lexically_relative(
            std::filesystem::absolute(baseDir).lexically_normal());
        if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
    }
    return image.generic_string();
}

LayoutFields layerFields(const LayerSpec& layer, const std::filesystem::path& baseDir) {
    LayoutFields fields;
    switch (layer.kind) {
    case LayerSpec::Kind::Source:
        fields = {{"kind", "\"source\""}, {"source", toml_spans::quoteString(layer.source)}};
        break;
    case LayerSpec::Kind::Image:
        fields = {{"kind", "\"image\""},
                  {"path", toml_spans::quoteString(imagePathText(layer.image, baseDir))}};
        break;
    case LayerSpec::Kind::Color:
        fields = {{"kind", "\"color\""}, {"color", "\"" + formatColor(layer.color, false) + "\""}};
        break;
    }
    fields.emplace_back("rect", formatRect(layer.rect));
    if (layer.fit != overlay::Fit::Cover)
        fields.emplace_back("fit", toml_spans::quoteString(overlay::toString(layer.fit)));
    return fields;
}

LayoutFields slotFields(const SlotSpec& slot) {
    LayoutFields fields = {{"name", toml_spans::quoteString(slot.name)}};
    if (slot.anchor.empty()) {
        fields.emplace_back("rect", formatRect(slot.rect));
        return fields;
    }
    fields.emplace_back("anchor", toml_spans::quoteString(slot.anchor));
    fields.emplace_back("size", formatInts({slot.size.width, slot.size.height}));
    if (slot.offset != cv::Point()) fields.emplace_back("offset", formatInts({slot.offset.x, slot.offset.y}));
    return fields;
}

std::string inlineTable(const LayoutFields& fields) {
    std::string out = "{ ";
    for (size_t i = 0; i < fields.size(); ++i)
        out += (i ? ", " : "") + fields[i].first + " = " + fields[i].second;
    return out + " }";
}

std::string keyLines(const LayoutFields& fields, std::string_view indent, std::string_view newline) {
    std::string out;
    for (const auto& [key, value] : fields) {
        out += indent;
        out += key + " = " + value;
        out += newline;
    }
    return out;
}

} // namespace hawker::studio::detail
