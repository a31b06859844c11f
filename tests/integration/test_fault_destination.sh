#!/usr/bin/env bash
# Fault (b): a destination dies. nginx-rtmp on loopback takes hawker's RTMP
# push next to a local recording; hawker runs live for 32 s. nginx is killed
# at ~5 s and started again (same port) at ~12 s.
#   - the recording is unaffected: exact frame count, constant spacing;
#   - the RTMP output reconnects (final output line: reconnects >= 1);
#   - after nginx is back the output is live again: Hawker logs the state
#     change and ffmpeg pulls the stream from the new nginx.
# Which phase a state change fell in (before the kill, while nginx was down,
# after it was back) is read from Hawker's own log stamps, compared with the
# moments the test killed and restarted nginx on the same clock.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe ffmpeg nginx ss

SECS=32 FPS=30
KILL_AT=5 RESTART_AT=12
KEY="faultkey456"
PORT=$(pick_port)
start_nginx "$PORT"

camera_show "destination fault test" 360 640 $FPS 1000 1 "program.mkv" > "$T/show.toml"
cat >> "$T/show.toml" <<EOF

[[outputs]]
id = "push"
kind = "rtmp"
url = "rtmp://127.0.0.1:$PORT/live"
key_env = "HAWKER_KEY_FAULT"
EOF

export HAWKER_KEY_FAULT="$KEY"
hawker_bg hawker run "$T/show.toml" --duration $SECS
T0=$HAWKER_START

sleep_until "$T0" $KILL_AT
kill -0 "$HAWKER_PID" 2>/dev/null || die "hawker exited early (before the fault)"
KILLED=$(day_seconds)   # just before the kill, on the clock Hawker stamps its log with
stop_pid "$NGINX_PID" KILL
tcp_listening "$PORT" && die "nginx still listening on $PORT after kill"

sleep_until "$T0" $RESTART_AT
RESTARTED=$(day_seconds)   # just before the server comes back
start_nginx "$PORT"

# A viewer on the restarted server. It joins once Hawker logs the push live
# again (bounded wait), and reads a fixed 5 s with -t so ffmpeg ends by itself
# and finalizes the file: a viewer killed while still probing the stream
# leaves an FLV without frames, which says nothing about hawker.
push_live_after_restart() { [[ -n "$(log_time "$T/hawker.err" 'output push state=live' "$RESTARTED")" ]]; }
wait_until $((SECS - RESTART_AT - 10)) push_live_after_restart || fail "hawker never logged the push live after nginx returned"
PULLED="$T/pulled.flv"
timeout -s KILL 12 \
    ffmpeg -v error -nostdin -y -i "rtmp://127.0.0.1:$PORT/live/$KEY" -t 5 -c copy -f flv "$PULLED" > "$T/pull.log" 2>&1 &
VIEWER_PID=$!
track_pid "$VIEWER_PID"

wait_pid "$VIEWER_PID" 15
if [[ -s "$PULLED" ]]; then
    n=$(count_frames "$PULLED")
    check "viewer on the restarted nginx decodes ${n:-no} frames in 5 s (>= 60: the output came back)" test "${n:-0}" -ge 60
    # dts of consecutive packets per stream: a reconnect must not hand the
    # viewer stale packets from before the outage followed by a jump.
    jumps=$(ffprobe -v error -show_entries packet=stream_index,dts_time -of csv=p=0 "$PULLED" \
        | awk -F, '$2 != "N/A" { if (($1 in p) && ($2 - p[$1] > 0.5 || $2 < p[$1])) printf "stream %s %.3f->%.3f; ", $1, p[$1], $2; p[$1] = $2 }')
    check "viewer's stream has continuous timestamps (jumps > 0.5 s: ${jumps:-none})" test -z "$jumps"
else
    fail "the viewer got nothing from the restarted nginx: $(tail -n1 "$T/pull.log")"
fi

wait_pid "$HAWKER_PID" $((SECS + 30))
check "hawker exits 0 after --duration $SECS (got $WAIT_RC)" test "$WAIT_RC" -eq 0

REC="$T/program.mkv"
EXPECTED=$((SECS * FPS))
frames=$(count_frames "$REC")
check "recording unaffected: frames=$frames (exactly $EXPECTED)" test "${frames:-x}" = "$EXPECTED"
gaps=$(video_pts "$REC" | sort -g | awk -v f=$FPS 'NR > 1 { d = $1 - p; if (d > 1.5 / f || d < 0.5 / f) bad++ } { p = $1 } END { print bad + 0 }')
check "recording frame spacing constant (irregular gaps: $gaps)" test "$gaps" = 0
rec_dropped=$(item_value "$T/hawker.out" output record dropped)
check "record output dropped=$rec_dropped (0)" test "${rec_dropped:-x}" = 0
sdropped=$(summary_value "$T/hawker.out" dropped)
check "summary dropped=$sdropped (encoder never stalled)" test "${sdropped:-x}" = 0

push_line=$(grep -E '^output id=push ' "$T/hawker.out" | tail -n1)
info "final: $push_line"
reconnects=$(item_value "$T/hawker.out" output push reconnects)
check "rtmp output reconnects=$reconnects (>= 1)" test "${reconnects:-0}" -ge 1

# The push's state changes ("output push state=reconnecting ..."), each put in
# its phase by Hawker's stamp.
push_states=$(log_stamped "$T/hawker.err" '^[a-z]+: output push state=' | awk -v k="$KILLED" -v r="$RESTARTED" '
    function since(a, b) { d = b - a; if (d < -43200) d += 86400; if (d > 43200) d -= 86400; return d }
    { match($0, /state=[a-z]+/); s = substr($0, RSTART + 6, RLENGTH - 6)
      phase = since(k, $1) < 0 ? "before" : (since(r, $1) < 0 ? "down" : "after"); print phase, s, $1 }')
started=$(log_time "$T/hawker.err" 'show started')
info "push states (phase, state, s after the show started): $(awk -v t0="${started:-0}" '{ d = $3 - t0; if (d < -43200) d += 86400; printf "%s:%s@+%.2f  ", $1, $2, d }' <<< "$push_states")"
info "nginx killed at +$(span_s "${started:-0}" "$KILLED") s, restarted at +$(span_s "${started:-0}" "$RESTARTED") s"
check "push live before the fault" grep -q '^before live ' <<< "$push_states"
check "push not live while nginx was down" awk '$1 == "down" && $2 != "live" { found = 1 } END { exit !found }' <<< "$push_states"
live_again=$(awk '$1 == "after" && $2 == "live" { print $3; exit }' <<< "$push_states")
check "push live again after nginx returned (after $( [[ -n "$live_again" ]] && span_s "$RESTARTED" "$live_again" || echo never) s)" \
    test -n "$live_again"
if grep -q "$KEY" "$T/hawker.out" "$T/hawker.err"; then
    fail "stream key appears in hawker output"
fi

finish
