#include "review_export.hpp"

#include <fstream>
#include <stdexcept>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "hawker/studio/report/report_csv.hpp"
#include "hawker/studio/report/report_html.hpp"

namespace hawker::studio::console {

void ReviewExport::select(const std::filesystem::path& databaseDir, int64_t sessionId) {
    m_exported.clear();
    const std::string id = std::to_string(sessionId);
    m_htmlPath = (databaseDir / ("report-" + id + ".html")).string();
    m_csvDir = (databaseDir / ("report-" + id + "-csv")).string();
}

void ReviewExport::checkTasks(const ConsoleContext& ctx) {
    m_htmlTask.check(ctx);
    m_csvTask.check(ctx);
}

void ReviewExport::draw(ConsoleContext& ctx, const std::shared_ptr<const LoadedReport>& report,
                        const std::optional<std::vector<SessionNote>>& notes) {
    if (!report) return;
    ConsoleContext* context = &ctx;

    ImGui::TextWrapped("One self-contained HTML page (opens offline in any browser), and the tables as "
                       "CSV files for Excel.");
    ImGui::Spacing();

    ImGui::SetNextItemWidth(-160);
    ImGui::InputText("HTML file", &m_htmlPath);
    const bool writingHtml = ctx.busy(m_htmlTask.name);
    ImGui::BeginDisabled(writingHtml || m_htmlPath.empty());
    if (ImGui::Button("Export HTML")) {
        const std::filesystem::path path = m_htmlPath;
        const bool queued = ctx.tasks().run(
            Lane::Queries, m_htmlTask.name,
            [this, report, notes, path, context](TaskProgress& progress) -> TaskRunner::Deferred {
                const std::string html = renderReportHtml(reportWithNotes(*report->json, notes));
                progress.set(0.8f);
                if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
                std::ofstream out(path, std::ios::binary | std::ios::trunc);
                out.write(html.data(), static_cast<std::streamsize>(html.size()));
                out.close();
                if (!out) throw std::runtime_error("cannot write " + path.string());
                return [this, path, context] {
                    m_htmlTask.arrived();
                    m_exported.push_back(path.string());
                    context->message(true, "report written to " + path.string());
                };
            });
        if (queued)
            m_htmlTask.started();
        else
            ctx.message(false, "export: still busy with the last one, try again");
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    busyLine(ctx, m_htmlTask.name, "Writing");

    ImGui::SetNextItemWidth(-160);
    ImGui::InputText("CSV folder", &m_csvDir);
    const bool writingCsv = ctx.busy(m_csvTask.name);
    ImGui::BeginDisabled(writingCsv || m_csvDir.empty());
    if (ImGui::Button("Export CSV")) {
        const std::filesystem::path dir = m_csvDir;
        const bool queued =
            ctx.tasks().run(Lane::Queries, m_csvTask.name,
                            [this, report, notes, dir, context](TaskProgress&) -> TaskRunner::Deferred {
                                const std::vector<std::filesystem::path> files =
                                    writeReportCsv(reportWithNotes(*report->json, notes), dir);
                                return [this, dir, files, context] {
                                    m_csvTask.arrived();
                                    for (const std::filesystem::path& file : files)
                                        m_exported.push_back(file.string());
                                    context->message(true, std::to_string(files.size()) +
                                                               " CSV files written to " + dir.string());
                                };
                            });
        if (queued)
            m_csvTask.started();
        else
            ctx.message(false, "export: still busy with the last one, try again");
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    busyLine(ctx, m_csvTask.name, "Writing");

    if (!m_exported.empty()) {
        ImGui::Spacing();
        ImGui::TextUnformatted("Written 已导出:");
        for (const std::string& file : m_exported)
            ImGui::BulletText("%s", file.c_str());
    }
}

} // namespace hawker::studio::console
