#include "comments_panel.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "hawker/studio/base/ascii_case.hpp"
#include "hawker/studio/base/json_read.hpp"
#include "hawker/studio/report/review_text.hpp"
#include "ui_format.hpp"

namespace hawker::studio::console {

using nlohmann::json;

namespace {

const char* const kPinTask = "pin comment";
constexpr ImU32 kNegativeRow = IM_COL32(220, 60, 60, 45);
const ImVec4 kNegativeText{1.0f, 0.45f, 0.45f, 1.0f};
const ImVec4 kPinnedText{0.55f, 0.80f, 1.0f, 1.0f};
// A paid message (Super Chat) stands out in gold, as on the platform: the host thanks it by name.
constexpr ImU32 kPaidRow = IM_COL32(230, 170, 30, 45);
const ImVec4 kPaidText{1.0f, 0.78f, 0.25f, 1.0f};

/// "USD 5.00" for a paid message, "" for a comment.
std::string paidAmountOf(const nlohmann::json& comment) {
    const nlohmann::json& paid = json_read::memberOf(comment, "paid");
    if (!paid.is_object()) return {};
    return formatCurrencyMicros(json_read::stringAt(paid, "currency"),
                                json_read::integerAt(paid, "amount_micros"));
}

/// Case folds ASCII only: the comments are mostly Chinese, which has no case,
/// and folding bytes of UTF-8 sequences would corrupt them.
bool containsFolded(std::string_view haystack, std::string_view needle) {
    if (needle.empty()) return true;
    return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                       [](char a, char b) { return asciiLower(a) == asciiLower(b); }) != haystack.end();
}

const SlotGraphic* pinnedComment(const LiveSnapshot& live) {
    if (!live.state) return nullptr;
    auto found = live.state->graphics.find("comment");
    // An animating-out comment is already on its way down.
    if (found == live.state->graphics.end() || found->second.hiddenAtMs) return nullptr;
    return &found->second;
}

std::string fieldOf(const SlotGraphic& graphic, const char* key) {
    auto it = graphic.fields.find(key);
    return it == graphic.fields.end() ? std::string() : it->second;
}

void explainWhenRefused(bool allowed, const char* why) {
    if (!allowed && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", why);
}

} // namespace

void CommentsPanel::drawPinned(ConsoleContext& context, const SlotGraphic* pinned) {
    const bool mayHide = context.may("graphic.hide");
    if (pinned) {
        ImGui::TextColored(kPinnedText, "%s", tr("comments.pinned"));
        ImGui::SameLine();
        const std::string viewer = fieldOf(*pinned, "viewer");
        const std::string text = fieldOf(*pinned, "text");
        context.noticeText(viewer);
        context.noticeText(text);
        ImGui::TextWrapped("%s%s%s", viewer.c_str(), viewer.empty() ? "" : ": ", text.c_str());
    } else {
        ImGui::TextDisabled("%s", tr("comments.nothing_pinned"));
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(!pinned || !mayHide || context.busy(kPinTask));
    if (ImGui::SmallButton((std::string(tr("comments.unpin")) + "##pinned").c_str()))
        context.send(Command::named("graphic.hide", {{"slot", "comment"}}), kPinTask);
    ImGui::EndDisabled();
    explainWhenRefused(mayHide, tr("comments.may_not_hide"));
}

void CommentsPanel::drawContent(ConsoleContext& context) {
    const LiveSnapshot& live = context.live();
    const json& analytics = live.analytics;
    if (!analytics.is_object()) {
        ImGui::TextDisabled("%s", tr("alerts.no_session"));
        return;
    }

    const SlotGraphic* pinned = pinnedComment(live);
    drawPinned(context, pinned);

    ImGui::SetNextItemWidth(std::max(80.0f, ImGui::GetContentRegionAvail().x * 0.5f));
    ImGui::InputTextWithHint("##filter", tr("comments.filter"), m_filter.data(), m_filter.size());
    const std::string_view filter(m_filter.data());

    const json& comments = json_read::memberOf(analytics, "comments");
    std::vector<const json*> shown;
    if (comments.is_array())
        for (const json& comment : comments)
            if (comment.is_object() && (containsFolded(json_read::stringAt(comment, "text"), filter) ||
                                        containsFolded(json_read::stringAt(comment, "who"), filter)))
                shown.push_back(&comment);
    ImGui::SameLine();
    ImGui::TextDisabled("%s",
                        trf("comments.shown",
                            {{"shown", formatCount(static_cast<int64_t>(shown.size()))},
                             {"negative", formatCount(json_read::integerAt(analytics, "negative_comments"))}})
                            .c_str());
    if (const std::string paid = paidEngagementText(json_read::memberOf(analytics, "paid_engagement"));
        !paid.empty()) {
        ImGui::TextColored(kPaidText, "%s", trf("comments.paid", {{"amount", paid}}).c_str());
    }

    const bool mayShow = context.may("graphic.show");
    const bool mayHide = context.may("graphic.hide");
    const bool busy = context.busy(kPinTask);
    const std::string pinnedText = pinned ? fieldOf(*pinned, "text") : std::string();
    const std::string pinnedViewer = pinned ? fieldOf(*pinned, "viewer") : std::string();

    if (!ImGui::BeginChild("feed", ImVec2(0, 0), true)) {
        ImGui::EndChild();
        return;
    }
    if (shown.empty())
        ImGui::TextDisabled("%s", filter.empty() ? tr("comments.none") : tr("comments.no_match"));
    else if (ImGui::BeginTable("comments", 2, ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn(tr("comments.col_pin"));
        ImGui::TableSetupColumn(tr("comments.col_comment"), ImGuiTableColumnFlags_WidthStretch);
        for (size_t i = 0; i < shown.size(); ++i) {
            const json& comment = *shown[i];
            const std::string who = json_read::stringAt(comment, "who");
            const std::string text = json_read::stringAt(comment, "text");
            const bool negative = json_read::flagAt(comment, "negative");
            const std::string paid = paidAmountOf(comment);
            const bool isPinned = pinned && text == pinnedText && who == pinnedViewer;

            ImGui::TableNextRow();
            if (negative)
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, kNegativeRow);
            else if (!paid.empty())
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, kPaidRow);
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(i));
            if (isPinned) {
                ImGui::BeginDisabled(!mayHide || busy);
                if (ImGui::SmallButton(trId("comments.unpin").c_str()))
                    context.send(Command::named("graphic.hide", {{"slot", "comment"}}), kPinTask);
                ImGui::EndDisabled();
                explainWhenRefused(mayHide, tr("comments.may_not_hide"));
            } else {
                ImGui::BeginDisabled(!mayShow || busy || text.empty());
                if (ImGui::SmallButton(trId("comments.pin").c_str()))
                    context.send(
                        Command::named(
                            "graphic.show",
                            {{"slot", "comment"}, {"kind", "comment"}, {"viewer", who}, {"text", text}}),
                        kPinTask);
                ImGui::EndDisabled();
                explainWhenRefused(mayShow, tr("comments.may_not_show"));
            }
            ImGui::PopID();

            ImGui::TableNextColumn();
            ImGui::TextDisabled(
                "%s", formatClock(std::max(0.0, json_read::numberAt(comment, "offset_ms").value_or(0) / 1000))
                          .c_str());
            ImGui::SameLine();
            // A viewer's name and words may hold any character: the atlas gets the ones it lacks.
            context.noticeText(who);
            context.noticeText(text);
            ImGui::TextColored(isPinned ? kPinnedText : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled), "%s",
                               who.c_str());
            if (!paid.empty()) {
                ImGui::SameLine();
                ImGui::TextColored(kPaidText, "%s", paid.c_str());
            }
            if (text.empty()) continue; // a Super Sticker without words: the amount says it
            ImGui::SameLine();
            if (negative) ImGui::PushStyleColor(ImGuiCol_Text, kNegativeText);
            ImGui::TextWrapped("%s", text.c_str());
            context.markRegion("comment_text:" + std::to_string(i), ImGui::GetItemRectMin().x,
                               ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x,
                               ImGui::GetItemRectMax().y);
            if (negative) ImGui::PopStyleColor();
        }
        ImGui::EndTable();
    }
    // Follow new comments only while the operator is at the bottom: someone
    // scrolled up to read must not be yanked away.
    if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY()) ImGui::SetScrollHereY(1.0f);
    ImGui::EndChild();
}

} // namespace hawker::studio::console
