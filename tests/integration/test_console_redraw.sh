#!/usr/bin/env bash
# The console draws and shows only what changed, on a virtual X display with
# Mesa's software OpenGL (llvmpipe), driven with xdotool.
#
# With HAWKER_CONSOLE_CHECK_REDRAW=1 the console draws every frame it drew in
# part a second time whole and compares the two pictures pixel for pixel, and
# reads back from the X server what the window shows and compares it with the
# frame. A live show runs for about 10 s while the monitors change, the mouse
# moves over the desk (hover colours), TAKE is clicked and a menu opens and
# closes (a window appears and goes), and the window is unmapped and mapped
# again (the X server loses its pixels). Checked:
#   - the log says the desk draws only what changed;
#   - most frames were drawn in part, and on average well under the whole
#     window was drawn (the idle monitors change, the rest mostly not);
#   - not one frame drawn in part differed from the whole frame, and not one
#     window picture differed from the frame drawn, the one after the window
#     came back included;
#   - HAWKER_CONSOLE_WHOLE_FRAMES=1 draws every frame whole, and says so.
source "$(dirname "$0")/lib.sh"
require_hawker
command -v Xvfb >/dev/null 2>&1 || skip "Xvfb is not installed (apt-get install xvfb): the console needs an X display"
require_tools ffmpeg xdotool

export HAWKER_CONFIG_DIR="$T/config"
mkdir -p "$HAWKER_CONFIG_DIR"

show() { # show RECORDING
    cat <<TOML
[show]
name = "console redraw"
[canvas]
width = 360
height = 640
fps = 30
[[sources]]
id = "host"
format = "lavfi"
url = "testsrc2=size=360x640:rate=30"
[[sources]]
id = "table"
format = "lavfi"
url = "smptebars=size=360x640:rate=30"
[[scenes]]
id = "main"
layers = [ { kind = "source", source = "host", rect = [0, 0, 360, 640], fit = "cover" } ]
[[scenes]]
id = "table"
layers = [ { kind = "source", source = "table", rect = [0, 0, 360, 640], fit = "cover" } ]
[program]
scene = "main"
preview = "table"
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
read -r TX TY <<< "$TAKE_AT"

# --- the checked run ----------------------------------------------------------------------------
xd() { timeout 5 xdotool "$@"; }
xd mousemove 5 795
HAWKER_CONSOLE_CHECK_REDRAW=1 hawker_bg run gui "$T/show.toml" --overwrite --who tester --size 1280x800
RUN_PID=$HAWKER_PID
wait_until 30 grep -q 'console: OpenGL' "$T/run.err" || die "the console did not open a window"
wait_until 20 grep -q 'timeline output record live' "$T/run.log" || die "the recording did not start"
sleep 3 # idle: only the monitors change
for ((i = 0; i < 20; i++)); do # the mouse over the desk: hover colours come and go
    xd mousemove $((40 + i * 55)) $((150 + (i % 5) * 120))
    sleep 0.1
done
xd mousemove "$TX" "$TY" click 1 # TAKE: the program and preview change over
wait_until 5 grep -q 'command take by tester (operator) .*: ok' "$T/run.log" || fail "the click on TAKE sent no take"
sleep 1
xd mousemove 20 10 click 1 # the Show menu opens (a new window)
sleep 1
xd key Escape # and closes
xd mousemove 5 795
sleep 1
# Unmapped and mapped again: the X server has lost the window's pixels, and the desk must show them all
# again from its back buffer (not only what changed since).
WINDOW_ID=$(timeout 5 xdotool search --pid "$RUN_PID" 2>/dev/null | head -n1)
# Six times, at uneven moments, so that some come back between a frame's events and its copies (the
# expose then waits for the next frame, which shows the window whole).
if [[ -n "$WINDOW_ID" ]]; then
    for pause in 0.5 0.13 0.31 0.07 0.23 0.41; do
        xd windowunmap --sync "$WINDOW_ID"
        sleep "$pause"
        xd windowmap --sync "$WINDOW_ID"
        sleep "$pause"
    done
else
    fail "xdotool found no window of the console (pid $RUN_PID)"
fi
sleep 2
kill -TERM "$RUN_PID" 2>/dev/null
wait_pid "$RUN_PID" 60
check "the console ends cleanly on SIGTERM (exit $WAIT_RC)" test "$WAIT_RC" -eq 0

check "the log says the desk draws only what changed" grep -q 'console: draws and shows only what changed' "$T/run.err"
LINE=$(grep '^console frames=' "$T/run.out" | tail -n1)
val() { tr ' ' '\n' <<< "$LINE" | sed -n "s/^$1=//p"; }
FRAMES=$(val frames) PART=$(val partial_frames) SHARE=$(val drawn_share)
CHECKED=$(val redraw_checked) MISMATCHES=$(val redraw_mismatches)
WINDOW_CHECKED=$(val window_checked) WINDOW_MISMATCHES=$(val window_mismatches)
info "$LINE"
for v in FRAMES PART SHARE CHECKED MISMATCHES WINDOW_CHECKED WINDOW_MISMATCHES; do
    is_number "${!v:-x}" || { fail "the summary has no number for $v ('$LINE')"; printf -v "$v" '%s' -1; }
done
check "most frames were drawn in part ($PART of $FRAMES)" fcmp "$PART >= 0.6 * $FRAMES && $FRAMES >= 30"
check "on average well under the whole window was drawn (share $SHARE, at most 0.6)" fcmp "$SHARE > 0 && $SHARE <= 0.6"
check "frames drawn in part were each compared with the whole frame ($CHECKED)" fcmp "$CHECKED >= 30"
check "  and none differed ($MISMATCHES)" test "$MISMATCHES" -eq 0
check "what the window showed was read back and compared ($WINDOW_CHECKED times)" fcmp "$WINDOW_CHECKED >= 30"
check "  and it was the frame drawn every time ($WINDOW_MISMATCHES)" test "$WINDOW_MISMATCHES" -eq 0
check "no difference was logged" bash -c "! grep -E 'differs from the whole frame|the window shows' '$T/run.err'"

# --- the whole-frame switch -----------------------------------------------------------------------
HAWKER_CONSOLE_WHOLE_FRAMES=1 hawker_fg whole 90 gui "$T/learn.toml" --overwrite --who tester \
    --size 1280x800 --screenshot "$T/whole.png" --after-frames 20
check "with HAWKER_CONSOLE_WHOLE_FRAMES=1 the console ran (exit $HAWKER_RC)" test "$HAWKER_RC" -eq 0
check "  and said it draws every frame whole" grep -q 'console: draws every frame whole (HAWKER_CONSOLE_WHOLE_FRAMES=1)' "$T/whole.err"
check "  and drew no frame in part" grep -q '^console frames=.* partial_frames=0 ' "$T/whole.out"
finish
