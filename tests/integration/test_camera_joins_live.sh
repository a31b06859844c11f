#!/usr/bin/env bash
# A network camera joined mid-stream whose probe ends before its first
# keyframe: no FFmpeg error lines in the log.
#
# A camera over UDP or SRT is probed for 0.7 s only, to be on air quickly.
# When its first keyframe comes later than that, FFmpeg's parser meets the
# pictures before it while Hawker reads them (the same pictures Hawker skips
# until the keyframe), and logged an error for each ("[NULL @ ...]
# non-existing PPS 0 referenced": 21 for one camera of show B). An operator
# reads those as faults of the camera. Here the camera's first keyframe comes
# 2 s after it starts sending (an MPEG-TS file cut 2 s into a 4 s GOP, sent in
# real time over UDP once Hawker listens). Checked:
#   - the log says the camera joined mid-stream, and counts the FFmpeg
#     messages it held back meanwhile, naming the first (the PPS one);
#   - the log holds no "error: ffmpeg:" line at all;
#   - the show runs and records.
# (test_join_midstream checks the same camera start offline, from a file,
# where the probe reads up to the keyframe.)
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffmpeg ffprobe ss

W=360 H=640 FPS=30
ffmpeg -v error -nostdin -y -f lavfi -i "testsrc2=size=${W}x${H}:rate=$FPS" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000" -t 12 \
    -c:v libx264 -preset veryfast -g 120 -keyint_min 120 -sc_threshold 0 -bf 0 -pix_fmt yuv420p \
    -c:a aac -b:a 128k -f mpegts "$T/whole_live.ts" || die "could not make the live camera's file"
pos=$(ffprobe -v error -select_streams v:0 -show_entries packet=pts_time,pos -of csv=p=0 "$T/whole_live.ts" |
    awk -F, '$1 >= 3.4 { print $2; exit }') # 2 s into its first 4 s GOP
[[ "${pos:-}" =~ ^[0-9]+$ ]] || die "no video packet 2 s into the live camera's file"
tail -c +$((pos / 188 * 188 + 1)) "$T/whole_live.ts" > "$T/live_cam.ts"
live_key=$(ffprobe -v quiet -select_streams v:0 -show_entries packet=flags -of csv=p=0 "$T/live_cam.ts" 2>/dev/null |
    awk 'NF { n++ } /K/ { print n - 1; exit }')
[[ "${live_key:-0}" -ge 45 ]] || die "the live camera's first keyframe is at picture ${live_key:-none}, not 1.5 s or more in"
PORT=$(pick_port)
camera_show "join mid-stream live" $W $H $FPS 800 2 "$T/live.mkv" |
    sed -e '0,/^format = "lavfi"$/s//format = "mpegts"/' \
        -e "s|^url = \"testsrc2=.*|url = \"udp://127.0.0.1:$PORT\"\naudio = true|" \
        -e '/^\[\[audio\]\]$/,/^$/d' > "$T/live.toml"
grep -q "^url = \"udp://127.0.0.1:$PORT\"" "$T/live.toml" || die "the live show does not name the camera"
hawker_bg live run "$T/live.toml" --duration 6
wait_until 20 bash -c "ss -Hlun 'sport = :$PORT' | grep -q ." || die "hawker did not listen on udp port $PORT"
# Sent in real time from its first packet, the pictures before the keyframe included (-copyinkf;
# bounded: the file is 8.6 s long). Quiet: its own probe meets the same pictures.
ffmpeg -hide_banner -v quiet -nostdin -re -i "$T/live_cam.ts" -c copy -copyinkf -f mpegts "udp://127.0.0.1:$PORT?pkt_size=1316" \
    > "$T/feeder.log" 2>&1 &
track_pid $!
wait_pid "$HAWKER_PID" 60
check "the live show exits 0 (rc $WAIT_RC)" test "$WAIT_RC" -eq 0
joined=$(grep -m1 'source cam1 joined mid-stream' "$T/live.err" || true)
check "the log says the live camera joined mid-stream: '${joined#*] }'" test -n "$joined"
check "  and counts FFmpeg's messages held back while it waited for its keyframe" \
    grep -qE 'FFmpeg messages held back meanwhile, the first: .*PPS' <<< "$joined"
ff_errors=$(grep -c 'error: ffmpeg:' "$T/live.err" || true)
check "the live show's log holds no FFmpeg error line (got ${ff_errors:-?}: $(grep -m1 'error: ffmpeg:' "$T/live.err" | cut -c1-120))" \
    test "${ff_errors:-1}" = 0
frames=$(count_frames "$T/live.mkv")
check "the show recorded every frame (${frames:-none} of 180)" test "${frames:-0}" -eq 180
finish
