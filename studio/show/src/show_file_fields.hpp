#pragma once
// Show file reading helpers shared by the show file's parts (internal to
// studio/src): a TOML table that reports unknown keys and bad values with the
// field's full path.

#include <filesystem>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <toml++/toml.h>

#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio::detail {

/// Reads one TOML table, remembering which keys were used so that a typo
/// ("widht") is reported instead of silently ignored.
class Fields {
public:
    Fields(const toml::table& table, std::string path, const std::string& file)
        : m_table(table), m_path(std::move(path)), m_file(file) {}

    std::string field(const std::string& key) const { return m_path.empty() ? key : m_path + "." + key; }
    [[noreturn]] void fail(const std::string& key, const std::string& message) const {
        throw ShowFileError(m_file + ": " + field(key) + ": " + message);
    }
    const toml::node* node(const std::string& key) {
        m_used.insert(key);
        return m_table.get(key);
    }
    bool has(const std::string& key) const { return m_table.contains(key); }

    std::optional<std::string> optString(const std::string& key) {
        const toml::node* n = node(key);
        if (!n) return std::nullopt;
        if (!n->is_string()) fail(key, "expected a string");
        return n->as_string()->get();
    }
    std::string reqString(const std::string& key) {
        auto value = optString(key);
        if (!value) fail(key, "missing");
        if (value->empty()) fail(key, "must not be empty");
        return *value;
    }
    int optInt(const std::string& key, int fallback, int min, int max) {
        return static_cast<int>(optInt64(key, fallback, min, max));
    }
    double optNumber(const std::string& key, double fallback, double min, double max) {
        const toml::node* n = node(key);
        if (!n) return fallback;
        double value;
        if (n->is_integer())
            value = static_cast<double>(n->as_integer()->get());
        else if (n->is_floating_point())
            value = n->as_floating_point()->get();
        else
            fail(key, "expected a number");
        if (!(value >= min && value <= max)) {
            std::ostringstream range;
            range << min << ".." << max;
            fail(key, "out of range " + range.str());
        }
        return value;
    }
    std::optional<bool> optBool(const std::string& key) {
        const toml::node* n = node(key);
        if (!n) return std::nullopt;
        if (!n->is_boolean()) fail(key, "expected true or false");
        return n->as_boolean()->get();
    }
    const toml::array* optArray(const std::string& key) {
        const toml::node* n = node(key);
        if (!n) return nullptr;
        if (!n->is_array()) fail(key, "expected a list");
        return n->as_array();
    }
    const toml::table* optTable(const std::string& key) {
        const toml::node* n = node(key);
        if (!n) return nullptr;
        if (!n->is_table()) fail(key, "expected a table");
        return n->as_table();
    }
    cv::Rect reqRect(const std::string& key) {
        const toml::array* list = optArray(key);
        if (!list) fail(key, "missing");
        if (list->size() != 4) fail(key, "expected 4 integers [x, y, w, h]");
        int v[4];
        for (size_t i = 0; i < 4; ++i) {
            const auto* n = list->get(i) ? list->get(i)->as_integer() : nullptr;
            if (!n) fail(key, "expected 4 integers [x, y, w, h]");
            const int64_t value = n->get();
            if (value < -100000 || value > 100000) fail(key, "value out of range");
            v[i] = static_cast<int>(value);
        }
        if (v[2] <= 0 || v[3] <= 0) fail(key, "width and height must be positive");
        return {v[0], v[1], v[2], v[3]};
    }
    int64_t optInt64(const std::string& key, int64_t fallback, int64_t min, int64_t max) {
        const toml::node* n = node(key);
        if (!n) return fallback;
        if (!n->is_integer()) fail(key, "expected a whole number");
        const int64_t value = n->as_integer()->get();
        if (value < min || value > max)
            fail(key, std::to_string(value) + " is out of range " + std::to_string(min) + ".." +
                          std::to_string(max));
        return value;
    }
    std::vector<std::string> unusedKeys() const {
        std::vector<std::string> keys;
        for (const auto& [key, value] : m_table)
            if (!m_used.count(std::string(key.str()))) keys.emplace_back(key.str());
        return keys;
    }
    /// Two whole numbers, e.g. a size or an offset.
    std::optional<std::pair<int, int>> optPair(const std::string& key, const std::string& form) {
        const toml::array* list = optArray(key);
        if (!list) return std::nullopt;
        const auto* a = list->size() == 2 && list->get(0) ? list->get(0)->as_integer() : nullptr;
        const auto* b = list->size() == 2 && list->get(1) ? list->get(1)->as_integer() : nullptr;
        if (!a || !b) fail(key, "expected " + form);
        const int64_t x = a->get(), y = b->get();
        if (x < -100000 || x > 100000 || y < -100000 || y > 100000) fail(key, "value out of range");
        return std::pair{static_cast<int>(x), static_cast<int>(y)};
    }
    /// Every key of the table must have been read.
    void finish() const {
        for (const auto& [key, value] : m_table) {
            const std::string name(key.str());
            if (!m_used.count(name)) fail(name, "unknown key");
        }
    }

private:
    const toml::table& m_table;
    std::string m_path;
    const std::string& m_file;
    std::set<std::string> m_used;
};

/// Each entry of an array of tables, with its indexed path ("scenes[1]").
template <typename Fn>
void forEachTable(Fields& parent, const std::string& key, const std::string& file, Fn fn) {
    const toml::array* list = parent.optArray(key);
    if (!list) return;
    for (size_t i = 0; i < list->size(); ++i) {
        const std::string path = parent.field(key) + "[" + std::to_string(i) + "]";
        const toml::table* table = list->get(i) ? list->get(i)->as_table() : nullptr;
        if (!table) throw ShowFileError(file + ": " + path + ": expected a table");
        Fields fields(*table, path, file);
        fn(fields, i);
        fields.finish();
    }
}

inline std::filesystem::path resolve(const std::filesystem::path& base, const std::string& path) {
    std::filesystem::path p(path);
    return p.is_absolute() ? p : base / p;
}

/// A list of strings (selling points, talking points, banned words).
inline std::vector<std::string> stringList(Fields& f, const std::string& key) {
    std::vector<std::string> out;
    if (const toml::array* list = f.optArray(key)) {
        for (const auto& item : *list) {
            if (!item.is_string()) f.fail(key, "expected a list of strings");
            out.push_back(item.as_string()->get());
        }
    }
    return out;
}

} // namespace hawker::studio::detail
