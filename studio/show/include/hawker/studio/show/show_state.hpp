#pragma once
// The show state the controller publishes: buses, transition, and what is on
// air in each graphic slot. Immutable once published.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "hawker/studio/show/layout_edits.hpp"
#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio {

/// A fade, or a stinger: the clip plays from `startMs` for `durationMs` (its
/// length) and the picture under it cuts to `toScene` at the show's point_ms.
struct ActiveTransition {
    std::string fromScene, toScene;
    TransitionKind kind = TransitionKind::Fade;
    int64_t startMs = 0;
    int durationMs = 0;
    /// 0..1 at program time `nowMs`.
    double progress(int64_t nowMs) const {
        if (durationMs <= 0) return 1.0;
        const double t = static_cast<double>(nowMs - startMs) / durationMs;
        return t < 0 ? 0 : (t > 1 ? 1 : t);
    }
};

/// A flash sale (秒杀): pre-launch countdown, then on sale until its time or
/// its stock runs out, or an operator stops it.
struct OfferState {
    enum class Phase { PreLaunch, OnSale, SoldOut, Ended };
    std::string id; ///< the [[offers]] id, or the sku of an ad-hoc sale
    std::string sku;
    std::string title;
    Phase phase = Phase::PreLaunch;
    int64_t launchAtMs = 0, endAtMs = 0;
    int64_t dealPriceCents = 0;
    int64_t quantity = 0, remaining = 0;
    int perBuyerLimit = 0; ///< 0: none
    std::optional<int64_t> soldOutAtMs;
    /// Units each buyer has bought, by salted viewer hash (never the raw id);
    /// kept only when the sale has a per-buyer limit (empty otherwise).
    std::map<std::string, int64_t> boughtBy;
    int64_t orders = 0;
};
const char* toString(OfferState::Phase phase);

/// What one graphic slot shows.
struct SlotGraphic {
    std::string kind; ///< card | countdown | lower_third | banner | nudge | comment | poll
    std::string sku;  ///< card, countdown
    std::map<std::string, std::string> fields; ///< the other graphics' text
    int64_t shownAtMs = 0;
    std::optional<int64_t> hiddenAtMs; ///< animating out
};

/// Numbers that change during the show for a product.
struct ProductLive {
    std::optional<int64_t> sold, stock;
};

/// An audio input's strip on the sound desk (fader, mute, solo, delay, gate):
/// the mixer's own settings type, so the show and the mixer cannot disagree on it.
using AudioLevel = capture::ChannelSettings;

/// Who let a card or an offer go on air (the compliance gate's second person).
struct Approval {
    std::string who;
    Role role = Role::Merchandiser;
    int64_t utcMs = 0, programMs = 0;
};

/// Where the run of show is.
struct RundownState {
    int current = -1; ///< index into ShowSpec::rundown; -1 before the first segment
    int64_t segmentStartMs = 0;
    bool overrunLogged = false;
    /// The card the rundown itself put up, so a segment without a product takes it down.
    std::string cardShownByRundown;
};

struct CouponCounts {
    int64_t issued = 0, redeemed = 0;
};

/// A camera an operator added while the show runs (source.add). It brings a
/// scene of its own, with the same id: its picture full frame under the
/// graphic slots of `slotsFrom`, a scene of the show file, so that taking it
/// keeps the product card on screen.
struct AddedSource {
    std::string id, url, format;
    std::string name;      ///< the scene button's label; empty: the id
    std::string slotsFrom; ///< a scene of the show file
    bool audio = false;    ///< its sound joins the mix (a strip of its id, at 0 dB)
    bool operator==(const AddedSource&) const = default;
};

struct ShowState {
    std::string program, preview;
    TransitionKind transition = TransitionKind::Fade;
    int transitionMs = 500;
    std::optional<ActiveTransition> active;
    std::map<std::string, SlotGraphic> graphics; ///< by slot name
    std::map<std::string, OfferState> offers;    ///< by slot name
    std::map<std::string, ProductLive> live;     ///< by sku
    std::map<std::string, AudioLevel> audio;     ///< by input id (sources mixed in, audio inputs)
    std::map<std::string, Approval> approvals;   ///< "card:SKU" or "offer:ID"
    RundownState rundown;
    std::set<std::string> scheduledStarted;      ///< scheduled offers already started
    std::map<std::string, CouponCounts> coupons; ///< by coupon id
    std::set<std::string> outputsStopped;        ///< outputs an operator stopped
    std::map<std::string, int> sourceReconnects; ///< "reconnect now" requests, by source id
    /// Sources an operator re-pointed during the show: url and format, by source id.
    std::map<std::string, std::pair<std::string, std::string>> sourceTargets;
    std::vector<AddedSource> addedSources; ///< in the order they were added
    LayoutEdits layouts;                   ///< scenes edited on screen, and new ones from templates
    bool stopRequested = false;            ///< show.stop: the program ends
    uint64_t version = 0;
};

} // namespace hawker::studio
