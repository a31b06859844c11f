#!/usr/bin/env bash
# A 10 s offline show from two lavfi cameras plus an audio bed into an MKV
# recording; ffprobe checks codec, profile, pixel format, size, frame rate,
# exact frame count, duration, keyframe interval and the audio track. The same
# show runs twice more with x264 on one thread and must give the same
# recording, packet for packet (offline mode is deterministic), and short .ts
# and .mp4 recordings must probe as well.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe ffmpeg

W=540 H=960 FPS=30 SECS=10 KEYINT=2

# write_show FILE RECORD_PATH [X264_THREADS]
write_show() {
    cat > "$1" <<EOF
[show]
name = "offline record test"

[canvas]
width = $W
height = $H
fps = $FPS
background = "#000000"

[[sources]]
id = "cam1"
format = "lavfi"
url = "testsrc2=size=${W}x${H}:rate=$FPS"

[[sources]]
id = "cam2"
format = "lavfi"
url = "smptebars=size=320x240:rate=$FPS"

[[audio]]
id = "tone"
format = "lavfi"
url = "sine=frequency=440:sample_rate=48000"
gain_db = -6.0

[[scenes]]
id = "main"
layers = [
  { kind = "source", source = "cam1", rect = [0, 0, $W, $H], fit = "cover" },
  { kind = "source", source = "cam2", rect = [300, 20, 220, 392], fit = "cover" },
]

[program]
scene = "main"

$(encoder_block 1500 $KEYINT)
threads = ${3:-0}

[[outputs]]
id = "record"
kind = "record"
path = "$2"
EOF
}

# --- 10 s MKV ------------------------------------------------------------------
mkdir -p "$T/a" "$T/b"
write_show "$T/a/show.toml" "program.mkv"
hawker_fg run1 120 run "$T/a/show.toml" --duration $SECS --offline
REC="$T/a/program.mkv"
check "hawker run --offline exits 0 (got $HAWKER_RC, wall ${HAWKER_WALL}s)" test "$HAWKER_RC" -eq 0
[[ -s "$REC" ]] || die "recording not written: $REC"

summary_frames=$(summary_value "$T/run1.out" frames)
summary_dropped=$(summary_value "$T/run1.out" dropped)
check "summary frames=$summary_frames (expected $((SECS * FPS)))" test "${summary_frames:-x}" = "$((SECS * FPS))"
check "summary dropped=$summary_dropped (expected 0)" test "${summary_dropped:-x}" = 0
nstatus=$(grep -c '^status ' "$T/run1.out")
check "periodic status lines on stdout: $nstatus (>= $((SECS - 1)), about one per program second)" test "$nstatus" -ge $((SECS - 1))
rec_line=$(grep -E '^output id=record ' "$T/run1.out" | tail -n1)
if [[ "$rec_line" == *"target=$REC"* ]]; then
    ok "output line names the recording: $rec_line"
else
    fail "output line for record missing or wrong target (want target=$REC): '$rec_line'"
fi

codec=$(probe_stream "$REC" v:0 codec_name)
profile=$(probe_stream "$REC" v:0 profile)
pixfmt=$(probe_stream "$REC" v:0 pix_fmt)
width=$(probe_stream "$REC" v:0 width)
height=$(probe_stream "$REC" v:0 height)
rate=$(probe_stream "$REC" v:0 r_frame_rate)
check "video codec=$codec (h264)" test "$codec" = h264
check "profile=$profile (High)" test "$profile" = High
check "pix_fmt=$pixfmt (yuv420p)" test "$pixfmt" = yuv420p
check "resolution=${width}x${height} (${W}x${H})" test "${width}x${height}" = "${W}x${H}"
check "r_frame_rate=$rate ($FPS/1)" test "$rate" = "$FPS/1"

frames=$(count_frames "$REC")
check "decoded frames=$frames (expected exactly $((SECS * FPS)))" test "${frames:-x}" = "$((SECS * FPS))"

dur=$(probe_format "$REC" duration)
vspan=$(stream_span "$REC" v:0)
check "container duration=${dur}s (10 +/- 0.1)" fcmp "${dur:-0} >= $SECS - 0.1 && ${dur:-0} <= $SECS + 0.1"
check "video span=${vspan}s (10 +/- 0.1)" fcmp "${vspan:-0} >= $SECS - 0.1 && ${vspan:-0} <= $SECS + 0.1"

# Constant frame rate: every frame 1/30 s after the previous one (1 ms MKV rounding).
gaps=$(video_pts "$REC" | sort -g | awk -v f=$FPS 'NR > 1 { d = $1 - p; if (d < 1/f - 0.0015 || d > 1/f + 0.0015) bad++ } { p = $1 } END { print bad + 0 }')
check "frame spacing constant 1/$FPS s (irregular gaps: $gaps)" test "$gaps" = 0

# Keyframes exactly at 0, 2, 4, 6, 8 s (relative to the first frame).
first=$(video_pts "$REC" | sort -g | head -n1)
keys=$(keyframe_pts "$REC" | awk -v f="$first" '{ printf "%s%.3f", (NR > 1 ? " " : ""), $1 - f }')
expected_keys=$(awk -v s=$SECS -v k=$KEYINT 'BEGIN { for (t = 0; t < s; t += k) printf "%s%.3f", (t > 0 ? " " : ""), t }')
check "keyframes at [$keys] s (expected [$expected_keys])" test "$keys" = "$expected_keys"

acodec=$(probe_stream "$REC" a:0 codec_name)
arate=$(probe_stream "$REC" a:0 sample_rate)
ach=$(probe_stream "$REC" a:0 channels)
aspan=$(stream_span "$REC" a:0)
check "audio codec=$acodec (aac)" test "$acodec" = aac
check "audio sample_rate=$arate (48000)" test "$arate" = 48000
check "audio channels=$ach (2)" test "$ach" = 2
d=$(absdiff "${aspan:-0}" "${vspan:-0}")
check "audio span=${aspan}s vs video ${vspan}s (|diff| ${d}s <= 0.1)" fcmp "${aspan:-0} > 0 && $d <= 0.1"

# The audio really carries the 440 Hz bed (not silence).
vol=$(ffmpeg -v info -nostdin -i "$REC" -map 0:a -af volumedetect -f null - 2>&1 | sed -n 's/.*mean_volume: \(-*[0-9.]*\) dB/\1/p' | head -n1)
check "audio mean_volume=${vol} dB (not silent, > -40 dB)" fcmp "${vol:--999} > -40"

# --- determinism: the same show again ------------------------------------------
# Offline mode composes the same pictures on every run, and the recording starts at the first keyframe
# whichever encoder (pictures or sound) delivers first. With several threads, x264's rate control under
# VBV depends on which of its threads finishes first, so its last bits vary from run to run (two ffmpeg
# encodes of one input differ the same way); on one thread (`threads = 1`) two runs give the same file,
# packet for packet: every packet's time, size and bytes, in both streams.
packets() { ffmpeg -v error -nostdin -i "$1" -map 0 -c copy -f framemd5 - | grep -v '^#'; }
mkdir -p "$T/c"
write_show "$T/b/show.toml" "program.mkv" 1
write_show "$T/c/show.toml" "program.mkv" 1
hawker_fg run2 120 run "$T/b/show.toml" --duration $SECS --offline
check "second run (x264 on one thread) exits 0 (got $HAWKER_RC)" test "$HAWKER_RC" -eq 0
hawker_fg run3 120 run "$T/c/show.toml" --duration $SECS --offline
check "third run (x264 on one thread) exits 0 (got $HAWKER_RC)" test "$HAWKER_RC" -eq 0
frames2=$(count_frames "$T/b/program.mkv")
check "second run decoded frames=$frames2 equals first run $frames" test "${frames2:-y}" = "${frames:-x}"
packets "$T/b/program.mkv" > "$T/b/packets.txt"
packets "$T/c/program.mkv" > "$T/c/packets.txt"
parted=$(diff "$T/b/packets.txt" "$T/c/packets.txt" | sed -n '2p')
check "the two runs on one thread give the same recording, packet for packet ($(wc -l < "$T/b/packets.txt") packets; ${parted:-none differs})" \
    bash -c "[[ -s '$T/b/packets.txt' && -z '$parted' ]]"

# --- .ts and fragmented .mp4 recordings --------------------------------------------
for ext in ts mp4; do
    mkdir -p "$T/$ext"
    write_show "$T/$ext/show.toml" "program.$ext"
    hawker_fg "run_$ext" 60 run "$T/$ext/show.toml" --duration 3 --offline
    f="$T/$ext/program.$ext"
    if (( HAWKER_RC != 0 )) || [[ ! -s "$f" ]]; then
        fail ".$ext recording: hawker exit $HAWKER_RC, file $(ls -l "$f" 2>&1)"
        continue
    fi
    n=$(count_frames "$f")
    c=$(probe_stream "$f" v:0 codec_name)
    ac=$(probe_stream "$f" a:0 codec_name)
    check ".$ext: h264=$c aac=$ac frames=$n (expected h264 aac 90)" test "$c/$ac/$n" = "h264/aac/90"
done

finish
