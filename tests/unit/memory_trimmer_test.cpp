#include <gtest/gtest.h>

#include <malloc.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <thread>
#include <vector>

#include "hawker/studio/engine/memory_trimmer.hpp"

using namespace hawker::studio;
using namespace std::chrono_literals;

namespace {
int64_t residentBytes() {
    std::ifstream statm("/proc/self/statm");
    int64_t size = 0, resident = 0;
    statm >> size >> resident;
    return resident * sysconf(_SC_PAGESIZE);
}
} // namespace

TEST(MemoryTrimmer, GivesBackWhatAnArenaKeptAfterABurst) {
    // A burst on another thread: many small blocks (below the mmap threshold,
    // so they come from that thread's arena), touched, then all freed but
    // the last, which keeps the arena's top from shrinking by itself.
    std::thread burst([] {
        std::vector<std::unique_ptr<char[]>> blocks;
        blocks.reserve(6000); // nothing freed before the pin, so the pin lands above the blocks
        for (int i = 0; i < 6000; ++i) {
            blocks.emplace_back(new char[8000]);
            std::fill_n(blocks.back().get(), 8000, static_cast<char>(i));
        }
        std::unique_ptr<char[]> pin(new char[100000]); // under the mmap threshold: from the arena's top
        blocks.clear();
        static std::unique_ptr<char[]> kept;
        kept = std::move(pin);
    });
    burst.join();
    const int64_t before = residentBytes();
    const int64_t freed = MemoryTrimmer::trimNow();
    const int64_t after = residentBytes();
    EXPECT_GT(freed, 20 * 1024 * 1024) << "resident " << before << " -> " << after;
    EXPECT_LT(after, before);
}

TEST(MemoryTrimmer, TrimsOnItsOwnThreadAndStopsPromptly) {
    const auto start = std::chrono::steady_clock::now();
    {
        MemoryTrimmer trimmer(20ms);
        for (int i = 0; i < 200 && trimmer.trims() < 2; ++i)
            std::this_thread::sleep_for(10ms);
        EXPECT_GE(trimmer.trims(), 2);
    }
    // A trimmer waiting a minute between trims must not hold up a show's exit.
    { MemoryTrimmer idle(std::chrono::minutes(1)); }
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}
