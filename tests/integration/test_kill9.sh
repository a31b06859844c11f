#!/usr/bin/env bash
# Fault (c): hawker is killed with SIGKILL mid-recording. The file must still
# probe and decode up to about the last second: decoded duration >= time run
# - 1.5 s, where "time run" is from the show's start as Hawker's own log
# stamps it ("show started") to the moment of the kill on the same clock. The
# video must decode without a single error: only the packet cut off at the
# end may be incomplete, which ffmpeg reports as a truncation at end of file.
# Checked for .mkv and .ts.
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
    KILLED_AT=$(day_seconds)
    wait_pid "$HAWKER_PID" 10
    started=$(log_time "$T/hawker_$ext.err" 'show started')
    if [[ -z "$started" ]]; then
        fail ".$ext: hawker never logged 'show started' ($(head -c 300 "$T/hawker_$ext.err"))"
        continue
    fi
    ran=$(span_s "$started" "$KILLED_AT")
    check ".$ext: hawker died of SIGKILL (exit $WAIT_RC = 137)" test "$WAIT_RC" -eq 137

    f="$d/program.$ext"
    if [[ ! -s "$f" ]]; then
        fail ".$ext: no recording after kill -9 ($(ls -la "$d" | tr '\n' ' '))"
        continue
    fi
    codec=$(probe_stream "$f" v:0 codec_name)
    check ".$ext: file probes after kill -9 (video codec=$codec)" test "$codec" = h264
    frames=$(count_frames "$f")
    ffmpeg -v error -nostdin -i "$f" -map 0:v -f null - > "$T/decode_$ext.txt" 2>&1
    errors=$(grep -vc 'Truncat\|partial\|EOF' "$T/decode_$ext.txt")
    decoded=$(calc "${frames:-0} / $FPS")
    check ".$ext: decoded ${frames:-0} frames = ${decoded}s after running ${ran}s (>= ran - $MAX_LOSS_S s)" \
        fcmp "$decoded >= $ran - $MAX_LOSS_S"
    check ".$ext: the video decodes without errors (other than the truncation at the end: $errors line(s)$( (( errors > 0 )) && printf ': %s' "$(grep -v 'Truncat\|partial\|EOF' "$T/decode_$ext.txt" | head -n3 | tr '\n' ' ')"))" \
        test "$errors" -eq 0
    ac=$(probe_stream "$f" a:0 codec_name)
    check ".$ext: audio track present after kill -9 (codec=$ac)" test "$ac" = aac
done

finish
