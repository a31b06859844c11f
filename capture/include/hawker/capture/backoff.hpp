#pragma once
// Exponential backoff with jitter for reconnecting sources and destinations.

#include <chrono>
#include <cstdint>
#include <random>

namespace hawker::capture {

struct BackoffPolicy {
    std::chrono::milliseconds initial{2000};
    double factor = 1.5;
    std::chrono::milliseconds maxDelay{15000};
    double jitter = 0.2; ///< each delay is scaled by a random factor in [1 - jitter, 1 + jitter]
    int maxRetries = 0;  ///< 0: retry for as long as the show runs
};

/// Produces the delays of one reconnect sequence; reset() after a success.
class Backoff {
public:
    explicit Backoff(BackoffPolicy policy, uint32_t seed = std::random_device{}());
    /// The wait before the next attempt, or nullopt-like -1 ms when retries are exhausted.
    std::chrono::milliseconds next();
    void reset() { m_attempt = 0; }
    int attempts() const { return m_attempt; }
    bool exhausted() const { return m_policy.maxRetries > 0 && m_attempt >= m_policy.maxRetries; }

private:
    BackoffPolicy m_policy;
    std::mt19937 m_rng;
    int m_attempt = 0;
};

} // namespace hawker::capture
