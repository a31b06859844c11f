// Typed timeline rows: the table of kinds, the text made from the fields (the
// exact words earlier versions stored, kind by kind), and the stored fields
// (fixed keys, a round trip, and refusal of fields that do not fit the kind).

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "hawker/studio/base/secret_mask.hpp"
#include "hawker/studio/show/show_controller.hpp"
#include "hawker/studio/show/timeline_fields.hpp"

#include "timeline_samples.hpp"

using namespace hawker::studio;
using hawker::studio::test::Sample;
using hawker::studio::test::samples;
using nlohmann::json;

TEST(TimelineKinds, EveryKindIsInTheTableOnceUnderItsOwnName) {
    std::set<std::string> names;
    for (const TimelineKindInfo& info : timelineKinds()) {
        EXPECT_TRUE(names.insert(info.name).second) << info.name;
        EXPECT_EQ(parseTimelineKind(info.name), info.kind);
        EXPECT_STREQ(toString(info.kind), info.name);
    }
    EXPECT_EQ(names.size(), static_cast<size_t>(TimelineKind::Recording) + 1);
    EXPECT_FALSE(parseTimelineKind("scene").has_value());
}

TEST(TimelineKinds, EveryFieldHasItsOwnKey) {
    std::set<std::string> keys;
    for (int f = 0; f <= static_cast<int>(TimelineField::BaseMs); ++f)
        EXPECT_TRUE(keys.insert(timelineFieldKey(static_cast<TimelineField>(f))).second)
            << timelineFieldKey(static_cast<TimelineField>(f));
}

TEST(TimelineText, EachKindSaysWhatItAlwaysSaid) {
    std::set<TimelineKind> covered;
    for (const Sample& sample : samples()) {
        EXPECT_EQ(sample.row.text(), sample.text) << toString(sample.row.kind);
        covered.insert(sample.row.kind);
    }
    EXPECT_EQ(covered.size(), timelineKinds().size()) << "a sample of every kind";
}

TEST(TimelineFields, EachRowStoresItsKindsFieldsAndReadsBackTheSame) {
    for (const Sample& sample : samples()) {
        const json fields = timelineFieldsJson(sample.row);
        std::set<std::string> expected;
        for (TimelineField field : fieldsOf(sample.row))
            expected.insert(timelineFieldKey(field));
        std::set<std::string> stored;
        for (const auto& [key, value] : fields.items())
            stored.insert(key);
        EXPECT_EQ(stored, expected) << sample.text;

        const auto back = timelineRowFrom(toString(sample.row.kind), sample.row.programMs,
                                          json::parse(timelineFieldsText(sample.row)));
        ASSERT_TRUE(back.has_value()) << sample.text;
        EXPECT_EQ(back->kind, sample.row.kind);
        EXPECT_EQ(back->programMs, sample.row.programMs);
        EXPECT_EQ(back->text(), sample.text);
        EXPECT_EQ(timelineFieldsJson(*back), fields);
    }
}

TEST(TimelineFields, KeysAreFixedAndEnumsAreStoredByName) {
    const json announced =
        timelineFieldsJson(TimelineRow::offerAnnounced(4000, "flash", "SERUM-50", 50, 19900, 10, true, "B"));
    EXPECT_EQ(announced, json::parse(R"({"offer": "flash", "step": "pre_launch", "sku": "SERUM-50",
        "quantity": 50, "price_cents": 19900, "prelaunch_s": 10, "scheduled": true, "variant": "B"})"));
    EXPECT_EQ(timelineFieldsJson(TimelineRow::offerEnded(1, "flash", OfferEnd::StoppedEarly, 7)),
              json::parse(R"({"offer": "flash", "step": "ended", "reason": "stopped_early", "left": 7})"));
    EXPECT_EQ(timelineFieldsJson(TimelineRow::program(1, "host", TransitionKind::Fade)),
              json::parse(R"({"scene": "host", "transition": "fade"})"));
    EXPECT_EQ(
        timelineFieldsJson(TimelineRow::segment(1, 3, SegmentKind::Offer, "秒杀", false)),
        json::parse(R"({"index": 3, "segment_kind": "offer", "title": "秒杀", "rundown_only": false})"));
    EXPECT_EQ(timelineFieldsJson(TimelineRow::showStop(1)), json::object());
}

TEST(TimelineFields, FieldsThatDoNotFitTheKindAreRefused) {
    EXPECT_FALSE(timelineRowFrom("scene", 0, json::object()).has_value()) << "an unknown kind";
    EXPECT_FALSE(timelineRowFrom("card_shown", 0, json::parse(R"({"sku": "A"})")).has_value()) << "no slot";
    EXPECT_FALSE(timelineRowFrom("card_shown", 0, json::parse(R"({"sku": 7, "slot": "card"})")).has_value())
        << "a number for a text";
    EXPECT_FALSE(
        timelineRowFrom("program", 0, json::parse(R"({"scene": "a", "transition": "wipe"})")).has_value())
        << "an unknown transition";
    EXPECT_FALSE(timelineRowFrom("offer", 0, json::parse(R"({"offer": "f", "step": "on_sale"})")).has_value())
        << "an on_sale row without its slot";
    EXPECT_FALSE(timelineRowFrom("offer", 0,
                                 json::parse(R"({"offer": "f", "step": "ended", "reason": "x", "left": 1})"))
                     .has_value())
        << "an unknown end reason";
    EXPECT_FALSE(timelineRowFrom("card_shown", 0, json::parse("[1, 2]")).has_value()) << "not an object";
    EXPECT_FALSE(timelineRowFrom("card_shown", 0, json::parse("x", nullptr, false)).has_value())
        << "not JSON";
    // Extra keys are no harm: a newer hawker may add a field.
    const auto extra =
        timelineRowFrom("card_shown", 0, json::parse(R"({"sku": "A", "slot": "card", "new": 1})"));
    ASSERT_TRUE(extra.has_value());
    EXPECT_EQ(extra->text(), "A (slot card)");
}

TEST(TimelineFields, TextThatIsNotUtf8IsStoredWithoutAThrow) {
    const TimelineRow row = TimelineRow::outputChange(0, "rtmp", "failed", std::string("bad \xff\xfe byte"));
    std::string stored;
    ASSERT_NO_THROW(stored = timelineFieldsText(row));
    EXPECT_TRUE(json::accept(stored)) << stored;
}

TEST(TimelineFields, SecretsAreMaskedInTheFieldsToo) {
    const TimelineRow row = TimelineRow::outputChange(
        0, "douyin", "reconnecting", "rtmp://127.0.0.1:1935/live/stream?key=sk-very-secret-123 refused");
    const TimelineRow masked = withSecretsMasked(row);
    EXPECT_EQ(masked.note.find("sk-very-secret-123"), std::string::npos) << masked.note;
    EXPECT_NE(masked.note.find(kMask), std::string::npos) << masked.note;
    EXPECT_EQ(masked.output, "douyin");
    EXPECT_EQ(masked.text(), maskSecrets(row.text()));
}

TEST(TimelineRows, TheControllerHandsOutTypedRows) {
    const ShowSpec show = parseShow(R"(
[[sources]]
id = "cam"
url = "x"
[[scenes]]
id = "host"
slots = [ { name = "card", rect = [0, 0, 900, 300] }, { name = "countdown", rect = [0, 400, 420, 200] } ]
[[scenes]]
id = "closeup"
[[products]]
sku = "S1"
name = "精华液"
price_cents = 29900
stock = 500
[compliance]
approval_required = false
)",
                                    "show.toml", "/");
    ShowController controller(show);
    std::vector<TimelineRow> rows;
    controller.setTimelineHook([&](const TimelineRow& row) { rows.push_back(row); });
    const Actor op{"op", Role::Operator};
    ASSERT_TRUE(controller.execute(Command::cut("closeup"), op, 1000).ok);
    ASSERT_TRUE(controller.execute(Command::named("card.show", {{"sku", "S1"}}), op, 1500).ok);
    ASSERT_TRUE(
        controller
            .execute(Command::named(
                         "offer.start",
                         {{"sku", "S1"}, {"price_cents", "9900"}, {"quantity", "2"}, {"prelaunch_s", "10"}}),
                     op, 2000)
            .ok);
    controller.settle(12000);
    ASSERT_TRUE(controller.execute(Command::named("offer.sell", {{"quantity", "2"}}), op, 12500).ok);
    ASSERT_EQ(rows.size(), 5u);
    EXPECT_EQ(rows[0].kind, TimelineKind::Program);
    EXPECT_EQ(rows[0].scene, "closeup");
    EXPECT_EQ(rows[0].transition, TransitionKind::Cut);
    EXPECT_EQ(rows[1].kind, TimelineKind::CardShown);
    EXPECT_EQ(rows[1].sku, "S1");
    EXPECT_EQ(rows[1].slot, "card");
    EXPECT_EQ(rows[2].kind, TimelineKind::Offer);
    EXPECT_EQ(rows[2].step, OfferState::Phase::PreLaunch);
    EXPECT_EQ(rows[2].offer, "S1");
    EXPECT_EQ(rows[2].quantity, 2);
    EXPECT_EQ(rows[2].priceCents, 9900);
    EXPECT_EQ(rows[2].prelaunchSeconds, 10);
    EXPECT_EQ(rows[3].step, OfferState::Phase::OnSale);
    EXPECT_EQ(rows[3].slot, "countdown");
    EXPECT_EQ(rows[3].programMs, 12000);
    EXPECT_EQ(rows[4].step, OfferState::Phase::SoldOut);
    EXPECT_FALSE(rows[4].beforeLaunch);
    EXPECT_EQ(rows[4].sold, 2);
    EXPECT_EQ(rows[4].afterMs, 500);
    EXPECT_EQ(rows[4].text(), "S1 sold_out after 500 ms, 2 sold");
}
