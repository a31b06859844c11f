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

    ImGui::TextWrapped("%s", tr("export.hint"));
    ImGui::Spacing();

    ImGui::SetNextItemWidth(-160);
    ImGui::InputText(trId("export.html_file").c_str(), &m_htmlPath);
    const bool writingHtml = ctx.busy(m_htmlTask.name);
    ImGui::BeginDisabled(writingHtml || m_htmlPath.empty());
    if (ImGui::Button(trId("export.export_html").c_str())) {
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
                if (!out) throw std::runtime_error(trf("export.cannot_write", {{"path", path.string()}}));
                return [this, path, context] {
                    m_htmlTask.arrived();
                    m_exported.push_back(path.string());
                    context->message(true, trf("export.report_written", {{"path", path.string()}}));
                };
            });
        if (queued)
            m_htmlTask.started();
        else
            ctx.message(false, tr("export.busy"));
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    busyLine(ctx, m_htmlTask.name, tr("export.writing"));

    ImGui::SetNextItemWidth(-160);
    ImGui::InputText(trId("export.csv_folder").c_str(), &m_csvDir);
    const bool writingCsv = ctx.busy(m_csvTask.name);
    ImGui::BeginDisabled(writingCsv || m_csvDir.empty());
    if (ImGui::Button(trId("export.export_csv").c_str())) {
        const std::filesystem::path dir = m_csvDir;
        const bool queued = ctx.tasks().run(
            Lane::Queries, m_csvTask.name,
            [this, report, notes, dir, context](TaskProgress&) -> TaskRunner::Deferred {
                const std::vector<std::filesystem::path> files =
                    writeReportCsv(reportWithNotes(*report->json, notes), dir);
                return [this, dir, files, context] {
                    m_csvTask.arrived();
                    for (const std::filesystem::path& file : files)
                        m_exported.push_back(file.string());
                    context->message(true, trf("export.csv_written", {{"count", std::to_string(files.size())},
                                                                      {"folder", dir.string()}}));
                };
            });
        if (queued)
            m_csvTask.started();
        else
            ctx.message(false, tr("export.busy"));
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    busyLine(ctx, m_csvTask.name, tr("export.writing"));

    if (!m_exported.empty()) {
        ImGui::Spacing();
        ImGui::TextUnformatted(tr("export.written"));
        for (const std::string& file : m_exported)
            ImGui::BulletText("%s", file.c_str());
    }
}

} // namespace hawker::studio::console
