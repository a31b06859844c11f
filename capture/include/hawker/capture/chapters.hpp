#pragma once
// Chapters of a recording: named stretches a player can jump to. A live
// recording gets them as its trailer is written (Matroska keeps them at the
// end of the file, so a killed show's file has none); rewriteChapters puts
// them into a finished or cut-short file afterwards, copying its packets.

#include <cstdint>
#include <string>
#include <vector>

extern "C" {
struct AVFormatContext;
}

namespace hawker::capture {

struct Chapter {
    int64_t startMs = 0; ///< on the file's own timestamps
    int64_t endMs = -1;  ///< -1: to the end of the file
    std::string title;
};

/// Sets `chapters` on a muxer (any it had are replaced). A chapter ending
/// at or before `firstMs`, or starting at or after `endMs`, is left out; the
/// rest are clamped to [firstMs, endMs].
void setChapters(AVFormatContext* muxer, const std::vector<Chapter>& chapters, int64_t firstMs,
                 int64_t endMs);

/// Rewrites `path` with `chapters` (its packets copied, none encoded again):
/// the copy is written beside it and renamed over it only when complete. A
/// file cut short by a crash keeps every packet that can be read. Returns the
/// number of chapters written. Throws std::runtime_error naming the reason.
size_t rewriteChapters(const std::string& path, const std::vector<Chapter>& chapters);

/// The chapters a file carries, in ms on its own timestamps.
std::vector<Chapter> readChapters(const std::string& path);

} // namespace hawker::capture
