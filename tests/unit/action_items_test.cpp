// 复盘 action items: a due day and a status (open, done, dropped), and the open actions of earlier shows
// of the same title or tag listed at the top of the next session's review.

#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "hawker/studio/report/report_html.hpp"
#include "hawker/studio/report/review_model.hpp"
#include "hawker/studio/report/session_report.hpp"
#include "hawker/studio/store/database.hpp"
#include "hawker/studio/store/notes_store.hpp"
#include "hawker/studio/store/session_store.hpp"

#include "temp_db.hpp"

using namespace hawker::studio;

namespace {

constexpr int64_t kDay = 86'400'000;
constexpr int64_t kT0 = 1'796'000'000'000;

std::string refusal(const std::function<void()>& change) {
    try {
        change();
    } catch (const StoreError& error) {
        return error.what();
    }
    return "(accepted)";
}

} // namespace

TEST(ActionItems, AnActionHasADueDayAndAStatusOtherNotesHaveNeither) {
    TempDb temp("actions");
    Database db(temp.path);
    const int64_t session = SessionStore(db).create("护肤专场", "beauty", kT0, false).id;
    NotesStore notes(db);
    const SessionNote action = notes.add(session, "action", "提前 5 分钟开秒杀", "小林", "2026-12-20");
    EXPECT_EQ(action.status, "open");
    EXPECT_EQ(action.due, "2026-12-20");
    const SessionNote cause = notes.add(session, "cause", "秒杀开得太晚", "");
    EXPECT_EQ(cause.status, "");
    EXPECT_EQ(cause.due, "");

    EXPECT_EQ(refusal([&] { notes.add(session, "cause", "x", "", "2026-12-20"); }),
              "only an action has a due day");
    EXPECT_NE(refusal([&] { notes.add(session, "action", "x", "", "2026-02-30"); }).find("must exist"),
              std::string::npos);
    EXPECT_NE(refusal([&] { notes.add(session, "action", "x", "", "20/12/2026"); }).find("YYYY-MM-DD"),
              std::string::npos);
    EXPECT_EQ(notes.add(session, "action", "leap day", "", "2028-02-29").due, "2028-02-29");

    // Only what is given changes.
    const SessionNote done = notes.edit(action.id, {std::nullopt, std::nullopt, std::nullopt, "done"});
    EXPECT_EQ(done.status, "done");
    EXPECT_EQ(done.text, "提前 5 分钟开秒杀");
    EXPECT_EQ(done.owner, "小林");
    EXPECT_EQ(done.due, "2026-12-20");
    EXPECT_EQ(notes.edit(action.id, {std::nullopt, std::nullopt, "", std::nullopt}).due, ""); // cleared
    EXPECT_NE(refusal([&] {
                  notes.edit(action.id, {std::nullopt, std::nullopt, std::nullopt, "finished"});
              }).find("unknown status"),
              std::string::npos);
    EXPECT_NE(refusal([&] {
                  notes.edit(cause.id, {std::nullopt, std::nullopt, std::nullopt, "done"});
              }).find("only an action"),
              std::string::npos);
    EXPECT_EQ(notes.list(session)[0].status, "done"); // the refused edits changed nothing

    const nlohmann::json asJson = noteJson(notes.list(session)[1]);
    EXPECT_TRUE(asJson["status"].is_null());
    EXPECT_TRUE(asJson["due"].is_null());
}

TEST(ActionItems, TheNextShowOfTheTitleOrTagListsTheOpenOnes) {
    TempDb temp("open-actions");
    Database db(temp.path);
    SessionStore sessions(db);
    NotesStore notes(db);
    const int64_t first = sessions.create("护肤专场", "beauty", kT0, false).id;
    const int64_t sameTag = sessions.create("面霜夜", "beauty", kT0 + kDay, false).id;
    const int64_t other = sessions.create("零食节", "food", kT0 + 2 * kDay, false).id;
    const int64_t next = sessions.create("护肤专场", "", kT0 + 3 * kDay, false).id;
    const int64_t later = sessions.create("护肤专场", "beauty", kT0 + 9 * kDay, false).id;

    const SessionNote open1 = notes.add(first, "action", "提前 5 分钟开秒杀", "小林", "2026-12-20");
    notes.add(first, "action", "done already", "");
    notes.edit(notes.list(first)[1].id, {std::nullopt, std::nullopt, std::nullopt, "done"});
    notes.add(sameTag, "action", "面霜讲解加试用", "阿杰");
    notes.add(other, "action", "not this show", "");
    notes.add(first, "gap", "not an action", "");
    notes.add(later, "action", "after this show", "");

    // `next` has the first show's title and no tag: only the title matches.
    auto titles = notes.openActionsBefore(next);
    ASSERT_EQ(titles.size(), 1u);
    EXPECT_EQ(titles[0].note.id, open1.id);
    EXPECT_EQ(titles[0].sessionTitle, "护肤专场");
    // `later` shares the title with `first` and the tag with `sameTag`; the closed one is left out.
    auto both = notes.openActionsBefore(later);
    ASSERT_EQ(both.size(), 2u);
    EXPECT_EQ(both[0].note.text, "提前 5 分钟开秒杀");
    EXPECT_EQ(both[1].note.text, "面霜讲解加试用");

    // At the top of the next session's review: the report JSON, the HTML page and the console's review.
    sessions.end(next, kT0 + 3 * kDay + 3'600'000);
    const nlohmann::json report = buildSessionReport(db, next);
    ASSERT_EQ(report["open_actions"].size(), 1u);
    EXPECT_EQ(report["open_actions"][0]["text"], "提前 5 分钟开秒杀");
    EXPECT_EQ(report["open_actions"][0]["session_title"], "护肤专场");
    const std::string html = renderReportHtml(report);
    const size_t openAt = html.find("id=\"open-actions\"");
    ASSERT_NE(openAt, std::string::npos);
    EXPECT_LT(openAt, html.find("class=\"kpis\"")); // before this show's figures
    EXPECT_NE(html.find("due 截止 2026-12-20"), std::string::npos);
    const ReviewModel model = prepareReview(report);
    ASSERT_EQ(model.overview.openActions.size(), 1u);
    EXPECT_EQ(model.overview.openActions[0],
              "提前 5 分钟开秒杀 — 小林 · due 截止 2026-12-20 · from 护肤专场");
}
