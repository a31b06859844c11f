#include "incidents.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "hawker/capture/output.hpp"
#include "hawker/studio/base/json_read.hpp"
#include "hawker/studio/base/phrase_json.hpp"
#include "hawker/studio/store/timeline_table.hpp"

namespace hawker::studio {

using nlohmann::json;

namespace {

struct Incident {
    int64_t offsetMs = 0;
    std::string kind, text;
    std::optional<i18n::Phrase> said; ///< an alert's words, for the reader's language
};

/// The incident kind of an alert, from the part of the show its rule watches; "" for a KPI alert.
std::string kindOfAlert(const std::string& kpi, const std::string& rule) {
    if (kpi == "outputs") return "output";
    if (kpi == "sources") return "source";
    if (kpi == "database") return "database";
    if (kpi == "frames") return "frames";
    if (kpi == "connectors" || rule.rfind("connector.", 0) == 0) return "connector";
    if (kpi == "webhooks" || rule.rfind("webhook.", 0) == 0) return "webhook";
    return {};
}

} // namespace

json incidentsJson(Database& db, int64_t session, int64_t startUtcMs, int64_t endUtcMs) {
    std::vector<Incident> incidents;
    const auto inWindow = [&](int64_t at) { return at >= startUtcMs && at <= endUtcMs; };
    readTimeline(db, session, 0, [&](const StoredTimelineRow& stored) {
        if (!stored.row) return;
        const TimelineRow& row = *stored.row;
        const int64_t at = stored.programMs ? startUtcMs + *stored.programMs : stored.utcMs;
        if (!inWindow(at)) return;
        switch (row.kind) {
        case TimelineKind::Output:
            // Live, connecting and stopped are the normal life of an output; these two lose viewers.
            if (row.state == capture::toString(capture::OutputState::Reconnecting) ||
                row.state == capture::toString(capture::OutputState::Failed))
                incidents.push_back({at - startUtcMs, "output", stored.text, std::nullopt});
            break;
        case TimelineKind::SessionResumed:
            incidents.push_back({at - startUtcMs, "resume", stored.text, std::nullopt});
            break;
        case TimelineKind::Database:
            incidents.push_back({at - startUtcMs, "database", stored.text, std::nullopt});
            break;
        default:
            break;
        }
    });
    Statement alerts =
        db.prepare("SELECT utc_ms, rule, kpi, message, phrase FROM alerts WHERE session_id = ?1");
    alerts.bind(1, session);
    while (alerts.step()) {
        const int64_t at = alerts.integer(0);
        const std::string kind = kindOfAlert(alerts.text(2), alerts.text(1));
        if (!kind.empty() && inWindow(at))
            incidents.push_back({at - startUtcMs, kind, alerts.text(3),
                                 i18n::phraseFromJsonText(alerts.isNull(4) ? "" : alerts.text(4))});
    }
    std::stable_sort(incidents.begin(), incidents.end(),
                     [](const Incident& a, const Incident& b) { return a.offsetMs < b.offsetMs; });
    json out = json::array();
    for (const Incident& i : incidents)
        out.push_back({{"offset_ms", i.offsetMs},
                       {"kind", i.kind},
                       {"text", i.text},
                       {"phrase", i.said ? i18n::phraseJson(*i.said) : json(nullptr)}});
    return out;
}

std::string incidentKindName(const std::string& kind) {
    static const std::pair<const char*, const char*> kNames[] = {
        {"output", i18n::trKey("incident_kind.output")},
        {"source", i18n::trKey("incident_kind.source")},
        {"database", i18n::trKey("incident_kind.database")},
        {"frames", i18n::trKey("incident_kind.frames")},
        {"connector", i18n::trKey("incident_kind.connector")},
        {"webhook", i18n::trKey("incident_kind.webhook")},
        {"resume", i18n::trKey("incident_kind.resume")}};
    for (const auto& [name, key] : kNames)
        if (kind == name) return i18n::tr(key);
    return kind;
}

std::string incidentLine(const json& incident) {
    return incidentKindName(json_read::stringAt(incident, "kind")) + ": " +
           i18n::sayStored(json_read::memberOf(incident, "phrase"), json_read::stringAt(incident, "text"));
}

} // namespace hawker::studio
