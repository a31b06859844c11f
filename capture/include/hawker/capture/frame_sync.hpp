#pragma once
// When a live camera's pictures are due on the program.

#include <array>
#include <cstdint>

namespace hawker::capture {

/// Shows a live camera's pictures at a steady delay after their own
/// timestamps, instead of "the newest one" at each program tick.
///
/// Live, the program takes each camera's newest picture at every tick. A
/// picture that comes a few milliseconds late (its decode waited for a core,
/// or the network held it) then misses its tick: the tick before shows the
/// previous picture twice and the late one replaces the next, a visible
/// judder. A picture's timestamp says when it was taken; its arrival minus
/// its timestamp is the path's delay. The smallest such delay seen is the
/// path's own (`base`); how much later than that pictures come is their
/// lateness. A picture is due at its timestamp + base + a delay that covers
/// the lateness seen in the last seconds (at most kMaxDelayUs), so pictures
/// go on air one per tick, in turn, however late each one came within it.
/// With no lateness the delay is nought and a picture is due on arrival.
///
/// The sound that goes with the camera follows the same due time, so lip
/// sync holds whatever the delay. That sound may come later than its
/// pictures: a camera's MPEG-TS stream packs several AAC frames into one
/// packet (FFmpeg's muxer, and so OBS, about 170 ms of sound at 128 kb/s),
/// sent once the last of them is made, while the pictures of that time have
/// gone already. The sound's lateness behind the pictures' path is measured
/// the same way, and the pictures wait for it (up to kMaxSoundDelayUs): a
/// tick's sound must be there when the tick plays it, or the program's sound
/// would be cut into pieces with silence between them.
///
/// Cameras shown together wait alike: the program sets the longest hold of
/// its cameras on each (setSharedDelayUs), so that a picture-in-picture of a
/// camera without sound keeps time with the camera held back for its sound.
/// Cameras of one studio take about as long to arrive; without it the one
/// without sound ran ahead by the other's hold (show B: 190 ms).
///
/// Times in microseconds (steady clock and the source's own clock). One
/// producer (arrived, soundArrived) and one consumer (dueUs); the caller
/// locks.
class FrameSync {
public:
    /// The most a picture is held back for pictures that come late: a latency
    /// that stays within the program's capture-to-packet budget.
    static constexpr int64_t kMaxDelayUs = 50'000;
    /// The most pictures are held back for their sound: more than a whole
    /// TS packet of sound at 64 kb/s (about 340 ms). Sound later than that is
    /// a broken stream; it is cut to keep the program live.
    static constexpr int64_t kMaxSoundDelayUs = 500'000;
    /// The sound plays this far behind its picture's due time, so that a
    /// tick's samples have come (one AAC frame plus jitter).
    static constexpr int64_t kSoundMarginUs = 50'000;
    /// The longest program tick (24 fps): a tick reads this much sound past
    /// its start, all of which must have come when it runs.
    static constexpr int64_t kLongestTickUs = 41'667;
    /// The delay is recomputed from the lateness of this many seconds.
    static constexpr int kWindowSeconds = 10;

    /// A picture taken at `ptsUs` arrived at `arrivalUs`.
    void arrived(int64_t ptsUs, int64_t arrivalUs);
    /// The camera's sound from `ptsUs` on arrived at `arrivalUs` (ignored
    /// before the first picture: the path is timed by the pictures).
    void soundArrived(int64_t ptsUs, int64_t arrivalUs);
    /// When the picture taken at `ptsUs` is due on the program.
    int64_t dueUs(int64_t ptsUs) const { return ptsUs + m_baseUs + delayUs(); }
    /// How far pictures are held back after the path's own delay: this
    /// camera's own hold or the one shared by the program, whichever is more.
    int64_t delayUs() const { return m_delayUs > m_sharedDelayUs ? m_delayUs : m_sharedDelayUs; }
    /// This camera's own hold: for its pictures' lateness or its sound's,
    /// whichever is more.
    int64_t ownDelayUs() const { return m_delayUs; }
    /// The hold of the program's cameras (the longest own hold of them),
    /// bounded by kMaxSoundDelayUs.
    void setSharedDelayUs(int64_t delayUs);
    /// The most the sound came after the pictures' path in the window.
    int64_t soundLatenessUs() const;

private:
    void startSecond(int64_t second);
    void updateDelay();

    bool m_started = false;
    int64_t m_baseUs = 0;
    int64_t m_delayUs = 0;
    int64_t m_sharedDelayUs = 0;
    int64_t m_lastArrivalUs = 0;
    /// The most lateness seen in each of the last seconds (by arrival second),
    /// of the pictures and of the sound.
    std::array<int64_t, kWindowSeconds> m_latenessBySecond{};
    std::array<int64_t, kWindowSeconds> m_soundLatenessBySecond{};
    int64_t m_second = 0;
};

} // namespace hawker::capture
