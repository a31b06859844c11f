#pragma once
// The program's encodes. Outputs whose settings are equal share one encode;
// an output with its own size, bitrate or keyframe interval ([outputs.encode])
// gets its own encoder on its own thread. An encode of another size is fed by
// a rendition scaled once from the canvas on a thread of its own, shared by
// every encode of that size. Live, each stage drops only its own frames when
// it falls behind, and counts them; the compositor never waits on any of them.
// The sound is encoded once per distinct audio rate and bitrate, on its own
// thread, and reaches every encode's outputs beside their pictures: a picture
// an encode drops leaves the sound whole.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "hawker/capture/audio_encoder.hpp"
#include "hawker/capture/encoder.hpp"
#include "hawker/capture/scaled_feed.hpp"
#include "hawker/studio/engine/encode_status.hpp"
#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio {

class EncodeSet {
public:
    /// `encode` indexes this set's encodes (see encodeOf()).
    using PacketSink = std::function<void(size_t encode, const capture::EncodedPacket&)>;

    /// Groups the show's outputs; nothing starts yet. A show without outputs
    /// still has the program encode, so the program's figures exist.
    EncodeSet(const ShowSpec& show, bool offline, PacketSink sink);
    ~EncodeSet();
    EncodeSet(const EncodeSet&) = delete;
    EncodeSet& operator=(const EncodeSet&) = delete;

    /// Opens every codec and starts the threads; throws with the reason,
    /// leaving nothing running.
    void start();
    /// Hands one program tick to every encode: live it never waits, offline it
    /// waits for room so that every frame is encoded.
    void push(const capture::ProgramTick& tick);
    /// Encodes what is queued, flushes every codec and joins every thread.
    void finish();

    size_t size() const { return m_encodes.size(); }
    /// Renditions scaled from the canvas (one per size and bar colour).
    size_t renditions() const { return m_feeds.size(); }
    /// The encode feeding the show's output number `output`.
    size_t encodeOf(size_t output) const { return m_encodeOfOutput.at(output); }
    std::vector<capture::StreamDescription> streams(size_t encode) const;
    std::vector<EncodeStatus> stats() const;
    /// The sum of every encode's `dropped` in stats(), without the rest of its work.
    uint64_t framesDropped() const;
    /// Audio samples in program tick `index` (every encode has the same rate).
    int samplesPerTick(int64_t index) const;
    /// The sound encodes (one per distinct audio rate and bitrate).
    size_t soundEncodes() const { return m_sounds.size(); }

private:
    struct Encode {
        std::string id;
        std::vector<std::string> outputs;
        std::unique_ptr<capture::Encoder> encoder;
        int feed = -1;    ///< index in m_feeds; -1 at the canvas's size
        size_t sound = 0; ///< index in m_sounds
    };
    struct Sound {
        std::unique_ptr<capture::AudioEncoder> encoder;
        std::vector<size_t> encodes; ///< the encodes whose outputs carry it
    };
    struct Feed {
        cv::Size size;
        Rgba background;
        std::unique_ptr<capture::ScaledFeed> feed;
        std::vector<capture::Encoder*> encoders; ///< the encodes it feeds (owned by m_encodes)
    };

    bool m_offline;
    std::vector<Encode> m_encodes;
    std::vector<Feed> m_feeds;
    std::vector<Sound> m_sounds;
    std::vector<size_t> m_encodeOfOutput;
};

} // namespace hawker::studio
