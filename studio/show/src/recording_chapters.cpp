#include "hawker/studio/show/recording_chapters.hpp"

#include <algorithm>

namespace hawker::studio {

void RecordingChapters::close(size_t index, int64_t programMs) {
    ChapterMark& mark = m_marks[index];
    if (mark.endMs < 0) mark.endMs = std::max(mark.startMs, programMs);
}

bool RecordingChapters::apply(const TimelineRow& row) {
    switch (row.kind) {
    case TimelineKind::Segment: {
        if (m_segment) close(*m_segment, row.programMs);
        m_segment = m_marks.size();
        m_marks.push_back({ChapterMark::Kind::Segment, row.programMs, -1,
                           "#" + std::to_string(row.index) + " " + row.title});
        return true;
    }
    case TimelineKind::CardShown: {
        if (auto open = m_cardInSlot.find(row.slot); open != m_cardInSlot.end())
            close(open->second, row.programMs);
        const auto name = m_names.find(row.sku);
        m_cardInSlot[row.slot] = m_marks.size();
        m_marks.push_back({ChapterMark::Kind::Card, row.programMs, -1,
                           name != m_names.end() && !name->second.empty() ? name->second : row.sku});
        return true;
    }
    case TimelineKind::CardHidden: {
        const auto open = m_cardInSlot.find(row.slot);
        if (open == m_cardInSlot.end()) return false;
        close(open->second, row.programMs);
        m_cardInSlot.erase(open);
        return true;
    }
    case TimelineKind::ShowStop:
        closeAll(row.programMs);
        return true;
    case TimelineKind::SessionResumed:
        // What was on air when the show was killed ended then.
        closeAll(row.stoppedAtMs);
        return true;
    default:
        return false;
    }
}

void RecordingChapters::closeAll(int64_t programMs) {
    for (size_t i = 0; i < m_marks.size(); ++i)
        close(i, programMs);
    m_cardInSlot.clear();
    m_segment.reset();
}

} // namespace hawker::studio
