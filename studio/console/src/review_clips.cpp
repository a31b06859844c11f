#include "review_clips.hpp"

#include <spawn.h>
#include <sys/wait.h>

#include <imgui.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "hawker/studio/base/money.hpp"
#include "ui_format.hpp"

extern char** environ;

namespace hawker::studio::console {

namespace {

const char* kindLabel(ClipKind kind) {
    switch (kind) {
    case ClipKind::Card:
        return tr("clips.kind_card");
    case ClipKind::Offer:
        return tr("clips.kind_offer");
    case ClipKind::Segment:
        return tr("clips.kind_segment");
    }
    return "?";
}

std::string keyOf(ClipKind kind, int64_t startMs) {
    return std::string(toString(kind)) + "@" + std::to_string(startMs);
}

std::string clock(int64_t ms) {
    const int64_t s = ms / 1000;
    char text[32];
    std::snprintf(text, sizeof text, "%d:%02d:%02d", static_cast<int>(s / 3600),
                  static_cast<int>(s / 60 % 60), static_cast<int>(s % 60));
    return text;
}

/// Opens `folder` in the desktop's file manager without waiting for it.
bool openFolder(const std::filesystem::path& folder) {
    const std::string path = folder.string();
    char* argv[] = {const_cast<char*>("xdg-open"), const_cast<char*>(path.c_str()), nullptr};
    pid_t pid = 0;
    if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, argv, environ) != 0) return false;
    // Reaped on a thread of its own: xdg-open may stay until the file manager has started.
    std::thread([pid] { waitpid(pid, nullptr, 0); }).detach();
    return true;
}

} // namespace

void ReviewClips::select(ConsoleContext& ctx, int64_t sessionId) {
    if (sessionId == m_session) return;
    m_session = sessionId;
    m_folder = ClipJobs::folderFor(ctx.database(), sessionId);
    m_windows.reset();
    m_loadError.clear();
    m_thumbnails.clear();
    const std::filesystem::path database = ctx.database();
    const bool queued = ctx.tasks().run(Lane::Queries, m_windowsTask.name,
                                        [this, database, sessionId](TaskProgress&) -> TaskRunner::Deferred {
                                            requireDatabase(database);
                                            Database db(database, Database::Threading::OneThread);
                                            const SessionReplay replay = replaySession(db, sessionId);
                                            auto windows = std::make_shared<const std::vector<ClipWindow>>(
                                                clipWindows(replay));
                                            return [this, sessionId, windows] {
                                                m_windowsTask.arrived();
                                                if (sessionId == m_session) m_windows = windows;
                                            };
                                        });
    if (queued) m_windowsTask.started();
}

void ReviewClips::checkTasks(const ConsoleContext& ctx) {
    if (m_windowsTask.check(ctx)) m_loadError = tr("clips.windows_failed");
}

void ReviewClips::cut(ConsoleContext& ctx, const ClipFilter& filter) {
    ClipOptions options;
    options.outDir = m_folder;
    options.filter = filter;
    options.burnCard = m_burnCard;
    const std::string refused = m_jobs.start(ctx.database(), m_session, options);
    if (!refused.empty()) ctx.message(false, trf("clips.refused", {{"reason", refused}}));
}

void ReviewClips::loadThumbnails(ConsoleContext& ctx, const ClipJobStatus& status) {
    // The JPEGs are read and scaled on the query lane; only the upload is the UI thread's.
    struct Picture {
        std::string key;
        MonitorImagePtr image;
    };
    std::vector<std::pair<std::string, std::filesystem::path>> files;
    for (const ClipEntry& entry : status.run.clips)
        files.emplace_back(keyOf(entry.window.kind, entry.window.startMs), status.dir / entry.thumbnail);
    const int64_t session = status.session;
    ctx.tasks().run(Lane::Queries, "review clip thumbnails",
                    [this, files, session](TaskProgress&) -> TaskRunner::Deferred {
                        auto pictures = std::make_shared<std::vector<Picture>>();
                        for (const auto& [key, path] : files) {
                            const cv::Mat picture = cv::imread(path.string(), cv::IMREAD_COLOR);
                            if (picture.empty()) continue;
                            const cv::Size size = fitInside(picture.cols, picture.rows, cv::Size(72, 128));
                            cv::Mat small;
                            cv::resize(picture, small, size, 0, 0, cv::INTER_AREA);
                            auto image = std::make_shared<MonitorImage>();
                            cv::cvtColor(small, image->rgba, cv::COLOR_BGR2RGBA);
                            image->serial = 1;
                            pictures->push_back({key, image});
                        }
                        return [this, pictures, session] {
                            if (session != m_session) return;
                            for (const Picture& p : *pictures) {
                                auto texture = std::make_unique<GlTexture>();
                                texture->update(p.image);
                                m_thumbnails[p.key] = std::move(texture);
                            }
                        };
                    });
}

void ReviewClips::draw(ConsoleContext& ctx) {
    const ClipJobStatus status = m_jobs.status();
    const bool running = status.state == ClipJobStatus::State::Running;
    if (status.state != m_lastState) {
        if (m_lastState == ClipJobStatus::State::Running && status.session == m_session) {
            if (status.state == ClipJobStatus::State::Done) {
                loadThumbnails(ctx, status);
                ctx.message(true, trf("clips.cut_done", {{"count", std::to_string(status.run.clips.size())},
                                                         {"folder", status.dir.string()}}));
            } else {
                ctx.message(false, trf("clips.cut_failed",
                                       {{"state", toString(status.state)}, {"error", status.error}}));
            }
        }
        m_lastState = status.state;
    }

    ImGui::TextWrapped("%s", tr("clips.hint"));
    ImGui::BeginDisabled(running || !m_windows || m_windows->empty());
    if (ImGui::Button(trId("clips.cut_all").c_str())) cut(ctx, {});
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::Checkbox(trId("clips.burn_card").c_str(), &m_burnCard);
    ImGui::SameLine();
    if (ImGui::Button(trId("clips.open_folder").c_str())) {
        std::error_code error;
        if (!std::filesystem::is_directory(m_folder, error))
            ctx.message(false, trf("clips.none_yet", {{"folder", m_folder.string()}}));
        else if (!openFolder(m_folder))
            ctx.message(false, tr("clips.no_file_manager"));
    }
    if (running) {
        ImGui::SameLine();
        if (ImGui::Button(trId("common.cancel").c_str())) m_jobs.cancel();
        const std::string overlay = std::to_string(status.progress.done) + "/" +
                                    std::to_string(status.progress.total) + "  " + status.progress.current;
        ImGui::ProgressBar(static_cast<float>(status.progress.fraction), ImVec2(-1, 0), overlay.c_str());
    }
    ImGui::TextDisabled("%s", m_folder.string().c_str());

    if (!m_windows) {
        busyLine(ctx, m_windowsTask.name, tr("clips.reading"));
        if (!m_loadError.empty()) ImGui::TextColored(kReviewRed, "%s", m_loadError.c_str());
        return;
    }
    if (m_windows->empty()) {
        ImGui::TextUnformatted(tr("clips.nothing_on_air"));
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("clip_windows", 9, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("review.col_kind"));
    ImGui::TableSetupColumn(tr("review.col_on_air_at"));
    ImGui::TableSetupColumn(tr("review.col_product"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(tr("review.col_orders"));
    ImGui::TableSetupColumn(tr("review.col_gmv"));
    ImGui::TableSetupColumn(tr("clips.col_gpm"));
    ImGui::TableSetupColumn(tr("clips.col_peak"));
    ImGui::TableSetupColumn(tr("review.col_clicks"));
    ImGui::TableSetupColumn(tr("clips.col_clip"));
    ImGui::TableHeadersRow();
    for (const ClipWindow& w : *m_windows) {
        ImGui::PushID(keyOf(w.kind, w.startMs).c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(kindLabel(w.kind));
        ImGui::TableNextColumn();
        ImGui::Text("%s–%s", clock(w.startMs).c_str(), clock(w.endMs).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(w.kind == ClipKind::Segment ? w.label.c_str()
                                                           : (w.name + " · " + w.label).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(compactCount(w.orders).c_str());
        exactCountTooltip(w.orders);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(figures::formatYuan(static_cast<double>(w.gmvCents)).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(w.gpmCents ? figures::formatYuan(*w.gpmCents).c_str() : kMissing);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(compactCount(w.peakViewers).c_str());
        exactCountTooltip(w.peakViewers);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(compactCount(w.productClicks).c_str());
        exactCountTooltip(w.productClicks);
        ImGui::TableNextColumn();
        const auto thumbnail = m_thumbnails.find(keyOf(w.kind, w.startMs));
        if (thumbnail != m_thumbnails.end() && !thumbnail->second->empty()) {
            const GlTexture& t = *thumbnail->second;
            ImGui::Image(t.id(),
                         ImVec2(static_cast<float>(t.width()) * 0.5f, static_cast<float>(t.height()) * 0.5f));
            ImGui::SameLine();
        }
        ImGui::BeginDisabled(running);
        if (ImGui::SmallButton(trId("clips.cut").c_str())) {
            ClipFilter one;
            one.kind = w.kind;
            one.windowStartMs = w.startMs;
            cut(ctx, one);
        }
        ImGui::EndDisabled();
        ImGui::PopID();
    }
    ImGui::EndTable();
}

} // namespace hawker::studio::console
