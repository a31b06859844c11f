#!/usr/bin/env bash
# Cameras only the multiview shows are decoded light (no H.264 loop filter),
# and what goes on air is unaffected. Offline, frame for frame against the
# same show decoding every camera in full ([program] multiview_decode = "full").
# The encode runs x264 on one thread (`threads = 1`): with several, its rate
# control depends on which thread finishes first, and two runs differ in their
# last bits (tests/integration/test_offline_record.sh). On one thread an
# offline run is bit-identical from run to run, so the measure is exact: the
# recording's packets, pictures and sound, against a full run's.
#   - two full runs give the same recording, packet for packet (the measure's
#     premise);
#   - the second camera cued to preview at 3 s and taken at 7 s: the light
#     run's recording is the full run's, packet for packet. At the cue it
#     caught up from its last keyframe (2 s), decoding the pictures since then
#     again in full;
#   - the light run did decode that camera light while it was off air (its
#     light_frames > 0), the full runs never did: without the catch-up, its
#     pictures on air would carry that decoding's errors;
#   - a camera that sends B-frames no other picture refers to (camc, in the
#     multiview only) has them skipped when decoded light: it decodes about a
#     third of its frames (its I and P frames, every third one), against all
#     of them in a full run;
#   - cued half a second before the take (6.5 s and 7.0 s, between the
#     camera's keyframes at 6 s and 8 s): the same recording again. The log
#     says the camera caught up from its last keyframe (the pictures from
#     6.0 s to the cue, decoded again in full), and its picture is reported
#     exact; a full run never catches up, and a camera never cued ends light
#     and not exact. Before the catch-up (until 2026-12-07) a run cued this
#     late put the camera's light pictures on air until the keyframe at 8 s,
#     4 dB or more below a full run (luma PSNR). (Offline, the pictures a
#     camera decoded ahead of the program, at most 5, are already decoded when
#     the cue comes: a cue at the take itself would put those few on air as
#     they were.) The same for the camera with B-frames (camc), whose decoder
#     hands its pictures out one late: none from before the present goes on
#     air.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffmpeg ffprobe

SECS=10
# A camera whose picture needs the deblocking filter: noise at a low bitrate, a keyframe every 2 s.
ffmpeg -v error -nostdin -y -f lavfi -i "testsrc2=size=540x960:rate=30,noise=alls=24:allf=t" -t 12 \
    -c:v libx264 -preset veryfast -b:v 500k -g 60 -keyint_min 60 -sc_threshold 0 -bf 0 -pix_fmt yuv420p \
    "$T/cam.mp4" || die "could not make the camera file"
# A camera with two B-frames between its P-frames, none of them a reference (no B-pyramid).
ffmpeg -v error -nostdin -y -f lavfi -i "testsrc2=size=540x960:rate=30" -t 12 \
    -c:v libx264 -preset veryfast -b:v 500k -g 60 -keyint_min 60 -sc_threshold 0 -bf 2 -b_strategy 0 \
    -x264-params b-pyramid=none -pix_fmt yuv420p "$T/cam-b.mp4" || die "could not make the B-frame camera file"

# show DECODE PREVIEW_AT TAKE_AT RECORDING [SCENE (b)]
show() {
    cat <<EOF
[show]
name = "light decode test"
[canvas]
width = 540
height = 960
fps = 30
[[sources]]
id = "cama"
url = "$T/cam.mp4"
[[sources]]
id = "camb"
url = "$T/cam.mp4"
[[sources]]
id = "camc"
url = "$T/cam-b.mp4"
[[scenes]]
id = "a"
layers = [ { kind = "source", source = "cama", rect = [0, 0, 540, 960], fit = "cover" } ]
[[scenes]]
id = "b"
layers = [ { kind = "source", source = "camb", rect = [0, 0, 540, 960], fit = "cover" } ]
[[scenes]]
id = "c"
layers = [ { kind = "source", source = "camc", rect = [0, 0, 540, 960], fit = "cover" } ]
[program]
scene = "a"
preview = "a"
multiview_decode = "$1"
$(encoder_block 1500 2)
threads = 1
[[outputs]]
id = "record"
kind = "record"
path = "$4"
[[cues]]
at_s = $2
command = "preview"
scene = "${5:-b}"
[[cues]]
at_s = $3
command = "cut"
scene = "${5:-b}"
EOF
}
# packets FILE: every packet of the recording (both streams), its times and a hash of its bytes.
packets() { ffmpeg -v error -nostdin -i "$1" -map 0 -c copy -f framemd5 - | grep -v '^#'; }
# same_recording A B: the two recordings hold the same packets; else says where they part.
same_recording() {
    local first
    first=$(diff <(packets "$1") <(packets "$2") | sed -n '2{s/^< //;p}')
    [[ -z "$first" && -s "$1" ]] && return 0
    info "$(basename "$1") and $(basename "$2") part at: ${first:-one is empty}"
    return 1
}
light_frames() { item_value "$1" source camb light_frames; }

for run in "full 3.0 7.0 full.mkv" "full 3.0 7.0 full2.mkv" "light 3.0 7.0 light.mkv" "light 6.5 7.0 late-light.mkv" \
    "light 20 30 never.mkv" "full 6.5 7.0 c-full.mkv c" "light 6.5 7.0 c-light.mkv c"; do
    read -r decode preview take rec scene <<< "$run"
    show "$decode" "$preview" "$take" "$rec" "${scene:-b}" > "$T/${rec%.mkv}.toml"
    hawker_fg "${rec%.mkv}" 120 run "$T/${rec%.mkv}.toml" --duration $SECS --offline
    check "$decode decode, cued at $preview s: hawker exits 0 (rc $HAWKER_RC)" test "$HAWKER_RC" = 0
    check "  $rec has all $((SECS * 30)) frames" test "$(count_frames "$T/$rec")" = $((SECS * 30))
done

check "the full run never decoded light (light_frames $(light_frames "$T/full.out"))" \
    test "$(light_frames "$T/full.out")" = 0
check "the light run decoded camb light while it was off air (light_frames $(light_frames "$T/light.out"))" \
    fcmp "$(light_frames "$T/light.out") >= 60"
check "two full runs give the same recording, packet for packet" same_recording "$T/full.mkv" "$T/full2.mkv"
check "cued 4 s before the take: the light run's recording is the full run's, packet for packet" \
    same_recording "$T/full.mkv" "$T/light.mkv"
check "cued between keyframes half a second before the take: the light run's recording is the full run's, packet for packet" \
    same_recording "$T/full.mkv" "$T/late-light.mkv"
caught=$(grep -m1 'source camb cued between keyframes: caught up' "$T/late-light.err")
pictures=$(sed -n 's/.*caught up from its last keyframe (\([0-9]*\) pictures.*/\1/p' <<< "$caught")
check "  the log says camb caught up from its keyframe at 6 s, from light: the 15-30 pictures since (${caught:-no such line})" \
    bash -c "[[ '$caught' == *'it was decoded light)'* ]] && (( ${pictures:-0} >= 15 && ${pictures:-0} <= 30 ))"
check "  and its picture is exact (exact=$(item_value "$T/late-light.out" source camb exact), catch_ups=$(item_value "$T/late-light.out" source camb catch_ups))" \
    test "$(item_value "$T/late-light.out" source camb exact) $(item_value "$T/late-light.out" source camb catch_ups)" = "1 1"
check "a full run never catches up: it has nothing to catch up from (catch_ups=$(item_value "$T/full.out" source camb catch_ups))" \
    test "$(item_value "$T/full.out" source camb catch_ups)" = 0
check "never cued, the camera ends decoded light and not exact (decode=$(item_value "$T/never.out" source camb decode) exact=$(item_value "$T/never.out" source camb exact))" \
    test "$(item_value "$T/never.out" source camb decode) $(item_value "$T/never.out" source camb exact)" = "light 0"
check "  and the camera on air all along was decoded in full (cama light_frames=$(item_value "$T/never.out" source cama light_frames))" \
    test "$(item_value "$T/never.out" source cama light_frames)" = 0
frames_of() { item_value "$1" source "$2" frames; }
full_c=$(frames_of "$T/full.out" camc); full_a=$(frames_of "$T/full.out" cama)
light_c=$(frames_of "$T/never.out" camc); light_a=$(frames_of "$T/never.out" cama)
info "camc (B-frames, multiview only) decoded $full_c frames in a full run (cama $full_a), $light_c in a light one (cama $light_a)"
check "decoded in full, the B-frame camera gives every frame (camc $full_c, cama $full_a)" \
    fcmp "${full_c:-0} >= 0.95 * ${full_a:-1} && ${full_a:-0} >= 290"
check "decoded light, it skips its B-frames: about a third of its frames (camc $light_c, cama $light_a)" \
    fcmp "${light_c:-0} >= 0.28 * ${light_a:-1} && ${light_c:-999} <= 0.45 * ${light_a:-0}"
# The B-frame camera cued half a second before the take: its decoder hands pictures out in display order, a
# picture behind; the catch-up shows none from before the present, and what goes on air is a full decode's.
c_caught=$(grep -m1 'source camc cued between keyframes: caught up' "$T/c-light.err")
check "the B-frame camera, cued between keyframes, caught up from light (${c_caught:-no such line})" \
    bash -c "[[ '$c_caught' == *'it was decoded light)'* ]]"
check "  and its light run's recording is its full run's, packet for packet" \
    same_recording "$T/c-full.mkv" "$T/c-light.mkv"
finish
