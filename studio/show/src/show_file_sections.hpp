#pragma once
// The show file's sections, one reader each (internal to studio/show/src).
// parseShow calls them in a fixed order: a section may refer only to what an
// earlier one read (layers to sources, cues to scenes and products, offers to
// products), and with two faults in a file the same one is reported first.
// Each reader takes the top-level table and fills its part of `show`; a bad
// value throws ShowFileError naming the field's full path.

#include <optional>
#include <string>

#include "hawker/capture/encoder_settings.hpp"
#include "show_file_fields.hpp"

namespace hawker::studio::detail {

// show_file_program.cpp: the program's picture and where it goes.

/// [show]: the show's name (the file's stem when none is given).
void readShowName(Fields& top, ShowSpec& show, const std::string& file);
/// encoder.platform: a platform preset, read before the rest of [encoder]
/// because it supplies the canvas's defaults too.
std::optional<capture::PlatformPreset> readPlatformPreset(Fields& top, const std::string& file);
/// [canvas]: size, frame rate and background, over the preset's.
void readCanvas(Fields& top, ShowSpec& show, const std::optional<capture::PlatformPreset>& preset,
                const std::string& file);
/// [stinger]: the clip a stinger transition plays (the file must exist), read
/// before the scenes, [program] and the cues, which may ask for it.
void readStinger(Fields& top, ShowSpec& show, const std::string& file);
/// [program]: the scenes on program and preview at the start, and the transition.
void readProgram(Fields& top, ShowSpec& show, const std::string& file);
/// The optional transition `key` of `f`: cut, fade, or stinger when the show has a [stinger].
std::optional<TransitionKind> readTransition(Fields& f, const std::string& key, const ShowSpec& show);
/// [encoder]: x264 and audio settings over the preset's, at the canvas's size.
void readEncoder(Fields& top, ShowSpec& show, const std::optional<capture::PlatformPreset>& preset,
                 const std::string& file);
/// [[outputs]]: recordings and network destinations.
void readOutputs(Fields& top, ShowSpec& show, const std::string& file);
/// [graphics]: theme, safe area and animation.
void readGraphics(Fields& top, ShowSpec& show, const std::string& file);

// show_file_sources.cpp: what the program is made of.

/// [[sources]] and [[audio]], whose ids share one namespace.
void readSources(Fields& top, ShowSpec& show, const std::string& file);
/// [[scenes]] with their layers and slots; at least one scene.
void readScenes(Fields& top, ShowSpec& show, const std::string& file);

// show_file_selling.cpp: what is sold, and how.

/// [[products]] as the show file lists them.
void readProducts(Fields& top, ShowSpec& show, const std::string& file);
/// [catalog], [[offers]], [[coupons]], [[promotions]], [[rundown]],
/// [compliance] and [session]; they come after products and scenes, which
/// they refer to.
void readSellingSections(Fields& top, ShowSpec& show, const std::string& file);

// show_file_access.cpp: who may reach the show.

/// [api] with its tokens and console login, then [security].
void readAccessSections(Fields& top, ShowSpec& show, const std::string& file);

// show_file_connectors.cpp

/// [[connectors]]: the live-comment connectors, after [api] (their push and
/// health are served there).
void readConnectors(Fields& top, ShowSpec& show, const std::string& file);

// show_file_analytics.cpp

/// [[alerts]] and [audience].
void readAnalyticsSections(Fields& top, ShowSpec& show, const std::string& file);

// show_file_cues.cpp

/// [[cues]]: the timed commands of an automated show.
void readCues(Fields& top, ShowSpec& show, const std::string& file);

} // namespace hawker::studio::detail
