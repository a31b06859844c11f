#!/usr/bin/env bash
# A layout edited on screen, driven with xdotool on a virtual X display: the
# operator drags the product's picture-in-picture (a red camera over the blue
# host) to a new place on the preview monitor, waits, takes it, and saves the
# show file. Then:
#   - the program recording shows the PiP where it was until the TAKE (the
#     edit was on the preview only), and at its new place after it;
#   - the new place is on the 10 px grid (snapping);
#   - the saved show file has the new rect, keeps every comment, and differs
#     from the original in that one line only.
# The places to press are learnt from a first run's screenshot log (the
# console prints where it drew the PiP's box, TAKE and Save).
source "$(dirname "$0")/lib.sh"
require_hawker
command -v Xvfb >/dev/null 2>&1 || skip "Xvfb is not installed (apt-get install xvfb): the console needs an X display"
require_tools ffmpeg xdotool python3
require_png_probe

export HAWKER_CONFIG_DIR="$T/config"
mkdir -p "$HAWKER_CONFIG_DIR"
# The Layout panel open and the monitor in edit mode, as an operator leaves them.
printf '[Hawker][Settings]\nOpen.Layout=1\nLayoutEdit=1\nLanguage=zh-CN\n\n' > "$HAWKER_CONFIG_DIR/console-operator.ini"

# show RECORDING: the show file, with comments an operator wrote.
show() {
    cat <<TOML
# 直播间布局 — the studio's own notes stay in this file.
[show]
name = "layout edit"

[canvas]
width = 360
height = 640
fps = 30

# The host's camera (blue) and the product's (red).
[[sources]]
id = "host"
format = "lavfi"
url = "color=c=0x2040c0:size=360x640:rate=30"

[[sources]]
id = "item"
format = "lavfi"
url = "color=c=0xd02020:size=180x320:rate=30"

[[scenes]]
id = "main"
name = "主播 + 商品"
layers = [
  { kind = "source", source = "host", rect = [0, 0, 360, 640], fit = "cover" },
  # the product's picture-in-picture, top right
  { kind = "source", source = "item", rect = [230, 80, 110, 190], fit = "cover" },
]

[[scenes]]
id = "close"
layers = [ { kind = "source", source = "item", rect = [0, 0, 360, 640], fit = "cover" } ]

[program]
scene = "main"
preview = "main"   # the operator edits the scene on air, on the preview
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
cp "$T/show.toml" "$T/show.orig.toml"

start_xvfb

# --- 1. where the console draws the PiP's box, TAKE and Save ----------------------------------
# The desk in Chinese, as its operators use it: the places come from the console, whatever the words.
learn_console "$T/learn.toml" --size 1600x1000 --lang zh-CN --after-frames 40
PIP=$(region "$T/learn.out" layer:main:1)
MONITOR=$(region "$T/learn.out" preview_monitor)
TAKE_AT=$(center_in "$T/learn.out" switcher_take)
SAVE_AT=$(center_in "$T/learn.out" layout_save)
check "the preview monitor outlines the PiP in edit mode ('$PIP' in '$MONITOR')" test -n "$PIP" -a -n "$MONITOR"
check "TAKE ('$TAKE_AT') and Save ('$SAVE_AT') are on screen" test -n "$TAKE_AT" -a -n "$SAVE_AT"
[[ -n "$PIP" && -n "$MONITOR" && -n "$TAKE_AT" && -n "$SAVE_AT" ]] || die "cannot drive the console without its places"

# The drag: from the PiP's middle to where its middle lands at canvas (100, 460), bottom left, where no
# guide is within reach of its edges: it lands on the 10 px grid.
read -r MX0 MY0 MX1 MY1 <<< "$MONITOR"
read -r PX0 PY0 PX1 PY1 <<< "$PIP"
FROM_X=$(((PX0 + PX1) / 2)); FROM_Y=$(((PY0 + PY1) / 2))
TO_X=$(awk -v a="$MX0" -v b="$MX1" 'BEGIN { printf "%d", a + 100 * (b - a) / 360 }')
TO_Y=$(awk -v a="$MY0" -v b="$MY1" 'BEGIN { printf "%d", a + 460 * (b - a) / 640 }')
info "drag from $FROM_X,$FROM_Y to $TO_X,$TO_Y (preview monitor $MONITOR)"

# --- 2. the edit, driven by the mouse ---------------------------------------------------------
hawker_bg run gui "$T/show.toml" --overwrite --who tester --size 1600x1000 --lang zh-CN \
    --screenshot "$T/run.png" --after-frames 100000
RUN_PID=$HAWKER_PID
wait_until 30 grep -q 'console: OpenGL' "$T/run.err" || die "the console did not open a window"
wait_until 20 grep -q 'timeline output record live' "$T/run.log" || die "the recording did not start"
sleep 2
xd() { timeout 5 xdotool "$@"; }
xd mousemove "$FROM_X" "$FROM_Y"; sleep 0.3
xd mousedown 1; sleep 0.3
for step in 1 2 3 4 5 6 7 8; do
    xd mousemove "$((FROM_X + (TO_X - FROM_X) * step / 8))" "$((FROM_Y + (TO_Y - FROM_Y) * step / 8))"
    sleep 0.1
done
sleep 0.3
xd mouseup 1
wait_until 5 grep -q 'command layout.move main by tester (operator) .*: ok' "$T/run.log"
check "the drag sent layout.move, accepted" grep -q 'command layout.move main by tester (operator) .*: ok' "$T/run.log"
sleep 3 # on the preview only, for three seconds of the recording
xd mousemove $TAKE_AT; sleep 0.3; xd click 1
wait_until 5 grep -q 'command take by tester (operator) .*: ok' "$T/run.log"
check "TAKE was clicked" grep -q 'command take by tester (operator) .*: ok' "$T/run.log"
sleep 2
xd mousemove $SAVE_AT; sleep 0.3; xd click 1
wait_until 5 grep -q 'command show.save by tester (operator) .*: ok' "$T/run.log"
check "Save show file was clicked, and saved" grep -q 'command show.save by tester (operator) .*: ok' "$T/run.log"
sleep 1
# Save again with the file moved away: the command is refused, and the desk says so in its language
# (the log keeps the English). The file goes back before anything reads it.
mv "$T/show.toml" "$T/show.saved.toml"
xd mousemove $SAVE_AT; sleep 0.3; xd click 1
wait_until 5 grep -q 'console: show.save: ' "$T/run.err"
mv "$T/show.saved.toml" "$T/show.toml"
check "a Save that cannot write is refused, in English in the log" grep -q 'command show.save by tester (operator) .*refused: show.save: ' "$T/run.log"
check "  and in Chinese on the desk" grep -q 'console: show.save: show.save：无法读取 show.toml' "$T/run.err"
sleep 1
kill -TERM "$RUN_PID" 2>/dev/null
wait_pid "$RUN_PID" 60
check "the console ends cleanly on SIGTERM (exit $WAIT_RC)" test "$WAIT_RC" -eq 0

# --- 3. the saved show file -------------------------------------------------------------------
NEW_RECT=$(python3 -c '
import sys, tomllib
show = tomllib.load(open(sys.argv[1], "rb"))
main = [s for s in show["scenes"] if s["id"] == "main"][0]
print(*main["layers"][1]["rect"])' "$T/show.toml" 2>> "$T/python.err")
read -r NX NY NW NH <<< "$NEW_RECT"
check "the saved file has the PiP's new rect ($NEW_RECT)" test -n "$NEW_RECT" -a "$NEW_RECT" != "230 80 110 190"
check "  moved to the bottom left (x $NX, y $NY)" fcmp "${NX:-999} < 150 && ${NY:-0} > 300"
check "  on the 10 px grid, its size kept ($NX, $NY, $NW x $NH)" \
    test "$((${NX:-1} % 10)) $((${NY:-1} % 10)) $NW $NH" = "0 0 110 190"
missing=0
while IFS= read -r comment; do
    grep -qF -- "$comment" "$T/show.toml" || missing=$((missing + 1))
done < <(grep -o '#.*' "$T/show.orig.toml")
check "every comment of the file is still there ($missing missing)" test "$missing" -eq 0
changed=$(diff "$T/show.orig.toml" "$T/show.toml" | grep -c '^[<>]')
check "the diff is the one changed line ($changed lines differ)" test "$changed" -eq 2
diff "$T/show.orig.toml" "$T/show.toml" > "$T/show.diff"
check "  and it is the PiP's rect" grep -q "^> .*source = \"item\", rect = \[$NX, $NY, $NW, $NH\]" "$T/show.diff"

# --- 4. the program recording -----------------------------------------------------------------
# Program times from Hawker's log: the move, the TAKE (the recording starts at program time 0).
t_of() { grep -m1 "command $1 by tester" "$T/run.log" | sed -E 's/.* at t=([0-9]+)ms.*/\1/'; }
MOVE_MS=$(t_of "layout.move main"); TAKE_MS=$(t_of take)
check "the take came after the move (move t=${MOVE_MS}ms, take t=${TAKE_MS}ms)" fcmp "${MOVE_MS:-0} > 0 && ${TAKE_MS:-0} > ${MOVE_MS:-0} + 2000"
frame_at() { ffmpeg -v error -nostdin -y -ss "$1" -i "$T/program.mkv" -frames:v 1 "$2"; }
OLD_X=285; OLD_Y=175; NEW_X=$((NX + NW / 2)); NEW_Y=$((NY + NH / 2))
between=$(awk -v a="$MOVE_MS" -v b="$TAKE_MS" 'BEGIN { printf "%.3f", (a + b) / 2000 }')
after=$(awk -v b="$TAKE_MS" 'BEGIN { printf "%.3f", b / 1000 + 1.0 }')
frame_at "$between" "$T/between.png"; frame_at "$after" "$T/after.png"
c_old=$(mean_around "$T/between.png" $OLD_X $OLD_Y); c_new=$(mean_around "$T/between.png" $NEW_X $NEW_Y)
check "between the move and the TAKE (${between} s) the program still has the PiP at its old place (rgb $c_old)" is_red "$c_old"
check "  and nothing at the new one (rgb $c_new)" is_blue "$c_new"
c_old=$(mean_around "$T/after.png" $OLD_X $OLD_Y); c_new=$(mean_around "$T/after.png" $NEW_X $NEW_Y)
check "after the TAKE (${after} s) the program shows the PiP at its new place (rgb $c_new)" is_red "$c_new"
check "  and the old place is the host's again (rgb $c_old)" is_blue "$c_old"
finish
