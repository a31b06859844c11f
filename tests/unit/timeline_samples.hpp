#pragma once
// One timeline row of every kind (every offer step, every shape of its
// words), each with the text hawker has always stored for it: the text and
// migration tests share them.

#include <string>
#include <vector>

#include "hawker/studio/show/timeline_row.hpp"

namespace hawker::studio::test {

/// One row of every kind (and every offer step and variant of its words),
/// with the text hawker has always stored for it.
struct Sample {
    TimelineRow row;
    std::string text;
};

inline std::vector<Sample> samples() {
    using K = TimelineKind;
    return {
        {TimelineRow::program(1000, "closeup", TransitionKind::Fade), "closeup (fade)"},
        {TimelineRow::program(1000, "host", TransitionKind::Cut), "host (cut)"},
        {TimelineRow::cardShown(1500, "SERUM-50", "card"), "SERUM-50 (slot card)"},
        {TimelineRow::hidden(2000, "card", "card", "SERUM-50"), "SERUM-50 (slot card)"},
        {TimelineRow::graphicShown(2500, "lower_third", "l3"), "lower_third (slot l3)"},
        {TimelineRow::hidden(3000, "l3", "lower_third", ""), "lower_third (slot l3)"},
        {TimelineRow::hidden(3000, "countdown", "countdown", "SERUM-50"), "SERUM-50 (slot countdown)"},
        {TimelineRow::hidden(3000, "countdown", "countdown", "SERUM-50", "flash"),
         "countdown flash (slot countdown)"},
        {TimelineRow::offerAnnounced(4000, "flash", "SERUM-50", 50, 19900, 10, false, ""),
         "flash pre_launch: 50 of SERUM-50 at 19900 cents, launch in 10 s"},
        {TimelineRow::offerAnnounced(4000, "flash", "SERUM-50", 50, 19900, 10, true, "B"),
         "flash pre_launch: 50 of SERUM-50 at 19900 cents, launch in 10 s (scheduled) variant=B"},
        {TimelineRow::offerOnSale(14000, "flash", "countdown"), "flash on_sale (slot countdown)"},
        {TimelineRow::offerSoldOut(18200, "flash", 4200, 50), "flash sold_out after 4200 ms, 50 sold"},
        {TimelineRow::offerSoldOutBeforeLaunch(5000, "flash", "SERUM-50"),
         "flash sold_out before launch: no stock of SERUM-50"},
        {TimelineRow::offerEnded(74000, "flash", OfferEnd::TimeUp, 3), "flash ended: time up, 3 left"},
        {TimelineRow::offerEnded(20000, "flash", OfferEnd::StoppedEarly, 7),
         "flash ended: stopped early, 7 left"},
        {TimelineRow::offerEnded(6000, "flash", OfferEnd::StoppedBeforeLaunch, 50),
         "flash ended: stopped before launch, 50 left"},
        {TimelineRow::offerEnded(90000, "flash", OfferEnd::ShowEnded, 12),
         "flash ended: show ended, 12 left"},
        {TimelineRow::segment(0, 2, SegmentKind::Product, "精华液 讲解", false), "#2 product 精华液 讲解"},
        {TimelineRow::segment(0, 4, SegmentKind::QA, "Q&A", true), "#4 qa Q&A (rundown only)"},
        {TimelineRow::segmentOverrun(61000, 1, "开场", 60), "#1 开场 over its 60 s"},
        {TimelineRow::sourceChange(K::SourceAdd, 100, "phone"), "phone"},
        {TimelineRow::sourceChange(K::SourceRemove, 100, "spare"), "spare"},
        {TimelineRow::sourceChange(K::SourceEdit, 100, "phone"), "phone"},
        {TimelineRow::sourceChange(K::SourceReconnect, 100, "phone"), "phone"},
        {TimelineRow::showStop(9000), "stopped by command"},
        {TimelineRow::outputChange(500, "record", "live", ""), "record live"},
        {TimelineRow::outputChange(500, "record", "failed", "disk full: No space left on device"),
         "record failed disk full: No space left on device"},
        {TimelineRow::sessionResumed(42000, 7000, 35000),
         "after a gap of 7000 ms (the show stopped at 35000 ms)"},
        {TimelineRow::databaseRecovered(800, true, 2350, 5, 0, 0, 0),
         "writable again after 2.4 s; 5 rows waited"},
        {TimelineRow::databaseRecovered(800, false, 0, 0, 1, 1200, 1200),
         "1 row dropped at the memory bound, program time 1.2 s to 1.2 s"},
        {TimelineRow::databaseRecovered(800, true, 1000, 1, 30, 100, 3900),
         "writable again after 1.0 s; 1 row waited; 30 rows dropped at the memory bound, program time 0.1 s "
         "to "
         "3.9 s"},
        {TimelineRow::recording(900, "record", "/studio/out/program-part2.mkv", 60033),
         "record records to /studio/out/program-part2.mkv"},
    };
}

} // namespace hawker::studio::test
