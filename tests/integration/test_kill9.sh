#!/usr/bin/env bash
# Fault (c): hawker is killed with SIGKILL mid-recording. The file must still
# probe and decode up to about the last second: decoded duration >= time run
# - 1.5 s, where "time run" counts from the moment hawker was started (so the
# start-up time is included in the 1.5 s). Checked for .mkv and .ts.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe ffmpeg

RUN_S=8 FPS=30
MAX_LOSS_S=1.5

for ext in mkv ts; do
    d="$T/$ext"
    mkdir -p "$d"
    camera_show "kill -9 test" 360 640 $FPS 1000 2 "program.$ext" > "$d/show.toml"
    hawker_bg "hawker_$ext" run "$d/show.toml" --duration 60
    sleep_until "$HAWKER_START" $RUN_S
    if ! kill -0 "$HAWKER_PID" 2>/dev/null; then
        fail ".$ext: hawker was not running any more at +${RUN_S}s"
        continue
    fi
    kill -KILL "$HAWKER_PID"
    ran=$(elapsed_since "$HAWKER_START")
    wait_pid "$HAWKER_PID" 10
    check ".$ext: hawker died of SIGKILL (exit $WAIT_RC = 137)" test "$WAIT_RC" -eq 137

    f="$d/program.$ext"
    if [[ ! -s "$f" ]]; then
        fail ".$ext: no recording after kill -9 ($(ls -la "$d" | tr '\n' ' '))"
        continue
    fi
    codec=$(probe_stream "$f" v:0 codec_name)
    check ".$ext: file probes after kill -9 (video codec=$codec)" test "$codec" = h264
    frames=$(count_frames "$f")
    errors=$(ffmpeg -v error -nostdin -i "$f" -map 0:v -f null - 2>&1 | grep -vc 'Truncat\|partial\|EOF' || true)
    decoded=$(calc "${frames:-0} / $FPS")
    check ".$ext: decoded ${frames:-0} frames = ${decoded}s after running ${ran}s (>= ran - $MAX_LOSS_S s)" \
        fcmp "$decoded >= $ran - $MAX_LOSS_S"
    info ".$ext: decoder error lines (other than truncation at the end): $errors"
    ac=$(probe_stream "$f" a:0 codec_name)
    check ".$ext: audio track present after kill -9 (codec=$ac)" test "$ac" = aac
done

finish
