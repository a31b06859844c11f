#include "hawker/capture/fault_injection.hpp"

#include <cstdlib>
#include <map>
#include <mutex>
#include <string>

namespace hawker::capture {

namespace {

struct FaultPlan {
    std::mutex mutex;
    /// point -> passes left before it throws (0: already thrown)
    std::map<std::string, long, std::less<>> due;
    bool enabled = false;

    FaultPlan() {
        const char* spec = std::getenv("HAWKER_INJECT_FAULTS");
        if (!spec || !*spec) return;
        std::string_view rest(spec);
        while (!rest.empty()) {
            const size_t comma = rest.find(',');
            const std::string_view item = rest.substr(0, comma);
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
            const size_t at = item.find('@');
            const std::string name(item.substr(0, at));
            long pass = 1;
            if (at != std::string_view::npos)
                pass = std::max(1L, std::atol(std::string(item.substr(at + 1)).c_str()));
            if (!name.empty()) due[name] = pass;
        }
        enabled = !due.empty();
    }
};

FaultPlan& plan() {
    static FaultPlan instance;
    return instance;
}

} // namespace

bool faultInjectionEnabled() {
    return plan().enabled;
}

void injectFault(std::string_view point) {
    FaultPlan& faults = plan();
    if (!faults.enabled) return;
    std::lock_guard lock(faults.mutex);
    const auto found = faults.due.find(point);
    if (found == faults.due.end() || found->second == 0) return;
    if (--found->second == 0) throw InjectedFault("injected fault at " + std::string(point));
}

} // namespace hawker::capture
