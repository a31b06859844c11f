#!/usr/bin/env bash
# Encodes per destination (issue 15 §2).
# Offline, a 1080x1920 show records three outputs with different encodes:
#   - the show's own 1080x1920 at 4500 kbps, a keyframe every 2 s;
#   - a 720x1280 rendition at 2000 kbps, a keyframe every 1 s;
#   - a 1280x720 landscape destination at 1500 kbps, the portrait picture
#     pillarboxed between bars of the show file's colour.
# Each recording has its own size, its bitrate within 10 % over 10 s, its own
# keyframe spacing and exactly 300 frames; the summary lists three encodes.
# Live, the second encode is made slow (every frame held 60 ms on its encoder
# thread): it drops and counts its own frames, while the program encode drops
# none and its recording has every program frame. GET /encodes shows each
# encode's settings, measured fps and lag while the show runs.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe ffmpeg sqlite3 curl
require_png_probe

# video_kbps FILE SECONDS: the video stream's bitrate from its packets' sizes.
video_kbps() {
    ffprobe -v error -select_streams v:0 -show_entries packet=size -of csv=p=0 "$1" \
        | awk -v s="$2" '{ bytes += $1 } END { printf "%.0f", bytes * 8 / 1000 / s }'
}
# keyframe_gaps FILE: the distinct spacings between keyframes, in seconds (2 decimals).
keyframe_gaps() {
    keyframe_pts "$1" | awk 'NR > 1 { printf "%.2f\n", $1 - last } { last = $1 }' | sort -u | tr '\n' ' '
}
# encode_value FILE ID KEY: KEY of the summary's "encode id=ID" line.
encode_value() {
    grep -E "^encode id=$2( |$)" "$1" | tail -n1 | tr ' ' '\n' | sed -n "s/^$3=//p" | head -n1
}

# --- offline: three encodes ------------------------------------------------------------------------
{
    camera_show "renditions test" 1080 1920 30 4500 2 main.mkv
    cat <<EOF

[[outputs]]
id = "second"
kind = "record"
path = "second.mkv"
profile = "kuaishou"
[outputs.encode]
width = 720
height = 1280
bitrate_kbps = 2000
keyint_s = 1

[[outputs]]
id = "wide"
kind = "record"
path = "wide.mkv"
profile = "youtube"
[outputs.encode]
width = 1280
height = 720
bitrate_kbps = 1500
background = "#204080"
EOF
} > "$T/offline.toml"
hawker_fg offline 120 run "$T/offline.toml" --duration 10 --offline
check "the offline show ran (rc $HAWKER_RC)" test "$HAWKER_RC" = 0
for spec in "main 1080x1920 4500 2.00" "second 720x1280 2000 1.00" "wide 1280x720 1500 2.00"; do
    read -r name size kbps gap <<< "$spec"
    f="$T/$name.mkv"
    got="$(probe_stream "$f" v:0 width)x$(probe_stream "$f" v:0 height)"
    check "$name.mkv is $got (wanted $size)" test "$got" = "$size"
    frames=$(count_frames "$f")
    check "  $frames frames: every one of 10 s x 30" test "$frames" = 300
    rate=$(video_kbps "$f" 10)
    check "  video $rate kbps over 10 s, within 10 % of $kbps" fcmp "$rate >= $kbps * 0.9 && $rate <= $kbps * 1.1"
    gaps=$(keyframe_gaps "$f")
    check "  keyframes every $gaps s (wanted $gap)" test "$gaps" = "$gap "
done
check "the summary lists three encodes" test "$(grep -c '^encode id=' "$T/offline.out")" = 3
check "  second's encode is a scaled rendition feeding it alone" \
    test "$(encode_value "$T/offline.out" second scaled) $(encode_value "$T/offline.out" second outputs)" = "1 second"
check "  the program encode feeds the show's recording" test "$(encode_value "$T/offline.out" program outputs)" = record
# The landscape frame: the portrait picture in the middle, bars of #204080 on both sides.
ffmpeg -v error -nostdin -y -ss 5 -i "$T/wide.mkv" -frames:v 1 "$T/wide.png"
left=$("$PROBE" mean "$T/wide.png" 20 200 300 520)
right=$("$PROBE" mean "$T/wide.png" 980 200 1260 520)
check "  the left bar is #204080 ($left, distance $(rgb_dist "$left" "32 64 128"))" \
    fcmp "$(rgb_dist "$left" "32 64 128") < 12"
check "  the right bar is #204080 ($right)" fcmp "$(rgb_dist "$right" "32 64 128") < 12"
middle=$("$PROBE" mean "$T/wide.png" 440 100 840 620)
check "  the picture sits between them ($middle is not the bars' colour)" \
    fcmp "$(rgb_dist "$middle" "32 64 128") > 40"

# --- preflight measures each output's own encode ---------------------------------------------------
"$HAWKER" preflight "$T/offline.toml" --seconds 4 --json > "$T/preflight.json" 2> "$T/preflight.err"
rc=$?
pf() { sqlite3 :memory: "SELECT json_extract(o.value, '$.measured.$2') FROM json_each(readfile('$T/preflight.json'), '$.outputs') o
    WHERE json_extract(o.value, '$.id') = '$1'"; }
check "preflight of the three encodes ran (rc $rc: 0 or 1 by the profiles' verdicts)" test "$rc" -le 1
check "  it measured second's own encode: $(pf second width)x$(pf second height), keyframes every $(pf second keyint_max_s) s" \
    bash -c '[[ "$1" == 720x1280 ]] && awk -v k="$2" "BEGIN { exit !(k > 0.95 && k < 1.05) }"' _ \
    "$(pf second width)x$(pf second height)" "$(pf second keyint_max_s)"
check "  and wide's: $(pf wide width)x$(pf wide height)" test "$(pf wide width)x$(pf wide height)" = 1280x720
check "  and the show's own for the recording: $(pf record width)x$(pf record height)" \
    test "$(pf record width)x$(pf record height)" = 1080x1920

# --- live: a slow encode drops only its own frames -------------------------------------------------
SECS=12
export HAWKER_HOME="$T/home"
PORT=$(pick_port)
export HAWKER_TEST_OPERATOR_TOKEN="op-$(random_hex)" HAWKER_TEST_MERCH_TOKEN="me-$(random_hex)"
OP=$HAWKER_TEST_OPERATOR_TOKEN
{
    camera_show "slow encode test" 540 960 30 1500 1 fast.mkv
    cat <<EOF

[[outputs]]
id = "slow"
kind = "record"
path = "slow.mkv"
[outputs.encode]
width = 270
height = 480
bitrate_kbps = 600

$(api_block "$PORT")
EOF
} > "$T/live.toml"
# The slow encode's thread holds each frame 60 ms: it can take about 16 of every 30.
export HAWKER_INJECT_FAULTS="encoder.tick:slow~60"
start_live_show "$T/live.toml" "$T/live.db" $SECS
sleep_until "$HAWKER_START" 7
curl -s -m 5 -H "Authorization: Bearer $OP" "$BASE/encodes" > "$T/encodes.json"
curl -s -m 5 -H "Authorization: Bearer $OP" "$BASE/outputs" > "$T/outputs.json"
unset HAWKER_INJECT_FAULTS
wait_pid "$HAWKER_PID" $((SECS + 30))
check "the live show ran to the end (rc $WAIT_RC)" test "$WAIT_RC" = 0

enc() { sqlite3 :memory: "SELECT json_extract(value, '$.$2') FROM json_each(readfile('$T/encodes.json'))
    WHERE json_extract(value, '$.id') = '$1'"; }
check "GET /encodes lists two encodes" test "$(jlen "$T/encodes.json" '$')" = 2
check "  the program encode: 540x960 at 1500 kbps, key 1 s" \
    test "$(enc program width)x$(enc program height) $(enc program video_kbps) $(enc program keyint_s)" = "540x960 1500 1"
check "  the slow encode: 270x480 at 600 kbps, scaled" \
    test "$(enc slow width)x$(enc slow height) $(enc slow video_kbps) $(enc slow scaled)" = "270x480 600 1"
check "  the program encode keeps up: $(enc program fps) fps" fcmp "$(enc program fps) >= 27"
check "  the slow one does not: $(enc slow fps) fps" fcmp "$(enc slow fps) <= 20"
check "  lag is reported for the program encode: $(enc program lag_ms) ms" is_number "$(enc program lag_ms)"
check "  and for the slow one: $(enc slow lag_ms) ms" is_number "$(enc slow lag_ms)"
slow_output_encode=$(sqlite3 :memory: "SELECT json_extract(value, '$.encode.id') FROM json_each(readfile('$T/outputs.json'))
    WHERE json_extract(value, '$.id') = 'slow'")
check "  GET /outputs names each output's encode (slow: $slow_output_encode)" test "$slow_output_encode" = slow

frames=$(summary_value "$T/show.out" frames)
program_dropped=$(encode_value "$T/show.out" program dropped)
slow_dropped=$(encode_value "$T/show.out" slow dropped)
check "the program encode dropped no frame ($program_dropped)" test "$program_dropped" = 0
check "the slow encode dropped and counted its own ($slow_dropped of $frames)" \
    fcmp "${slow_dropped:-0} >= $frames / 4"
fast_frames=$(count_frames "$T/fast.mkv")
slow_frames=$(count_frames "$T/slow.mkv")
check "the program recording has every program frame ($fast_frames of $frames)" test "$fast_frames" = "$frames"
check "the slow recording has the frames its encode kept ($slow_frames = $frames - $slow_dropped)" \
    test "$slow_frames" = "$((frames - slow_dropped))"
# A dropped picture keeps its sound: with a gap the sound would run 33 ms ahead of the picture per drop.
fast_sound=$(stream_span "$T/fast.mkv" a:0)
slow_sound=$(stream_span "$T/slow.mkv" a:0)
slow_picture=$(stream_span "$T/slow.mkv" v:0)
check "the slow recording's sound is whole: ${slow_sound:-?} s, the program recording's ${fast_sound:-?} s" \
    fcmp "$(absdiff "${slow_sound:-0}" "${fast_sound:-99}") <= 0.1"
check "  and as long as its pictures' span (${slow_picture:-?} s)" \
    fcmp "$(absdiff "${slow_sound:-0}" "${slow_picture:-99}") <= 0.2"
# The sound is encoded apart from the pictures and runs ahead of them: a recording that starts at its first
# keyframe must still start with the sound of that moment, not later (show B lost its first 0.19 s). The
# sound may start one AAC frame (21 ms) before the pictures: the encoder's priming.
first_pts() { ffprobe -v error -select_streams "$2" -show_entries packet=pts_time -of csv=p=0 "$1" 2>/dev/null | sort -g | head -n1; }
for rec in fast slow; do
    v0=$(first_pts "$T/$rec.mkv" v:0); a0=$(first_pts "$T/$rec.mkv" a:0)
    check "  $rec.mkv's sound starts with its pictures (sound ${a0:-?} s, pictures ${v0:-?} s)" \
        fcmp "${a0:-9} - ${v0:-0} <= 0.005 && ${a0:-9} - ${v0:-0} >= -0.05"
done
check "the show's dropped frames are the worst encode's ($(summary_value "$T/show.out" dropped))" \
    test "$(summary_value "$T/show.out" dropped)" = "$slow_dropped"
finish
