#!/usr/bin/env bash
# Fault (a): a camera dies. The source is an MPEG-TS stream on UDP sent by a
# separate ffmpeg "feeder"; hawker runs live for 20 s. The feeder is killed at
# ~5 s and restarted at ~10 s.
#   - the recording keeps its exact frame count (20 x 30; the compositor owns
#     the clock and never misses a tick) with constant frame spacing;
#   - hawker reports the source lost, then live again, and live again within
#     2 s of the feeder restart (wall clock, from time-stamped log lines);
#   - during the gap the program repeats the last frame (a freeze in the
#     recording), tagged "signal lost" after the grace period.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe ffmpeg ss

SECS=20 FPS=30
KILL_AT=5 RESTART_AT=10
LIVE_WITHIN_S=2
PORT=$(pick_port)

start_feeder() {
    ffmpeg -hide_banner -v error -nostdin -re -f lavfi -i "testsrc2=size=320x240:rate=$FPS" \
        -c:v libx264 -preset ultrafast -tune zerolatency -g 15 -pix_fmt yuv420p \
        -f mpegts "udp://127.0.0.1:$PORT?pkt_size=1316" >> "$T/feeder.log" 2>&1 &
    FEEDER_PID=$!
    track_pid "$FEEDER_PID"
}

cat > "$T/show.toml" <<EOF
[show]
name = "source fault test"

[canvas]
width = 360
height = 640
fps = $FPS

[[sources]]
id = "net"
url = "udp://127.0.0.1:$PORT"
options = { overrun_nonfatal = "1", fifo_size = "500000" }

[[audio]]
id = "tone"
format = "lavfi"
url = "sine=frequency=440:sample_rate=48000"

[[scenes]]
id = "main"
layers = [ { kind = "source", source = "net", rect = [0, 0, 360, 640], fit = "cover" } ]

[program]
scene = "main"

$(encoder_block 1000 2)

[[outputs]]
id = "record"
kind = "record"
path = "program.mkv"
EOF

start_feeder
sleep 1
kill -0 "$FEEDER_PID" 2>/dev/null || die "feeder ffmpeg did not start: $(tail -n3 "$T/feeder.log")"

hawker_bg hawker run "$T/show.toml" --duration $SECS
T0=$HAWKER_START

sleep_until "$T0" $KILL_AT
kill -0 "$HAWKER_PID" 2>/dev/null || die "hawker exited early (before the fault)"
stop_pid "$FEEDER_PID" KILL
KILLED=$EPOCHREALTIME
info "feeder killed at +$(calc "$KILLED - $T0") s"

sleep_until "$T0" $RESTART_AT
start_feeder
RESTARTED=$EPOCHREALTIME
info "feeder restarted at +$(calc "$RESTARTED - $T0") s"

wait_pid "$HAWKER_PID" $((SECS + 30))
check "hawker exits 0 after --duration $SECS (got $WAIT_RC)" test "$WAIT_RC" -eq 0
stop_pid "$FEEDER_PID" TERM

# --- frame count ---------------------------------------------------------------
# --duration is program time, so the recording must hold exactly SECS x FPS
# frames. Tolerance: if hawker legitimately finishes the tick it was in when
# the duration ran out, the file may hold up to 3 more frames, but it must then
# match the summary's frames= exactly (nothing lost between compositor and
# file) -- any shortfall is a missed tick and fails.
REC="$T/program.mkv"
EXPECTED=$((SECS * FPS))
frames=$(count_frames "$REC")
sframes=$(summary_value "$T/hawker.out" frames)
check "recording frames=$frames equals summary frames=$sframes" test "${frames:-x}" = "${sframes:-y}"
if [[ "${frames:-0}" == "$EXPECTED" ]]; then
    ok "recording frames=$frames (exactly $SECS x $FPS)"
elif (( ${frames:-0} > EXPECTED && ${frames:-0} <= EXPECTED + 3 )); then
    ok "recording frames=$frames (>= $EXPECTED; stopped $((frames - EXPECTED)) frame(s) late)"
else
    fail "recording frames=${frames:-none} (expected $EXPECTED: a source fault must not cost program ticks)"
fi
gaps=$(video_pts "$REC" | sort -g | awk -v f=$FPS 'NR > 1 { d = $1 - p; if (d > 1.5 / f || d < 0.5 / f) bad++ } { p = $1 } END { print bad + 0 }')
check "constant frame spacing across the fault (irregular gaps: $gaps)" test "$gaps" = 0
sdropped=$(summary_value "$T/hawker.out" dropped)
check "summary dropped=$sdropped (0)" test "${sdropped:-x}" = 0

# --- source state changes ----------------------------------------------------------
# State-change lines name the source and its new state ("source net state=lost
# t=6.1"); the final per-source summary line ("source id=net ... frames=") and
# the periodic status lines are not state changes.
state_events() {   # prints "WALLTIME STATE" for each state change of source "net"
    awk '{ ts = $1; $1 = ""; line = substr($0, 2) }
         line ~ /^(status|summary) / { next }
         line ~ /^source id=net .*frames=/ { next }
         line ~ /source/ && line ~ /(^|[ =:])net([ :,]|$)/ && match(line, /state=[a-z]+/) {
             print ts, substr(line, RSTART + 6, RLENGTH - 6)
         }' "$T/hawker.log"
}
state_events > "$T/events.txt"
info "state changes of source net (wall s after start): $(awk -v t0="$T0" '{ printf "%s@+%.2f ", $2, $1 - t0 }' "$T/events.txt")"

lost_at=$(awk -v k="$KILLED" '$1 >= k && ($2 == "lost" || $2 == "stalled") { print $1; exit }' "$T/events.txt")
if [[ -n "$lost_at" ]]; then
    ok "source reported $(awk -v k="$KILLED" '$1 >= k && ($2 == "lost" || $2 == "stalled") { print $2; exit }' "$T/events.txt") $(calc "$lost_at - $KILLED") s after the feeder was killed"
    went_lost=$(awk -v k="$KILLED" '$1 >= k && $2 == "lost" { print $1; exit }' "$T/events.txt")
    check "source reaches state=lost during the gap" test -n "$went_lost"
else
    fail "no 'lost'/'stalled' state change for source net after the feeder was killed"
fi
live_at=$(awk -v r="$RESTARTED" '$1 >= r && $2 == "live" { print $1; exit }' "$T/events.txt")
if [[ -n "$live_at" ]]; then
    back=$(calc "$live_at - $RESTARTED")
    check "source live again ${back} s after the feeder restarted (<= ${LIVE_WITHIN_S} s)" fcmp "$back <= $LIVE_WITHIN_S"
else
    fail "no 'state=live' for source net after the feeder restarted"
fi

src_line=$(grep -E '^source id=net ' "$T/hawker.out" | tail -n1)
info "final: $src_line"
reconnects=$(item_value "$T/hawker.out" source net reconnects)
lost_ms=$(item_value "$T/hawker.out" source net lost_ms)
check "source summary reconnects=$reconnects (>= 1)" test "${reconnects:-0}" -ge 1
gap_ms=$(calc "($RESTARTED - $KILLED) * 1000")
check "source summary lost_ms=$lost_ms (between 2000 and gap ${gap_ms} + 2000)" \
    fcmp "${lost_ms:-0} >= 2000 && ${lost_ms:-0} <= $gap_ms + 2000"

# --- the program froze on the last frame during the gap ------------------------------
ffmpeg -v info -nostdin -i "$REC" -map 0:v -vf "freezedetect=n=-50dB:d=0.5" -f null - 2> "$T/freeze.txt"
# A freeze still open at the end of the file has no freeze_end: close it there.
vend=$(video_pts "$REC" | sort -g | tail -n1)
freezes=$(awk -v e="${vend:-0}" '/freeze_start:/ { s = $NF; open = 1 } /freeze_end:/ { printf "%.2f-%.2f ", s, $NF; open = 0 }
                                  END { if (open) printf "%.2f-end ", s }' "$T/freeze.txt")
frozen=$(awk -v e="${vend:-0}" '/freeze_start:/ { s = $NF; open = 1 } /freeze_end:/ { d += $NF - s; open = 0 }
                                 END { if (open) d += e - s; printf "%.2f", d + 0 }' "$T/freeze.txt")
info "frozen intervals (program s): ${freezes:-none}"
check "program repeated the last frame during the gap: ${frozen} s frozen (>= 2.5 s)" fcmp "$frozen >= 2.5"
if [[ $(grep -c 'freeze_start:' "$T/freeze.txt") -ge 2 ]]; then
    info "the frozen picture changed once during the gap (consistent with the 'signal lost' tag appearing)"
fi

finish
