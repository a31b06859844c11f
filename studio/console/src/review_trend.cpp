#include "review_trend.hpp"

#include <ctime>

#include <imgui.h>

#include "hawker/studio/base/json_read.hpp"
#include "hawker/studio/base/money.hpp"
#include "hawker/studio/base/percent.hpp"
#include "hawker/studio/report/session_trend.hpp"
#include "hawker/studio/store/session_store.hpp"
#include "ui_format.hpp"

namespace hawker::studio::console {

namespace {

using nlohmann::json;

std::string dayOf(int64_t utcMs) {
    const std::time_t seconds = static_cast<std::time_t>(utcMs / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    char text[32];
    std::strftime(text, sizeof text, "%m-%d %H:%M", &local);
    return text;
}

/// What the tab draws, from the trend's JSON (on the query lane).
std::shared_ptr<const TrendView> viewOf(const json& trend) {
    auto view = std::make_shared<TrendView>();
    // Labels as translation keys: the series are built on the query lane and drawn in the language of
    // the moment.
    const auto named = [](const char* key) {
        TrendView::Series series;
        series.label = key;
        series.translated = true;
        return series;
    };
    TrendView::Series gmv = named(trKey("review.col_gmv")), uv = named(trKey("trend.uv")),
                      conversion = named(trKey("kpi.conversion")), gpm = named(trKey("clips.col_gpm")),
                      units = named(trKey("review.col_units"));
    for (const json& s : json_read::listAt(trend, "sessions")) {
        const int64_t g = json_read::integerAt(s, "gmv_cents");
        const auto c = json_read::numberAt(s, "conversion_rate");
        const auto p = json_read::numberAt(s, "gpm_cents");
        TrendView::Row row;
        row.id = json_read::integerAt(s, "id");
        row.when = dayOf(json_read::integerAt(s, "start_utc_ms"));
        row.title = json_read::stringAt(s, "title");
        row.host = json_read::stringAt(s, "host");
        row.gmv = figures::formatYuan(static_cast<double>(g));
        row.uv = std::to_string(json_read::integerAt(s, "uv"));
        row.conversion = figures::formatPercent(c);
        row.gpm = figures::formatYuan(p);
        row.units = std::to_string(json_read::integerAt(s, "units"));
        gmv.values.push_back(static_cast<float>(g) / 100.0f);
        uv.values.push_back(static_cast<float>(json_read::integerAt(s, "uv")));
        conversion.values.push_back(static_cast<float>(c.value_or(0) * 100.0));
        gpm.values.push_back(static_cast<float>(p.value_or(0) / 100.0));
        units.values.push_back(static_cast<float>(json_read::integerAt(s, "units")));
        gmv.last = row.gmv;
        uv.last = row.uv;
        conversion.last = row.conversion;
        gpm.last = row.gpm;
        units.last = row.units;
        view->rows.push_back(std::move(row));
    }
    view->headline = {gmv, uv, conversion, gpm, units};
    const size_t sessions = view->rows.size();
    for (const json& product : json_read::listAt(trend, "products")) {
        TrendView::Series series;
        const std::string name = json_read::stringAt(product, "name");
        series.label = name.empty() ? json_read::stringAt(product, "sku") : name;
        series.values.assign(sessions, 0.0f);
        for (const json& s : json_read::listAt(product, "sessions"))
            for (size_t i = 0; i < sessions; ++i)
                if (view->rows[i].id == json_read::integerAt(s, "id"))
                    series.values[i] = static_cast<float>(json_read::integerAt(s, "units"));
        series.last =
            series.values.empty() ? "0" : std::to_string(static_cast<int64_t>(series.values.back()));
        view->products.push_back(std::move(series));
    }
    return view;
}

void drawSeries(const TrendView::Series& series, float width) {
    ImGui::BeginGroup();
    ImGui::TextUnformatted(series.translated ? tr(series.label) : series.label.c_str());
    ImGui::TextDisabled("%s", series.last.c_str());
    float top = 0;
    for (float v : series.values)
        top = std::max(top, v);
    ImGui::PushID(series.label.c_str());
    ImGui::PlotLines("##trend", series.values.data(), static_cast<int>(series.values.size()), 0, nullptr,
                     0.0f, top > 0 ? top * 1.1f : 1.0f, ImVec2(width, 70));
    ImGui::PopID();
    ImGui::EndGroup();
}

} // namespace

void ReviewTrend::select(int64_t sessionId, std::string title, std::string tag, std::string host) {
    if (sessionId == m_session) return;
    m_session = sessionId;
    m_title = std::move(title);
    m_tag = std::move(tag);
    m_host = std::move(host);
    m_scope = Scope::Title;
    m_view.reset();
    m_wanted = true;
}

void ReviewTrend::checkTasks(const ConsoleContext& ctx) {
    m_task.check(ctx);
}

void ReviewTrend::load(ConsoleContext& ctx) {
    TrendOptions options;
    options.untilUtcMs = nowUtcMs();
    options.sinceUtcMs = options.untilUtcMs - int64_t{m_days} * 86'400'000;
    switch (m_scope) {
    case Scope::Title:
        options.title = m_title;
        break;
    case Scope::Tag:
        options.tag = m_tag;
        break;
    case Scope::Host:
        options.host = m_host;
        break;
    }
    const std::filesystem::path database = ctx.database();
    const int64_t session = m_session;
    const bool queued =
        ctx.tasks().run(Lane::Queries, m_task.name,
                        [this, database, options, session](TaskProgress&) -> TaskRunner::Deferred {
                            requireDatabase(database);
                            Database db(database, Database::Threading::OneThread);
                            auto view = viewOf(buildTrend(db, options));
                            return [this, view, session] {
                                m_task.arrived();
                                if (session == m_session) m_view = view;
                            };
                        });
    if (queued) {
        m_task.started();
        m_wanted = false;
    }
}

void ReviewTrend::draw(ConsoleContext& ctx) {
    if (m_wanted && !ctx.busy(m_task.name)) load(ctx);
    ImGui::TextUnformatted(tr("trend.sessions_of"));
    const auto scopeButton = [&](Scope scope, const char* key, const std::string& value) {
        const std::string label = trf(key, {{"value", value.empty() ? std::string(kMissing) : value}});
        ImGui::SameLine();
        ImGui::BeginDisabled(value.empty());
        if (ImGui::RadioButton((label + "###" + key).c_str(), m_scope == scope) && m_scope != scope) {
            m_scope = scope;
            m_wanted = true;
        }
        ImGui::EndDisabled();
    };
    scopeButton(Scope::Title, trKey("trend.this_title"), m_title);
    scopeButton(Scope::Tag, trKey("trend.this_tag"), m_tag);
    scopeButton(Scope::Host, trKey("trend.this_host"), m_host);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(140);
    const int before = m_days;
    if (ImGui::SliderInt(trId("trend.days").c_str(), &m_days, 7, 90) && m_days != before) m_wanted = true;

    busyLine(ctx, m_task.name, tr("trend.counting"));
    if (!m_view) return;
    if (m_view->rows.empty()) {
        ImGui::TextUnformatted(tr("trend.none"));
        return;
    }
    const float width = std::max(120.0f, (ImGui::GetContentRegionAvail().x - 4 * 12.0f) / 5.0f);
    for (size_t i = 0; i < m_view->headline.size(); ++i) {
        if (i > 0) ImGui::SameLine(0, 12);
        drawSeries(m_view->headline[i], width);
    }
    ImGui::Spacing();
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("trend_sessions", 8, flags)) {
        for (const char* column :
             {trKey("trend.col_started"), trKey("trend.col_title"), trKey("trend.col_host"),
              trKey("review.col_gmv"), trKey("trend.uv"), trKey("kpi.conversion"), trKey("clips.col_gpm"),
              trKey("review.col_units")})
            ImGui::TableSetupColumn(tr(column));
        ImGui::TableHeadersRow();
        for (const TrendView::Row& row : m_view->rows) {
            ImGui::TableNextRow();
            if (row.id == m_session)
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, IM_COL32(40, 70, 120, 255));
            for (const std::string* cell : {&row.when, &row.title, &row.host, &row.gmv, &row.uv,
                                            &row.conversion, &row.gpm, &row.units}) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(cell->c_str());
            }
        }
        ImGui::EndTable();
    }
    if (!m_view->products.empty()) {
        ImGui::Spacing();
        ImGui::TextUnformatted(tr("trend.units_per_product"));
        for (size_t i = 0; i < m_view->products.size(); ++i) {
            if (i % 5 != 0) ImGui::SameLine(0, 12);
            drawSeries(m_view->products[i], width);
        }
    }
}

} // namespace hawker::studio::console
