#!/usr/bin/env bash
# The console's frame pacing, on a virtual X display driven with xdotool:
#   - left alone, the desk draws at the feed's rate, about 10 frames a second
#     (everything it shows changes at most that often), not 30;
#   - moving the mouse brings back 30 frames a second, for about a second after
#     the last move;
#   - a click on an idle desk is acted on at once: the TAKE it sends is logged
#     within 0.5 s of the click (Hawker's log stamp against the moment the test
#     clicked), not a whole idle frame or more later;
#   - the summary's figures add up: idle frames at most 10.5 a second of the
#     run, full-rate frames at most 31 a second of the time the mouse was
#     busy (plus its second of grace), and fewer frames in all than 30 a second
#     would have drawn.
#   - when the program is short of CPU (its encode held 50 ms a frame by a test
#     fault, so it drops frames, short of CPU from its start to its end), the
#     desk gives way: from "show started in the console" to "console closing"
#     (Hawker's own stamps), the idle desk draws about 5 frames a second
#     (thrifty_frames), not 10.
source "$(dirname "$0")/lib.sh"
require_hawker
command -v Xvfb >/dev/null 2>&1 || skip "Xvfb is not installed (apt-get install xvfb): the console needs an X display"
require_tools ffmpeg xdotool

export HAWKER_CONFIG_DIR="$T/config"
mkdir -p "$HAWKER_CONFIG_DIR"

show() { # show RECORDING
    cat <<TOML
[show]
name = "console pacing"
[canvas]
width = 360
height = 640
fps = 30
[[sources]]
id = "host"
format = "lavfi"
url = "testsrc2=size=360x640:rate=30"
[[scenes]]
id = "main"
layers = [ { kind = "source", source = "host", rect = [0, 0, 360, 640], fit = "cover" } ]
[program]
scene = "main"
preview = "main"
transition = "cut"
$(encoder_block 600 1)
[[outputs]]
id = "record"
kind = "record"
path = "$1"
TOML
}
show "$T/learn.mkv" > "$T/learn.toml"
show "$T/program.mkv" > "$T/show.toml"

start_xvfb

# --- where TAKE is (a first run's screenshot log) ------------------------------------------------
learn_console "$T/learn.toml" --size 1280x800 --after-frames 20
TAKE_AT=$(center_in "$T/learn.out" switcher_take)
[[ -n "$TAKE_AT" ]] || die "the console did not say where TAKE is"

# --- the paced run ----------------------------------------------------------------------------
xd() { timeout 5 xdotool "$@"; }
xd mousemove 5 795 # out of the way before the window opens: no hover, no tooltip
hawker_bg run gui "$T/show.toml" --overwrite --who tester --size 1280x800
RUN_PID=$HAWKER_PID
wait_until 30 grep -q 'console: OpenGL' "$T/run.err" || die "the console did not open a window"
wait_until 20 grep -q 'timeline output record live' "$T/run.log" || die "the recording did not start"
START=$(day_seconds)
sleep 6 # idle

# Busy: the mouse moves every 0.1 s for 3 s, over an empty part of the desk.
BUSY_FROM=$(day_seconds)
for ((i = 0; i < 30; i++)); do
    xd mousemove $((20 + i * 3)) 790
    sleep 0.1
done
BUSY_TO=$(day_seconds)
sleep 3 # idle again: the full rate ends a second after the last move

# A click on the idle desk: move and press in one xdotool call.
read -r TX TY <<< "$TAKE_AT"
CLICKED=$(day_seconds)
xd mousemove "$TX" "$TY" click 1
wait_until 5 grep -q 'command take by tester (operator) .*: ok' "$T/run.log"
TAKEN=$(log_time "$T/run.err" 'command take by tester \(operator\)')
sleep 2
STOPPED=$(day_seconds)
kill -TERM "$RUN_PID" 2>/dev/null
wait_pid "$RUN_PID" 60
check "the console ends cleanly on SIGTERM (exit $WAIT_RC)" test "$WAIT_RC" -eq 0

LINE=$(grep '^console frames=' "$T/run.out" | tail -n1)
val() { tr ' ' '\n' <<< "$LINE" | sed -n "s/^$1=//p"; }
FRAMES=$(val frames); IDLE=$(val idle_frames)
check "the console printed its frame counts ('$LINE')" is_number "${FRAMES:-x}"
check "  and how many of them were idle ones" is_number "${IDLE:-x}"
is_number "${FRAMES:-x}" || FRAMES=0
is_number "${IDLE:-x}" || IDLE=0
FULL=$((FRAMES - IDLE))
RUN_S=$(span_s "$START" "$STOPPED")
BUSY_S=$(span_s "$BUSY_FROM" "$BUSY_TO")
info "$FRAMES frames in about $RUN_S s: $IDLE idle, $FULL at the full rate; the mouse was busy for $BUSY_S s"
check "idle frames came at the feed's rate (${IDLE} in ${RUN_S} s, at most 10.5 a second)" \
    fcmp "$IDLE > 0 && $IDLE <= 10.5 * ($RUN_S + 2)"
check "the idle stretches were drawn idle (${IDLE} idle frames, at least 4 a second of the 9 idle seconds)" \
    fcmp "$IDLE >= 36"
check "moving the mouse brought back 30 frames a second ($FULL full-rate frames, at least 15 a second of $BUSY_S s)" \
    fcmp "$FULL >= 15 * $BUSY_S"
check "  and only while busy, plus a second of grace per burst (at most 31 a second of $BUSY_S + 3.5 s)" \
    fcmp "$FULL <= 31 * ($BUSY_S + 3.5)"
check "fewer frames in all than 30 a second would have drawn ($FRAMES, at most 3/4 of $(calc "30 * $RUN_S"))" \
    fcmp "$FRAMES < 0.75 * 30 * $RUN_S"
if [[ -n "$TAKEN" ]]; then
    LAG=$(span_s "$CLICKED" "$TAKEN")
    check "a click on the idle desk was acted on at once (the TAKE logged ${LAG} s after the click)" \
        fcmp "$LAG >= -0.05 && $LAG <= 0.5"
else
    fail "the click on TAKE sent no take"
fi

# --- short of CPU: the idle desk draws half as often -----------------------------------------
show "$T/short.mkv" > "$T/short.toml"
xd mousemove 5 795
export HAWKER_INJECT_FAULTS="encoder.tick:program~50"
hawker_bg short gui "$T/short.toml" --overwrite --who tester --size 1280x800
SHORT_PID=$HAWKER_PID
unset HAWKER_INJECT_FAULTS
wait_until 30 grep -q 'console: OpenGL' "$T/short.err" || die "the console did not open a window (short of CPU)"
wait_until 15 grep -q 'short of CPU' "$T/short.err" || fail "the held encode never made the program short of CPU"
sleep 6 # idle, short of CPU
kill -TERM "$SHORT_PID" 2>/dev/null
wait_pid "$SHORT_PID" 60
check "the console short of CPU ends cleanly on SIGTERM (exit $WAIT_RC)" test "$WAIT_RC" -eq 0
LINE=$(grep '^console frames=' "$T/short.out" | tail -n1)
FRAMES=$(val frames); THRIFTY=$(val thrifty_frames)
STARTED_AT=$(log_time "$T/short.err" 'show started in the console')
CLOSING_AT=$(log_time "$T/short.err" 'console closing')
if is_number "${FRAMES:-x}" && is_number "${THRIFTY:-x}" && [[ -n "$STARTED_AT" && -n "$CLOSING_AT" ]]; then
    SHORT_S=$(span_s "$STARTED_AT" "$CLOSING_AT")
    # Short of CPU from the start (program-first) to the end: nearly every frame is a thrifty one.
    check "short of CPU, the desk's frames were thrifty ones ($THRIFTY of $FRAMES)" fcmp "$THRIFTY >= 0.8 * $FRAMES"
    check "  the idle desk drew at most 7.5 frames a second ($FRAMES in $SHORT_S s), not 10" \
        fcmp "$FRAMES <= 7.5 * $SHORT_S && $SHORT_S >= 8"
    check "  and kept drawing (at least 3 a second)" fcmp "$FRAMES >= 3 * $SHORT_S"
else
    fail "no frame counts ('$LINE'), or no 'show started in the console' / 'console closing' in the log"
fi
finish
