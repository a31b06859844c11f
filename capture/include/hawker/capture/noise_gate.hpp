#pragma once
// A noise gate for one input: it closes (attenuates by 60 dB) while the input
// stays below its threshold, so a host's microphone does not add the room's hum
// and the crew's whispers to the mix between sentences. It opens within 1 ms of
// a louder sound, holds open for 200 ms after it, then fades shut over 150 ms;
// it closes 4 dB below where it opens, so a voice hovering at the threshold
// does not chatter.

namespace hawker::capture {

class NoiseGate {
public:
    explicit NoiseGate(int sampleRate);

    /// One thread (the mixer's). A disabled gate passes the signal unchanged.
    void configure(bool enabled, float thresholdDb);
    void process(float* left, float* right, int count);

    bool enabled() const { return m_enabled; }
    /// Open: passing the signal (always, when disabled).
    bool open() const { return !m_enabled || m_open; }

private:
    int m_rate;
    bool m_enabled = false;
    float m_openLevel = 0, m_closeLevel = 0; ///< linear
    float m_envelope = 0;                    ///< the peak follower
    float m_gain = 1;                        ///< applied, smoothed
    bool m_open = true;
    int m_holdLeft = 0;
    float m_envelopeFall, m_attackStep, m_releaseStep;
};

} // namespace hawker::capture
