#!/usr/bin/env bash
# A live show without --duration stops cleanly on SIGINT (MKV) and on SIGTERM
# (fragmented MP4): exit 0 within 5 s, the recording stopped within 5 s of the
# signal by Hawker's own log stamp, the summary is printed, and the recording
# is finalized (it probes, carries a duration, and holds about the frames the
# summary reports).
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe ffmpeg

FPS=30 RUN_S=4

for spec in INT:mkv TERM:mp4; do
    sig="${spec%%:*}" ext="${spec##*:}"
    d="$T/$ext"
    mkdir -p "$d"
    camera_show "signal stop test" 360 640 $FPS 800 2 "program.$ext" > "$d/show.toml"
    hawker_bg "hawker_$ext" run "$d/show.toml"
    sleep_until "$HAWKER_START" $RUN_S
    if ! kill -0 "$HAWKER_PID" 2>/dev/null; then
        fail "SIG$sig/.$ext: hawker not running at +${RUN_S}s (it must run until stopped)"
        continue
    fi
    kill "-$sig" "$HAWKER_PID"
    SIGNALLED=$(day_seconds)   # on the clock Hawker stamps its log with
    wait_pid "$HAWKER_PID" 5
    check "SIG$sig/.$ext: hawker exited with 0 within 5 s (got $WAIT_RC)" test "$WAIT_RC" -eq 0
    stopped=$(log_time "$T/hawker_$ext.err" 'output record state=stopped' "$SIGNALLED")
    took=$( [[ -n "$stopped" ]] && span_s "$SIGNALLED" "$stopped")
    check "SIG$sig/.$ext: the recording stopped ${took:-never} s after the signal (<= 5 s)" fcmp "${took:-99} <= 5"
    sframes=$(summary_value "$T/hawker_$ext.out" frames)
    check "SIG$sig/.$ext: summary printed (frames=$sframes)" test -n "$sframes"
    f="$d/program.$ext"
    frames=$(count_frames "$f")
    dur=$(probe_format "$f" duration)
    check "SIG$sig/.$ext: recording decodes $frames frames (>= $(( (RUN_S - 1) * FPS )))" test "${frames:-0}" -ge $(( (RUN_S - 1) * FPS ))
    check "SIG$sig/.$ext: recording frames=$frames match summary frames=$sframes" test "${frames:-x}" = "${sframes:-y}"
    is_number "$dur" || dur=0   # N/A: not finalized
    check "SIG$sig/.$ext: container duration ${dur}s matches the frames (+/- 0.2 s)" \
        fcmp "$dur > 0 && $(absdiff "$dur" "$(calc "${frames:-0} / $FPS")") <= 0.2"
done

finish
