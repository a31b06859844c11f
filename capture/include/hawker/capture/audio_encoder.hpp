#pragma once
// The program's sound, encoded once (AAC) on a thread of its own for every
// encode that wants it at the same rate and bitrate. The pictures' encodes
// are apart from it: a picture an encode drops never takes its sound along,
// and two renditions of one show do not encode the same sound twice.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hawker/capture/av_util.hpp"
#include "hawker/capture/encoded_packet.hpp"

namespace hawker::capture {

/// The samples of program tick `index`: a tick has rate / fps samples, the remainder spread so that the
/// sum over any number of ticks stays exact.
int audioSamplesInTick(int rate, int fps, int64_t index);

struct AudioEncodeSettings {
    int rate = 48000;
    int kbps = 128;
    bool globalHeader = true; ///< codec headers out of band, as MKV, MP4 and FLV want
    bool operator==(const AudioEncodeSettings&) const = default;
};

class AudioEncoder {
public:
    using PacketSink = std::function<void(const EncodedPacket&)>;
    /// How much sound may wait for the thread. Live, beyond it a push is refused and counted (a starved
    /// machine); offline, a push waits for room, so that every sample is encoded.
    static constexpr double kMaxQueuedSeconds = 10;

    /// `name` tells sound encodes apart in logs and thread names.
    AudioEncoder(AudioEncodeSettings settings, PacketSink sink, std::string name, bool offline = false);
    ~AudioEncoder();
    AudioEncoder(const AudioEncoder&) = delete;
    AudioEncoder& operator=(const AudioEncoder&) = delete;

    /// Opens the codec (throws FfmpegError with a reason) and starts the thread.
    void start();
    /// Stereo samples (as many as the shorter side has), appended to what waits. Live it never waits, and
    /// returns false when the limit refused them.
    bool push(const std::vector<float>& left, const std::vector<float>& right);
    /// Encodes what waits, flushes the codec and joins the thread.
    void finish();

    StreamDescription stream() const;
    const AudioEncodeSettings& settings() const { return m_settings; }
    uint64_t packets() const { return m_packets; }
    uint64_t samplesRefused() const { return m_samplesRefused; }

private:
    void run();
    void encode(bool flush);

    AudioEncodeSettings m_settings;
    PacketSink m_sink;
    std::string m_name;
    bool m_offline;
    CodecContextPtr m_codec;
    PacketPtr m_packet;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<float> m_waitingLeft, m_waitingRight; ///< pushed, not taken by the thread yet
    bool m_finishing = false;
    bool m_refusing = false;            ///< the limit refused the last push (said once in the log)
    std::vector<float> m_left, m_right; ///< the thread's: waiting for a full AAC frame
    int64_t m_samplesSent = 0;
    std::atomic<uint64_t> m_packets{0}, m_samplesRefused{0};
};

} // namespace hawker::capture
