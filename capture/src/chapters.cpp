#include "hawker/capture/chapters.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

extern "C" {
#include <libavformat/avformat.h>
}

#include "hawker/capture/av_util.hpp"

namespace hawker::capture {

namespace {
constexpr AVRational kMs{1, 1000};

void clearChapters(AVFormatContext* muxer) {
    for (unsigned i = 0; i < muxer->nb_chapters; ++i) {
        av_dict_free(&muxer->chapters[i]->metadata);
        av_freep(&muxer->chapters[i]);
    }
    av_freep(&muxer->chapters);
    muxer->nb_chapters = 0;
}
} // namespace

void setChapters(AVFormatContext* muxer, const std::vector<Chapter>& chapters, int64_t firstMs,
                 int64_t endMs) {
    clearChapters(muxer);
    std::vector<Chapter> kept;
    for (const Chapter& c : chapters) {
        const int64_t end = c.endMs < 0 ? endMs : std::min(c.endMs, endMs);
        const int64_t start = std::max(c.startMs, firstMs);
        if (end > start) kept.push_back({start, end, c.title});
    }
    std::stable_sort(kept.begin(), kept.end(),
                     [](const Chapter& a, const Chapter& b) { return a.startMs < b.startMs; });
    // A player takes chapters in order of their start, and FFmpeg's Matroska
    // reader drops one that starts with the one before it (a card shown as
    // its segment begins): each starts at least a millisecond after the last.
    for (size_t i = 1; i < kept.size(); ++i)
        kept[i].startMs = std::max(kept[i].startMs, kept[i - 1].startMs + 1);
    std::erase_if(kept, [](const Chapter& c) { return c.endMs <= c.startMs; });
    if (kept.empty()) return;
    muxer->chapters = static_cast<AVChapter**>(av_calloc(kept.size(), sizeof(AVChapter*)));
    if (!muxer->chapters) throw std::bad_alloc();
    for (size_t i = 0; i < kept.size(); ++i) {
        auto* chapter = static_cast<AVChapter*>(av_mallocz(sizeof(AVChapter)));
        if (!chapter) throw std::bad_alloc();
        chapter->id = static_cast<int64_t>(i + 1);
        chapter->time_base = kMs;
        chapter->start = kept[i].startMs;
        chapter->end = kept[i].endMs;
        av_dict_set(&chapter->metadata, "title", kept[i].title.c_str(), 0);
        muxer->chapters[i] = chapter;
        muxer->nb_chapters = static_cast<unsigned>(i + 1);
    }
}

size_t rewriteChapters(const std::string& path, const std::vector<Chapter>& chapters) {
    AVFormatContext* rawIn = nullptr;
    const int opened = avformat_open_input(&rawIn, path.c_str(), nullptr, nullptr);
    if (opened < 0) throw std::runtime_error("cannot open " + path + ": " + avErrorText(opened));
    InputFormatPtr in(rawIn);
    checkAv(avformat_find_stream_info(rawIn, nullptr), "read the recording's streams");

    const std::string part = path + ".chapters.part";
    std::error_code ignored;
    try {
        OutputFormatPtr out;
        {
            AVFormatContext* rawOut = nullptr;
            checkAv(avformat_alloc_output_context2(&rawOut, nullptr, nullptr, path.c_str()),
                    "recording format");
            out.reset(rawOut);
        }

        std::vector<int> map(rawIn->nb_streams, -1);
        int64_t firstMs = -1, endMs = 0;
        for (unsigned i = 0; i < rawIn->nb_streams; ++i) {
            const AVStream* source = rawIn->streams[i];
            const auto type = source->codecpar->codec_type;
            if (type != AVMEDIA_TYPE_VIDEO && type != AVMEDIA_TYPE_AUDIO) continue;
            AVStream* stream = avformat_new_stream(out.get(), nullptr);
            if (!stream) throw std::bad_alloc();
            checkAv(avcodec_parameters_copy(stream->codecpar, source->codecpar), "stream parameters");
            stream->codecpar->codec_tag = 0;
            stream->time_base = source->time_base;
            stream->avg_frame_rate = source->avg_frame_rate;
            map[i] = stream->index;
        }
        checkAv(avio_open(&out->pb, part.c_str(), AVIO_FLAG_WRITE), "open the rewritten recording");
        checkAv(avformat_write_header(out.get(), nullptr), "write the recording's header");
        PacketPtr packet = makePacket();
        // A file cut short ends in a damaged cluster: what reads is kept, the rest is gone anyway.
        while (av_read_frame(rawIn, packet.get()) >= 0) {
            const int index = map[static_cast<size_t>(packet->stream_index)];
            if (index < 0) {
                av_packet_unref(packet.get());
                continue;
            }
            const AVRational from = rawIn->streams[packet->stream_index]->time_base;
            const int64_t at =
                av_rescale_q(packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts, from, kMs);
            if (firstMs < 0 || at < firstMs) firstMs = at;
            endMs = std::max(endMs, at + av_rescale_q(packet->duration, from, kMs));
            packet->stream_index = index;
            packet->pos = -1;
            av_packet_rescale_ts(packet.get(), from, out->streams[index]->time_base);
            checkAv(av_interleaved_write_frame(out.get(), packet.get()), "copy the recording");
        }
        if (firstMs < 0) throw std::runtime_error(path + " has no packets");
        // Set before the trailer, when the file's end is known: Matroska and MP4 write them there.
        setChapters(out.get(), chapters, firstMs, endMs);
        const size_t written = out->nb_chapters;
        checkAv(av_write_trailer(out.get()), "finish the rewritten recording");
        out.reset();
        in.reset();
        std::filesystem::rename(part, path);
        return written;
    } catch (...) {
        std::filesystem::remove(part, ignored);
        throw;
    }
}

std::vector<Chapter> readChapters(const std::string& path) {
    AVFormatContext* raw = nullptr;
    const int opened = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);
    if (opened < 0) throw std::runtime_error("cannot open " + path + ": " + avErrorText(opened));
    InputFormatPtr in(raw);
    std::vector<Chapter> out;
    for (unsigned i = 0; i < raw->nb_chapters; ++i) {
        const AVChapter* c = raw->chapters[i];
        const AVDictionaryEntry* title = av_dict_get(c->metadata, "title", nullptr, 0);
        out.push_back({av_rescale_q(c->start, c->time_base, kMs), av_rescale_q(c->end, c->time_base, kMs),
                       title ? title->value : ""});
    }
    return out;
}

} // namespace hawker::capture
