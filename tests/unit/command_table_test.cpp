// The command table is the one list of commands: it validates arguments in
// one place, decides roles, and docs/API.md carries a copy that must match.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "hawker/studio/show/command_table.hpp"

using namespace hawker::studio;

namespace {

ShowSpec oneSceneShow() {
    ShowSpec show;
    SceneSpec scene;
    scene.id = "main";
    show.scenes.push_back(scene);
    return show;
}

CommandResult run(ShowController& controller, const std::string& name,
                  std::map<std::string, std::string> args, Role role = Role::Operator) {
    return controller.execute(Command::named(name, std::move(args)), Actor{"tester", role}, 0);
}

} // namespace

TEST(CommandTable, NamesAreUniqueAndEveryEntryHasAHandler) {
    std::set<std::string_view> names, routes;
    for (const CommandSpec& spec : commandTable()) {
        EXPECT_TRUE(names.insert(spec.name).second) << spec.name;
        if (!spec.route.empty()) {
            EXPECT_TRUE(routes.insert(spec.route).second) << spec.route;
        }
        EXPECT_NE(spec.handler, nullptr) << spec.name;
        EXPECT_NE(spec.roles, 0u) << spec.name;
        EXPECT_FALSE(spec.summary.empty()) << spec.name;
    }
    EXPECT_EQ(names.size(), 38u);
}

TEST(CommandTable, RolesComeFromTheTable) {
    EXPECT_TRUE(mayRun(Role::Operator, "take"));
    EXPECT_TRUE(mayRun(Role::Automation, "offer.start"));
    EXPECT_FALSE(mayRun(Role::Operator, "approve")); // the second person approves
    EXPECT_TRUE(mayRun(Role::Host, "rundown.next"));
    EXPECT_FALSE(mayRun(Role::Host, "rundown.goto"));
    EXPECT_TRUE(mayRun(Role::Merchandiser, "approval.revoke"));
    EXPECT_FALSE(mayRun(Role::Merchandiser, "take"));
    EXPECT_TRUE(mayRun(Role::Ingest, "offer.sell"));
    EXPECT_FALSE(mayRun(Role::Ingest, "card.show"));
    EXPECT_FALSE(mayRun(Role::Operator, "no.such.command"));
    EXPECT_EQ(roleFromName("merchandiser"), Role::Merchandiser);
    EXPECT_EQ(roleFromName("root"), std::nullopt);
    EXPECT_EQ(roleNames([](const RoleInfo& info) { return info.console; }), "operator, host or merchandiser");
}

TEST(CommandTable, ArgumentsAreCheckedBeforeAnyHandlerRuns) {
    const ShowSpec show = oneSceneShow();
    ShowController controller(show);
    const auto before = controller.snapshot();
    using F = CommandResult::Failure;

    CommandResult r = run(controller, "preview", {});
    EXPECT_EQ(r.failure, F::Invalid);
    EXPECT_EQ(r.message, "preview: scene is missing");

    r = run(controller, "take", {{"duration_ms", "20000"}});
    EXPECT_EQ(r.message, "take: duration_ms must be 0..10000, got 20000");
    r = run(controller, "take", {{"transition", "wipe"}});
    EXPECT_EQ(r.message, "take: transition must be cut, fade or stinger, got 'wipe'");
    r = run(controller, "card.update", {{"sku", "S1"}, {"sold", "12x"}});
    EXPECT_EQ(r.message, "card.update: sold must be a whole number, got '12x'");
    r = run(controller, "audio.gain", {{"input", "mic"}, {"db", "99"}});
    EXPECT_EQ(r.message, "audio.gain: db must be a number from -60 to 24, got '99'");
    r = run(controller, "audio.mute", {{"input", "mic"}, {"muted", "maybe"}});
    EXPECT_EQ(r.message, "audio.mute: muted must be true or false, got 'maybe'");
    r = run(controller, "card.show", {{"sku", "two words"}});
    EXPECT_EQ(r.message, "card.show: sku must be a name of 1..128 bytes without spaces, got 'two words'");
    r = run(controller, "offer.start", {{"title", std::string(65, 'x')}});
    EXPECT_EQ(r.failure, F::Invalid);
    EXPECT_NE(r.message.find("title must be text of at most 64 bytes"), std::string::npos) << r.message;
    // A typo is refused, not ignored: the sender learns what the command takes.
    r = run(controller, "coupon.issue", {{"coupon", "NEW20"}, {"cuont", "3"}});
    EXPECT_EQ(r.message, "coupon.issue: no argument 'cuont' (it takes coupon, count)");
    // A graphic's own fields pass, within their limits.
    r = run(controller, "graphic.show",
            {{"slot", "banner"}, {"kind", "banner"}, {"text", std::string(600, 'y')}});
    EXPECT_NE(r.message.find("'text' must be text of at most 512 bytes"), std::string::npos) << r.message;
    EXPECT_EQ(controller.snapshot(), before); // nothing above changed the show

    r = run(controller, "graphic.show", {{"slot", "banner"}, {"kind", "banner"}, {"text", "满299减50"}});
    EXPECT_TRUE(r.ok) << r.message;
    // The switcher's typed arguments arrive as text from the API and are typed once.
    r = run(controller, "transition", {{"transition", "fade"}, {"duration_ms", "400"}});
    EXPECT_TRUE(r.ok) << r.message;
    EXPECT_EQ(controller.snapshot()->transitionMs, 400);
    r = run(controller, "preview", {{"scene", "main"}});
    EXPECT_TRUE(r.ok) << r.message;
    // The audit names the scene whichever way it came (API argument or typed).
    EXPECT_EQ(controller.audit().back().command, "preview main");
    EXPECT_TRUE(controller.execute(Command::cut("main"), Actor{"tester", Role::Operator}, 0).ok);
    EXPECT_EQ(controller.audit().back().command, "cut main");
}

TEST(CommandTable, DocsListEveryCommand) {
    std::ifstream in(std::string(HAWKER_SOURCE_DIR) + "/docs/API.md");
    ASSERT_TRUE(in) << "docs/API.md not found";
    std::stringstream text;
    text << in.rdbuf();
    const std::string docs = text.str();
    const std::string begin = "<!-- command table: begin (hawker commands) -->\n";
    const std::string end = "<!-- command table: end -->";
    const size_t from = docs.find(begin), to = docs.find(end);
    ASSERT_NE(from, std::string::npos);
    ASSERT_NE(to, std::string::npos);
    EXPECT_EQ(docs.substr(from + begin.size(), to - from - begin.size()), commandTableMarkdown())
        << "docs/API.md's command table is out of date: paste the output of `hawker commands`";
}
