#include "hawker/capture/backoff.hpp"

#include <algorithm>
#include <cmath>

namespace hawker::capture {

Backoff::Backoff(BackoffPolicy policy, uint32_t seed) : m_policy(policy), m_rng(seed) {}

std::chrono::milliseconds Backoff::next() {
    if (exhausted()) return std::chrono::milliseconds(-1);
    const double base = static_cast<double>(m_policy.initial.count()) * std::pow(m_policy.factor, m_attempt);
    const double capped = std::min(base, static_cast<double>(m_policy.maxDelay.count()));
    std::uniform_real_distribution<double> spread(1.0 - m_policy.jitter, 1.0 + m_policy.jitter);
    ++m_attempt;
    // Jitter keeps many outputs that failed together from retrying in lockstep.
    return std::chrono::milliseconds(static_cast<int64_t>(std::llround(capped * spread(m_rng))));
}

} // namespace hawker::capture
