#pragma once
// The review's Trend tab: the selected session among the other sessions of
// its title (or its tag, or its host) over the last days, as `hawker report --trend`
// counts them: GMV, UV, conversion, GPM and units per session as small
// multiples, the sessions as a table, and each product's units per session.
// Built on the query lane; the tab only draws.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "console_context.hpp"
#include "review_common.hpp"

namespace hawker::studio::console {

struct TrendView {
    struct Row {
        int64_t id = 0;
        std::string when, title, host, gmv, uv, conversion, gpm, units;
    };
    struct Series {
        std::string label;
        bool translated = false;   ///< label is a translation key (else a product's name)
        std::vector<float> values; ///< one per session, oldest first
        std::string last;          ///< the newest value, written
    };
    std::vector<Row> rows;
    std::vector<Series> headline; ///< GMV, UV, conversion, GPM, units
    std::vector<Series> products; ///< units per session, per product
};

class ReviewTrend {
public:
    /// Another session was selected.
    void select(int64_t sessionId, std::string title, std::string tag, std::string host);
    void checkTasks(const ConsoleContext& ctx);
    void draw(ConsoleContext& ctx);

private:
    void load(ConsoleContext& ctx);
    int64_t m_session = 0;
    /// Which sessions the selected one is compared with: those of its title, its tag or its host.
    enum class Scope { Title, Tag, Host };
    std::string m_title, m_tag, m_host;
    int m_days = 14;
    Scope m_scope = Scope::Title;
    bool m_wanted = false;
    std::shared_ptr<const TrendView> m_view;
    TaskWatch m_task{"review trend"};
};

} // namespace hawker::studio::console
