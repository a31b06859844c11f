#include "hawker/studio/store/write_urgency.hpp"

#include <condition_variable>
#include <mutex>

namespace hawker::studio {

namespace {
std::mutex g_mutex;
std::condition_variable g_cleared;
int g_pending = 0;
} // namespace

UrgentWrite::UrgentWrite() {
    std::lock_guard lock(g_mutex);
    ++g_pending;
}

UrgentWrite::~UrgentWrite() {
    {
        std::lock_guard lock(g_mutex);
        --g_pending;
    }
    g_cleared.notify_all();
}

void yieldToUrgentWrites(std::chrono::milliseconds limit) {
    std::unique_lock lock(g_mutex);
    g_cleared.wait_for(lock, limit, [] { return g_pending == 0; });
}

} // namespace hawker::studio
