#pragma once
// The show file (TOML): canvas, sources, scenes, encoder, outputs, cues.
// assets/shows/example.toml documents every field.

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "hawker/capture/channel_settings.hpp"
#include "hawker/capture/encoder_settings.hpp"
#include "hawker/capture/output.hpp"
#include "hawker/overlay/layout.hpp"
#include "hawker/overlay/theme.hpp"
#include "hawker/studio/show/alert_rule_spec.hpp"
#include "hawker/studio/show/catalog_csv.hpp"
#include "hawker/studio/show/connector_spec.hpp"
#include "hawker/studio/show/platform_profile.hpp"
#include "hawker/studio/show/selling_spec.hpp"

namespace hawker::studio {

/// A show file problem, naming the file and the field: "show.toml: scenes[1].layers[0].rect: ...".
class ShowFileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Rgba {
    uint8_t r = 0, g = 0, b = 0, a = 255;
    bool operator==(const Rgba&) const = default;
};
std::optional<Rgba> parseColor(const std::string& text);
/// "#RRGGBB", or "#RRGGBBAA" when not opaque: what parseColor reads; lower-case hex digits when `lowerCase`.
std::string formatColor(const Rgba& color, bool lowerCase = false);
/// A rectangle as the show file writes it: "[x, y, w, h]" (messages and the console quote it so too).
std::string rectText(const cv::Rect& rect);

enum class TransitionKind { Cut, Fade, Stinger };
std::optional<TransitionKind> parseTransition(const std::string& name);
const char* toString(TransitionKind kind);
/// The key of its name as people read it ("switcher.kind_fade": fade, 淡化).
const char* labelKey(TransitionKind kind);

struct SourceSpec {
    std::string id;
    std::string url;
    std::string format;
    std::map<std::string, std::string> options;
    bool loop = true;
    std::optional<bool> realtime;
    bool audio = false;
    capture::ChannelSettings mix; ///< its strip on the sound desk: fader, mute, delay, gate (never soloed)
    bool required = true;         ///< false: the show may start before it answers
};

/// The operator's headphones: the monitor bus (the soloed strips, else the program) on a sound device.
struct MonitorSpec {
    std::string format; ///< "pulse" or "alsa"
    std::string device; ///< a PulseAudio sink, or an ALSA device
};

struct LayerSpec {
    enum class Kind { Source, Image, Color };
    Kind kind = Kind::Source;
    std::string source;          ///< Kind::Source
    std::filesystem::path image; ///< Kind::Image, resolved
    Rgba color;                  ///< Kind::Color
    cv::Rect rect;
    overlay::Fit fit = overlay::Fit::Cover;
    /// Its place in the show file's list of the scene's layers; -1 for a layer
    /// added on screen. Saving the show rewrites only the entries that changed.
    int fileIndex = -1;
    bool operator==(const LayerSpec&) const = default;
};

/// Where a graphic goes: an explicit rectangle, or a size anchored to a side
/// or corner of the platform's safe area (so it stays clear of the app's UI).
struct SlotSpec {
    std::string name;
    cv::Rect rect;      ///< explicit; or resolved from the anchor
    std::string anchor; ///< empty, or top-left, top, top-right, left, center, right, bottom-left, bottom,
                        ///< bottom-right
    cv::Size size;      ///< with an anchor
    cv::Point offset;   ///< with an anchor: moves it inward from the anchor
    int fileIndex = -1; ///< its place in the show file's list of the scene's slots; -1: not from the file
    bool operator==(const SlotSpec&) const = default;
};

/// The rectangle of an anchored slot inside `safe` (pixels), `margin` from its edges.
cv::Rect anchorSlot(const SlotSpec& slot, const cv::Rect& safe, int margin);

struct SceneSpec {
    std::string id;
    std::string name;
    std::string hotkey;
    /// How a TAKE that names no transition brings this scene on air; none: the show's current one.
    std::optional<TransitionKind> transition;
    std::vector<LayerSpec> layers;
    std::vector<SlotSpec> slots;
    bool operator==(const SceneSpec&) const = default;
};

struct OutputSpec {
    std::string id;
    capture::OutputKind kind = capture::OutputKind::Record;
    std::filesystem::path path; ///< record, resolved
    std::string url;            ///< network kinds, without the key
    std::string keyEnv;         ///< rtmp: environment variable holding the stream key
    std::filesystem::path keyFile;
    std::string keyName;
    int queueMs = 3000;
    /// rtmps: check the server's certificate (default), against ca_file when given, else the system's.
    bool tlsVerify = true;
    std::filesystem::path caFile;
    /// The platform's ingest rules this output is checked against (`profile = "douyin"`, with the show
    /// file's `rules` over it); none: not checked.
    std::optional<PlatformProfile> profile;
    /// Its own encode ([outputs.encode]: size, bitrate, keyframe interval...); none: the show's
    /// [encoder]. Outputs with equal settings share one encode.
    std::optional<capture::EncoderSettings> encode;
    /// The bars around the picture when the encode's aspect ratio is not the canvas's.
    Rgba letterbox{0, 0, 0, 255};
};

struct CueSpec {
    double atSeconds = 0;
    std::string command; ///< a command name (command_table.hpp)
    std::string scene;
    std::optional<TransitionKind> transition;
    std::optional<int> transitionMs;
    std::map<std::string, std::string> args; ///< the command's other arguments (sku, slot, ...)
    /// Who the cue acts as; a rehearsed show can play a second person (the
    /// merchandiser approving a card). Default: the automation.
    std::string actor = "automation";
    Role role = Role::Automation;
};

/// The simulated audience ([audience]): rehearsals and the demo run it.
struct AudienceSpec {
    bool simulate = false;
    uint64_t seed = 1;
    double arrivalsPerMinute = 60;
};

/// A product as the show needs it on screen: listed in the show file, read
/// from its catalog CSV, or taken from the session database's catalog.
struct ProductSpec {
    std::string sku;
    std::string name;
    std::string category;
    std::vector<std::string> tags;
    int64_t priceCents = 0;
    std::optional<int64_t> originalPriceCents;
    std::filesystem::path image; ///< resolved; empty: none
    std::vector<std::string> sellingPoints;
    std::optional<int64_t> stock;
    int link = 0; ///< shopping-bag index ("N号链接")
};

/// A catalog row as the show needs it; a relative image path resolves against `imageBase`.
ProductSpec toProductSpec(const CatalogProduct& row, const std::filesystem::path& imageBase);

/// How graphics look and where they may go.
struct GraphicsSpec {
    std::filesystem::path theme; ///< theme TOML; empty: the built-in default theme
    std::optional<overlay::SafeArea> safeArea;
    std::optional<overlay::Animation> animation;
    std::optional<int> animationMs;
};

/// The stinger ([stinger]): a short clip with alpha played over a take; the
/// picture underneath cuts from the old scene to the new one at `pointMs`.
struct StingerSpec {
    std::filesystem::path file; ///< resolved; exists
    int pointMs = 0;            ///< from the clip's start
    /// The clip's length, read from the file's header when the show is
    /// settled (settleShow); 0 until then, and a stinger take is a cut.
    int durationMs = 0;
};

/// The longest stinger a show takes: it is decoded into memory whole.
constexpr int kMaxStingerMs = 5000;

struct ShowSpec {
    std::string name;
    std::filesystem::path baseDir; ///< where relative paths resolve
    std::filesystem::path file; ///< the show file (File → Save show writes to it); empty: parsed from text
    int width = 1080, height = 1920, fps = 30;
    Rgba background{16, 20, 24, 255};
    std::vector<SourceSpec> sources;
    std::vector<SourceSpec> audioInputs;
    std::vector<SceneSpec> scenes;
    std::string programScene, previewScene;
    /// Cameras only the multiview shows are decoded without the H.264 loop filter
    /// ([program] multiview_decode = "light", the default; "full" turns it off).
    bool lightOffAirDecode = true;
    /// The program's true-peak limiter (-1 dBTP) before the encoder ([program] limiter, on by default).
    bool programLimiter = true;
    /// [monitor]: the sound device the operator's headphones hang on; none: the monitor is only metered.
    std::optional<MonitorSpec> monitor;
    TransitionKind transition = TransitionKind::Fade;
    int transitionMs = 500;
    std::optional<StingerSpec> stinger; ///< [stinger]; takes may use it only when given
    capture::EncoderSettings encoder;
    std::vector<OutputSpec> outputs;
    std::vector<CueSpec> cues;
    std::vector<ProductSpec> products;
    GraphicsSpec graphics;
    std::filesystem::path catalogFile; ///< the [catalog] CSV its products came from; empty: none
    std::vector<OfferSpec> offers;
    std::vector<CouponSpec> coupons;
    std::vector<PromotionSpec> promotions;
    std::vector<SegmentSpec> rundown;
    ComplianceSpec compliance;
    SessionPlan session;
    ApiSpec api;
    SecuritySpec security;
    std::vector<AlertRuleSpec> alerts; ///< [[alerts]]; the defaults when the file has none
    AudienceSpec audience;
    std::vector<ConnectorSpec> connectors; ///< [[connectors]]: live-comment sources

    const ProductSpec* findProduct(const std::string& sku) const;
    const SceneSpec* findScene(const std::string& id) const;
    const SourceSpec* findSource(const std::string& id) const;
    const OfferSpec* findOffer(const std::string& id) const;
    /// What `output` is encoded with: its own settings, else the show's [encoder].
    const capture::EncoderSettings& encodeOf(const OutputSpec& output) const {
        return output.encode ? *output.encode : encoder;
    }
};

/// Parses and validates; throws ShowFileError naming the first bad field.
ShowSpec parseShow(const std::string& text, const std::string& displayName,
                   const std::filesystem::path& baseDir);
ShowSpec loadShowFile(const std::filesystem::path& path);

} // namespace hawker::studio
