#include "hawker/studio/engine/program_clock.hpp"

#include <thread>

namespace hawker::studio {

void ProgramClock::waitForTick(int64_t n) const {
    if (m_virtual) return;
    std::this_thread::sleep_until(deadline(n));
}

} // namespace hawker::studio
