#pragma once
// Where a show file's scenes, and their layers and slots, are in its text
// (internal to studio/show), for the show-file writer: each layer or slot is
// an inline table in a `layers = [...]` list or a [[scenes.layers]] table.

#include <string>
#include <string_view>
#include <vector>

#include "toml_spans.hpp"

namespace hawker::studio::detail {

using toml_spans::KeyValue;

/// One layer or slot as written: an inline table, or a [[scenes.layers]] table.
struct Entry {
    bool inlineTable = true;
    /// Inline: from '{' to just after '}'; a table: from its header's line to its content's end.
    size_t begin = 0, end = 0;
    std::vector<KeyValue> keys;
    std::string indent; ///< a table's: the indentation of its key lines
    const KeyValue* find(std::string_view key) const {
        for (const KeyValue& kv : keys)
            if (kv.key == key) return &kv;
        return nullptr;
    }
};

/// A scene's layers or slots as written.
struct EntryList {
    enum class Form { Missing, Inline, Tables } form = Form::Missing;
    const char* key = "";               ///< "layers" or "slots"
    const KeyValue* keyValue = nullptr; ///< Inline: `layers = [...]`
    toml_spans::Array array;            ///< Inline
    std::vector<Entry> entries;
};

/// A [[scenes]] table and the [[scenes.layers]] / [[scenes.slots]] tables that follow it.
struct SceneText {
    std::string id;
    const toml_spans::Table* table = nullptr;
    size_t end = 0; ///< after the last line of its tables
    EntryList layers, slots;
};

/// The text of a key's value.
std::string_view valueOf(std::string_view text, const KeyValue& kv);

/// Every [[scenes]] table of the text, with its layers and slots located; `tables` are the text's
/// (scanDocument) and must outlive the result. Throws ShowFileEditError for scenes written in
/// another form (an inline list of scenes, a [scenes] table).
std::vector<SceneText> locateScenes(std::string_view text, const std::vector<toml_spans::Table>& tables);

} // namespace hawker::studio::detail
