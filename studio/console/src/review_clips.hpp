#pragma once
// The review's Clips tab (直播切片): every on-air window of the session (each
// card showing, flash sale and segment) with what it sold, highest GMV
// first. "Cut" cuts one window's clip, "Cut all" every one, on a thread of
// their own below the show's priority (no lane of the console waits), with a
// progress bar; the cut clips show their thumbnails and the folder opens in
// the system's file manager.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "console_context.hpp"
#include "gl_texture.hpp"
#include "hawker/studio/clips/clip_jobs.hpp"
#include "review_common.hpp"

namespace hawker::studio::console {

class ReviewClips {
public:
    /// Another session was selected: its windows are loaded on the query lane.
    void select(ConsoleContext& ctx, int64_t sessionId);
    void checkTasks(const ConsoleContext& ctx);
    void draw(ConsoleContext& ctx);

private:
    void cut(ConsoleContext& ctx, const ClipFilter& filter);
    /// Reads the cut clips' thumbnails off the UI thread; their textures are made when they arrive.
    void loadThumbnails(ConsoleContext& ctx, const ClipJobStatus& status);
    int64_t m_session = 0;
    std::filesystem::path m_folder;
    std::shared_ptr<const std::vector<ClipWindow>> m_windows;
    std::string m_loadError;
    bool m_burnCard = false;
    ClipJobs m_jobs;
    ClipJobStatus::State m_lastState = ClipJobStatus::State::Idle;
    std::map<std::string, std::unique_ptr<GlTexture>> m_thumbnails; ///< clip file → its thumbnail
    TaskWatch m_windowsTask{"review clip windows"};
};

} // namespace hawker::studio::console
