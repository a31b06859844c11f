#pragma once
// A test hook for the promise that no exception escapes a worker thread:
// HAWKER_INJECT_FAULTS="compositor.tick@30,source.read@50" makes each named
// point throw once, on its Nth pass (the 1st without "@N"). Unset, every
// point costs one check of a flag.

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

} // namespace hawker::capture
