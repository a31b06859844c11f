#pragma once
// The platform check while the show runs. In each output's first seconds on
// air it logs the same rows as `hawker preflight` (from the encoder's
// settings and what the output measured it sent), and from then on it
// watches the two figures that drift -- the video bitrate and the keyframe
// spacing on the stream's clock. One out of its profile's range for 3 s in a
// row is reported ("off_profile") until it is back for 3 s ("on_profile"):
// the engine puts both on the timeline, and the alert rule output_profile
// raises an alert while any output is off its profile.

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "hawker/capture/output.hpp"
#include "hawker/studio/show/profile_check.hpp"
#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio {

class ProfileWatch {
public:
    using EventHook =
        std::function<void(const std::string& id, const std::string& event, const std::string& detail)>;
    ProfileWatch(const ShowSpec& show, EventHook onEvent);
    /// About once a second, with every output's figures (the output-control thread).
    void observe(const std::vector<capture::OutputStats>& outputs);
    /// Each output off its profile now.
    std::vector<ProfileDrift> offProfile() const;

private:
    struct Watched {
        bool checked = false; ///< the first-seconds rows are logged
        bool off = false;
        int badRuns = 0, goodRuns = 0;
        std::string detail;
    };
    const ShowSpec& m_show;
    EventHook m_onEvent;
    std::map<std::string, Watched> m_watched; ///< by output id; the control thread's
    mutable std::mutex m_mutex;
    std::vector<ProfileDrift> m_offProfile; ///< guarded by m_mutex
};

} // namespace hawker::studio
