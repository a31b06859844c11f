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
    ImGui::TextUnformatted("Flash sales 秒杀");
    if (!ImGui::BeginTable("offers", 9, kReviewTableFlags)) return;
    for (const char* heading : {"Offer", "Product", "Deal price", "Sold / quantity", "Sell-through",
                                "Sold out after", "Ended", "Buyers", "GMV"})
        ImGui::TableSetupColumn(heading);
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
    ImGui::TextUnformatted("A/B tests (chi-square on conversion)");
    if (!ImGui::BeginTable("ab", 5, kReviewTableFlags)) return;
    for (const char* heading : {"Compared", "A", "B", "p-value", "Verdict"})
        ImGui::TableSetupColumn(heading);
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
    ImGui::TextUnformatted("Card showings 讲解场次 — ranked by GMV per minute on air");
    if (!ImGui::BeginTable("showings", 9, kReviewTableFlags)) return;
    ImGui::TableSetupColumn("Product 商品", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("On air 时段");
    ImGui::TableSetupColumn("Time 时长");
    ImGui::TableSetupColumn("Views 进场");
    ImGui::TableSetupColumn("Clicks");
    ImGui::TableSetupColumn("Orders");
    ImGui::TableSetupColumn("GMV");
    ImGui::TableSetupColumn("GPM");
    ImGui::TableSetupColumn("GMV / min");
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
        ImGui::TextDisabled("No product was on air or sold in this session.");
    } else if (ImGui::BeginTable("products", 9, kReviewTableFlags)) {
        ImGui::TableSetupColumn("Product 商品", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn("Target units 目标");
        ImGui::TableSetupColumn("Units 件数");
        ImGui::TableSetupColumn("Paid orders");
        ImGui::TableSetupColumn("GMV");
        ImGui::TableSetupColumn("GMV on air");
        ImGui::TableSetupColumn("Clicks");
        ImGui::TableSetupColumn("Click UV");
        ImGui::TableSetupColumn("On air 讲解");
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
        ImGui::TextDisabled("This session had no run of show 直播脚本.");
        return;
    }
    if (ImGui::BeginTable("segments", 11, kReviewTableFlags)) {
        ImGui::TableSetupColumn("#");
        ImGui::TableSetupColumn("Segment 环节", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        for (const char* heading : {"Kind", "Product", "Planned 计划", "Actual 实际", "Over 超时", "Enters",
                                    "Clicks", "Paid orders", "GMV"})
            ImGui::TableSetupColumn(heading);
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
        ImGui::TextWrapped("No earlier session of the same title or tag to compare with (rehearsals are "
                           "left out).");
    }
    if (!model.comparison.empty() && ImGui::BeginTable("comparison", 8, kReviewTableFlags)) {
        ImGui::TableSetupColumn("Session 场次", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        for (const char* heading :
             {"Started", "UV", "Buyers", "Paid orders", "GMV", "Conversion", "This session vs it"})
            ImGui::TableSetupColumn(heading);
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
        ImGui::TextColored(kReviewGreen, "No alert was raised during this session.");
        return;
    }
    if (!ImGui::BeginTable("alerts", 5, kReviewTableFlags)) return;
    ImGui::TableSetupColumn("At");
    ImGui::TableSetupColumn("Level");
    ImGui::TableSetupColumn("Rule / KPI");
    ImGui::TableSetupColumn("Message", ImGuiTableColumnFlags_WidthStretch, 4.0f);
    ImGui::TableSetupColumn("Acknowledged");
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
