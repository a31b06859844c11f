#pragma once
// Which inputs a command may point a camera at. A show file's own sources
// are the author's choice; source.add and source.edit come from the API, the
// console or cues, and may reach only the network protocols and local inputs
// the show file's [security] source_protocols lists.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hawker/studio/base/phrase.hpp"

namespace hawker::studio {

/// What an input reads, as [security] source_protocols names it: the input
/// format when it is a device or a generated input ("lavfi", "v4l2",
/// "x11grab"), else the URL's scheme in lower case ("srt", "async"), else
/// "file" (a path). Stream demuxers that only parse what a protocol delivers
/// (mpegts, flv, matroska, h264, hevc, mjpeg, nut, rtsp) do not count.
std::string inputKind(const std::string& url, const std::string& format);

/// Nullopt when `allowed` lists the input's kind; else why not, naming the
/// kind and what is allowed.
std::optional<i18n::Phrase> refusedInput(const std::string& url, const std::string& format,
                                         const std::vector<std::string>& allowed);

/// FFmpeg options that hold an input an operator gave (source.add, source.edit)
/// to what was allowed, once it is open. The check above looks at the URL and
/// the format named; what the input then reads is FFmpeg's choice. A stream
/// on an allowed protocol may carry a playlist or a concat list, and probing
/// would pick the demuxer that follows it to local files. So:
/// `protocol_whitelist` is the URL's protocol and only the transports it runs
/// on (rtmps: rtmps, tls, tcp), so nothing it carries reaches a local file;
/// for a stream protocol with no format named, `format_whitelist` is the
/// stream demuxers as well. Inputs of other kinds (a device, lavfi) get no
/// limits: the show file listed them by name.
std::map<std::string, std::string> operatorInputLimits(const std::string& url, const std::string& format);

} // namespace hawker::studio
