#include "host_view.hpp"
#include "ui_format.hpp"

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "chart_drawing.hpp"
#include "hawker/studio/base/json_read.hpp"
#include "hawker/studio/report/review_text.hpp"

namespace hawker::studio::console {

namespace {

// The large and huge fonts carry only Latin, the console's own symbols and
// the show's texts (console_fonts.cpp), so their labels stick to those
// characters; anything else is drawn in the body font.

const ImVec4 kOver(1.0f, 0.33f, 0.30f, 1.0f);
const ImVec4 kOffer(1.0f, 0.62f, 0.20f, 1.0f);
const ImVec4 kGood(0.45f, 0.88f, 0.45f, 1.0f);
const ImVec4 kDim(0.62f, 0.62f, 0.62f, 1.0f);
const ImVec4 kWarn(0.95f, 0.75f, 0.25f, 1.0f);

/// A pushed font for one scope; a missing font (no CJK file) keeps the current one.
class FontScope {
public:
    explicit FontScope(ImFont* font) : m_pushed(font != nullptr) {
        if (m_pushed) ImGui::PushFont(font);
    }
    ~FontScope() {
        if (m_pushed) ImGui::PopFont();
    }
    FontScope(const FontScope&) = delete;
    FontScope& operator=(const FontScope&) = delete;

private:
    bool m_pushed;
};

void text(const std::string& value) {
    ImGui::TextUnformatted(value.c_str(), value.c_str() + value.size());
}

void coloured(const ImVec4& colour, const std::string& value) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    text(value);
    ImGui::PopStyleColor();
}

/// A price no longer asked (the list price under a deal), crossed out.
void struckThrough(const ImVec4& colour, const std::string& value) {
    coloured(colour, value);
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const float y = (min.y + max.y) * 0.5f;
    ImGui::GetWindowDrawList()->AddLine(ImVec2(min.x, y), ImVec2(max.x, y),
                                        ImGui::ColorConvertFloat4ToU32(colour), 2.0f);
}

void bar(float fraction, const ImVec4& colour, float height) {
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, colour);
    ImGui::ProgressBar(std::clamp(fraction, 0.0f, 1.0f), ImVec2(-FLT_MIN, height), "");
    ImGui::PopStyleColor();
}

void bullets(const std::vector<std::string>& lines, ImFont* font) {
    FontScope scope(font);
    for (const std::string& line : lines) {
        ImGui::Bullet();
        ImGui::SameLine();
        text(line);
    }
}

/// The sale the host should call out for a product: one on sale, else one
/// about to open, else one that just sold out.
const OfferState* offerFor(const ShowState& state, const std::string& sku) {
    const OfferState* best = nullptr;
    auto rank = [](OfferState::Phase phase) {
        switch (phase) {
        case OfferState::Phase::OnSale:
            return 3;
        case OfferState::Phase::PreLaunch:
            return 2;
        case OfferState::Phase::SoldOut:
            return 1;
        case OfferState::Phase::Ended:
            break;
        }
        return 0;
    };
    for (const auto& [slot, offer] : state.offers)
        if (offer.sku == sku && rank(offer.phase) > 0 && (!best || rank(offer.phase) > rank(best->phase)))
            best = &offer;
    return best;
}

/// What the host is selling now: the segment's product, the product of the
/// segment's flash sale, or else whatever card is on screen.
std::string productOnAir(const ShowSpec& show, const ShowState& state, const SegmentSpec* segment) {
    if (segment && !segment->sku.empty()) return segment->sku;
    if (segment && !segment->offer.empty())
        if (const OfferSpec* offer = show.findOffer(segment->offer)) return offer->sku;
    if (auto card = state.graphics.find("card"); card != state.graphics.end() && !card->second.hiddenAtMs)
        return card->second.sku;
    return {};
}

void drawSegment(const ConsoleFonts& fonts, const ShowSpec& show, const ShowState& state, int64_t programMs,
                 const SegmentSpec* segment) {
    const int count = static_cast<int>(show.rundown.size());
    if (count == 0) {
        FontScope scope(fonts.large);
        coloured(kDim, tr("host.no_rundown"));
        return;
    }
    if (!segment) {
        {
            FontScope scope(fonts.large);
            coloured(kDim, trf("host.segment_of", {{"index", "0"}, {"count", std::to_string(count)}}));
        }
        FontScope scope(fonts.huge);
        text(tr("host.not_started"));
        return;
    }
    {
        FontScope scope(fonts.large);
        coloured(kDim, trf("host.segment_of", {{"index", std::to_string(state.rundown.current + 1)},
                                               {"count", std::to_string(count)}}) +
                           " · " + tr(segmentKindKey(segment->kind)));
    }
    {
        FontScope scope(fonts.huge);
        text(segment->title);
    }

    // Whole seconds as every clock shows them (rounded), so that elapsed and left add up to the plan.
    const int64_t elapsed = wholeSeconds(
        static_cast<double>(std::max<int64_t>(0, programMs - state.rundown.segmentStartMs)) / 1000.0);
    const int64_t planned = segment->plannedSeconds;
    const bool over = planned > 0 && elapsed > planned;
    {
        FontScope scope(fonts.huge);
        coloured(over ? kOver : ImGui::GetStyleColorVec4(ImGuiCol_Text),
                 planned > 0 ? formatClock(elapsed) + " / " + formatClock(planned) : formatClock(elapsed));
    }
    if (planned <= 0) return;
    {
        FontScope scope(fonts.large);
        if (over)
            coloured(kOver, trf("host.over", {{"clock", formatClock(elapsed - planned)}}));
        else
            coloured(kDim, trf("host.left", {{"clock", formatClock(planned - elapsed)}}));
    }
    const float fraction = static_cast<float>(elapsed) / static_cast<float>(planned);
    bar(fraction, over ? kOver : (fraction > 0.85f ? kWarn : kGood), 10.0f);
}

void drawProduct(const ConsoleFonts& fonts, const ShowSpec& show, const ShowState& state, int64_t programMs,
                 const std::string& sku) {
    const ProductSpec* product = show.findProduct(sku);
    {
        FontScope scope(fonts.large);
        text(product ? product->name : sku);
    }
    const OfferState* offer = offerFor(state, sku);
    const bool deal = offer && offer->phase != OfferState::Phase::SoldOut;

    if (deal) {
        {
            FontScope scope(fonts.huge);
            coloured(kOffer, trf("host.deal_price", {{"price", formatYuan(offer->dealPriceCents)}}));
        }
        if (product) {
            FontScope scope(fonts.large);
            struckThrough(kDim, formatYuan(product->priceCents));
        }
        FontScope scope(fonts.huge);
        if (offer->phase == OfferState::Phase::PreLaunch) {
            coloured(kOffer, trf("host.launches_in",
                                 {{"clock", formatClock(countdownSeconds(offer->launchAtMs - programMs))}}));
        } else {
            const int64_t left = countdownSeconds(offer->endAtMs - programMs);
            coloured(left <= 30 ? kOver : kOffer, trf("host.time_left", {{"clock", formatClock(left)}}));
        }
        FontScope small(fonts.large);
        coloured(offer->remaining * 5 <= offer->quantity ? kOver : ImGui::GetStyleColorVec4(ImGuiCol_Text),
                 trf("host.stock_of",
                     {{"left", formatCount(offer->remaining)}, {"total", formatCount(offer->quantity)}}));
        if (offer->quantity > 0)
            bar(static_cast<float>(offer->remaining) / static_cast<float>(offer->quantity), kOffer, 8.0f);
    } else if (product) {
        {
            FontScope scope(fonts.huge);
            text(formatYuan(product->priceCents));
        }
        if (product->originalPriceCents && *product->originalPriceCents > product->priceCents) {
            FontScope scope(fonts.large);
            struckThrough(kDim, formatYuan(*product->originalPriceCents));
        }
    }
    if (offer && offer->phase == OfferState::Phase::SoldOut) {
        FontScope scope(fonts.large);
        coloured(kOver, trf("host.sold_out", {{"total", formatCount(offer->quantity)}}));
    }

    // What the shop's feed says is left, so the host never sells what is gone.
    if (auto live = state.live.find(sku);
        live != state.live.end() && (live->second.sold || live->second.stock)) {
        std::string line;
        if (live->second.sold) line += trf("host.sold", {{"count", compactCount(*live->second.sold)}});
        if (live->second.stock)
            line += (line.empty() ? "" : " · ") +
                    trf("host.stock", {{"count", compactCount(*live->second.stock)}});
        FontScope scope(fonts.large);
        coloured(kDim, line);
    }
}

void drawGmv(const ConsoleFonts& fonts, const ShowSpec& show, const nlohmann::json& analytics) {
    if (!analytics.is_object()) {
        ImGui::TextDisabled("%s", tr("host.no_sales"));
        return;
    }
    const double gmv =
        json_read::numberAt(json_read::memberOf(analytics, "summary"), "gmv_cents").value_or(0);
    std::optional<double> target;
    std::string status = "none";
    for (const nlohmann::json& kpi : json_read::listAt(analytics, "kpis")) {
        if (json_read::stringAt(kpi, "key") != "gmv_cents") continue;
        target = json_read::numberAt(kpi, "target");
        status = json_read::stringAt(kpi, "status", "none");
    }

    {
        FontScope scope(fonts.large);
        // Two decimals while it is small; 万 and k past ¥10,000, the exact amount in the tooltip.
        std::string line = trf("host.gmv", {{"amount", compactYuan(gmv)}});
        // The live target is paced: what should be sold by this point of the show.
        if (target) line += trf("host.gmv_target", {{"amount", compactYuan(*target)}});
        text(line);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s%s", formatYuan(gmv).c_str(),
                              target ? trf("host.gmv_target", {{"amount", formatYuan(*target)}}).c_str()
                                     : "");
    }
    if (target && *target > 0)
        bar(static_cast<float>(gmv / *target), ImGui::ColorConvertU32ToFloat4(statusColor(status)), 14.0f);
    if (show.session.targets.gmvCents)
        ImGui::TextDisabled(
            "%s", trf("host.whole_target", {{"amount", formatYuan(*show.session.targets.gmvCents)}}).c_str());
}

void drawOpenActions(const ConsoleFonts& fonts, const nlohmann::json& analytics) {
    const nlohmann::json& actions = json_read::listAt(analytics, "open_actions");
    if (actions.empty()) return;
    ImGui::Separator();
    {
        FontScope scope(fonts.large);
        coloured(kWarn, trf("host.open_actions", {{"count", std::to_string(actions.size())}}));
    }
    std::vector<std::string> lines;
    for (const nlohmann::json& action : actions)
        lines.push_back(openActionText(action));
    bullets(lines, fonts.large);
}

} // namespace

HostView::HostView() : Panel("Host prompter", trKey("host.title"), PanelPlace{0.62f, 0.52f, 0.38f, 0.48f}) {}

void HostView::drawContent(ConsoleContext& ctx) {
    const ConsoleFonts& fonts = ctx.fonts();
    const LiveSnapshot& live = ctx.live();
    ProgramView* engine = ctx.engine();
    ImGui::PushTextWrapPos(0.0f);
    if (!engine || !live.state) {
        FontScope scope(fonts.huge);
        coloured(kDim, engine ? tr("host.waiting_start") : tr("console.no_program"));
        ImGui::PopTextWrapPos();
        return;
    }
    const ShowSpec& show = engine->show();
    const ShowState& state = *live.state;
    const int count = static_cast<int>(show.rundown.size());
    const int current = state.rundown.current;
    const SegmentSpec* segment =
        current >= 0 && current < count ? &show.rundown[static_cast<size_t>(current)] : nullptr;

    drawSegment(fonts, show, state, live.programMs, segment);
    // Before the first segment: what the last reviews asked of this show and is still open.
    if (current < 0) drawOpenActions(fonts, live.analytics);

    const std::string sku = productOnAir(show, state, segment);
    const ProductSpec* product = sku.empty() ? nullptr : show.findProduct(sku);
    if (!sku.empty()) {
        ImGui::Separator();
        drawProduct(fonts, show, state, live.programMs, sku);
    }

    if (segment && !segment->talkingPoints.empty()) {
        ImGui::Separator();
        {
            FontScope scope(fonts.large);
            coloured(kDim, tr("host.talking_points"));
        }
        bullets(segment->talkingPoints, fonts.large);
    }
    if (product && !product->sellingPoints.empty()) {
        ImGui::Separator();
        {
            FontScope scope(fonts.large);
            coloured(kDim, tr("host.selling_points"));
        }
        bullets(product->sellingPoints, fonts.large);
    }

    ImGui::Separator();
    drawGmv(fonts, show, live.analytics);

    ImGui::Separator();
    const int next = current + 1; // -1 before the first segment: Next starts segment 1
    const bool hasNext = next < count;
    {
        FontScope scope(fonts.large);
        if (hasNext) {
            const SegmentSpec& upcoming = show.rundown[static_cast<size_t>(next)];
            text(trf("host.next_segment", {{"title", upcoming.title}}));
        } else {
            coloured(kDim, count > 0 ? tr("host.last_segment") : tr("host.no_next"));
        }
    }
    if (hasNext) {
        const SegmentSpec& upcoming = show.rundown[static_cast<size_t>(next)];
        if (upcoming.plannedSeconds > 0)
            ImGui::TextDisabled(
                "%s", trf("host.planned", {{"clock", formatClock(upcoming.plannedSeconds)}}).c_str());
    }

    if (ctx.may("rundown.next")) {
        ImGui::Spacing();
        const bool sending = ctx.busy("rundown next");
        ImGui::BeginDisabled(sending || !hasNext);
        {
            FontScope scope(fonts.huge);
            const std::string label =
                std::string(sending ? tr("host.next_sending") : tr("rundown.next")) + "###next";
            if (ImGui::Button(label.c_str(), ImVec2(-FLT_MIN, 0)))
                ctx.send(Command::named("rundown.next", {}), "rundown next");
        }
        ImGui::EndDisabled();
    }
    ImGui::PopTextWrapPos();
}

} // namespace hawker::studio::console
