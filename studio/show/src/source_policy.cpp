#include "hawker/studio/show/source_policy.hpp"
#include "hawker/studio/base/ascii_case.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace hawker::studio {

namespace {
/// Demuxers that read nothing but the bytes their protocol hands them. Any
/// other format (lavfi, a capture device, concat, image2, hls, sdp, ...) can
/// open files or devices by itself, so it must be listed by name.
constexpr std::array<std::string_view, 8> kStreamFormats = {"mpegts", "flv",   "matroska", "h264",
                                                            "hevc",   "mjpeg", "nut",      "rtsp"};

/// The protocols an input of each kind opens, its own first: FFmpeg checks
/// every nested open against the list (RTMP over TCP, RTSP's RTP over UDP,
/// an HLS playlist's segments). `streamsOnly`: what arrives is one stream, so
/// probing may only pick a stream demuxer; HTTP keeps its playlists (HLS).
struct ProtocolChain {
    std::string_view kind, protocols;
    bool streamsOnly;
};
constexpr std::array<ProtocolChain, 10> kProtocolChains = {{
    {"udp", "udp", true},
    {"srt", "srt", true},
    {"rtp", "rtp,udp", true},
    {"rtmp", "rtmp,tcp", true},
    {"rtmps", "rtmps,tls,tcp", true},
    {"rtsp", "rtsp,rtp,udp,tcp", true},
    {"rtsps", "rtsps,rtsp,rtp,udp,tcp,tls", true},
    {"http", "http,tcp", false},
    {"https", "https,http,tls,tcp,crypto", false},
    {"file", "file", false},
}};
} // namespace

std::string inputKind(const std::string& url, const std::string& format) {
    const std::string fmt = asciiLower(format);
    if (!fmt.empty() && std::find(kStreamFormats.begin(), kStreamFormats.end(), fmt) == kStreamFormats.end())
        return fmt;
    // A scheme is a letter, then letters, digits, + - . up to the first ':'.
    const size_t colon = url.find(':');
    if (colon == std::string::npos || colon == 0 || !std::isalpha(static_cast<unsigned char>(url[0])))
        return "file";
    for (size_t i = 1; i < colon; ++i) {
        const unsigned char c = static_cast<unsigned char>(url[i]);
        if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return "file";
    }
    return asciiLower(url.substr(0, colon));
}

std::optional<i18n::Phrase> refusedInput(const std::string& url, const std::string& format,
                                         const std::vector<std::string>& allowed) {
    const std::string kind = inputKind(url, format);
    if (std::find(allowed.begin(), allowed.end(), kind) != allowed.end()) return std::nullopt;
    std::string list;
    for (const std::string& name : allowed)
        list += (list.empty() ? "" : ", ") + name;
    if (list.empty()) return i18n::Phrase{i18n::trKey("answers.input_kind_none_allowed"), {{"kind", kind}}};
    return i18n::Phrase{i18n::trKey("answers.input_kind_not_allowed"), {{"kind", kind}, {"allowed", list}}};
}

std::map<std::string, std::string> operatorInputLimits(const std::string& url, const std::string& format) {
    const std::string kind = inputKind(url, format);
    const auto chain = std::find_if(kProtocolChains.begin(), kProtocolChains.end(),
                                    [&](const ProtocolChain& c) { return c.kind == kind; });
    if (chain == kProtocolChains.end()) return {};
    std::map<std::string, std::string> limits{{"protocol_whitelist", std::string(chain->protocols)}};
    if (format.empty() && chain->streamsOnly) {
        std::string formats;
        for (std::string_view name : kStreamFormats)
            formats += (formats.empty() ? "" : ",") + std::string(name);
        limits["format_whitelist"] = formats;
    }
    return limits;
}

} // namespace hawker::studio
