#!/usr/bin/env bash
# Fault (a): a camera dies. The source is an MPEG-TS stream on UDP sent by a
# separate ffmpeg "feeder"; hawker runs live for 20 s. The feeder is killed at
# ~5 s and restarted at ~10 s.
#   - the recording keeps its exact frame count (20 x 30; the compositor owns
#     the clock and never misses a tick) with constant frame spacing;
#   - hawker reports the source lost, then live again, and live again within
#     2 s of the feeder restart (Hawker's own log stamps against the moment
#     the test restarted the feeder, on the same clock);
#   - during the gap the program repeats the last frame (a freeze in the
#     recording), tagged "signal lost" after the grace period: Hawker logs
#     the program time the tag went on and off, and the recording's frames
#     show it -- untagged just before, the red tag on a dimmed picture during
#     the gap, gone again once the signal is back.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe ffmpeg ss
require_png_probe

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
KILLED=$(day_seconds)   # just before the kill, on the clock Hawker stamps its log with
stop_pid "$FEEDER_PID" KILL

sleep_until "$T0" $RESTART_AT
RESTARTED=$(day_seconds)   # just before the camera comes back
start_feeder

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

# --- source state changes, by Hawker's log stamps ----------------------------------
# State-change lines name the source and its new state: "[12:00:06.100] warn:
# source net state=lost reason=...". Times are Hawker's stamps.
ERR="$T/hawker.err"
started=$(log_time "$ERR" 'show started')
[[ -n "$started" ]] || die "hawker never logged 'show started'"
info "feeder killed at +$(span_s "$started" "$KILLED") s, restarted at +$(span_s "$started" "$RESTARTED") s after the show started"
info "source net: $(log_times "$ERR" 'source net state=' | while read -r t; do printf '+%s ' "$(span_s "$started" "$t")"; done)-> $(grep -o 'source net state=[a-z]*' "$ERR" | cut -d= -f2 | tr '\n' ' ')"

lost_at=$(log_time "$ERR" 'source net state=(lost|stalled)' "$KILLED")
if [[ -n "$lost_at" ]]; then
    ok "source reported lost/stalled $(span_s "$KILLED" "$lost_at") s after the feeder was killed"
    check "source reaches state=lost during the gap" test -n "$(log_time "$ERR" 'source net state=lost' "$KILLED")"
else
    fail "no 'lost'/'stalled' state change for source net after the feeder was killed"
fi
live_at=$(log_time "$ERR" 'source net state=live' "$RESTARTED")
if [[ -n "$live_at" ]]; then
    back=$(span_s "$RESTARTED" "$live_at")
    check "source live again ${back} s after the feeder restarted (<= ${LIVE_WITHIN_S} s)" fcmp "$back <= $LIVE_WITHIN_S"
else
    fail "no 'state=live' for source net after the feeder restarted"
fi

src_line=$(grep -E '^source id=net ' "$T/hawker.out" | tail -n1)
info "final: $src_line"
reconnects=$(item_value "$T/hawker.out" source net reconnects)
lost_ms=$(item_value "$T/hawker.out" source net lost_ms)
check "source summary reconnects=$reconnects (>= 1)" test "${reconnects:-0}" -ge 1
gap_ms=$(calc "$(span_s "$KILLED" "$RESTARTED") * 1000")
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

# --- the "signal lost" tag --------------------------------------------------------------
# Hawker logs "program t=4600ms source net signal lost" when the tag goes on
# (no frame for the 1 s grace) and "... signal back" when it goes off. The
# recording has one frame per program tick from t=0, so frame N is program
# time N/FPS: the frames around those times must show the change.
tag_on_ms=$(sed -n 's/.*program t=\([0-9]*\)ms source net signal lost.*/\1/p' "$ERR" | head -n1)
tag_off_ms=$(sed -n 's/.*program t=\([0-9]*\)ms source net signal back.*/\1/p' "$ERR" | head -n1)
tag_on_at=$(log_time "$ERR" 'source net signal lost' "$KILLED")
if [[ -n "$tag_on_ms" && -n "$tag_off_ms" && -n "$tag_on_at" ]]; then
    ok "the tag went on at program ${tag_on_ms} ms and off at ${tag_off_ms} ms"
    tag_after=$(span_s "$KILLED" "$tag_on_at")
    # The kill is seen once the UDP buffer is drained; the tag follows 1 s after the last frame.
    check "the tag went on ${tag_after} s after the feeder was killed (<= 2.5 s)" fcmp "$tag_after <= 2.5"
    check "the tag went off after the feeder restarted" test -n "$(log_time "$ERR" 'source net signal back' "$RESTARTED")"
    # One gap, one tag: a stale packet the demuxer hands out when the read
    # times out must not switch the tag off (and on again) inside the gap.
    tag_ons=$(grep -c 'source net signal lost' "$ERR")
    tag_offs=$(grep -c 'source net signal back' "$ERR")
    check "the tag went on once and off once (on=$tag_ons off=$tag_offs)" test "$tag_ons" -eq 1 -a "$tag_offs" -eq 1
    # frame_at MS NAME: the recording's frame at program time MS as $T/NAME.png.
    frame_at() {
        ffmpeg -v error -nostdin -y -i "$REC" -vf "select=eq(n\\,$(($1 * FPS / 1000)))" -frames:v 1 "$T/$2.png" 2>/dev/null
    }
    # The tag: a red box with white text in the middle of the 360x640 picture (2/3 of its width).
    TAG_BOX="60 296 300 344" TOP_BOX="0 0 360 200"
    redness() { awk -v c="$1" 'BEGIN { if (split(c, x, " ") != 3) { print -999; exit } m = (x[2] > x[3]) ? x[2] : x[3]; printf "%.0f", x[1] - m }'; }
    luma() { awk -v c="$1" 'BEGIN { split(c, x, " "); printf "%.1f", 0.2126 * x[1] + 0.7152 * x[2] + 0.0722 * x[3] }'; }
    frame_at $((tag_on_ms - 200)) before
    frame_at $(((tag_on_ms + tag_off_ms) / 2)) during
    frame_at $((tag_off_ms + 500)) after
    red_before=$(redness "$("$PROBE" mean "$T/before.png" $TAG_BOX)")
    red_during=$(redness "$("$PROBE" mean "$T/during.png" $TAG_BOX)")
    red_after=$(redness "$("$PROBE" mean "$T/after.png" $TAG_BOX)")
    check "no tag on the frozen frame before the grace ran out (redness $red_before, < 40)" \
        test "$red_before" -gt -999 -a "$red_before" -lt 40
    check "the red 'signal lost' tag on the frozen frame during the gap (redness $red_during, >= 80)" \
        test "$red_during" -ge 80
    check "no tag once the signal is back (redness $red_after, < 40)" test "$red_after" -gt -999 -a "$red_after" -lt 40
    dim_before=$(luma "$("$PROBE" mean "$T/before.png" $TOP_BOX)")
    dim_during=$(luma "$("$PROBE" mean "$T/during.png" $TOP_BOX)")
    check "the tagged picture is dimmed (luma ${dim_during} vs ${dim_before} before: <= 0.6x)" \
        fcmp "$dim_during > 0 && $dim_during <= 0.6 * $dim_before"
else
    fail "no 'signal lost' / 'signal back' lines for source net in the log (on=${tag_on_ms:-none} off=${tag_off_ms:-none})"
fi

finish
