#include "hawker/studio/report/review_sessions.hpp"

#include <algorithm>

#include "hawker/studio/base/clock.hpp"
#include "hawker/studio/base/translations.hpp"

namespace hawker::studio {

void sortNewestFirst(std::vector<Session>& sessions) {
    std::stable_sort(sessions.begin(), sessions.end(), [](const Session& a, const Session& b) {
        const int64_t ta = a.startUtcMs.value_or(a.createdUtcMs);
        const int64_t tb = b.startUtcMs.value_or(b.createdUtcMs);
        return ta != tb ? ta > tb : a.id > b.id;
    });
}

std::string reviewSessionName(const Session& session) {
    return "#" + std::to_string(session.id) + "  " + session.title;
}

std::string reviewStateWord(const std::string& state) {
    if (state == "planned") return i18n::tr("review_model.state_planned");
    if (state == "live") return i18n::tr("review_model.state_live");
    if (state == "ended") return i18n::tr("review_model.state_ended");
    return state;
}

std::string reviewSessionState(const Session& session) {
    return reviewStateWord(session.state) + (session.rehearsal ? i18n::tr("review_model.rehearsal") : "");
}

std::string reviewSessionDetail(const Session& session) {
    std::string detail = session.rehearsal ? std::string("  ") + i18n::tr("review_model.rehearsal_word") : "";
    detail += "  " + (session.startUtcMs ? figures::formatLocalTime(*session.startUtcMs)
                                         : std::string(i18n::tr("review_model.not_started")));
    return detail;
}

std::optional<std::string> reviewSessionSpan(const Session& session) {
    if (!session.startUtcMs) return std::nullopt;
    std::string when = figures::formatLocalTime(*session.startUtcMs);
    if (session.endUtcMs)
        when += " → " + figures::formatLocalTime(*session.endUtcMs) + "  (" +
                figures::formatClock(static_cast<double>(*session.endUtcMs - *session.startUtcMs) / 1000.0) +
                ")";
    else
        when += " → still live (the report runs up to now)";
    return when;
}

} // namespace hawker::studio
