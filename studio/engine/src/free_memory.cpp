#include "hawker/studio/engine/free_memory.hpp"

#include <fstream>

#include <malloc.h>
#include <unistd.h>

namespace hawker::studio {

int64_t residentKb() {
    std::ifstream statm("/proc/self/statm");
    int64_t sizePages = 0, residentPages = 0;
    if (!(statm >> sizePages >> residentPages)) return 0;
    return residentPages * (sysconf(_SC_PAGESIZE) / 1024);
}

MemoryTrim returnFreeMemory() {
    MemoryTrim trim;
    trim.residentBeforeKb = residentKb();
    malloc_trim(0);
    trim.residentAfterKb = residentKb();
    return trim;
}

} // namespace hawker::studio
