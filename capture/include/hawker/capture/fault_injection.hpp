#pragma once
// A test hook for the promise that no exception escapes a worker thread:
// HAWKER_INJECT_FAULTS="compositor.tick@30,source.read@50" makes each named
// point throw once, on its Nth pass (the 1st without "@N"). Unset, every
// point costs one check of a flag. "encoder.tick:small~40" makes a point
// sleep 40 ms on every pass instead: a slow part, to show it slows nothing
// else. "compositor.tick~25/3" sleeps 25 ms on every 3rd pass only: a part
// that is late now and then (a thread the scheduler put aside), not slow.

#include <stdexcept>
#include <string_view>

namespace hawker::capture {

/// What an injected fault throws, so a log line can say it was injected.
class InjectedFault : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// True when HAWKER_INJECT_FAULTS names any point (read once).
bool faultInjectionEnabled();
/// Throws InjectedFault when `point` is due; thread-safe.
void injectFault(std::string_view point);
/// Sleeps when `point` was named with "~MS" (on this pass, with "~MS/N"); thread-safe.
void injectDelay(std::string_view point);

} // namespace hawker::capture
