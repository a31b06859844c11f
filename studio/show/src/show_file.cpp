#include "hawker/studio/show/show_file.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "hawker/studio/show/command_table.hpp"
#include "show_file_fields.hpp"

namespace hawker::studio {

using namespace detail;

namespace {

SourceSpec readSource(Fields& f, bool audioOnly) {
    SourceSpec s;
    s.id = f.reqString("id");
    s.url = f.reqString("url");
    s.format = f.optString("format").value_or("");
    if (const toml::table* options = f.optTable("options")) {
        for (const auto& [key, value] : *options) {
            if (value.is_string())
                s.options[std::string(key.str())] = value.as_string()->get();
            else if (value.is_integer())
                s.options[std::string(key.str())] = std::to_string(value.as_integer()->get());
            else
                f.fail("options." + std::string(key.str()), "expected a string or a whole number");
        }
    }
    s.loop = f.optBool("loop").value_or(true);
    if (f.has("realtime")) {
        const toml::node* n = f.node("realtime");
        if (n->is_boolean())
            s.realtime = n->as_boolean()->get();
        else if (!(n->is_string() && n->as_string()->get() == "auto"))
            f.fail("realtime", "expected true, false or \"auto\"");
    }
    s.audio = audioOnly || f.optBool("audio").value_or(false);
    s.gainDb = static_cast<float>(f.optNumber("gain_db", 0.0, -60.0, 24.0));
    s.muted = f.optBool("muted").value_or(false);
    s.required = f.optBool("required").value_or(true);
    return s;
}

} // namespace

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

std::optional<TransitionKind> parseTransition(const std::string& name) {
    if (name == "cut") return TransitionKind::Cut;
    if (name == "fade") return TransitionKind::Fade;
    return std::nullopt;
}

const char* toString(TransitionKind kind) {
    return kind == TransitionKind::Cut ? "cut" : "fade";
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

    if (const toml::table* t = top.optTable("show")) {
        Fields f(*t, "show", file);
        show.name = f.optString("name").value_or("");
        f.finish();
    }
    if (show.name.empty()) show.name = std::filesystem::path(file).stem().string();

    // The encoder's platform preset supplies defaults for the canvas too.
    std::optional<capture::PlatformPreset> preset;
    const toml::table* encoderTable = top.optTable("encoder");
    if (encoderTable) {
        if (const toml::node* n = encoderTable->get("platform"); n && n->is_string()) {
            preset = capture::findPlatformPreset(n->as_string()->get());
            if (!preset) {
                std::string names;
                for (const auto& p : capture::platformPresets())
                    names += (names.empty() ? "" : ", ") + p.name;
                throw ShowFileError(file + ": encoder.platform: unknown preset '" + n->as_string()->get() +
                                    "' (known: " + names + ")");
            }
        }
    }
    if (preset) {
        show.width = preset->width;
        show.height = preset->height;
        show.fps = preset->fps;
    }
    if (const toml::table* t = top.optTable("canvas")) {
        Fields f(*t, "canvas", file);
        show.width = f.optInt("width", show.width, 16, 7680);
        show.height = f.optInt("height", show.height, 16, 7680);
        show.fps = f.optInt("fps", show.fps, 1, 120);
        if (show.width % 2) f.fail("width", "must be even (the program is YUV 4:2:0)");
        if (show.height % 2) f.fail("height", "must be even (the program is YUV 4:2:0)");
        if (auto color = f.optString("background")) {
            auto parsed = parseColor(*color);
            if (!parsed) f.fail("background", "expected #RRGGBB or #RRGGBBAA, got '" + *color + "'");
            show.background = *parsed;
        }
        f.finish();
    }

    std::set<std::string> inputIds;
    forEachTable(top, "sources", file, [&](Fields& f, size_t) {
        SourceSpec source = readSource(f, false);
        if (!inputIds.insert(source.id).second) f.fail("id", "'" + source.id + "' is used twice");
        show.sources.push_back(std::move(source));
    });
    forEachTable(top, "audio", file, [&](Fields& f, size_t) {
        SourceSpec source = readSource(f, true);
        if (!inputIds.insert(source.id).second) f.fail("id", "'" + source.id + "' is used twice");
        show.audioInputs.push_back(std::move(source));
    });

    std::set<std::string> sceneIds;
    forEachTable(top, "scenes", file, [&](Fields& f, size_t) {
        SceneSpec scene;
        scene.id = f.reqString("id");
        if (!sceneIds.insert(scene.id).second) f.fail("id", "'" + scene.id + "' is used twice");
        scene.name = f.optString("name").value_or(scene.id);
        scene.hotkey = f.optString("hotkey").value_or("");
        forEachTable(f, "layers", file, [&](Fields& lf, size_t) {
            LayerSpec layer;
            const std::string kind = lf.optString("kind").value_or("source");
            layer.rect = lf.reqRect("rect");
            if (auto fit = lf.optString("fit")) {
                auto parsed = overlay::parseFit(*fit);
                if (!parsed) lf.fail("fit", "expected cover, contain or stretch, got '" + *fit + "'");
                layer.fit = *parsed;
            }
            if (kind == "source") {
                layer.kind = LayerSpec::Kind::Source;
                layer.source = lf.reqString("source");
                if (!show.findSource(layer.source))
                    lf.fail("source", "no source with id '" + layer.source + "'");
            } else if (kind == "image") {
                layer.kind = LayerSpec::Kind::Image;
                layer.image = resolve(baseDir, lf.reqString("path"));
                if (!std::filesystem::is_regular_file(layer.image))
                    lf.fail("path", "no such file: " + layer.image.string());
            } else if (kind == "color") {
                layer.kind = LayerSpec::Kind::Color;
                const std::string color = lf.reqString("color");
                auto parsed = parseColor(color);
                if (!parsed) lf.fail("color", "expected #RRGGBB or #RRGGBBAA, got '" + color + "'");
                layer.color = *parsed;
            } else {
                lf.fail("kind", "expected source, image or color, got '" + kind + "'");
            }
            scene.layers.push_back(std::move(layer));
        });
        std::set<std::string> slotNames;
        forEachTable(f, "slots", file, [&](Fields& sf, size_t) {
            SlotSpec slot;
            slot.name = sf.reqString("name");
            if (auto anchor = sf.optString("anchor")) {
                static const std::set<std::string> anchors = {"top-left",    "top",    "top-right",
                                                              "left",        "center", "right",
                                                              "bottom-left", "bottom", "bottom-right"};
                if (!anchors.count(*anchor))
                    sf.fail("anchor",
                            "expected top-left, top, top-right, left, center, right, bottom-left, bottom or "
                            "bottom-right, got '" +
                                *anchor + "'");
                if (sf.has("rect")) sf.fail("rect", "give either rect or anchor + size, not both");
                slot.anchor = *anchor;
                const auto size = sf.optPair("size", "[width, height]");
                if (!size) sf.fail("size", "missing ([width, height], needed with an anchor)");
                slot.size = cv::Size(size->first, size->second);
                if (slot.size.width < 8 || slot.size.height < 8 || slot.size.width > 7680 ||
                    slot.size.height > 7680)
                    sf.fail("size", "width and height must be 8..7680");
                if (const auto offset = sf.optPair("offset", "[x, y]"))
                    slot.offset = cv::Point(offset->first, offset->second);
            } else {
                slot.rect = sf.reqRect("rect");
            }
            if (!slotNames.insert(slot.name).second) sf.fail("name", "'" + slot.name + "' is used twice");
            scene.slots.push_back(std::move(slot));
        });
        show.scenes.push_back(std::move(scene));
    });
    if (show.scenes.empty()) throw ShowFileError(file + ": scenes: at least one scene is needed");

    show.programScene = show.scenes.front().id;
    show.previewScene = show.scenes.size() > 1 ? show.scenes[1].id : show.scenes.front().id;
    if (const toml::table* t = top.optTable("program")) {
        Fields f(*t, "program", file);
        for (const char* key : {"scene", "preview"}) {
            if (auto id = f.optString(key)) {
                if (!show.findScene(*id)) f.fail(key, "no scene with id '" + *id + "'");
                (std::string(key) == "scene" ? show.programScene : show.previewScene) = *id;
            }
        }
        if (auto kind = f.optString("transition")) {
            auto parsed = parseTransition(*kind);
            if (!parsed) f.fail("transition", "expected cut or fade, got '" + *kind + "'");
            show.transition = *parsed;
        }
        show.transitionMs = f.optInt("transition_ms", show.transitionMs, 0, 10000);
        f.finish();
    }

    capture::EncoderSettings& enc = show.encoder;
    if (preset) {
        enc.bitrateKbps = preset->bitrateKbps;
        enc.keyintSeconds = preset->keyintSeconds;
        enc.audioKbps = preset->audioKbps;
    }
    if (encoderTable) {
        Fields f(*encoderTable, "encoder", file);
        f.optString("platform");
        enc.preset = f.optString("preset").value_or(enc.preset);
        static const std::set<std::string> presets = {"ultrafast", "superfast", "veryfast", "faster",  "fast",
                                                      "medium",    "slow",      "slower",   "veryslow"};
        if (!presets.count(enc.preset)) f.fail("preset", "unknown x264 preset '" + enc.preset + "'");
        enc.tune = f.optString("tune").value_or(enc.tune);
        if (enc.tune == "none") enc.tune.clear();
        enc.profile = f.optString("profile").value_or(enc.profile);
        if (enc.profile != "high" && enc.profile != "main" && enc.profile != "baseline")
            f.fail("profile", "expected high, main or baseline");
        enc.bitrateKbps = f.optInt("bitrate_kbps", enc.bitrateKbps, 100, 100000);
        enc.keyintSeconds = f.optInt("keyint_s", enc.keyintSeconds, 1, 20);
        enc.audioKbps = f.optInt("audio_kbps", enc.audioKbps, 32, 512);
        enc.audioRate = f.optInt("audio_rate", enc.audioRate, 8000, 96000);
        if (enc.audioRate != 44100 && enc.audioRate != 48000) f.fail("audio_rate", "expected 44100 or 48000");
        f.finish();
    }
    enc.width = show.width;
    enc.height = show.height;
    enc.fps = show.fps;

    std::set<std::string> outputIds;
    forEachTable(top, "outputs", file, [&](Fields& f, size_t) {
        OutputSpec out;
        out.id = f.reqString("id");
        if (!outputIds.insert(out.id).second) f.fail("id", "'" + out.id + "' is used twice");
        const std::string kind = f.reqString("kind");
        out.queueMs = f.optInt("queue_ms", out.queueMs, 200, 60000);
        if (kind == "record") {
            out.kind = capture::OutputKind::Record;
            out.path = resolve(baseDir, f.reqString("path"));
            std::string ext = out.path.extension().string();
            if (ext != ".mkv" && ext != ".ts" && ext != ".mp4")
                f.fail("path", "a recording must end in .mkv, .ts or .mp4 (stays playable after a crash)");
        } else if (kind == "rtmp" || kind == "srt" || kind == "udp") {
            out.kind = kind == "rtmp" ? capture::OutputKind::Rtmp
                                      : (kind == "srt" ? capture::OutputKind::Srt : capture::OutputKind::Udp);
            out.url = f.reqString("url");
            const std::string scheme = kind == "rtmp" ? "rtmp" : kind;
            if (out.url.rfind(scheme + "://", 0) != 0 &&
                !(kind == "rtmp" && out.url.rfind("rtmps://", 0) == 0))
                f.fail("url", "expected a " + scheme + ":// URL");
            out.keyEnv = f.optString("key_env").value_or("");
            if (auto keyFile = f.optString("key_file")) out.keyFile = resolve(baseDir, *keyFile);
            out.keyName = f.optString("key_name").value_or(out.id);
        } else {
            f.fail("kind", "expected record, rtmp, srt or udp, got '" + kind + "'");
        }
        show.outputs.push_back(std::move(out));
    });

    forEachTable(top, "products", file, [&](Fields& f, size_t) {
        ProductSpec product;
        product.sku = f.reqString("sku");
        if (show.findProduct(product.sku)) f.fail("sku", "'" + product.sku + "' is listed twice");
        product.name = f.reqString("name");
        product.priceCents = f.optInt64("price_cents", -1, 0, kMaxCents);
        if (product.priceCents < 0) f.fail("price_cents", "missing (money is in integer cents)");
        if (f.has("original_price_cents"))
            product.originalPriceCents = f.optInt64("original_price_cents", 0, 0, kMaxCents);
        if (auto image = f.optString("image")) product.image = resolve(baseDir, *image);
        product.sellingPoints = stringList(f, "selling_points");
        product.category = f.optString("category").value_or("");
        product.tags = stringList(f, "tags");
        if (f.has("stock")) product.stock = f.optInt64("stock", 0, 0, 100000000);
        product.link = f.optInt("link", 0, 0, 999);
        show.products.push_back(std::move(product));
    });

    if (const toml::table* t = top.optTable("graphics")) {
        Fields f(*t, "graphics", file);
        if (auto theme = f.optString("theme")) {
            show.graphics.theme = resolve(baseDir, *theme);
            if (!std::filesystem::is_regular_file(show.graphics.theme))
                f.fail("theme", "no such file: " + show.graphics.theme.string());
        }
        if (const toml::table* area = f.optTable("safe_area")) {
            Fields af(*area, "graphics.safe_area", file);
            overlay::SafeArea safe;
            safe.top = af.optNumber("top", safe.top, 0, 0.45);
            safe.right = af.optNumber("right", safe.right, 0, 0.45);
            safe.bottom = af.optNumber("bottom", safe.bottom, 0, 0.45);
            safe.left = af.optNumber("left", safe.left, 0, 0.45);
            af.finish();
            show.graphics.safeArea = safe;
        }
        if (auto animation = f.optString("animation")) {
            if (*animation == "slide")
                show.graphics.animation = overlay::Animation::Slide;
            else if (*animation == "fade")
                show.graphics.animation = overlay::Animation::Fade;
            else
                f.fail("animation", "expected slide or fade");
        }
        if (f.has("animation_ms")) show.graphics.animationMs = f.optInt("animation_ms", 300, 0, 3000);
        f.finish();
    }

    readSellingSections(top, show, file);
    readAnalyticsSections(top, show, file);

    forEachTable(top, "cues", file, [&](Fields& f, size_t) {
        CueSpec cue;
        cue.atSeconds = f.optNumber("at_s", -1, 0, 1e7);
        if (cue.atSeconds < 0) f.fail("at_s", "missing");
        cue.command = f.reqString("command");
        if (auto scene = f.optString("scene")) {
            // A camera a cue adds brings a scene with its id (source.add).
            const bool added = std::any_of(show.cues.begin(), show.cues.end(), [&](const CueSpec& earlier) {
                auto source = earlier.args.find("source");
                return earlier.command == "source.add" && source != earlier.args.end() &&
                       source->second == *scene;
            });
            if (!show.findScene(*scene) && !added) f.fail("scene", "no scene with id '" + *scene + "'");
            cue.scene = *scene;
        }
        if (auto kind = f.optString("transition")) {
            cue.transition = parseTransition(*kind);
            if (!cue.transition) f.fail("transition", "expected cut or fade");
        }
        if (f.has("transition_ms")) cue.transitionMs = f.optInt("transition_ms", 0, 0, 10000);
        if (auto actor = f.optString("actor")) cue.actor = *actor;
        if (auto role = f.optString("role")) {
            const std::optional<Role> known = roleFromName(*role);
            if (!known) f.fail("role", "expected " + roleNames([](const RoleInfo&) { return true; }));
            cue.role = *known;
        }
        if (cue.command == "preview" || cue.command == "cut") {
            if (cue.scene.empty()) f.fail("scene", "missing (needed by '" + cue.command + "')");
        } else if (!isKnownCommand(cue.command)) {
            f.fail("command", "unknown command '" + cue.command + "'");
        }
        // Every other key is an argument of the command (sku, slot, ...).
        for (const std::string& key : f.unusedKeys()) {
            const toml::node* n = f.node(key);
            if (n->is_string())
                cue.args[key] = n->as_string()->get();
            else if (n->is_integer())
                cue.args[key] = std::to_string(n->as_integer()->get());
            else if (n->is_floating_point())
                cue.args[key] = std::to_string(n->as_floating_point()->get());
            else if (n->is_boolean())
                cue.args[key] = n->as_boolean()->get() ? "true" : "false";
            else
                f.fail(key, "expected a string, a number or true/false");
        }
        if (cue.args.count("sku") && !show.findProduct(cue.args["sku"]))
            f.fail("sku", "no product with sku '" + cue.args["sku"] + "'");
        show.cues.push_back(std::move(cue));
    });

    top.finish();
    return show;
}

ShowSpec loadShowFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ShowFileError(path.string() + ": cannot read the show file");
    std::ostringstream text;
    text << in.rdbuf();
    const auto absolute = std::filesystem::absolute(path);
    return parseShow(text.str(), path.string(), absolute.parent_path());
}

} // namespace hawker::studio
