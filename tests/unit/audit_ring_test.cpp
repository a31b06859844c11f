// The in-memory audit list is a bounded ring: a long show keeps the newest
// entries in order and the same memory; the session database keeps them all.

#include <gtest/gtest.h>

#include <string>

#include "hawker/studio/base/bounded_ring.hpp"
#include "hawker/studio/show/show_controller.hpp"

using namespace hawker::studio;

TEST(BoundedRing, KeepsTheNewestInOrderAndNeverGrowsPastItsCapacity) {
    BoundedRing<int> ring(5);
    EXPECT_TRUE(ring.empty());
    for (int i = 0; i < 3; ++i)
        ring.push(i);
    EXPECT_EQ(ring.newest(10), (std::vector<int>{0, 1, 2}));
    for (int i = 3; i < 23; ++i)
        ring.push(i);
    EXPECT_EQ(ring.size(), 5u);
    EXPECT_EQ(ring.newest(), 22);
    EXPECT_EQ(ring.newest(5), (std::vector<int>{18, 19, 20, 21, 22}));
    EXPECT_EQ(ring.newest(2), (std::vector<int>{21, 22}));
    EXPECT_TRUE(ring.newest(0).empty());
    EXPECT_THROW(BoundedRing<int>(0), std::invalid_argument);
}

TEST(ShowControllerAudit, KeepsOnlyTheNewestEntriesInOrder) {
    const ShowSpec show = parseShow(R"(
[[sources]]
id = "cam"
url = "x"
[[scenes]]
id = "a"
[[scenes]]
id = "b"
[program]
scene = "a"
preview = "b"
)",
                                    "show.toml", "/");
    ShowController controller(show);
    size_t hooked = 0;
    controller.setAuditHook([&](const AuditEntry&) { ++hooked; });
    const Actor deck{"deck", Role::Operator};
    const size_t kept = ShowController::kAuditEntriesKept;
    const size_t total = kept * 2 + 137;
    for (size_t i = 0; i < total; ++i)
        controller.execute(Command::preview(i % 2 ? "a" : "b"), deck, static_cast<int64_t>(i));
    EXPECT_EQ(hooked, total); // the database's hook still sees every entry

    const auto audit = controller.audit();
    ASSERT_EQ(audit.size(), kept);
    for (size_t i = 0; i < kept; ++i) // the oldest kept is entry total - kept, then in order
        ASSERT_EQ(audit[i].programMs, static_cast<int64_t>(total - kept + i)) << "at " << i;
    EXPECT_EQ(audit.back().command, "preview " + std::string((total - 1) % 2 ? "a" : "b"));

    const auto newest = controller.audit(100); // GET /api/v1/audit?limit=100
    ASSERT_EQ(newest.size(), 100u);
    EXPECT_EQ(newest.front().programMs, static_cast<int64_t>(total - 100));
    EXPECT_EQ(newest.back().programMs, static_cast<int64_t>(total - 1));
}
