#include "hawker/capture/loudness_meter.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <ebur128.h>

namespace hawker::capture {

namespace {

/// LUFS as libebur128 gives them; -inf (silence, or a window not yet full) is no figure.
std::optional<double> lufs(int status, double value) {
    if (status != EBUR128_SUCCESS || !std::isfinite(value)) return std::nullopt;
    return value;
}

/// A linear peak (1.0 is full scale) in dBFS; no figure for digital silence.
std::optional<double> peakDb(double linear) {
    if (!(linear > 0)) return std::nullopt;
    return 20.0 * std::log10(linear);
}

} // namespace

struct LoudnessMeter::Library {
    ebur128_state* state = nullptr;
    ~Library() { ebur128_destroy(&state); }
};

LoudnessMeter::LoudnessMeter(int sampleRate) : m_library(std::make_unique<Library>()) {
    m_library->state =
        ebur128_init(2, static_cast<unsigned long>(std::max(sampleRate, 1)),
                     EBUR128_MODE_S | EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK | EBUR128_MODE_HISTOGRAM);
    if (!m_library->state)
        throw std::runtime_error("loudness meter: libebur128 refused " + std::to_string(sampleRate) + " Hz");
}

LoudnessMeter::~LoudnessMeter() = default;

void LoudnessMeter::add(const float* left, const float* right, int count) {
    if (count <= 0) return;
    ebur128_state* state = m_library->state;
    m_interleaved.resize(2 * static_cast<size_t>(count));
    for (size_t s = 0; s < static_cast<size_t>(count); ++s) {
        m_interleaved[2 * s] = left[s];
        m_interleaved[2 * s + 1] = right[s];
    }
    if (ebur128_add_frames_float(state, m_interleaved.data(), static_cast<size_t>(count)) != EBUR128_SUCCESS)
        return;

    LoudnessReading next;
    double value = 0;
    int status = ebur128_loudness_momentary(state, &value);
    next.momentaryLufs = lufs(status, value);
    status = ebur128_loudness_shortterm(state, &value);
    next.shortTermLufs = lufs(status, value);
    status = ebur128_loudness_global(state, &value);
    next.integratedLufs = lufs(status, value);
    double last = 0, highest = 0;
    for (unsigned channel = 0; channel < 2; ++channel) {
        if (ebur128_prev_true_peak(state, channel, &value) == EBUR128_SUCCESS) last = std::max(last, value);
        if (ebur128_true_peak(state, channel, &value) == EBUR128_SUCCESS) highest = std::max(highest, value);
    }
    next.truePeakDbfs = peakDb(last);
    next.maxTruePeakDbfs = peakDb(highest);
    std::lock_guard lock(m_mutex);
    m_reading = next;
}

LoudnessReading LoudnessMeter::reading() const {
    std::lock_guard lock(m_mutex);
    return m_reading;
}

} // namespace hawker::capture
