#pragma once
// The operator's headphones: the monitor bus played on a sound device, a
// PulseAudio sink or an ALSA device, through FFmpeg's output devices.
//
// The compositor hands each tick's monitor sound to push(), which never
// waits: the device is written from a thread of its own, so a device that is
// slow, missing or gone loses monitor sound (counted), never a program tick. A device that cannot be opened,
// or fails while playing, is tried again every few seconds: headphones plugged in late are heard.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace hawker::capture {

struct AudioMonitorSettings {
    std::string format; ///< "pulse" or "alsa"
    std::string device; ///< a PulseAudio sink's name, or an ALSA device ("hw:1,0", "default")
    int rate = 48000;
    /// How much sound may wait for the device before the oldest is dropped
    /// (what the operator hears late at most, on top of the device's own buffer).
    std::chrono::milliseconds maxQueued{200};
    /// Between attempts to open a device that is missing or failed.
    std::chrono::milliseconds retry{3000};
};

struct AudioMonitorStats {
    std::string format, device; ///< as set
    bool playing = false;       ///< the device is open and taking sound
    int64_t playedSamples = 0;  ///< per channel, handed to the device
    int64_t droppedSamples = 0; ///< per channel, lost: no device, or it fell behind
    std::string error;          ///< why it is not playing (empty while it plays)
};

class AudioMonitorOutput {
public:
    explicit AudioMonitorOutput(AudioMonitorSettings settings);
    ~AudioMonitorOutput();
    AudioMonitorOutput(const AudioMonitorOutput&) = delete;
    AudioMonitorOutput& operator=(const AudioMonitorOutput&) = delete;

    /// Starts the device thread (the first open happens there, not here).
    void start();
    /// Queues `count` samples of each channel; never blocks.
    void push(const float* left, const float* right, int count);
    void stop();

    AudioMonitorStats stats() const;
    const AudioMonitorSettings& settings() const { return m_settings; }

private:
    struct Device;
    void run();
    /// Plays what is queued until the device fails or the output stops.
    void play(Device& device);

    AudioMonitorSettings m_settings;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<int16_t> m_queue; ///< interleaved stereo
    bool m_stopping = false;
    std::string m_error;
    std::atomic<bool> m_playing{false};
    std::atomic<int64_t> m_played{0}, m_dropped{0};
    std::thread m_thread;
};

} // namespace hawker::capture
