#!/usr/bin/env bash
# A stinger transition, offline, checked on the recording's pixels. The
# stinger is a 1 s QuickTime Animation clip (ARGB) of a red bar 120 px wide
# sweeping left to right over a clear picture (its left edge at -120 + 480 t).
# Scene a is blue, scene b green; at 2 s a cue takes b with the stinger,
# whose point is 500 ms:
#   - before 2 s the program is blue without red;
#   - until 2.5 s the bar sweeps over blue, from 2.5 s (the very frame) over
#     green, each frame the clip's frame for the program time;
#   - from 3 s (the clip's end) the program is pure green;
#   - the recording has exactly duration x fps frames.
# A stinger file that is missing, not a video, or shorter than its point is
# refused when the show starts, with a message naming it (exit status 1).
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffmpeg ffprobe od

W=360 H=640 FPS=30 SECS=6

ffmpeg -v error -nostdin -y -filter_complex \
    "color=c=red:s=120x${H}:r=$FPS:d=1,format=rgba[bar];color=c=black:s=${W}x${H}:r=$FPS:d=1,format=rgba,colorchannelmixer=aa=0[clear];[clear][bar]overlay=x='-120+480*t':y=0:format=rgb,format=argb[v]" \
    -map "[v]" -c:v qtrle "$T/wipe.mov" 2> "$T/ffmpeg.log" || die "could not make the stinger: $(head -n3 "$T/ffmpeg.log")"
check "the stinger is qtrle argb, 30 frames ($(probe_stream "$T/wipe.mov" v:0 codec_name) $(probe_stream "$T/wipe.mov" v:0 pix_fmt) $(count_frames "$T/wipe.mov"))" \
    test "$(probe_stream "$T/wipe.mov" v:0 codec_name) $(probe_stream "$T/wipe.mov" v:0 pix_fmt) $(count_frames "$T/wipe.mov")" = "qtrle argb 30"

# show STINGER_FILE POINT_MS RECORDING
show() {
    cat <<EOF
[show]
name = "stinger test"
[canvas]
width = $W
height = $H
fps = $FPS
[[scenes]]
id = "a"
layers = [ { kind = "color", color = "#0000FF", rect = [0, 0, $W, $H] } ]
[[scenes]]
id = "b"
layers = [ { kind = "color", color = "#00FF00", rect = [0, 0, $W, $H] } ]
[stinger]
file = "$1"
point_ms = $2
[program]
scene = "a"
preview = "b"
$(encoder_block 1500 2)
[[outputs]]
id = "record"
kind = "record"
path = "$3"
[[cues]]
at_s = 2.0
command = "take"
transition = "stinger"
EOF
}

show wipe.mov 500 program.mkv > "$T/show.toml"
hawker_fg hawker 120 run "$T/show.toml" --duration $SECS --offline
check "hawker exits 0 (rc $HAWKER_RC)" test "$HAWKER_RC" = 0
frames=$(count_frames "$T/program.mkv")
check "the recording has exactly $((SECS * FPS)) frames ($frames)" test "${frames:-0}" = $((SECS * FPS))
check "the stinger was decoded before the show: $(grep -o 'stinger wipe.mov: [0-9]* frames[^,]*, [0-9]* ms' "$T/hawker.err")" \
    grep -q 'stinger wipe.mov: 30 frames, 1000 ms, cut at 500 ms' "$T/hawker.err"

# rgb FRAME X Y W H: the mean "R G B" of that rectangle of the recording's frame FRAME.
rgb() {
    ffmpeg -v error -nostdin -i "$T/program.mkv" \
        -vf "select=eq(n\\,$1),crop=$4:$5:$2:$3,scale=1:1:flags=area" -frames:v 1 -f rawvideo -pix_fmt rgb24 - \
        | od -An -tu1 | xargs
}
# is COLOUR "R G B": the colour is red, green or blue (that channel above 180, the others below 70).
is() {
    local r g b
    read -r r g b <<< "$2"
    case "$1" in
        red) (( ${r:-0} > 180 && ${g:-255} < 70 && ${b:-255} < 70 )) ;;
        green) (( ${g:-0} > 180 && ${r:-255} < 70 && ${b:-255} < 70 )) ;;
        blue) (( ${b:-0} > 180 && ${r:-255} < 70 && ${g:-255} < 70 )) ;;
    esac
}
# expect FRAME WHAT COLOUR X W: the full-height band X..X+W of FRAME is COLOUR.
expect() {
    local c
    c=$(rgb "$1" "$4" 0 "$5" $H)
    check "frame $1 ($(calc "$1 / $FPS") s) $2: $3 (rgb $c)" is "$3" "$c"
}

# Before the take: all blue (a red bar anywhere would pull the mean's red up).
expect 30 "before the take, the whole picture" blue 0 $W
expect 59 "the last frame before the take" blue 0 $W
# The take's own frame: the clip's first picture, its bar still left of the picture.
expect 60 "the take's frame (the bar not yet in)" blue 0 $W
# 2.3 s: clip frame 9, bar at 24..144 over the old scene.
expect 69 "the bar" red 50 60
expect 69 "beside the bar, the old scene" blue 200 140
# 2.467 s: the last frame before the point (clip frame 14, bar at 104..224).
expect 74 "the bar" red 130 70
expect 74 "left of the bar, still the old scene" blue 0 80
expect 74 "right of the bar, still the old scene" blue 250 110
# 2.5 s: the point (clip frame 15, bar at 120..240), the new scene under it from this frame.
expect 75 "the bar" red 140 80
expect 75 "left of the bar, the new scene" green 0 100
expect 75 "right of the bar, the new scene" green 260 100
# 2.8 s: clip frame 24, bar at 264..384 over the new scene.
expect 84 "the bar" red 280 70
expect 84 "beside the bar, the new scene" green 0 200
# From the clip's end: the new scene alone.
expect 90 "the clip's end, the whole picture" green 0 $W
expect 105 "3.5 s, the whole picture" green 0 $W
expect $((SECS * FPS - 1)) "the last frame" green 0 $W

# Refused at the start, naming the stinger: no file, not a video, a point past its end.
show gone.mov 500 refused.mkv > "$T/missing.toml"
hawker_fg missing 30 run "$T/missing.toml" --duration 1 --offline
check "a missing stinger file: exit 1 ($HAWKER_RC), '$(hawker_error_line missing)'" \
    test "$HAWKER_RC" = 1 -a -n "$(hawker_error_line missing | grep "stinger.file: no such file: .*gone.mov")"
echo "not a video" > "$T/junk.mov"
show junk.mov 500 refused.mkv > "$T/junk.toml"
hawker_fg junk 30 run "$T/junk.toml" --duration 1 --offline
check "a stinger that is not a video: exit 1 ($HAWKER_RC), '$(hawker_error_line junk)'" \
    test "$HAWKER_RC" = 1 -a -n "$(hawker_error_line junk | grep "stinger: .*junk.mov: ")"
show wipe.mov 1500 refused.mkv > "$T/late.toml"
hawker_fg late 30 run "$T/late.toml" --duration 1 --offline
check "a point past the clip's end: exit 1 ($HAWKER_RC), '$(hawker_error_line late)'" \
    test "$HAWKER_RC" = 1 -a -n "$(hawker_error_line late | grep "stinger.point_ms: 1500 is past the end of wipe.mov (1000 ms)")"
check "no refused show left a recording" test ! -e "$T/refused.mkv"
finish
