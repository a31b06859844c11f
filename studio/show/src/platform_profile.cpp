#include "hawker/studio/show/platform_profile.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>

#include "hawker/studio/base/assets.hpp"
#include "hawker/studio/base/joined_text.hpp"
#include "hawker/studio/show/show_file.hpp"

#include "show_file_fields.hpp"

namespace hawker::studio {

namespace {

/// What a rule's table may hold: a range, a list of allowed values, or the sides of the picture.
enum class Shape { Range, OneOf, Sides };

struct RuleKeyInfo {
    RuleKey key;
    const char* name;
    Shape shape;
};

constexpr std::array<RuleKeyInfo, 15> kRuleKeys = {{
    {RuleKey::VideoCodec, "video_codec", Shape::OneOf},
    {RuleKey::VideoProfile, "video_profile", Shape::OneOf},
    {RuleKey::VideoLevel, "video_level", Shape::Range},
    {RuleKey::Resolution, "resolution", Shape::OneOf},
    {RuleKey::Orientation, "orientation", Shape::OneOf},
    {RuleKey::Fps, "fps", Shape::Range},
    {RuleKey::VideoKbps, "video_kbps", Shape::Range},
    {RuleKey::KeyintSeconds, "keyint_s", Shape::Range},
    {RuleKey::AudioCodec, "audio_codec", Shape::OneOf},
    {RuleKey::AudioRate, "audio_rate", Shape::OneOf},
    {RuleKey::AudioChannels, "audio_channels", Shape::OneOf},
    {RuleKey::AudioKbps, "audio_kbps", Shape::Range},
    {RuleKey::InterleaveMs, "interleave_ms", Shape::Range},
    {RuleKey::Protocol, "protocol", Shape::OneOf},
    {RuleKey::SafeArea, "safe_area", Shape::Sides},
}};

constexpr std::array<const char*, 5> kConfidenceNames = {"documented", "code", "secondary", "assumed",
                                                         "user"};

const RuleKeyInfo& infoOf(RuleKey key) {
    return kRuleKeys[static_cast<size_t>(key)];
}

bool validId(const std::string& id) {
    return !id.empty() && id.size() <= 40 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

/// A list's values as written: strings as they are, numbers without a trailing ".0".
std::vector<std::string> valueList(detail::Fields& f, const std::string& key) {
    const toml::array* list = f.optArray(key);
    if (!list) return {};
    std::vector<std::string> values;
    for (const toml::node& node : *list) {
        if (const auto* text = node.as_string())
            values.push_back(text->get());
        else if (const auto* whole = node.as_integer())
            values.push_back(std::to_string(whole->get()));
        else
            f.fail(key, "expected a list of strings or whole numbers");
    }
    if (values.empty()) f.fail(key, "must not be empty");
    return values;
}

std::optional<double> optionalNumber(detail::Fields& f, const std::string& key, double max) {
    if (!f.has(key)) return std::nullopt;
    return f.optNumber(key, 0, 0, max);
}

/// Reads (or, with `base`, overrides) one rule from its table.
ProfileRule readRule(detail::Fields& f, RuleKey key, const ProfileRule* base, bool fromShowFile) {
    ProfileRule rule = base ? *base : ProfileRule{};
    rule.key = key;
    switch (infoOf(key).shape) {
    case Shape::Range:
        if (f.has("min")) rule.min = optionalNumber(f, "min", 1e9);
        if (f.has("max")) rule.max = optionalNumber(f, "max", 1e9);
        if (f.has("recommended_min")) rule.recommendedMin = optionalNumber(f, "recommended_min", 1e9);
        if (f.has("recommended_max")) rule.recommendedMax = optionalNumber(f, "recommended_max", 1e9);
        if (rule.min && rule.max && *rule.min > *rule.max) f.fail("max", "is below min");
        if (!rule.min && !rule.max && !rule.recommendedMin && !rule.recommendedMax)
            f.fail("max", "a range rule needs min, max, recommended_min or recommended_max");
        break;
    case Shape::OneOf:
        if (f.has("one_of")) rule.oneOf = valueList(f, "one_of");
        if (rule.oneOf.empty()) f.fail("one_of", "missing");
        break;
    case Shape::Sides:
        rule.covered.top = f.optNumber("top", rule.covered.top, 0, 0.45);
        rule.covered.right = f.optNumber("right", rule.covered.right, 0, 0.45);
        rule.covered.bottom = f.optNumber("bottom", rule.covered.bottom, 0, 0.45);
        rule.covered.left = f.optNumber("left", rule.covered.left, 0, 0.45);
        break;
    }
    if (fromShowFile) {
        // The user's word: enforced, and said to come from the show file.
        rule.source = "the show file";
        rule.confidence = Confidence::User;
    } else {
        rule.source = f.reqString("source");
        const std::string confidence = f.reqString("confidence");
        const auto parsed = confidenceFromName(confidence);
        if (!parsed || *parsed == Confidence::User)
            f.fail("confidence", "expected documented, code, secondary or assumed");
        rule.confidence = *parsed;
    }
    f.finish();
    return rule;
}

/// Report order, whatever the file's order.
void sortRules(PlatformProfile& profile) {
    std::sort(profile.rules.begin(), profile.rules.end(),
              [](const ProfileRule& a, const ProfileRule& b) { return a.key < b.key; });
}

} // namespace

const char* ruleName(RuleKey key) {
    return infoOf(key).name;
}

std::optional<RuleKey> ruleKeyFromName(const std::string& name) {
    for (const RuleKeyInfo& info : kRuleKeys)
        if (name == info.name) return info.key;
    return std::nullopt;
}

const std::vector<RuleKey>& allRuleKeys() {
    static const std::vector<RuleKey> keys = [] {
        std::vector<RuleKey> all;
        for (const RuleKeyInfo& info : kRuleKeys)
            all.push_back(info.key);
        return all;
    }();
    return keys;
}

const char* toString(Confidence confidence) {
    return kConfidenceNames[static_cast<size_t>(confidence)];
}

std::optional<Confidence> confidenceFromName(const std::string& name) {
    for (size_t i = 0; i < kConfidenceNames.size(); ++i)
        if (name == kConfidenceNames[i]) return static_cast<Confidence>(i);
    return std::nullopt;
}

bool enforced(Confidence confidence) {
    return confidence == Confidence::Documented || confidence == Confidence::Code ||
           confidence == Confidence::User;
}

const ProfileRule* PlatformProfile::find(RuleKey key) const {
    for (const ProfileRule& rule : rules)
        if (rule.key == key) return &rule;
    return nullptr;
}

PlatformProfile parsePlatformProfile(const std::string& text, const std::string& id,
                                     const std::string& displayName) {
    toml::table top;
    try {
        top = toml::parse(text, displayName);
    } catch (const toml::parse_error& error) {
        std::ostringstream message;
        message << displayName << ":" << error.source().begin.line << ": " << error.description();
        throw ShowFileError(message.str());
    }
    detail::Fields f(top, "", displayName);
    PlatformProfile profile;
    profile.id = id;
    profile.name = f.reqString("name");
    profile.note = f.optString("note").value_or("");
    if (const toml::table* rules = f.optTable("rules")) {
        for (const auto& [key, node] : *rules) {
            const std::string name(key.str());
            const auto ruleKey = ruleKeyFromName(name);
            if (!ruleKey) throw ShowFileError(displayName + ": rules." + name + ": not a rule Hawker checks");
            if (!node.is_table()) throw ShowFileError(displayName + ": rules." + name + ": expected a table");
            detail::Fields rf(*node.as_table(), "rules." + name, displayName);
            profile.rules.push_back(readRule(rf, *ruleKey, nullptr, false));
        }
    }
    f.finish();
    sortRules(profile);
    return profile;
}

PlatformProfile loadPlatformProfile(const std::string& id) {
    if (!validId(id))
        throw ShowFileError("'" + id +
                            "' is not a platform profile name (lower-case letters, digits, - and _)");
    const std::filesystem::path file = assetsDir() / "platforms" / (id + ".toml");
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw ShowFileError("no platform profile '" + id +
                            "' (known: " + joinedText(platformProfileIds(), ", ") + ")");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parsePlatformProfile(text.str(), id, file.filename().string());
}

std::vector<std::string> platformProfileIds() {
    std::vector<std::string> ids;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(assetsDir() / "platforms", error))
        if (entry.path().extension() == ".toml" && validId(entry.path().stem().string()))
            ids.push_back(entry.path().stem().string());
    std::sort(ids.begin(), ids.end());
    return ids;
}

void overrideRules(PlatformProfile& profile, const toml::table& rules, const std::string& where,
                   const std::string& file) {
    for (const auto& [key, node] : rules) {
        const std::string name(key.str());
        const auto ruleKey = ruleKeyFromName(name);
        if (!ruleKey) throw ShowFileError(file + ": " + where + "." + name + ": not a rule Hawker checks");
        if (!node.is_table()) throw ShowFileError(file + ": " + where + "." + name + ": expected a table");
        detail::Fields f(*node.as_table(), where + "." + name, file);
        auto existing = std::find_if(profile.rules.begin(), profile.rules.end(),
                                     [&](const ProfileRule& r) { return r.key == *ruleKey; });
        ProfileRule rule =
            readRule(f, *ruleKey, existing == profile.rules.end() ? nullptr : &*existing, true);
        if (existing == profile.rules.end())
            profile.rules.push_back(std::move(rule));
        else
            *existing = std::move(rule);
    }
    sortRules(profile);
}

} // namespace hawker::studio
