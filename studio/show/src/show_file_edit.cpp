// File → Save show: scene layouts written back into the show file's own text.
//
// The file is edited, not regenerated: the scanner (toml_spans) says where
// each scene's layers and slots are, the writer compares each entry as the
// show read it with the entry as edited on screen, and collects replacements
// of just the values that changed. Nothing is written into the text until
// every scene has been worked out, so a scene the writer cannot edit leaves
// the text as it was.

#include "hawker/studio/show/show_file_edit.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <toml++/toml.h>

#include "layout_text.hpp"
#include "scene_text.hpp"
#include "show_file_fields.hpp"
#include "toml_spans.hpp"

namespace hawker::studio {

namespace {

namespace fs = std::filesystem;
using detail::Entry;
using detail::EntryList;
using detail::LayoutFields;
using detail::SceneText;
using detail::valueOf;
using toml_spans::KeyValue;

struct Edit {
    size_t begin, end;
    std::string text;
};

/// Edits in order of position; touching edits are fine, overlapping ones are not.
bool overlapping(std::vector<Edit>& edits) {
    // Insertions go before a replacement that starts at the same place.
    std::stable_sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
        if (a.begin != b.begin) return a.begin < b.begin;
        return (a.begin == a.end) > (b.begin == b.end);
    });
    for (size_t i = 1; i < edits.size(); ++i)
        if (edits[i].begin < edits[i - 1].end) return true;
    return false;
}

/// text[begin, end) with `edits` (sorted, inside it) made.
std::string applyEdits(std::string_view text, size_t begin, size_t end, const std::vector<Edit>& edits) {
    std::string out;
    size_t pos = begin;
    for (const Edit& edit : edits) {
        out.append(text.substr(pos, edit.begin - pos));
        out += edit.text;
        pos = edit.end;
    }
    out.append(text.substr(pos, end - pos));
    return out;
}

class Writer {
public:
    Writer(std::string_view text, const fs::path& baseDir)
        : m_text(text), m_baseDir(baseDir),
          m_newline(text.find("\r\n") != std::string_view::npos ? "\r\n" : "\n") {}

    void editScene(const SceneText& where, const SceneSpec& was, const SceneSpec& now);
    void appendScene(size_t at, const SceneSpec& scene);
    std::string result();

private:
    void replace(size_t begin, size_t end, std::string text) {
        m_edits.push_back({begin, end, std::move(text)});
    }
    void insert(size_t at, std::string text) { replace(at, at, std::move(text)); }
    /// `text` inserted at `at` starts on a line of its own.
    std::string onOwnLine(size_t at, std::string text) const {
        return at > 0 && m_text[at - 1] != '\n' ? m_newline + text : text;
    }

    // One entry's keys.
    void setValue(const Entry& entry, std::string_view key, std::string value);
    void addKey(const Entry& entry, const std::string& key, const std::string& value);
    void replaceKey(const Entry& entry, const KeyValue& kv, const LayoutFields& fields);
    void removeKeys(const Entry& entry, const std::set<std::string>& keys);

    // One layer or slot: the values that changed.
    void editEntry(const Entry& entry, const LayerSpec& was, const LayerSpec& now);
    void editEntry(const Entry& entry, const SlotSpec& was, const SlotSpec& now);
    bool matches(const Entry& entry, const LayerSpec& layer) const;
    bool matches(const Entry& entry, const SlotSpec& slot) const;
    LayoutFields fieldsOf(const LayerSpec& layer) const { return detail::layerFields(layer, m_baseDir); }
    LayoutFields fieldsOf(const SlotSpec& slot) const { return detail::slotFields(slot); }
    std::string entryText(const Entry& entry, const LayoutFields& fields, bool tables) const;

    // A scene's list of layers or slots.
    template <typename Spec>
    void editList(const std::string& scene, const EntryList& list, const toml_spans::Table& table,
                  const std::vector<Spec>& was, const std::vector<Spec>& now);
    template <typename Spec>
    bool editInPlace(const std::string& scene, const EntryList& list, const std::vector<Spec>& was,
                     const std::vector<Spec>& now);
    template <typename Spec>
    void rewriteArray(const EntryList& list, const std::vector<Spec>& was, const std::vector<Spec>& now);
    void removeElements(const EntryList& list, const std::vector<bool>& removed);
    void insertElements(const EntryList& list, int before, const std::vector<std::string>& items,
                        bool lastKept);

    std::string_view m_text;
    fs::path m_baseDir;
    std::string m_newline;
    std::vector<Edit> m_edits;
};

void Writer::setValue(const Entry& entry, std::string_view key, std::string value) {
    if (const KeyValue* kv = entry.find(key))
        replace(kv->valueBegin, kv->valueEnd, std::move(value));
    else
        addKey(entry, std::string(key), value);
}

void Writer::addKey(const Entry& entry, const std::string& key, const std::string& value) {
    if (!entry.inlineTable) {
        insert(entry.end, onOwnLine(entry.end, entry.indent + key + " = " + value + m_newline));
    } else if (entry.keys.empty()) {
        insert(entry.begin + 1, " " + key + " = " + value + " ");
    } else {
        insert(entry.keys.back().valueEnd, ", " + key + " = " + value);
    }
}

void Writer::replaceKey(const Entry& entry, const KeyValue& kv, const LayoutFields& fields) {
    std::string text;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i) text += entry.inlineTable ? ", " : m_newline + entry.indent;
        text += fields[i].first + " = " + fields[i].second;
    }
    replace(kv.keyBegin, kv.valueEnd, std::move(text));
}

void Writer::removeKeys(const Entry& entry, const std::set<std::string>& keys) {
    const size_t n = entry.keys.size();
    for (size_t i = 0; i < n; ++i) {
        if (!keys.count(entry.keys[i].key)) continue;
        if (!entry.inlineTable) {
            replace(entry.keys[i].lineBegin, entry.keys[i].lineEnd, "");
            continue;
        }
        // A run of removed keys goes with the comma before it, or, at the
        // start, with the comma after it, so the commas stay one between keys.
        size_t last = i;
        while (last + 1 < n && keys.count(entry.keys[last + 1].key))
            ++last;
        if (i > 0)
            replace(entry.keys[i - 1].valueEnd, entry.keys[last].valueEnd, "");
        else if (last + 1 < n)
            replace(entry.keys[i].keyBegin, entry.keys[last + 1].keyBegin, "");
        else
            replace(entry.keys[i].keyBegin, entry.keys[last].valueEnd, "");
        i = last;
    }
}

void Writer::editEntry(const Entry& entry, const LayerSpec& was, const LayerSpec& now) {
    if (was.kind != now.kind) {
        if (!entry.inlineTable)
            throw ShowFileEditError(
                "a layer written as a [[scenes.layers]] table changed its kind; Save show "
                "does not rewrite such a table");
        replace(entry.begin, entry.end, detail::inlineTable(fieldsOf(now)));
        return;
    }
    if (now.kind == LayerSpec::Kind::Source && was.source != now.source)
        setValue(entry, "source", toml_spans::quoteString(now.source));
    if (now.kind == LayerSpec::Kind::Image && was.image != now.image) {
        // The path as written still names the file: keep its spelling.
        const KeyValue* path = entry.find("path");
        std::error_code error;
        const bool same = path && [&] {
            const fs::path written =
                detail::resolve(m_baseDir, toml_spans::decodeString(valueOf(m_text, *path)));
            return written.lexically_normal() == now.image.lexically_normal() ||
                   fs::equivalent(written, now.image, error);
        }();
        if (!same)
            setValue(entry, "path", toml_spans::quoteString(detail::imagePathText(now.image, m_baseDir)));
    }
    if (now.kind == LayerSpec::Kind::Color && was.color != now.color) {
        const KeyValue* color = entry.find("color");
        const bool lower = color && detail::writtenLowerCase(valueOf(m_text, *color));
        setValue(entry, "color", "\"" + formatColor(now.color, lower) + "\"");
    }
    if (was.rect != now.rect) {
        const KeyValue* rect = entry.find("rect");
        setValue(entry, "rect", detail::formatRect(now.rect, rect ? valueOf(m_text, *rect) : ""));
    }
    if (was.fit != now.fit) setValue(entry, "fit", toml_spans::quoteString(overlay::toString(now.fit)));
}

void Writer::editEntry(const Entry& entry, const SlotSpec& was, const SlotSpec& now) {
    if (was.name != now.name) setValue(entry, "name", toml_spans::quoteString(now.name));
    const auto like = [&](std::string_view key) {
        const KeyValue* kv = entry.find(key);
        return kv ? valueOf(m_text, *kv) : std::string_view();
    };
    const bool wasAnchored = !was.anchor.empty(), nowAnchored = !now.anchor.empty();
    if (!wasAnchored && !nowAnchored) {
        if (was.rect != now.rect) setValue(entry, "rect", detail::formatRect(now.rect, like("rect")));
    } else if (wasAnchored && nowAnchored) {
        if (was.anchor != now.anchor) setValue(entry, "anchor", toml_spans::quoteString(now.anchor));
        if (was.size != now.size)
            setValue(entry, "size", detail::formatInts({now.size.width, now.size.height}, like("size")));
        if (was.offset != now.offset)
            setValue(entry, "offset",
                     detail::formatInts({now.offset.x, now.offset.y},
                                        like(entry.find("offset") ? "offset" : "size")));
    } else {
        // Between anchor + size (+ offset) and rect: the keys of one form
        // give way to the other's, in the place of the first.
        const KeyValue* first = entry.find(wasAnchored ? "anchor" : "rect");
        if (!first)
            throw ShowFileEditError("slot '" + was.name + "': its " + (wasAnchored ? "anchor" : "rect") +
                                    " is not where the show read it");
        LayoutFields fields = fieldsOf(now);
        fields.erase(fields.begin()); // the name stays where it is
        if (wasAnchored) fields[0].second = detail::formatRect(now.rect, like("size"));
        replaceKey(entry, *first, fields);
        if (wasAnchored) removeKeys(entry, {"size", "offset"});
    }
}

bool Writer::matches(const Entry& entry, const LayerSpec& layer) const {
    static const char* const kinds[] = {"source", "image", "color"};
    const KeyValue* kind = entry.find("kind");
    return (kind ? toml_spans::decodeString(valueOf(m_text, *kind)) : "source") ==
           kinds[static_cast<int>(layer.kind)];
}

bool Writer::matches(const Entry& entry, const SlotSpec& slot) const {
    const KeyValue* name = entry.find("name");
    return name && toml_spans::decodeString(valueOf(m_text, *name)) == slot.name;
}

std::string Writer::entryText(const Entry& entry, const LayoutFields& fields, bool tables) const {
    if (!tables) return detail::inlineTable(fields);
    const std::string_view header = m_text.substr(entry.begin, m_text.find('\n', entry.begin) - entry.begin);
    std::string out(toml_spans::indentOf(m_text, entry.begin));
    out += std::string(header.substr(header.find("[["), header.find("]]") + 2 - header.find("[[")));
    return out + m_newline + detail::keyLines(fields, entry.indent, m_newline);
}

void Writer::removeElements(const EntryList& list, const std::vector<bool>& removed) {
    const auto& elements = list.array.elements;
    const size_t n = elements.size();
    // An element alone on its line takes the line (and its comment) with it.
    const auto lineOf = [&](size_t i) -> std::pair<size_t, size_t> {
        const toml_spans::Element& e = elements[i];
        if (!toml_spans::startsLine(m_text, e.begin)) return {0, toml_spans::npos};
        if (e.commaEnd == toml_spans::npos && i + 1 < n) return {0, toml_spans::npos};
        const size_t end =
            toml_spans::restOfLine(m_text, e.commaEnd != toml_spans::npos ? e.commaEnd : e.end);
        return {toml_spans::lineStart(m_text, e.begin), end};
    };
    for (size_t i = 0; i < n; ++i) {
        if (!removed[i]) continue;
        size_t last = i;
        bool alone = true;
        for (size_t j = i; j < n && removed[j]; ++j) {
            last = j;
            alone = alone && lineOf(j).second != toml_spans::npos;
        }
        if (alone) {
            for (size_t j = i; j <= last; ++j)
                replace(lineOf(j).first, lineOf(j).second, "");
        } else if (i > 0) {
            // With the comma before the run: "[a, b, c]" less b is "[a, c]".
            replace(elements[i - 1].end, elements[last].end, "");
        } else if (last + 1 < n) {
            replace(elements[i].begin, elements[last + 1].begin, "");
        } else {
            const auto& back = elements[last];
            replace(elements[i].begin, back.commaEnd != toml_spans::npos ? back.commaEnd : back.end, "");
        }
        i = last;
    }
}

void Writer::insertElements(const EntryList& list, int before, const std::vector<std::string>& items,
                            bool lastKept) {
    if (items.empty()) return;
    const auto& elements = list.array.elements;
    if (before >= 0) {
        const toml_spans::Element& next = elements[static_cast<size_t>(before)];
        if (toml_spans::startsLine(m_text, next.begin)) {
            const std::string indent(toml_spans::indentOf(m_text, next.begin));
            std::string text;
            for (const std::string& item : items)
                text += indent + item + "," + m_newline;
            insert(toml_spans::lineStart(m_text, next.begin), text);
        } else {
            std::string text;
            for (const std::string& item : items)
                text += item + ", ";
            insert(next.begin, text);
        }
        return;
    }
    const toml_spans::Element& last = elements.back();
    const bool hasComma = last.commaEnd != toml_spans::npos;
    const size_t lineEnd = toml_spans::restOfLine(m_text, hasComma ? last.commaEnd : last.end);
    if (toml_spans::startsLine(m_text, last.begin) && lineEnd != toml_spans::npos) {
        // One per line after the last one, which needs a comma now.
        if (!hasComma && lastKept) insert(last.end, ",");
        const std::string indent(toml_spans::indentOf(m_text, last.begin));
        std::string text;
        for (const std::string& item : items)
            text += indent + item + "," + m_newline;
        insert(lineEnd, onOwnLine(lineEnd, text));
    } else if (hasComma) {
        std::string text;
        for (const std::string& item : items)
            text += " " + item + ",";
        insert(last.commaEnd, text);
    } else {
        std::string text;
        for (const std::string& item : items)
            text += ", " + item;
        insert(last.end, text);
    }
}

template <typename Spec>
bool Writer::editInPlace(const std::string& scene, const EntryList& list, const std::vector<Spec>& was,
                         const std::vector<Spec>& now) {
    const bool tables = list.form == EntryList::Form::Tables;
    std::vector<bool> removed(was.size(), true);
    std::vector<std::string> pending; // added entries waiting for the next kept one
    std::vector<Edit> saved;
    std::swap(saved, m_edits);
    const auto flush = [&](int before) {
        if (tables) {
            for (const std::string& item : pending) {
                if (before >= 0)
                    insert(list.entries[static_cast<size_t>(before)].begin, item + m_newline);
                else
                    insert(list.entries.back().end, onOwnLine(list.entries.back().end, m_newline + item));
            }
        } else {
            insertElements(list, before, pending, !removed.empty() && !removed.back());
        }
        pending.clear();
    };
    for (const Spec& item : now) {
        if (item.fileIndex < 0) {
            pending.push_back(entryText(tables ? list.entries.front() : Entry{}, fieldsOf(item), tables));
            continue;
        }
        const size_t index = static_cast<size_t>(item.fileIndex);
        removed[index] = false;
        flush(item.fileIndex);
        editEntry(list.entries[index], was[index], item);
    }
    flush(-1);
    if (tables) {
        for (size_t i = 0; i < removed.size(); ++i) {
            if (!removed[i]) continue;
            // With the blank line before its header, if there is one.
            size_t begin = list.entries[i].begin;
            const size_t previous = begin > 0 ? toml_spans::lineStart(m_text, begin - 1) : begin;
            if (previous < begin && m_text.substr(previous, begin - previous).find_first_not_of(" \t\r\n") ==
                                        std::string_view::npos)
                begin = previous;
            replace(begin, list.entries[i].end, "");
        }
    } else {
        removeElements(list, removed);
    }
    std::swap(saved, m_edits);
    if (overlapping(saved)) {
        if (!tables) return false;
        throw ShowFileEditError("scene '" + scene + "': its " + list.key + " are [[scenes." + list.key +
                                "]] tables laid out in a way Save show cannot edit");
    }
    m_edits.insert(m_edits.end(), saved.begin(), saved.end());
    return true;
}

template <typename Spec>
void Writer::rewriteArray(const EntryList& list, const std::vector<Spec>& was, const std::vector<Spec>& now) {
    const std::string keyIndent(toml_spans::indentOf(m_text, list.keyValue->keyBegin));
    std::string indent = keyIndent + "  ";
    for (const auto& element : list.array.elements) {
        if (toml_spans::startsLine(m_text, element.begin)) {
            indent = toml_spans::indentOf(m_text, element.begin);
            break;
        }
    }
    std::string text = "[" + m_newline;
    for (const Spec& item : now) {
        std::string itemText;
        if (item.fileIndex < 0) {
            itemText = detail::inlineTable(fieldsOf(item));
        } else {
            // The kept entry as written, with its own changes.
            const Entry& entry = list.entries[static_cast<size_t>(item.fileIndex)];
            std::vector<Edit> saved;
            std::swap(saved, m_edits);
            editEntry(entry, was[static_cast<size_t>(item.fileIndex)], item);
            std::swap(saved, m_edits);
            if (overlapping(saved)) throw ShowFileEditError("overlapping edits in one entry");
            itemText = applyEdits(m_text, entry.begin, entry.end, saved);
        }
        text += indent + itemText + "," + m_newline;
    }
    text += keyIndent + "]";
    replace(list.array.open, list.array.close + 1, now.empty() ? "[]" : text);
}

template <typename Spec>
void Writer::editList(const std::string& scene, const EntryList& list, const toml_spans::Table& table,
                      const std::vector<Spec>& was, const std::vector<Spec>& now) {
    const std::string where = "scene '" + scene + "': " + list.key;
    if (list.entries.size() != was.size())
        throw ShowFileEditError(where + ": the text has " + std::to_string(list.entries.size()) +
                                " entries, the show read " + std::to_string(was.size()) +
                                " (the text is not the file the show was read from)");
    for (size_t i = 0; i < was.size(); ++i)
        if (was[i].fileIndex != static_cast<int>(i) || !matches(list.entries[i], was[i]))
            throw ShowFileEditError(
                where + "[" + std::to_string(i) +
                "]: the text does not say what the show read (the text is not the file the "
                "show was read from)");
    std::set<int> seen;
    bool inOrder = true;
    int previous = -1;
    for (const Spec& item : now) {
        if (item.fileIndex < 0) continue;
        if (item.fileIndex >= static_cast<int>(was.size()) || !seen.insert(item.fileIndex).second)
            throw ShowFileEditError(where + ": entry " + std::to_string(item.fileIndex) +
                                    " of the file is not in it, or is there twice");
        inOrder = inOrder && item.fileIndex > previous;
        previous = item.fileIndex;
    }
    if (list.form == EntryList::Form::Missing) {
        if (now.empty()) return;
        // After the scene's last key, before the blank lines and comments that lead to what follows.
        const size_t sceneEnd = table.contentEnd();
        const std::string keyIndent(toml_spans::indentOf(m_text, table.keys.front().keyBegin));
        std::string text = keyIndent + list.key + " = [" + m_newline;
        for (const Spec& item : now)
            text += keyIndent + "  " + detail::inlineTable(fieldsOf(item)) + "," + m_newline;
        insert(sceneEnd, onOwnLine(sceneEnd, text + keyIndent + "]" + m_newline));
        return;
    }
    const bool tables = list.form == EntryList::Form::Tables;
    if (!inOrder || seen.empty()) {
        if (tables && !now.empty())
            throw ShowFileEditError(where + " are [[scenes." + list.key +
                                    "]] tables; Save show does not reorder or replace all of them");
        if (!tables && !now.empty()) {
            rewriteArray(list, was, now);
            return;
        }
    }
    if (!editInPlace(scene, list, was, now)) rewriteArray(list, was, now);
}

void Writer::editScene(const SceneText& where, const SceneSpec& was, const SceneSpec& now) {
    editList(now.id, where.layers, *where.table, was.layers, now.layers);
    editList(now.id, where.slots, *where.table, was.slots, now.slots);
}

void Writer::appendScene(size_t at, const SceneSpec& scene) {
    std::string text = m_newline + "[[scenes]]" + m_newline;
    text += "id = " + toml_spans::quoteString(scene.id) + m_newline;
    text += "name = " + toml_spans::quoteString(scene.name.empty() ? scene.id : scene.name) + m_newline;
    if (!scene.hotkey.empty()) text += "hotkey = " + toml_spans::quoteString(scene.hotkey) + m_newline;
    const auto list = [&](const char* key, const auto& items) {
        if (items.empty()) return;
        text += std::string(key) + " = [" + m_newline;
        for (const auto& item : items)
            text += "  " + detail::inlineTable(fieldsOf(item)) + "," + m_newline;
        text += "]" + m_newline;
    };
    list("layers", scene.layers);
    list("slots", scene.slots);
    insert(at, onOwnLine(at, text));
}

std::string Writer::result() {
    if (overlapping(m_edits)) throw ShowFileEditError("the edits of the show file overlap");
    std::string out = applyEdits(m_text, 0, m_text.size(), m_edits);
    // The writer's own check: what it hands back is a TOML file.
    try {
        (void)toml::parse(out);
    } catch (const toml::parse_error& error) {
        throw ShowFileEditError(std::string("the edited show file would not be valid TOML: ") +
                                std::string(error.description()));
    }
    return out;
}

} // namespace

std::string writeSceneLayouts(std::string_view text, const std::vector<SceneSpec>& fileScenes,
                              const std::vector<SceneSpec>& edited, const std::filesystem::path& baseDir) {
    const std::vector<toml_spans::Table> tables = toml_spans::scanDocument(text);
    const std::vector<SceneText> scenes = detail::locateScenes(text, tables);
    std::map<std::string, const SceneText*> byId;
    for (const SceneText& scene : scenes)
        byId[scene.id] = &scene;
    std::map<std::string, const SceneSpec*> fileById;
    for (const SceneSpec& scene : fileScenes) {
        if (!byId.count(scene.id))
            throw ShowFileEditError("scene '" + scene.id + "' is not in the show file's text");
        fileById[scene.id] = &scene;
    }
    for (const SceneSpec& scene : fileScenes) {
        const SceneText& where = *byId.at(scene.id);
        if (where.layers.entries.size() != scene.layers.size() ||
            where.slots.entries.size() != scene.slots.size())
            throw ShowFileEditError(
                "scene '" + scene.id + "': the text has " + std::to_string(where.layers.entries.size()) +
                " layers and " + std::to_string(where.slots.entries.size()) + " slots, the show read " +
                std::to_string(scene.layers.size()) + " and " + std::to_string(scene.slots.size()));
    }
    for (const SceneText& scene : scenes)
        if (!fileById.count(scene.id))
            throw ShowFileEditError("scene '" + scene.id +
                                    "' of the show file's text is not one the show read");
    if (scenes.size() != fileScenes.size())
        throw ShowFileEditError("the show file's text has " + std::to_string(scenes.size()) +
                                " scenes, the show read " + std::to_string(fileScenes.size()));

    Writer writer(text, baseDir);
    const size_t end = scenes.empty() ? text.size() : scenes.back().end;
    // The file's scenes first: a key added to the last scene goes where a
    // new scene would, and must come before it.
    for (const SceneSpec& scene : edited)
        if (const auto file = fileById.find(scene.id); file != fileById.end())
            writer.editScene(*byId.at(scene.id), *file->second, scene);
    for (const SceneSpec& scene : edited)
        if (!fileById.count(scene.id)) writer.appendScene(end, scene);
    return writer.result();
}

} // namespace hawker::studio
