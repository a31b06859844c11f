#pragma once
// The scenes and cameras of a running show: the show file's, then those an
// operator added with source.add. Every view that lists scenes or sources
// (console, API, compositor) asks here, so they all agree.

#include <optional>
#include <string>
#include <vector>

#include "hawker/studio/show/show_file.hpp"
#include "hawker/studio/show/show_state.hpp"

namespace hawker::studio {

/// The compositor's budget: a show holds at most this many video sources,
/// its own and added ones together.
constexpr size_t kMaxVideoSources = 16;

/// The scene an added source brings: its id, the picture over the whole
/// canvas (cover), and the graphic slots of its `slotsFrom` scene.
SceneSpec sceneOfAddedSource(const ShowSpec& show, const AddedSource& source);
/// The show file's scenes, those made from a template, then one per added
/// source, in the order added: each as it is on air (with its taken layout).
std::vector<SceneSpec> liveScenes(const ShowSpec& show, const ShowState& state);
/// Whether `id` is a scene of the show file, one made from a template or an added source's.
bool hasScene(const ShowSpec& show, const ShowState& state, const std::string& id);
/// Scene `id` as the program shows it (its taken layout); nullopt for an unknown id.
std::optional<SceneSpec> sceneOnAir(const ShowSpec& show, const ShowState& state, const std::string& id);
/// Scene `id` as the preview shows it: with its draft, if it has one.
std::optional<SceneSpec> sceneInPreview(const ShowSpec& show, const ShowState& state, const std::string& id);
/// What File → Save show writes: the show file's scenes whose layout an
/// operator changed and the scenes made from templates, each with its layout
/// as the preview shows it. Added cameras' scenes are not the file's.
std::vector<SceneSpec> scenesToSave(const ShowSpec& show, const ShowState& state);
/// The added source `id`, or null.
const AddedSource* findAddedSource(const ShowState& state, const std::string& id);
/// The source spec the engine opens for an added source: picture only (its
/// sound is not mixed), reconnecting by itself, never holding up the show.
SourceSpec sourceSpecOf(const AddedSource& source);
/// Whether `id` is a source or audio input of the show file or an added camera.
bool hasInput(const ShowSpec& show, const ShowState& state, const std::string& id);
/// The input `id` reads now: the show file's or the added camera's spec, with
/// the URL and format of its last source.edit; nullopt for an unknown id.
/// The engine opens sources with it (also on --resume) and the console's
/// Edit dialog starts from it.
std::optional<SourceSpec> currentInput(const ShowSpec& show, const ShowState& state, const std::string& id);
/// `spec` with the URL and format of its last source.edit, if any.
SourceSpec withEditedTarget(SourceSpec spec, const ShowState& state);

} // namespace hawker::studio
