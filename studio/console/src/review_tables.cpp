// The review's table tabs: products and flash sales, segments, comparison
// with A/B tests, alerts. The rows come written from the review model.

#include "review_tabs.hpp"

namespace hawker::studio::console {

namespace {

constexpr ImU32 kOverrunRow = IM_COL32(150, 40, 40, 110);
constexpr ImU32 kCurrentRow = IM_COL32(40, 90, 150, 110);

void drawOffers(const std::vector<ReviewOfferRow>& offers) {
    if (offers.empty()) return;
    ImGui::Spacing();
    ImGui::TextUnformatted(tr("products.flash_sales"));
    if (!ImGui::BeginTable("offers", 9, kReviewTableFlags)) return;
    for (const char* heading :
         {trKey("review.col_offer"), trKey("review.col_product"), trKey("review.col_deal_price"),
          trKey("review.col_sold_quantity"), trKey("review.col_sell_through"),
          trKey("review.col_sold_out_after"), trKey("review.col_ended"), trKey("review.col_buyers"),
          trKey("review.col_gmv")})
        ImGui::TableSetupColumn(tr(heading));
    ImGui::TableHeadersRow();
    for (const ReviewOfferRow& offer : offers) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        textUnformatted(offer.id);
        if (!offer.variant.empty()) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", offer.variant.c_str());
        }
        for (const std::string* cell : {&offer.sku, &offer.price, &offer.soldOfQuantity, &offer.sellThrough,
                                        &offer.soldOutAfter, &offer.ended, &offer.buyers, &offer.gmv}) {
            ImGui::TableNextColumn();
            textUnformatted(*cell);
        }
    }
    ImGui::EndTable();
}

void drawAbTests(const std::vector<ReviewAbRow>& tests) {
    if (tests.empty()) return;
    ImGui::Spacing();
    ImGui::TextUnformatted(tr("review.ab_tests"));
    if (!ImGui::BeginTable("ab", 5, kReviewTableFlags)) return;
    for (const char* heading : {trKey("review.col_compared"), trKey("review.col_a"), trKey("review.col_b"),
                                trKey("review.col_p"), trKey("review.col_verdict")})
        ImGui::TableSetupColumn(tr(heading));
    ImGui::TableHeadersRow();
    for (const ReviewAbRow& test : tests) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        textUnformatted(test.dimension);
        ImGui::TableNextColumn();
        textUnformatted(test.a);
        ImGui::TableNextColumn();
        textUnformatted(test.b);
        ImGui::TableNextColumn();
        drawReviewText(test.pValue);
        ImGui::TableNextColumn();
        drawReviewText(test.verdict);
    }
    ImGui::EndTable();
}

/// Each time a card was on air, the fastest seller first: which explanation sold.
void drawShowings(const std::vector<ReviewShowingRow>& showings) {
    if (showings.empty()) return;
    ImGui::Spacing();
    ImGui::TextUnformatted(tr("review.card_showings"));
    if (!ImGui::BeginTable("showings", 9, kReviewTableFlags)) return;
    ImGui::TableSetupColumn(tr("review.col_product"), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn(tr("review.col_on_air_at"));
    ImGui::TableSetupColumn(tr("review.col_time"));
    ImGui::TableSetupColumn(tr("review.col_views"));
    ImGui::TableSetupColumn(tr("review.col_clicks"));
    ImGui::TableSetupColumn(tr("review.col_orders"));
    ImGui::TableSetupColumn(tr("review.col_gmv"));
    ImGui::TableSetupColumn(tr("review.col_gpm"));
    ImGui::TableSetupColumn(tr("review.col_gmv_per_min"));
    ImGui::TableHeadersRow();
    for (const ReviewShowingRow& row : showings) {
        ImGui::TableNextRow();
        for (const std::string* cell : {&row.title, &row.window, &row.seconds, &row.views, &row.clicks,
                                        &row.paidOrders, &row.gmv, &row.gpm, &row.gmvPerMinute}) {
            ImGui::TableNextColumn();
            textUnformatted(*cell);
        }
    }
    ImGui::EndTable();
}

} // namespace

void drawReviewProducts(const ReviewModel& model) {
    if (model.products.empty()) {
        ImGui::TextDisabled("%s", tr("review.no_products"));
    } else if (ImGui::BeginTable("products", 9, kReviewTableFlags)) {
        ImGui::TableSetupColumn(tr("review.col_product"), ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn(tr("review.col_target_units"));
        ImGui::TableSetupColumn(tr("review.col_units"));
        ImGui::TableSetupColumn(tr("review.col_paid_orders"));
        ImGui::TableSetupColumn(tr("review.col_gmv"));
        ImGui::TableSetupColumn(tr("review.col_gmv_on_air"));
        ImGui::TableSetupColumn(tr("review.col_clicks"));
        ImGui::TableSetupColumn(tr("review.col_click_uv"));
        ImGui::TableSetupColumn(tr("review.col_on_air"));
        ImGui::TableHeadersRow();
        for (const ReviewProductRow& row : model.products) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            textUnformatted(row.title);
            if (!row.sku.empty()) {
                ImGui::SameLine();
                ImGui::TextDisabled("%s", row.sku.c_str());
            }
            ImGui::TableNextColumn();
            drawReviewText(row.target);
            ImGui::TableNextColumn();
            drawReviewText(row.units);
            for (const std::string* cell :
                 {&row.paidOrders, &row.gmv, &row.gmvOnAir, &row.clicks, &row.clickUv}) {
                ImGui::TableNextColumn();
                textUnformatted(*cell);
            }
            ImGui::TableNextColumn();
            drawReviewText(row.onAir);
        }
        ImGui::EndTable();
    }
    drawShowings(model.showings);
    drawOffers(model.offers);
}

void drawReviewSegments(const ReviewModel& model) {
    if (model.segments.empty()) {
        ImGui::TextDisabled("%s", tr("review.no_rundown"));
        return;
    }
    if (ImGui::BeginTable("segments", 11, kReviewTableFlags)) {
        ImGui::TableSetupColumn("#");
        ImGui::TableSetupColumn(tr("review.col_segment"), ImGuiTableColumnFlags_WidthStretch, 3.0f);
        for (const char* heading :
             {trKey("review.col_kind"), trKey("review.col_product"), trKey("review.col_planned"),
              trKey("review.col_actual"), trKey("review.col_over"), trKey("review.col_enters"),
              trKey("review.col_clicks"), trKey("review.col_paid_orders"), trKey("review.col_gmv")})
            ImGui::TableSetupColumn(tr(heading));
        ImGui::TableHeadersRow();
        for (const ReviewSegmentRow& segment : model.segments) {
            ImGui::TableNextRow();
            if (segment.overrun) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, kOverrunRow);
            for (const std::string* cell : {&segment.number, &segment.title, &segment.kind, &segment.sku,
                                            &segment.planned, &segment.actual}) {
                ImGui::TableNextColumn();
                textUnformatted(*cell);
            }
            ImGui::TableNextColumn();
            if (!segment.over.text.empty()) drawReviewText(segment.over);
            for (const std::string* cell :
                 {&segment.enters, &segment.clicks, &segment.paidOrders, &segment.gmv}) {
                ImGui::TableNextColumn();
                textUnformatted(*cell);
            }
        }
        ImGui::EndTable();
    }
    drawReviewText(model.segmentsVerdict);
}

void drawReviewComparison(const ReviewModel& model) {
    if (!model.hasEarlierSessions) {
        ImGui::TextWrapped("%s", tr("review.no_comparison"));
    }
    if (!model.comparison.empty() && ImGui::BeginTable("comparison", 8, kReviewTableFlags)) {
        ImGui::TableSetupColumn(tr("review.col_session"), ImGuiTableColumnFlags_WidthStretch, 3.0f);
        for (const char* heading : {trKey("review.col_started"), trKey("kpi.uv"), trKey("review.col_buyers"),
                                    trKey("review.col_paid_orders"), trKey("review.col_gmv"),
                                    trKey("kpi.conversion"), trKey("review.col_vs")})
            ImGui::TableSetupColumn(tr(heading));
        ImGui::TableHeadersRow();
        for (const ReviewComparisonRow& row : model.comparison) {
            ImGui::TableNextRow();
            if (row.current) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, kCurrentRow);
            for (const std::string* cell : {&row.name, &row.started, &row.uv, &row.buyers, &row.paidOrders,
                                            &row.gmv, &row.conversion}) {
                ImGui::TableNextColumn();
                textUnformatted(*cell);
            }
            ImGui::TableNextColumn();
            if (!row.change.text.empty()) drawReviewText(row.change);
        }
        ImGui::EndTable();
    }
    drawAbTests(model.abTests);
}

void drawReviewAlerts(const ReviewModel& model) {
    if (model.alerts.empty()) {
        ImGui::TextColored(kReviewGreen, "%s", tr("review.no_alerts"));
        return;
    }
    if (!ImGui::BeginTable("alerts", 5, kReviewTableFlags)) return;
    ImGui::TableSetupColumn(tr("review.col_at"));
    ImGui::TableSetupColumn(tr("alerts.col_level"));
    ImGui::TableSetupColumn(tr("review.col_rule"));
    ImGui::TableSetupColumn(tr("review.col_message"), ImGuiTableColumnFlags_WidthStretch, 4.0f);
    ImGui::TableSetupColumn(tr("review.col_acknowledged"));
    ImGui::TableHeadersRow();
    for (const ReviewAlertRow& alert : model.alerts) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        textUnformatted(alert.at);
        ImGui::TableNextColumn();
        ImGui::TextColored(statusVec(alert.level), "%s", alert.level.c_str());
        ImGui::TableNextColumn();
        textUnformatted(alert.rule);
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", alert.message.c_str());
        ImGui::TableNextColumn();
        drawReviewText(alert.acknowledged);
    }
    ImGui::EndTable();
}

} // namespace hawker::studio::console
