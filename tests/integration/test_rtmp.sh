#!/usr/bin/env bash
# RTMP: a real nginx with the rtmp module on a loopback port; hawker runs live
# with a recording and an RTMP output whose key comes from the environment;
# while it runs, ffmpeg pulls the stream back and ffprobe checks it. The
# stream key must never appear in hawker's stdout or stderr.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe ffmpeg nginx ss

SECS=12
W=360 H=640
KEY="secretkey123"
PORT=$(pick_port)
start_nginx "$PORT"
ok "nginx-rtmp listening on 127.0.0.1:$PORT"

camera_show "rtmp test" $W $H 30 1000 1 "program.mkv" > "$T/show.toml"
cat >> "$T/show.toml" <<EOF

[[outputs]]
id = "push"
kind = "rtmp"
url = "rtmp://127.0.0.1:$PORT/live"
key_env = "HAWKER_KEY_TEST"
EOF

export HAWKER_KEY_TEST="$KEY"
hawker_bg hawker run "$T/show.toml" --duration $SECS

# Pull the stream back while hawker runs (give it a moment to connect).
sleep 2
PULLED="$T/pulled.flv"
pulled_ok=0
for attempt in 1 2 3; do
    if timeout 10 ffmpeg -v error -nostdin -y -i "rtmp://127.0.0.1:$PORT/live/$KEY" -t 3 -c copy -f flv "$PULLED" \
            2> "$T/pull.log" && [[ -s "$PULLED" ]]; then
        pulled_ok=1
        break
    fi
    info "pull attempt $attempt failed: $(tail -n1 "$T/pull.log")"
    sleep 1
done
check "pulled 3 s of the stream back from nginx" test "$pulled_ok" = 1

if (( pulled_ok )); then
    vc=$(probe_stream "$PULLED" v:0 codec_name)
    ac=$(probe_stream "$PULLED" a:0 codec_name)
    wh="$(probe_stream "$PULLED" v:0 width)x$(probe_stream "$PULLED" v:0 height)"
    n=$(count_frames "$PULLED")
    check "pulled stream video codec=$vc (h264)" test "$vc" = h264
    check "pulled stream audio codec=$ac (aac)" test "$ac" = aac
    check "pulled stream resolution=$wh (${W}x${H})" test "$wh" = "${W}x${H}"
    check "pulled stream decodes: $n frames in 3 s (>= 60)" test "${n:-0}" -ge 60
fi

wait_pid "$HAWKER_PID" $((SECS + 30))
# Its one camera is on air from the start: no camera to hold back to its keyframes, and nothing to say.
check "the start names no multiview-only camera" test "$(grep -c 'program-first' "$T/hawker.err")" = 0
check "hawker exits 0 after --duration $SECS (got $WAIT_RC)" test "$WAIT_RC" -eq 0

push_line=$(grep -E '^output id=push ' "$T/hawker.out" | tail -n1)
info "final: $push_line"
packets=$(item_value "$T/hawker.out" output push packets)
check "rtmp output sent packets=$packets (> 0)" test "${packets:-0}" -gt 0
pdrop=$(item_value "$T/hawker.out" output push dropped)
check "rtmp output dropped=$pdrop (0 on loopback)" test "${pdrop:-x}" = 0
target=$(item_value "$T/hawker.out" output push target)
check "rtmp target printed with the key masked: '$target'" \
    test "${target#rtmp://127.0.0.1:$PORT/live/}" != "$target" -a "${target#rtmp://127.0.0.1:$PORT/live/}" != "$KEY"

frames=$(count_frames "$T/program.mkv")
check "recording alongside: frames=$frames (expected $((SECS * 30)))" test "${frames:-0}" = "$((SECS * 30))"

if grep -q "$KEY" "$T/hawker.out" "$T/hawker.err"; then
    fail "stream key '$KEY' appears in hawker output: $(grep -h "$KEY" "$T/hawker.out" "$T/hawker.err" | head -n3)"
else
    ok "stream key never appears in hawker stdout/stderr ($(cat "$T/hawker.out" "$T/hawker.err" | wc -l) lines checked)"
fi

finish
