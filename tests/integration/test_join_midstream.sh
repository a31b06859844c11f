#!/usr/bin/env bash
# A camera joined mid-stream (every network camera, every reconnect) starts at
# its first keyframe. The pictures before it refer to pictures the connection
# never had: sent to the decoder, each gave a burst of FFmpeg errors in the log
# ("non-existing PPS", "decode_slice_header error", "no frame!") and nothing to
# show. Here an MPEG-TS camera file cut 1 s into a 2 s GOP (so it starts with
# about 30 pictures before a keyframe) is the only camera of an offline show:
#   - the show runs and its recording has every frame;
#   - the log says the camera joined mid-stream and how many pictures it
#     skipped: those before the file's first keyframe, as ffprobe counts
#     them (about 30);
#   - the log holds none of the decoder's errors: those the probe (which
#     has to read to the keyframe) meets are counted into one info line.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffmpeg ffprobe

W=360 H=640 FPS=30 SECS=2
ffmpeg -v error -nostdin -y -f lavfi -i "testsrc2=size=${W}x${H}:rate=$FPS" -t 5 \
    -c:v libx264 -preset veryfast -g 60 -keyint_min 60 -sc_threshold 0 -bf 0 -pix_fmt yuv420p \
    -f mpegts "$T/whole.ts" || die "could not make the camera file"
# Cut on a TS packet boundary (188 bytes) at the video packet of 1 s: mid-GOP.
pos=$(ffprobe -v error -select_streams v:0 -show_entries packet=pts_time,pos -of csv=p=0 "$T/whole.ts" |
    awk -F, '$1 >= 2.4 { print $2; exit }') # the stream starts at 1.4 s
[[ "${pos:-}" =~ ^[0-9]+$ ]] || die "no video packet 1 s into the camera file"
tail -c +$((pos / 188 * 188 + 1)) "$T/whole.ts" > "$T/cam.ts"
first_key=$(ffprobe -v error -select_streams v:0 -show_entries packet=flags -of csv=p=0 "$T/cam.ts" 2>/dev/null |
    awk 'NF { n++ } /K/ { print n - 1; exit }')
info "the cut file's first keyframe is its video packet $first_key"
[[ "${first_key:-0}" -gt 0 ]] || die "the cut file starts at a keyframe: nothing to test"

# The show most tests start from, its camera the cut file.
camera_show "join mid-stream test" $W $H $FPS 800 2 "$T/out.mkv" |
    sed -e '0,/^format = "lavfi"$/s//format = "mpegts"/' -e "s|^url = \"testsrc2=.*|url = \"$T/cam.ts\"|" > "$T/show.toml"
grep -q "^url = \"$T/cam.ts\"" "$T/show.toml" || die "the show does not name the cut file"

hawker_fg show 120 run "$T/show.toml" --duration $SECS --offline
check "hawker exits 0 (rc $HAWKER_RC)" test "$HAWKER_RC" = 0
frames=$(ffprobe -v error -count_packets -select_streams v:0 -show_entries stream=nb_read_packets -of csv=p=0 "$T/out.mkv")
check "the recording has all $((SECS * FPS)) frames (got ${frames:-none})" test "${frames:-0}" = $((SECS * FPS))
joined=$(grep -m1 'source cam1 joined mid-stream' "$T/show.err" || true)
skipped=$(sed -E 's/.*mid-stream: ([0-9]+) pictures.*/\1/' <<< "$joined")
check "the log says cam1 joined mid-stream and skipped its first pictures: '${joined#*] }'" \
    test -n "$joined"
check "  it skipped ${skipped:-none} pictures: those before the file's first keyframe ($first_key, ffprobe)" \
    test "${skipped:-none}" = "$first_key"
errors=$(grep -c -E 'error: ffmpeg: .*(non-existing PPS|decode_slice_header error|no frame!)' "$T/show.err" || true)
check "the log holds none of the decoder's errors (got ${errors:-?})" test "${errors:-1}" = 0
held=$(grep -m1 -E 'source cam1: [0-9]+ FFmpeg messages while probing, held back' "$T/show.err" || true)
check "  the probe's complaints are one info line: '${held#*] }'" grep -q 'info: source cam1: [1-9]' <<< "$held"
finish
