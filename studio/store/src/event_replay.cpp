#include "hawker/studio/store/event_replay.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "hawker/studio/store/event_store.hpp"

namespace hawker::studio {

namespace {
constexpr size_t kBatch = 4096;
constexpr size_t kQueued = 4; ///< batches in flight: bounds memory, keeps both threads busy
} // namespace

void replayEvents(const std::filesystem::path& database, int64_t session, int64_t fromTs, int64_t toTs,
                  const std::function<void(const std::vector<ViewerEvent>&)>& consume) {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::vector<ViewerEvent>> full;
    std::vector<std::vector<ViewerEvent>> spare; // recycled batches: their strings keep their capacity
    bool done = false, stop = false;
    std::exception_ptr failure;

    std::thread reader([&] {
        try {
            Database db(database, Database::Threading::OneThread);
            EventStore(db).forEachBatch(session, fromTs, toTs, kBatch, [&](std::vector<ViewerEvent>& batch) {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return full.size() < kQueued || stop; });
                if (stop) throw std::runtime_error("replay stopped");
                full.push_back(std::move(batch));
                // Refill a batch the consumer is done with: its strings keep their capacity.
                batch = spare.empty() ? std::vector<ViewerEvent>() : std::move(spare.back());
                if (!spare.empty()) spare.pop_back();
                lock.unlock();
                changed.notify_all();
            });
        } catch (...) {
            std::lock_guard lock(mutex);
            if (!stop) failure = std::current_exception();
        }
        {
            std::lock_guard lock(mutex);
            done = true;
        }
        changed.notify_all();
    });

    try {
        for (;;) {
            std::vector<ViewerEvent> batch;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return !full.empty() || done; });
                if (full.empty()) break;
                batch = std::move(full.front());
                full.pop_front();
            }
            changed.notify_all();
            consume(batch);
            std::lock_guard lock(mutex);
            spare.push_back(std::move(batch));
        }
    } catch (...) {
        {
            std::lock_guard lock(mutex);
            stop = true;
        }
        changed.notify_all();
        reader.join();
        throw;
    }
    reader.join();
    if (failure) std::rethrow_exception(failure);
}

} // namespace hawker::studio
