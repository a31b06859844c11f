#!/usr/bin/env bash
# UDP output: MPEG-TS to udp://127.0.0.1:PORT next to a recording. An ffmpeg
# listener receives it and ffprobe checks what arrived.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe ffmpeg ss

SECS=8 W=360 H=640
PORT=$(pick_port)

# Listener first (UDP: whatever is sent before it binds is lost). -timeout is
# in microseconds so it cannot hang when nothing arrives.
timeout 40 ffmpeg -v error -nostdin -y -timeout 15000000 -i "udp://127.0.0.1:$PORT?fifo_size=1000000&overrun_nonfatal=1" \
    -t 4 -c copy -f mpegts "$T/received.ts" > "$T/listener.log" 2>&1 &
LISTENER=$!
track_pid "$LISTENER"
wait_until 5 bash -c "[[ -n \"\$(ss -Hlun '( sport = :$PORT )')\" ]]" || die "listener did not bind udp port $PORT"

cat > "$T/show.toml" <<EOF
[show]
name = "udp output test"

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
id = "lan"
kind = "udp"
url = "udp://127.0.0.1:$PORT?pkt_size=1316"
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
    check "udp stream: video=$vc audio=$ac ${wh} (h264 aac ${W}x${H})" test "$vc/$ac/$wh" = "h264/aac/${W}x${H}"
    check "udp stream decodes $n frames in 4 s (>= 90)" test "${n:-0}" -ge 90
else
    fail "nothing received on udp://127.0.0.1:$PORT ($(tail -n2 "$T/listener.log"))"
fi
lan_packets=$(item_value "$T/hawker.out" output lan packets)
check "udp output packets=$lan_packets (> 0)" test "${lan_packets:-0}" -gt 0
frames=$(count_frames "$T/program.mkv")
check "recording alongside frames=$frames ($((SECS * 30)))" test "${frames:-x}" = "$((SECS * 30))"

finish
