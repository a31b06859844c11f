#pragma once
// The review's export tab: the report, with the notes as they are now, as one
// HTML page and as CSV files, written on the query lane.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "console_context.hpp"
#include "hawker/studio/store/notes_store.hpp"
#include "review_common.hpp"

namespace hawker::studio::console {

class ReviewExport {
public:
    /// Another session was selected: its files go beside the database.
    void select(const std::filesystem::path& databaseDir, int64_t sessionId);
    void checkTasks(const ConsoleContext& ctx);
    void draw(ConsoleContext& ctx, const std::shared_ptr<const LoadedReport>& report,
              const std::optional<std::vector<SessionNote>>& notes);

private:
    std::string m_htmlPath, m_csvDir;
    std::vector<std::string> m_exported; ///< what was written for this session
    TaskWatch m_htmlTask{"review export html"}, m_csvTask{"review export csv"};
};

} // namespace hawker::studio::console
