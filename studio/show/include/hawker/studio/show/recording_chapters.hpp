#pragma once
// The chapters a recording carries, made from the on-air timeline: one per
// rundown segment ("#2 Serum demo") and one per product card shown, titled
// with the product's name, so any player can jump to a product. The live
// recording and `hawker recording repair` build them with this same code,
// from the rows as they happen and from the rows the database kept.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hawker/studio/show/timeline_row.hpp"

namespace hawker::studio {

struct ChapterMark {
    enum class Kind { Segment, Card };
    Kind kind = Kind::Segment;
    int64_t startMs = 0; ///< program time
    int64_t endMs = -1;  ///< program time; -1 while it is still on air
    std::string title;
};

class RecordingChapters {
public:
    /// `productNames`: sku → the name a chapter shows (the sku without one).
    explicit RecordingChapters(std::map<std::string, std::string> productNames)
        : m_names(std::move(productNames)) {}
    /// True when the row changed the chapters.
    bool apply(const TimelineRow& row);
    /// Ends every open chapter at `programMs` (the show's end).
    void closeAll(int64_t programMs);
    const std::vector<ChapterMark>& marks() const { return m_marks; }

private:
    void close(size_t index, int64_t programMs);
    std::map<std::string, std::string> m_names;
    std::vector<ChapterMark> m_marks;
    std::map<std::string, size_t> m_cardInSlot; ///< slot → its open card chapter
    std::optional<size_t> m_segment;            ///< the open segment chapter
};

} // namespace hawker::studio
