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
    const int rate = std::max(sampleRate, 1);
    // Momentary and short-term loudness are worked out here from 100 ms
    // blocks, so libebur128 needs only the 400 ms buffer of its M mode, not
    // the 3 s of its S mode that it would sum again on every reading.
    m_library->state = ebur128_init(2, static_cast<unsigned long>(rate),
                                    EBUR128_MODE_M | EBUR128_MODE_I | EBUR128_MODE_HISTOGRAM);
    if (!m_library->state)
        throw std::runtime_error("loudness meter: libebur128 refused " + std::to_string(sampleRate) + " Hz");
    m_blockSamples = std::max(rate / 10, 1);
}

LoudnessMeter::~LoudnessMeter() = default;

void LoudnessMeter::closeBlock(LoudnessReading& next) {
    // The last 100 ms block's mean square (K-weighted, both channels), from
    // its loudness: L = -0.691 + 10 log10(energy). Silence is energy 0.
    ebur128_state* state = m_library->state;
    double value = 0;
    const int status = ebur128_loudness_window(state, 100, &value);
    const double energy =
        status == EBUR128_SUCCESS && std::isfinite(value) ? std::pow(10.0, (value + 0.691) / 10.0) : 0.0;
    m_blocks[m_nextBlock] = energy;
    m_nextBlock = (m_nextBlock + 1) % m_blocks.size();
    m_blocksSeen = std::min(m_blocksSeen + 1, m_blocks.size());
    auto windowLufs = [&](size_t blocks) -> std::optional<double> {
        if (m_blocksSeen < blocks) return std::nullopt; // the window is not full yet
        double sum = 0;
        for (size_t b = 1; b <= blocks; ++b)
            sum += m_blocks[(m_nextBlock + m_blocks.size() - b) % m_blocks.size()];
        if (!(sum > 0)) return std::nullopt;
        return -0.691 + 10.0 * std::log10(sum / static_cast<double>(blocks));
    };
    next.momentaryLufs = windowLufs(4);
    next.shortTermLufs = windowLufs(30);
    if (ebur128_loudness_global(state, &value) == EBUR128_SUCCESS)
        next.integratedLufs = lufs(EBUR128_SUCCESS, value);
}

void LoudnessMeter::add(const float* left, const float* right, int count) {
    if (count <= 0) return;
    ebur128_state* state = m_library->state;
    LoudnessReading next = reading();
    // Fed in pieces that end on the 100 ms block boundaries, so each block's
    // loudness is read exactly when it is complete.
    for (int done = 0; done < count;) {
        const int piece = std::min(count - done, m_blockSamples - m_inBlock);
        m_interleaved.resize(2 * static_cast<size_t>(piece));
        for (size_t s = 0; s < static_cast<size_t>(piece); ++s) {
            m_interleaved[2 * s] = left[done + static_cast<int>(s)];
            m_interleaved[2 * s + 1] = right[done + static_cast<int>(s)];
        }
        if (ebur128_add_frames_float(state, m_interleaved.data(), static_cast<size_t>(piece)) !=
            EBUR128_SUCCESS)
            return;
        done += piece;
        m_inBlock += piece;
        if (m_inBlock == m_blockSamples) {
            m_inBlock = 0;
            closeBlock(next);
        }
    }
    m_peaks.resize(static_cast<size_t>(count));
    const float last = m_truePeak.peaks(left, right, count, m_peaks.data());
    m_maxTruePeak = std::max(m_maxTruePeak, last);
    next.truePeakDbfs = peakDb(last);
    next.maxTruePeakDbfs = peakDb(m_maxTruePeak);
    std::lock_guard lock(m_mutex);
    m_reading = next;
}

LoudnessReading LoudnessMeter::reading() const {
    std::lock_guard lock(m_mutex);
    return m_reading;
}

} // namespace hawker::capture
