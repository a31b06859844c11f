// Where the scenes, layers and slots are in a show file's text.

#include "scene_text.hpp"

#include <algorithm>

#include "hawker/studio/show/show_file_edit.hpp"

namespace hawker::studio::detail {

namespace {

size_t lineNumber(std::string_view text, size_t pos) {
    return 1 + static_cast<size_t>(
                   std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

Entry inlineEntry(std::string_view text, const toml_spans::Element& element) {
    if (text[element.begin] != '{')
        throw ShowFileEditError("expected an inline table { ... } at '" +
                                std::string(text.substr(element.begin, element.end - element.begin)) + "'");
    Entry entry;
    entry.begin = element.begin;
    entry.end = element.end;
    entry.keys = toml_spans::scanInlineTable(text, element.begin).keys;
    return entry;
}

Entry tableEntry(std::string_view text, const toml_spans::Table& table) {
    Entry entry;
    entry.inlineTable = false;
    entry.begin = table.headerBegin;
    entry.end = table.contentEnd();
    entry.keys = table.keys;
    entry.indent =
        toml_spans::indentOf(text, table.keys.empty() ? table.headerBegin : table.keys[0].keyBegin);
    return entry;
}

} // namespace

std::string_view valueOf(std::string_view text, const KeyValue& kv) {
    return text.substr(kv.valueBegin, kv.valueEnd - kv.valueBegin);
}

std::vector<SceneText> locateScenes(std::string_view text, const std::vector<toml_spans::Table>& tables) {
    for (const KeyValue& kv : tables[0].keys)
        if (kv.key == "scenes" || kv.key.rfind("scenes.", 0) == 0)
            throw ShowFileEditError("the scenes are written as an inline list (scenes = [...]); Save show "
                                    "edits [[scenes]] tables only");
    std::vector<SceneText> scenes;
    for (const toml_spans::Table& table : tables) {
        if (table.name == "scenes" && !table.arrayOfTables)
            throw ShowFileEditError("[scenes] is a table; Save show edits [[scenes]] tables only");
        if (table.name == "scenes") {
            SceneText& scene = scenes.emplace_back();
            scene.table = &table;
            scene.layers.key = "layers";
            scene.slots.key = "slots";
            for (const KeyValue& kv : table.keys) {
                if (kv.key == "id" && (text[kv.valueBegin] == '"' || text[kv.valueBegin] == '\''))
                    scene.id = toml_spans::decodeString(valueOf(text, kv));
                EntryList* list = kv.key == "layers"  ? &scene.layers
                                  : kv.key == "slots" ? &scene.slots
                                                      : nullptr;
                if (!list) continue;
                if (text[kv.valueBegin] != '[')
                    throw ShowFileEditError("the scene at line " +
                                            std::to_string(lineNumber(text, kv.keyBegin)) + ": " + kv.key +
                                            " is not a list");
                list->form = EntryList::Form::Inline;
                list->keyValue = &kv;
                list->array = toml_spans::scanArray(text, kv.valueBegin);
                for (const toml_spans::Element& element : list->array.elements)
                    list->entries.push_back(inlineEntry(text, element));
            }
        } else if (!scenes.empty() && table.name.rfind("scenes.", 0) == 0) {
            SceneText& scene = scenes.back();
            EntryList* list = !table.arrayOfTables            ? nullptr
                              : table.name == "scenes.layers" ? &scene.layers
                              : table.name == "scenes.slots"  ? &scene.slots
                                                              : nullptr;
            if (list) {
                list->form = EntryList::Form::Tables;
                list->entries.push_back(tableEntry(text, table));
            }
        } else {
            continue;
        }
        scenes.back().end = std::max(scenes.back().end, table.contentEnd());
    }
    return scenes;
}

} // namespace hawker::studio::detail
