#!/usr/bin/env bash
# SRT output: MPEG-TS over SRT (Hawker calls) next to a recording. An ffmpeg SRT
# listener receives it and ffprobe checks what arrived.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe ffmpeg ss

SECS=8 W=360 H=640
PORT=$(pick_port)

# The receiver listens (as a platform's SRT ingest does) and Hawker calls it.
# listen_timeout is in microseconds so it cannot hang when nothing arrives.
timeout 40 ffmpeg -v error -nostdin -y -i "srt://127.0.0.1:$PORT?mode=listener&listen_timeout=15000000" \
    -t 4 -c copy -f mpegts "$T/received.ts" > "$T/listener.log" 2>&1 &
LISTENER=$!
track_pid "$LISTENER"
wait_until 5 bash -c "[[ -n \"\$(ss -Hlun '( sport = :$PORT )')\" ]]" || die "listener did not bind srt port $PORT"

cat > "$T/show.toml" <<EOF
[show]
name = "srt output test"

[canvas]
width = $W
height = $H
fps = 30

[[sources]]
id = "cam1"
format = "lavfi"
url = "testsrc2=size=${W}x${H}:rate=30"

[[audio]]
id = "tone"
format = "lavfi"
url = "sine=frequency=440:sample_rate=48000"

[[scenes]]
id = "main"
layers = [ { kind = "source", source = "cam1", rect = [0, 0, $W, $H], fit = "cover" } ]

[program]
scene = "main"

$(encoder_block 800 1)

[[outputs]]
id = "record"
kind = "record"
path = "program.mkv"

[[outputs]]
id = "srt"
kind = "srt"
url = "srt://127.0.0.1:$PORT?mode=caller&pkt_size=1316"
EOF

hawker_fg hawker $((SECS + 30)) run "$T/show.toml" --duration $SECS
check "hawker exits 0 (got $HAWKER_RC)" test "$HAWKER_RC" -eq 0
wait_pid "$LISTENER" 20
check "listener received and exited cleanly (exit $WAIT_RC)" test "$WAIT_RC" -eq 0
f="$T/received.ts"
if [[ -s "$f" ]]; then
    vc=$(probe_stream "$f" v:0 codec_name)
    ac=$(probe_stream "$f" a:0 codec_name)
    wh="$(probe_stream "$f" v:0 width)x$(probe_stream "$f" v:0 height)"
    n=$(count_frames "$f")
    check "srt stream: video=$vc audio=$ac ${wh} (h264 aac ${W}x${H})" test "$vc/$ac/$wh" = "h264/aac/${W}x${H}"
    check "srt stream decodes $n frames in 4 s (>= 90)" test "${n:-0}" -ge 90
else
    fail "nothing received on srt://127.0.0.1:$PORT ($(tail -n2 "$T/listener.log"))"
fi
srt_packets=$(item_value "$T/hawker.out" output srt packets)
check "srt output packets=$srt_packets (> 0)" test "${srt_packets:-0}" -gt 0
frames=$(count_frames "$T/program.mkv")
check "recording alongside frames=$frames ($((SECS * 30)))" test "${frames:-x}" = "$((SECS * 30))"

finish
