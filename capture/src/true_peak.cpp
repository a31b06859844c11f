#include "hawker/capture/true_peak.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace hawker::capture {

namespace {
constexpr size_t kHistory = TruePeakDetector::kTaps - 1;
} // namespace

TruePeakDetector::TruePeakDetector() {
    // Windowed sinc for the points a quarter, a half and three quarters of the
    // way to the next sample; each sums to 1 so that a constant stays itself.
    const std::array<double, 3> phases = {0.25, 0.5, 0.75};
    for (size_t p = 0; p < phases.size(); ++p) {
        double sum = 0;
        std::array<double, kTaps> taps{};
        for (int k = 0; k < kTaps; ++k) {
            const double distance = (k - (kTaps / 2 - 1)) - phases[p]; // from the point, in samples
            const double sinc = std::sin(std::numbers::pi * distance) / (std::numbers::pi * distance);
            const double window = 0.5 * (1.0 + std::cos(std::numbers::pi * distance / (kTaps / 2.0)));
            taps[static_cast<size_t>(k)] = sinc * window;
            sum += sinc * window;
        }
        for (size_t k = 0; k < taps.size(); ++k)
            m_taps[p][k] = static_cast<float>(taps[k] / sum);
    }
    m_left.assign(kHistory, 0.0f);
    m_right.assign(kHistory, 0.0f);
}

float TruePeakDetector::peaks(const float* left, const float* right, int count, float* out) {
    if (count <= 0) return 0;
    const auto n = static_cast<size_t>(count);
    m_left.resize(kHistory + n);
    m_right.resize(kHistory + n);
    std::copy_n(left, n, m_left.begin() + kHistory);
    std::copy_n(right, n, m_right.begin() + kHistory);
    m_point.resize(n);
    // out[j] is about the sample at buffer index j + kDelay - 1 (the filter
    // reads j .. j + kTaps - 1, the point lies between its 8th and 9th taps).
    const float* __restrict l = m_left.data();
    const float* __restrict r = m_right.data();
    float* __restrict o = out;
    float* __restrict point = m_point.data();
    constexpr size_t kAt = kTaps / 2 - 1;
    for (size_t j = 0; j < n; ++j)
        o[j] = std::max(std::fabs(l[j + kAt]), std::fabs(r[j + kAt]));
    for (const auto& taps : m_taps) {
        for (const float* channel : {l, r}) {
            // One multiply-add per tap over the whole block: straight loops the compiler vectorises.
            std::fill_n(point, n, 0.0f);
            for (size_t k = 0; k < taps.size(); ++k) {
                const float tap = taps[k];
                const float* x = channel + k;
                for (size_t j = 0; j < n; ++j)
                    point[j] += tap * x[j];
            }
            for (size_t j = 0; j < n; ++j)
                o[j] = std::max(o[j], std::fabs(point[j]));
        }
    }
    // The newest samples become the next block's history.
    std::copy(m_left.end() - kHistory, m_left.end(), m_left.begin());
    std::copy(m_right.end() - kHistory, m_right.end(), m_right.begin());
    m_left.resize(kHistory);
    m_right.resize(kHistory);
    return *std::max_element(o, o + n);
}

} // namespace hawker::capture
