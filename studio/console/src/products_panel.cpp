#include "products_panel.hpp"

#include <algorithm>
#include <cctype>

#include "hawker/studio/base/ascii_case.hpp"
#include "hawker/studio/show/compliance.hpp"
#include "ui_format.hpp"

namespace hawker::studio::console {

namespace {

const ProductSpec* findProduct(const ShowSpec& show, const std::string& sku) {
    for (const ProductSpec& product : show.products)
        if (product.sku == sku) return &product;
    return nullptr;
}

void approvalText(const ShowState* state, const std::string& key) {
    if (!state) return;
    auto found = state->approvals.find(key);
    if (found != state->approvals.end())
        ImGui::TextColored(kTextGood, "✓ %s", found->second.who.c_str());
    else
        ImGui::TextColored(kTextWarn, "%s", tr("products.needs_approval"));
    if (found != state->approvals.end() && ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", trf("products.approved_by",
                                    {{"who", found->second.who}, {"role", roleLabel(found->second.role)}})
                                    .c_str());
}

} // namespace

ProductsPanel::ProductsPanel()
    : Panel("Products & offers", trKey("products.title"), PanelPlace{0.5f, 0, 0.28f, 0.52f}) {}

void ProductsPanel::drawContent(ConsoleContext& context) {
    drawProducts(context);
    ImGui::Spacing();
    drawOffers(context);
    drawConfirmation(context);
    m_approval.draw(context);
}

void ProductsPanel::approve(ConsoleContext& context, const std::string& key, const std::string& value,
                            const std::string& what) {
    // A login that may approve does so itself; an operator needs the second person.
    if (context.may("approve"))
        context.send(Command::named("approve", {{key, value}}), "approve " + key + " " + value);
    else
        m_approval.open(key, value, what);
}

void ProductsPanel::drawProducts(ConsoleContext& context) {
    const ShowSpec& show = context.engine()->show();
    const ShowState* state = context.live().state.get();
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##search", tr("products.search_hint"), m_search, sizeof m_search);
    const std::string needle = asciiLower(m_search);
    std::string onAir;
    if (state) {
        auto card = state->graphics.find("card");
        if (card != state->graphics.end() && !card->second.hiddenAtMs) onAir = card->second.sku;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    const float height = std::max(120.0f, ImGui::GetContentRegionAvail().y * 0.55f);
    if (!ImGui::BeginTable("products", 5, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("products.col_product"), ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableSetupColumn(tr("products.col_price"), ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn(tr("products.col_sold_stock"), ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn(tr("products.col_compliance"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn(tr("products.col_card"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableHeadersRow();
    for (const ProductSpec& product : show.products) {
        if (!needle.empty() && asciiLower(product.sku).find(needle) == std::string::npos &&
            asciiLower(product.name).find(needle) == std::string::npos)
            continue;
        ImGui::PushID(product.sku.c_str());
        ImGui::TableNextRow();
        const bool pinned = product.sku == onAir;
        if (pinned) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(120, 30, 30, 160));
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", product.name.c_str());
        context.markRegion("product_name:" + product.sku, ImGui::GetItemRectMin().x,
                           ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y);
        ImGui::TextDisabled("%s%s", product.sku.c_str(), pinned ? tr("products.on_air_mark") : "");
        if (pinned)
            context.markRegion("product_on_air", ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                               ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y);
        ImGui::TableNextColumn();
        ImGui::Text("%s", formatYuan(product.priceCents).c_str());
        ImGui::TableNextColumn();
        ProductLive live;
        if (state)
            if (auto found = state->live.find(product.sku); found != state->live.end()) live = found->second;
        const auto stock = live.stock ? live.stock : product.stock;
        ImGui::Text("%s / %s", live.sold ? compactCount(*live.sold).c_str() : kMissing,
                    stock ? compactCount(*stock).c_str() : kMissing);
        if (ImGui::IsItemHovered() && ((live.sold && compactCount(*live.sold) != formatCount(*live.sold)) ||
                                       (stock && compactCount(*stock) != formatCount(*stock))))
            ImGui::SetTooltip("%s / %s", live.sold ? formatCount(*live.sold).c_str() : kMissing,
                              stock ? formatCount(*stock).c_str() : kMissing);
        ImGui::TableNextColumn();
        // The show's products and banned words do not change while it runs: check each card once.
        auto cached = m_bannedWords.find(product.sku);
        if (cached == m_bannedWords.end())
            cached =
                m_bannedWords
                    .emplace(product.sku, findBannedWord(cardTexts(product), show.compliance.bannedWords))
                    .first;
        if (const auto& banned = cached->second) {
            ImGui::TextColored(kTextBad, "%s", trf("products.banned", {{"word", banned->word}}).c_str());
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip(
                    "%s", trf("products.banned_in", {{"where", i18n::say(banned->in.where)}}).c_str());
        } else {
            approvalText(state, "card:" + product.sku);
            if (state && !state->approvals.count("card:" + product.sku)) {
                ImGui::SameLine();
                ImGui::BeginDisabled(context.busy("approve card " + product.sku));
                if (ImGui::SmallButton(trId("products.approve").c_str()))
                    approve(context, "card", product.sku, product.name);
                ImGui::EndDisabled();
            }
        }
        ImGui::TableNextColumn();
        ImGui::BeginDisabled(!context.may("card.show") || context.busy("card"));
        if (pinned) {
            if (ImGui::SmallButton(trId("products.hide_card").c_str()))
                context.send(Command::named("card.hide", {}), "card");
        } else if (ImGui::SmallButton(trId("products.show_card").c_str())) {
            context.send(Command::named("card.show", {{"sku", product.sku}}), "card");
        }
        ImGui::EndDisabled();
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void ProductsPanel::drawOffers(ConsoleContext& context) {
    const ShowSpec& show = context.engine()->show();
    const ShowState* state = context.live().state.get();
    const int64_t nowMs = context.live().programMs;
    ImGui::TextDisabled("%s", tr("products.flash_sales"));
    for (const OfferSpec& offer : show.offers) {
        ImGui::PushID(offer.id.c_str());
        const OfferState* running = nullptr;
        if (state)
            for (const auto& [slot, o] : state->offers)
                if (o.id == offer.id) running = &o;
        const ProductSpec* product = findProduct(show, offer.sku);
        ImGui::Separator();
        ImGui::Text("%s · %s", offer.title.c_str(), product ? product->name.c_str() : offer.sku.c_str());
        ImGui::TextDisabled(
            "%s", trf("products.offer_terms", {{"price", formatYuan(offer.dealPriceCents)},
                                               {"quantity", formatCount(offer.quantity)},
                                               {"limit", std::to_string(offer.perBuyerLimit)},
                                               {"countdown", std::to_string(offer.prelaunchSeconds)},
                                               {"duration", std::to_string(offer.durationSeconds)}})
                      .c_str());
        if (running) {
            ImVec4 color = kTextDim;
            std::string phase = running->phase == OfferState::Phase::SoldOut ? tr("products.phase_sold_out")
                                                                             : tr("products.phase_ended");
            if (running->phase == OfferState::Phase::PreLaunch) {
                color = kTextWarn;
                phase = trf("products.phase_prelaunch",
                            {{"clock", formatClock(countdownSeconds(running->launchAtMs - nowMs))}});
            } else if (running->phase == OfferState::Phase::OnSale) {
                color = kTextGood;
                phase = trf("products.phase_on_sale",
                            {{"clock", formatClock(countdownSeconds(running->endAtMs - nowMs))}});
            }
            ImGui::TextColored(color, "%s", phase.c_str());
            const int64_t sold = running->quantity - running->remaining;
            const float fraction =
                running->quantity > 0 ? static_cast<float>(sold) / running->quantity : 0.0f;
            const std::string overlay =
                trf("products.sale_progress", {{"sold", formatCount(sold)},
                                               {"left", formatCount(running->remaining)},
                                               {"total", formatCount(running->quantity)}});
            ImGui::ProgressBar(fraction, ImVec2(-1, 0), overlay.c_str());
        }
        approvalText(state, "offer:" + offer.id);
        if (state && !state->approvals.count("offer:" + offer.id)) {
            ImGui::SameLine();
            ImGui::BeginDisabled(context.busy("approve offer " + offer.id));
            if (ImGui::SmallButton(trId("products.approve").c_str()))
                approve(context, "offer", offer.id, offer.title);
            ImGui::EndDisabled();
        }
        const bool live = running && (running->phase == OfferState::Phase::PreLaunch ||
                                      running->phase == OfferState::Phase::OnSale);
        ImGui::BeginDisabled(!context.may("offer.start") || context.busy("offer"));
        if (!live && ImGui::Button(trId("products.start_sale").c_str())) {
            m_pending = Command::named("offer.start", {{"offer", offer.id}});
            m_pendingText =
                trf("products.confirm_start", {{"title", offer.title},
                                               {"quantity", formatCount(offer.quantity)},
                                               {"price", formatYuan(offer.dealPriceCents)},
                                               {"countdown", std::to_string(offer.prelaunchSeconds)}});
            m_openConfirmation = true;
        }
        if (live && ImGui::Button(trId("products.stop_sale").c_str())) {
            m_pending = Command::named("offer.stop", {});
            m_pendingText = trf("products.confirm_stop", {{"title", offer.title}});
            m_openConfirmation = true;
        }
        if (running && !live) {
            ImGui::SameLine();
            if (ImGui::Button(trId("products.hide_offer").c_str()))
                context.send(Command::named("offer.hide", {}), "offer");
        }
        ImGui::EndDisabled();
        ImGui::PopID();
    }
}

void ProductsPanel::drawConfirmation(ConsoleContext& context) {
    const std::string popup = trId("products.confirm_title");
    if (m_openConfirmation) {
        ImGui::OpenPopup(popup.c_str());
        m_openConfirmation = false;
    }
    if (!ImGui::BeginPopupModal(popup.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::Text("%s", m_pendingText.c_str());
    if (ImGui::Button(trId("common.yes").c_str()) && m_pending) {
        context.send(*m_pending, "offer");
        m_pending.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(trId("common.no").c_str())) {
        m_pending.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace hawker::studio::console
