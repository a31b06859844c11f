#include "hawker/capture/fault_injection.hpp"

#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace hawker::capture {

namespace {

struct FaultPlan {
    std::mutex mutex;
    /// point -> passes left before it throws (0: already thrown)
    std::map<std::string, long, std::less<>> due;
    struct Delay {
        long ms = 0;
        long every = 1; ///< sleeps on every `every`th pass
        long passes = 0;
    };
    /// point -> how long it sleeps, and on which passes
    std::map<std::string, Delay, std::less<>> delays;
    bool enabled = false;

    FaultPlan() {
        const char* spec = std::getenv("HAWKER_INJECT_FAULTS");
        if (!spec || !*spec) return;
        std::string_view rest(spec);
        while (!rest.empty()) {
            const size_t comma = rest.find(',');
            const std::string_view item = rest.substr(0, comma);
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
            const size_t tilde = item.find('~');
            if (tilde != std::string_view::npos) {
                const std::string name(item.substr(0, tilde));
                const std::string_view timing = item.substr(tilde + 1);
                const size_t slash = timing.find('/');
                const long ms = std::atol(std::string(timing.substr(0, slash)).c_str());
                long every = 1;
                if (slash != std::string_view::npos)
                    every = std::max(1L, std::atol(std::string(timing.substr(slash + 1)).c_str()));
                if (!name.empty() && ms > 0) delays[name] = Delay{std::min(ms, 10000L), every, 0};
                continue;
            }
            const size_t at = item.find('@');
            const std::string name(item.substr(0, at));
            long pass = 1;
            if (at != std::string_view::npos)
                pass = std::max(1L, std::atol(std::string(item.substr(at + 1)).c_str()));
            if (!name.empty()) due[name] = pass;
        }
        enabled = !due.empty() || !delays.empty();
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

void injectDelay(std::string_view point) {
    FaultPlan& faults = plan();
    if (!faults.enabled) return;
    long ms = 0;
    {
        std::lock_guard lock(faults.mutex);
        const auto found = faults.delays.find(point);
        if (found == faults.delays.end()) return;
        if (++found->second.passes % found->second.every != 0) return;
        ms = found->second.ms;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

} // namespace hawker::capture
