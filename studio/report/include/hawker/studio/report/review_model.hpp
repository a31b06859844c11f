#pragma once
// The review (复盘) as the console's review draws it, worked out without the
// UI: a session report (buildSessionReport's JSON) becomes the tiles, figures,
// series and table rows of the review's tabs, every figure already written as
// text (review_text.hpp). The console only lays them out and colours them by
// tone; it is built on the query lane, so a long show's report costs the UI
// thread nothing.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hawker/studio/store/notes_store.hpp"

namespace hawker::studio {

/// How a piece of text stands out; the console picks the colour.
enum class ReviewTone { Plain, Dim, Good, Bad };

struct ReviewText {
    std::string text;
    ReviewTone tone = ReviewTone::Plain;
};

/// A product card (or a flash sale) on air, in seconds from the show's start.
struct ReviewBand {
    double fromSeconds = 0, toSeconds = 0;
    std::string label; ///< the card's sku, the sale's id
    bool offer = false;
};

/// One figure a minute, each at its minute's end after a 0 at the show's
/// start; no values when no minute was counted.
struct ReviewSeries {
    std::string title;
    std::vector<float> values;
    std::string unit;     ///< "¥" for money
    float valueScale = 1; ///< what a value is divided by for its label (cents: 100)
};

struct ReviewKpiTile {
    std::string label, value;
    std::string status;                ///< red, amber, green or none
    std::optional<std::string> target; ///< "target ¥20,000.00  red"; none without a target
};

struct ReviewFigure {
    std::string label, value;
};

struct ReviewFunnelStep {
    std::string label;
    double value = 0;
    std::optional<double> ofPrevious; ///< none for the first step and for one that is not comparable
    std::string notComparable;        ///< the reason a step has no share ("" when it has one)
};

struct ReviewOverview {
    std::vector<ReviewKpiTile> kpis;
    std::vector<ReviewFigure> figures; ///< the summary grid, in reading order
    std::string paidEngagement;        ///< "USD 5.00 (1) · JPY 500 (2)"; empty without any
    /// Earlier shows' open action items, one line each ("text — owner · due 2026-12-10 · from TITLE").
    std::vector<std::string> openActions;
    std::vector<ReviewBand> bands; ///< drawn on every chart
    /// What went wrong and when (the report's "incidents"): markers on the curves.
    struct Incident {
        double seconds = 0;
        std::string text; ///< "output: output rtmp1 reconnecting …"
    };
    std::vector<Incident> incidents;
    ReviewSeries online, gmv, gmvTotal;
    std::vector<ReviewFunnelStep> funnel; ///< the stages the platform reported
};

struct ReviewProductRow {
    std::string title; ///< the product's name, or its sku without one
    std::string sku;   ///< beside a name; empty when the title is the sku
    ReviewText target; ///< "—" dim without a target
    ReviewText units;  ///< good when the target is met, bad when not, plain without one
    std::string paidOrders, gmv, gmvOnAir, clicks, clickUv;
    ReviewText onAir; ///< "never" dim when it was never on air
};

struct ReviewOfferRow {
    std::string id, variant; ///< variant: "[B]", or empty
    std::string sku, price, soldOfQuantity, sellThrough, soldOutAfter, ended, buyers, gmv;
};

struct ReviewSegmentRow {
    std::string number, title, kind, sku, planned, actual;
    ReviewText over; ///< "+1:05" bad when it ran over; empty without a plan
    std::string enters, clicks, paidOrders, gmv;
    bool overrun = false;
};

/// One showing of a product card, as the report ranks them (GMV per minute on air).
struct ReviewShowingRow {
    std::string title;   ///< the product's name, or its sku
    std::string window;  ///< "12:05–14:40", offsets from the start
    std::string seconds; ///< time on air
    std::string views, clicks, paidOrders, gmv, gpm, gmvPerMinute;
};

struct ReviewComparisonRow {
    std::string name; ///< "#12 Title [B]", "  (this one)" on the current session
    std::string started, uv, buyers, paidOrders, gmv, conversion;
    ReviewText change; ///< "GMV +12.0%": this session against that one; empty on itself
    bool current = false;
};

struct ReviewAbRow {
    std::string dimension, a, b;
    ReviewText pValue, verdict;
};

struct ReviewAlertRow {
    std::string at, level, rule, message;
    ReviewText acknowledged;
};

struct ReviewModel {
    ReviewOverview overview;
    std::vector<ReviewProductRow> products; ///< by GMV, best first; then by units
    std::vector<ReviewOfferRow> offers;
    std::vector<ReviewShowingRow> showings; ///< each card showing, the fastest seller first
    std::vector<ReviewSegmentRow> segments;
    ReviewText segmentsVerdict; ///< how many ran over; empty without segments
    /// The comparison has a session besides this one (else it says why not).
    bool hasEarlierSessions = false;
    std::vector<ReviewComparisonRow> comparison;
    std::vector<ReviewAbRow> abTests;
    std::vector<ReviewAlertRow> alerts;
};

/// Never throws on the report's content: a missing section gives no rows, a
/// missing or null figure is "—".
ReviewModel prepareReview(const nlohmann::json& report);

/// The report as exported: with the notes as they are now, not as they were
/// when it was built; unchanged without notes.
nlohmann::json reportWithNotes(const nlohmann::json& report,
                               const std::optional<std::vector<SessionNote>>& notes);

} // namespace hawker::studio
