#!/usr/bin/env bash
# The console (hawker gui) on a virtual X display: an operator drives a show
# with the keyboard (hotkeys to preview, Space to take) while a merchandiser
# approves and the operator pops a card over the API; the console's
# screenshot must show the tally, the card in the program monitor as it is in
# the recording, and the Chinese product names as real glyphs. The keys must
# reach the audit log as the operator's commands, the layout must be saved.
# Then the merchandiser's review and the host's prompter open and close
# cleanly, and bad command lines are refused.
#
# Screenshots, logs and the recording stay in $T (HAWKER_KEEP_TMP=1 keeps it).
source "$(dirname "$0")/lib.sh"
require_hawker
# The console needs an X display, and this test makes its own with Xvfb.
# Without it the test cannot run at all: it says so and exits 77, which ctest
# reports as skipped (SKIP_RETURN_CODE in tests/CMakeLists.txt), never passed.
command -v Xvfb >/dev/null 2>&1 || skip "Xvfb is not installed (apt-get install xvfb): the console needs an X display"
require_tools xdotool curl sqlite3 ffmpeg ffprobe
require_png_probe
FONT=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
[[ -r "$FONT" ]] || die "CJK font missing: $FONT (fonts-noto-cjk)"
STARTED=$EPOCHREALTIME

export HAWKER_CONFIG_DIR="$T/config"
export HAWKER_TEST_OPERATOR_TOKEN="$(random_token op)"
export HAWKER_TEST_MERCH_TOKEN="$(random_token me)"
OP=$HAWKER_TEST_OPERATOR_TOKEN; ME=$HAWKER_TEST_MERCH_TOKEN

# --- the show: four flat-colour cameras, scenes one / two / quad ---------------------
declare -A CAM_RGB=([cam1]="30 80 160" [cam2]="192 128 32" [cam3]="128 128 128" [cam4]="128 48 160")
declare -A SCENE_SOURCES=([one]="cam1" [two]="cam2" [quad]="cam1 cam2 cam3 cam4")
TALLY_RED="230 40 40"; TALLY_GREEN="40 200 70"
SERUM_NAME="小棕瓶精华液 修护抗初老 50ml"
CREAM_NAME="保湿面霜 水润滋养 30g"

UDP_PORT=$(pick_port); UDP_PORT2=$(pick_port)
cat > "$T/show.toml" <<EOF
[show]
name = "gui smoke"

[canvas]
width = 720
height = 1280
fps = 30

[[sources]]
id = "cam1"
format = "lavfi"
url = "color=c=0x1e50a0:size=1280x720:rate=30"

[[sources]]
id = "cam2"
format = "lavfi"
url = "color=c=0xc08020:size=1280x720:rate=30"

[[sources]]
id = "cam3"
format = "lavfi"
url = "color=c=0x808080:size=1280x720:rate=30"

[[sources]]
id = "cam4"
format = "lavfi"
url = "color=c=0x8030a0:size=1280x720:rate=30"

[[scenes]]
id = "one"
hotkey = "1"
layers = [ { kind = "source", source = "cam1", rect = [0, 0, 720, 1280], fit = "cover" } ]
slots = [ { name = "card", anchor = "bottom", size = [560, 220] } ]

[[scenes]]
id = "two"
hotkey = "2"
layers = [ { kind = "source", source = "cam2", rect = [0, 0, 720, 1280], fit = "cover" } ]
slots = [ { name = "card", anchor = "bottom", size = [560, 220] } ]

[[scenes]]
id = "quad"
hotkey = "3"
layers = [
  { kind = "source", source = "cam1", rect = [0, 0, 360, 640], fit = "cover" },
  { kind = "source", source = "cam2", rect = [360, 0, 360, 640], fit = "cover" },
  { kind = "source", source = "cam3", rect = [0, 640, 360, 640], fit = "cover" },
  { kind = "source", source = "cam4", rect = [360, 640, 360, 640], fit = "cover" },
]

[program]
scene = "one"
preview = "two"
transition = "cut"

$(encoder_block 1200 1)

[[outputs]]
id = "record"
kind = "record"
path = "$T/program.mkv"

# A studio's usual three: the recording, the main platform and a second one's rendition (UDP on loopback
# here, nobody listening).
[[outputs]]
id = "push"
kind = "udp"
url = "udp://127.0.0.1:$UDP_PORT"

[[outputs]]
id = "second"
kind = "udp"
url = "udp://127.0.0.1:$UDP_PORT2"
[outputs.encode]
width = 360
height = 640
bitrate_kbps = 600

[[products]]
sku = "SERUM-50"
name = "$SERUM_NAME"
price_cents = 29900
original_price_cents = 45900
stock = 500
link = 3

[[products]]
sku = "CREAM-30"
name = "$CREAM_NAME"
price_cents = 15900
stock = 800
link = 5

[compliance]
approver_roles = ["merchandiser"]

# The cameras added and re-pointed from the desk are lavfi pictures: listed on purpose.
[security]
source_protocols = ["srt", "rtmp", "rtmps", "rtsp", "udp", "lavfi"]

[api]
bind = "127.0.0.1"
port = 0
tokens = [
  { name = "deck", role = "operator", token_env = "HAWKER_TEST_OPERATOR_TOKEN" },
  { name = "lin", role = "merchandiser", token_env = "HAWKER_TEST_MERCH_TOKEN" },
]
EOF

# --- helpers ----------------------------------------------------------------------------
probe() { "$PROBE" "$@" 2>> "$T/probe.log"; }
q() { sqlite3 "$T/hawker.db" "$1"; }

API_BASE=""
state_json() { curl -s -m 5 -H "Authorization: Bearer $OP" "${API_BASE}state"; }
# state_field KEY: a top-level string of GET /state ("program", "preview").
state_field() { state_json | grep -o "\"$1\":\"[^\"]*\"" | head -n1 | cut -d'"' -f4; }
state_is() { [[ "$(state_field "$1")" == "$2" ]]; }
# post TOKEN PATH BODY: sets CODE and BODY.
post() {
    BODY=$(curl -s -m 10 -w '\n%{http_code}' -H "Authorization: Bearer $1" -X POST \
        -H 'Content-Type: application/json' --data-binary "$3" "$API_BASE$2")
    CODE=${BODY##*$'\n'}; BODY=${BODY%$'\n'*}
}
# tap_until KEY TIMEOUT_S COMMAND...: one short key tap (press and release at
# once, as a Stream Deck or a script sends it), then wait (bounded) until
# COMMAND succeeds. The console keeps every press between two frames.
tap_until() {
    local key="$1" timeout="$2"; shift 2
    timeout 5 xdotool key "$key" || return 1
    wait_until "$timeout" "$@"
}
no_gl_or_assert_errors() { ! grep -qiE 'GL error|Assertion|IM_ASSERT|imgui[a-z_]*\.(cpp|h):' "$1"; }

# --- a virtual display of our own (its number chosen by Xvfb: no clashes) -------------
start_xvfb

# --- 1. the operator's console ------------------------------------------------------------
FRAMES=300
hawker_bg op gui "$T/show.toml" --db "$T/hawker.db" --who tester --screenshot "$T/op.png" --after-frames $FRAMES
OP_PID=$HAWKER_PID
has_api_line() { grep -q '^api http://127\.0\.0\.1:[0-9]*/api/v1/$' "$T/op.out" || ! kill -0 "$OP_PID" 2>/dev/null; }
wait_until 30 has_api_line
API_BASE=$(sed -n 's|^api \(http://127\.0\.0\.1:[0-9]*/api/v1/\)$|\1|p' "$T/op.out" | head -n1)
[[ -n "$API_BASE" ]] || die "the console printed no api line within 30 s"
info "api at $API_BASE"
check "the console prints its session ($(grep -m1 '^session' "$T/op.out"))" grep -q '^session [0-9][0-9]*$' "$T/op.out"

post "$ME" approvals '{"card":"SERUM-50"}'
check "the merchandiser approves card SERUM-50 (got $CODE)" test "$CODE" = 200
post "$OP" cards/show '{"sku":"SERUM-50"}'
check "the operator puts the card on air (got $CODE: ${BODY:0:100})" test "$CODE" = 200

# Keys into the console window: 3 then 2 put scenes on preview, Space takes.
# Without a window manager the keyboard follows the pointer: put it on the window.
# (An empty spot of the Rundown panel: no hover, no tooltip over what is measured.)
timeout 5 xdotool mousemove 1300 170
check "hotkey 3 puts quad on preview" tap_until 3 5 state_is preview quad
sleep 0.3
check "hotkey 2 puts two on preview" tap_until 2 5 state_is preview two
sleep 0.3
check "Space takes two to program" tap_until space 5 state_is program two
sleep 0.5
PROGRAM_AFTER=$(state_field program)
PREVIEW_AFTER=$(state_field preview)
info "after the take: program=$PROGRAM_AFTER preview=$PREVIEW_AFTER"
check "the take swapped the buses (preview is now '$PREVIEW_AFTER', expected one)" test "$PREVIEW_AFTER" = one
# The same scene on both buses (a cut to what is in preview, then back) must
# not upset the console: its scene buttons show the program's colour.
post "$OP" cut '{"scene":"one"}'
check "a cut to the scene in preview is taken (got $CODE)" test "$CODE" = 200
sleep 0.5
check "the console keeps running with one scene on both buses" kill -0 "$OP_PID"
post "$OP" cut '{"scene":"two"}'
check "and cuts back to two (got $CODE)" test "$CODE" = 200
wait_until 5 state_is program two
# Sources panel's Reconnect is the source.reconnect command.
post "$OP" commands/source.reconnect '{"source":"cam3"}'
check "source.reconnect cam3 is accepted (got $CODE)" test "$CODE" = 200
post "$OP" commands/source.reconnect '{"source":"nope"}'
check "source.reconnect of an unknown source is refused (got $CODE)" test "$CODE" = 400
# The Sources panel's Edit is source.edit: cam4 now reads a yellow picture
# (its tile below must show it); a bad URL is refused and changes nothing.
post "$OP" commands/source.edit '{"source":"cam4","url":"color=c=0xc0c020:size=1280x720:rate=30","format":"lavfi"}'
check "source.edit re-points cam4 (got $CODE: ${BODY:0:80})" test "$CODE" = 200
post "$OP" commands/source.edit '{"source":"cam4","url":""}'
check "source.edit without a url is refused (got $CODE)" test "$CODE" = 400
CAM_RGB[cam4]="192 192 32"

wait_pid "$OP_PID" 60
check "the operator console exits 0 after its screenshot (got $WAIT_RC)" test "$WAIT_RC" -eq 0
[[ -s "$T/op.png" ]] || die "no screenshot $T/op.png"
check "it reports the screenshot ($(grep -m1 '^screenshot' "$T/op.out"))" \
    grep -q "^screenshot $T/op.png 1600x1000 frames=$FRAMES\$" "$T/op.out"
check "it prints the run's summary" grep -q '^summary frames=[1-9]' "$T/op.out"
check "and the console's frame times ($(grep -m1 '^console' "$T/op.out" | cut -c1-80))" \
    grep -q "^console frames=$FRAMES frame_ms_median=[0-9.]* frame_ms_p99=[0-9.]* build_ms_median=" "$T/op.out"
check "cam4 reconnected to its new input ($(grep -m1 '^source id=cam4' "$T/op.out" | cut -c1-70))" \
    grep -q '^source id=cam4 state=live .* reconnects=1 ' "$T/op.out"
check "cam3 reconnected once on request ($(grep -m1 '^source id=cam3' "$T/op.out" | cut -c1-70))" \
    grep -q '^source id=cam3 state=live .* reconnects=1 ' "$T/op.out"
check "cam1 did not (reconnects=0)" grep -q '^source id=cam1 state=live .* reconnects=0 ' "$T/op.out"
check "the recording was closed (output state=stopped)" \
    test "$(item_value "$T/op.out" output record state)" = stopped
read -r W H <<< "$(probe size "$T/op.png")"
check "the screenshot is 1600x1000 (${W:-?}x${H:-?})" test "${W:-0}x${H:-0}" = 1600x1000

# (a) tally: red on program, green on preview only, none otherwise. The stroke
# is ~5 px; its inner 3 px lie inside the tile's box.
declare -A ON_PROGRAM=() ON_PREVIEW=()
for s in ${SCENE_SOURCES[$PROGRAM_AFTER]:-}; do ON_PROGRAM[$s]=1; done
for s in ${SCENE_SOURCES[$PREVIEW_AFTER]:-}; do ON_PREVIEW[$s]=1; done
for cam in cam1 cam2 cam3 cam4; do
    box=$(region "$T/op.out" "tile:$cam")
    if [[ -z "$box" ]]; then fail "no region tile:$cam in the console's output"; continue; fi
    read -r x0 y0 x1 y1 <<< "$box"
    ring=$(probe border "$T/op.png" $box 3)
    inside=$(probe mean "$T/op.png" $((x0 + 20)) $((y0 + 15)) $((x1 - 20)) $((y1 - 30)))
    d_red=$(rgb_dist "$ring" "$TALLY_RED"); d_green=$(rgb_dist "$ring" "$TALLY_GREEN")
    if [[ -n "${ON_PROGRAM[$cam]:-}" ]]; then
        check "tile:$cam tally is red, on program (border $ring, $d_red from red)" fcmp "$d_red < 30"
    elif [[ -n "${ON_PREVIEW[$cam]:-}" ]]; then
        check "tile:$cam tally is green, on preview (border $ring, $d_green from green)" fcmp "$d_green < 30"
    else
        check "tile:$cam has no tally (border $ring: $d_red from red, $d_green from green)" \
            fcmp "$d_red > 80 && $d_green > 80"
    fi
    d_pic=$(rgb_dist "$inside" "${CAM_RGB[$cam]}")
    check "tile:$cam shows its camera (inside $inside, $d_pic from ${CAM_RGB[$cam]})" fcmp "$d_pic < 20"
done

# (b) the program monitor shows what the recording holds: camera 2 and the card.
ffmpeg -v error -nostdin -y -sseof -0.5 -i "$T/program.mkv" -frames:v 1 "$T/last.png" 2> "$T/ffmpeg.err"
PM=$(region "$T/op.out" program_monitor)
if [[ ! -s "$T/last.png" ]]; then
    fail "no frame from the end of $T/program.mkv ($(tail -n1 "$T/ffmpeg.err"))"
elif [[ -z "$PM" ]]; then
    fail "no region program_monitor in the console's output"
else
    read -r mx0 my0 mx1 my1 <<< "$PM"
    read -r FW FH <<< "$(probe size "$T/last.png")"
    info "program monitor $PM ($((mx1 - mx0))x$((my1 - my0))), recorded frame ${FW}x${FH}"
    check "the program monitor is 9:16 like the canvas ($((mx1 - mx0))x$((my1 - my0)))" \
        fcmp "($mx1 - $mx0) / ($my1 - $my0) > 0.55 && ($mx1 - $mx0) / ($my1 - $my0) < 0.575"
    # Where the card is: the rows of the recorded frame's lower half that are not camera 2.
    card_top=""; card_bottom=""
    for ((y = FH / 2; y + 16 <= FH; y += 16)); do
        d=$(rgb_dist "$(probe mean "$T/last.png" 0 $y "$FW" $((y + 16)))" "${CAM_RGB[cam2]}")
        if fcmp "$d > 30"; then
            [[ -z "$card_top" ]] && card_top=$y
            card_bottom=$((y + 16))
        fi
    done
    if [[ -z "$card_top" ]] || (( card_bottom - card_top < 100 )); then
        fail "no card in the recording's lower half (rows ${card_top:-none}..${card_bottom:-none})"
    else
        info "card rows in the recording: $card_top..$card_bottom of $FH"
        # The same rows in the monitor (it shows the whole canvas, scaled).
        sy0=$(awk -v a="$my0" -v b="$my1" -v y="$card_top" -v h="$FH" 'BEGIN{printf "%d", a + y * (b - a) / h}')
        sy1=$(awk -v a="$my0" -v b="$my1" -v y="$card_bottom" -v h="$FH" 'BEGIN{printf "%d", a + y * (b - a) / h}')
        d_card=$(probe diff "$T/op.png" "$mx0" "$sy0" "$mx1" "$sy1" "$T/last.png" 0 "$card_top" "$FW" "$card_bottom")
        check "the monitor's card rows match the recording's (mean abs diff ${d_card:-?} < 25)" \
            fcmp "${d_card:-999} < 25"
        card_rgb=$(probe mean "$T/op.png" "$mx0" "$sy0" "$mx1" "$sy1")
        d_cam=$(rgb_dist "$card_rgb" "${CAM_RGB[cam2]}")
        check "and they are not the plain camera (mean $card_rgb, $d_cam from cam2's colour > 40)" fcmp "$d_cam > 40"
    fi
    d_all=$(probe frame-vs "$T/last.png" "$T/op.png" $PM)
    check "the whole monitor matches the recorded frame (mean abs diff ${d_all:-?} < 25)" fcmp "${d_all:-999} < 25"
    top_rgb=$(probe mean "$T/op.png" $((mx0 + 5)) $((my0 + (my1 - my0) / 20)) $((mx1 - 5)) $((my0 + (my1 - my0) * 9 / 20)))
    d_top=$(rgb_dist "$top_rgb" "${CAM_RGB[cam2]}")
    check "the monitor's top is camera 2 (mean $top_rgb, $d_top from ${CAM_RGB[cam2]})" fcmp "$d_top < 20"
fi

# (c) Chinese product names drawn as glyphs, not tofu or '?'.
check "the card on air is marked in the Products panel (region product_on_air)" \
    test -n "$(region "$T/op.out" product_on_air)"
for sku in SERUM-50 CREAM-30; do
    if [[ $sku == SERUM-50 ]]; then name=$SERUM_NAME; else name=$CREAM_NAME; fi
    box=$(region "$T/op.out" "product_name:$sku")
    if [[ -z "$box" ]]; then fail "no region product_name:$sku in the console's output"; continue; fi
    real=$(probe text-similarity "$T/op.png" $box "$name" "$FONT" 17)
    tofu=$(probe text-similarity "$T/op.png" $box --boxes "$name" "$FONT" 17)
    check "product_name:$sku reads '$name' (similarity ${real:-?} > 0.5)" fcmp "${real:--1} > 0.5"
    check "and looks nothing like tofu (boxes ${tofu:-?}, at least 0.3 lower)" fcmp "${real:--1} - ${tofu:-1} >= 0.3"
done

# (d) the Outputs panel shows its three outputs and two encodes without scrolling.
read -r ox0 oy0 ox1 oy1 <<< "$(region "$T/op.out" outputs_panel)"
check "the Outputs panel is on screen (region '$ox0 $oy0 $ox1 $oy1')" test -n "$oy1"
for row in output_row:record output_row:push output_row:second encode_row:program encode_row:second; do
    read -r rx0 ry0 rx1 ry1 <<< "$(region "$T/op.out" "$row")"
    check "  its row $row is inside it (y ${ry0:-?}..${ry1:-?} within ${oy0:-?}..${oy1:-?})" \
        fcmp "${ry0:--1} >= ${oy0:-0} && ${ry1:-99999} <= ${oy1:--1}"
done

# (e) nothing went wrong in GL or ImGui.
check "operator stderr: no GL error or assertion" no_gl_or_assert_errors "$T/op.err"

# (e) the keys went through the command layer as the operator's commands.
check "audit: the hotkeys' previews by tester (operator)" \
    test "$(q "SELECT count(*) FROM audit WHERE who = 'tester' AND role = 'operator' AND command LIKE 'preview%' AND ok = 1")" = 2
check "audit: the take by tester (operator)" \
    test "$(q "SELECT count(*) FROM audit WHERE who = 'tester' AND role = 'operator' AND command = 'take' AND ok = 1")" = 1
check "audit: the API's approval, card, cuts and reconnects by their tokens" \
    test "$(q "SELECT group_concat(who || '/' || role || '/' || command, ' ') FROM (SELECT * FROM audit WHERE who != 'tester' ORDER BY id)")" = \
    "lin/merchandiser/approve deck/operator/card.show deck/operator/cut one deck/operator/cut two deck/operator/source.reconnect deck/operator/source.reconnect deck/operator/source.edit deck/operator/source.edit"

# (f) the layout and the console's settings were saved.
INI="$T/config/console-operator.ini"
check "the layout is saved in $(basename "$INI")" test -s "$INI"
# The window's ID is "###Switcher" in every language (its title follows the language, its place does not).
check "with the switcher window" grep -qE '^\[Window\]\[(.*###)?Switcher\]$' "$INI"
check "and the console's settings" grep -qF '[Hawker][Settings]' "$INI"

# --- 1b. the operator adds a camera from the Sources panel -------------------------------
# A click on "Add camera…" (where the run above drew it; this run reuses its
# saved layout), the id it offers (cam5), the URL and format typed with Tab
# between the fields, Enter; then hotkey 4 (the new scene is the fourth) and
# Space take it. Its tile must show its picture with the red tally.
ADD_CAMERA=$(center_in "$T/op.out" sources_add)
check "the Sources panel drew its Add camera button ('$ADD_CAMERA')" test -n "$ADD_CAMERA"
hawker_bg adder gui "$T/show.toml" --db "$T/hawker.db" --who tester --screenshot "$T/add.png" --after-frames 450
ADDER_PID=$HAWKER_PID
wait_until 30 grep -q '^api http://127\.0\.0\.1:[0-9]*/api/v1/$' "$T/adder.out"
API_BASE=$(sed -n 's|^api \(http://127\.0\.0\.1:[0-9]*/api/v1/\)$|\1|p' "$T/adder.out" | head -n1)
ADDER_SESSION=$(sed -n 's/^session \([0-9]*\)$/\1/p' "$T/adder.out" | head -n1)
# The window is up once the console logs its OpenGL; the live feed's first pictures follow.
wait_until 20 grep -q 'console: OpenGL' "$T/adder.err"
sleep 2
# shellcheck disable=SC2086 # "x y" are two arguments
timeout 5 xdotool mousemove $ADD_CAMERA click 1; sleep 0.5
# Dear ImGui 1.86 reads keys as held at each frame: Tab and Enter are held
# for a few frames, as a hand does (typed characters arrive as text events).
hold() { timeout 5 xdotool keydown "$1"; sleep 0.15; timeout 5 xdotool keyup "$1"; sleep 0.2; }
hold Tab
timeout 10 xdotool type --delay 15 "color=c=0xe0e020:size=1280x720:rate=30"; sleep 0.2
hold Tab
timeout 5 xdotool type --delay 15 "lavfi"; sleep 0.2
hold Return
camera_added() { state_json | grep -q '"added_sources":\[{[^]]*"id":"cam5"'; }
check "the camera typed into the console is added as cam5" wait_until 10 camera_added
check "hotkey 4 puts its scene on preview" tap_until 4 5 state_is preview cam5
sleep 0.3
check "Space takes it to program" tap_until space 5 state_is program cam5
wait_pid "$ADDER_PID" 60
check "the console with the added camera exits 0 (got $WAIT_RC)" test "$WAIT_RC" -eq 0
check "audit: the add by tester (operator)" \
    test "$(q "SELECT count(*) FROM audit WHERE session_id = ${ADDER_SESSION:-0} AND who = 'tester' AND role = 'operator' AND command = 'source.add' AND ok = 1")" = 1
check "adder stderr: no GL error or assertion" no_gl_or_assert_errors "$T/adder.err"
box=$(region "$T/adder.out" tile:cam5)
if [[ -z "$box" ]]; then
    fail "no region tile:cam5 in the console's output"
else
    read -r x0 y0 x1 y1 <<< "$box"
    ring=$(probe border "$T/add.png" $box 3)
    inside=$(probe mean "$T/add.png" $((x0 + 20)) $((y0 + 15)) $((x1 - 20)) $((y1 - 30)))
    d_red=$(rgb_dist "$ring" "$TALLY_RED")
    check "tile:cam5 tally is red, on program (border $ring, $d_red from red)" fcmp "$d_red < 30"
    d_pic=$(rgb_dist "$inside" "224 224 32")
    check "tile:cam5 shows the added camera (inside $inside, $d_pic from yellow)" fcmp "$d_pic < 20"
fi
read -r px0 py0 px1 py1 <<< "$(region "$T/adder.out" program_monitor)"
if [[ -n "${px1:-}" ]]; then
    top=$(probe mean "$T/add.png" $((px0 + 10)) $((py0 + 10)) $((px1 - 10)) $((py0 + (py1 - py0) / 2)))
    d_mon=$(rgb_dist "$top" "224 224 32")
    check "the program monitor shows it (upper half $top, $d_mon from yellow)" fcmp "$d_mon < 25"
else
    fail "no region program_monitor in the adder's output"
fi

# --- 2. the merchandiser's review on the same database -----------------------------------
AUDIT_ROWS=$(q "SELECT count(*) FROM audit")
SESSION=$(sed -n 's/^session \([0-9]*\)$/\1/p' "$T/op.out" | head -n1)
hawker_fg review 60 gui "$T/show.toml" --role merchandiser --db "$T/hawker.db" --session "${SESSION:-1}" \
    --screenshot "$T/review.png" --after-frames 60
check "the merchandiser's console exits 0 (got $HAWKER_RC)" test "$HAWKER_RC" -eq 0
read -r W H <<< "$(probe size "$T/review.png")"
check "its screenshot is 1600x1000 (${W:-?}x${H:-?})" test "${W:-0}x${H:-0}" = 1600x1000
bg=$(probe mean "$T/review.png" 1500 500 1560 700)     # an empty part of the window
all=$(probe mean "$T/review.png" 0 0 1600 1000)
d_bg=$(rgb_dist "$all" "$bg")
check "and it is not an empty window (mean $all vs background $bg: $d_bg > 1.5)" fcmp "${d_bg:-0} > 1.5"
check "the review added no audit rows ($(q "SELECT count(*) FROM audit") vs $AUDIT_ROWS)" \
    test "$(q "SELECT count(*) FROM audit")" = "$AUDIT_ROWS"
check "merchandiser stderr: no GL error or assertion" no_gl_or_assert_errors "$T/review.err"
check "its layout is saved too" test -s "$T/config/console-merchandiser.ini"

# The merchandiser writes a 复盘 note in the review: a click on the notes tab,
# one in the text box, typed text, a click on "Add note" (where the run above
# drew them; this run reuses its saved layout).
center() { center_in "$T/review.out" "$1"; } # in the run above's screenshot
TAB=$(center review_tab_notes); TEXT=$(center review_note_text); ADD=$(center review_add_note)
check "the review drew the notes tab, text box and Add button (tab '$TAB', text '$TEXT', add '$ADD')" \
    test -n "$TAB" -a -n "$TEXT" -a -n "$ADD"
hawker_bg notes gui "$T/show.toml" --role merchandiser --db "$T/hawker.db" --session "${SESSION:-1}" --who lin \
    --screenshot "$T/notes.png" --after-frames 240
NOTES_PID=$HAWKER_PID
# The window is up once the console logs its OpenGL; then the sessions and
# the report load (a small session: well under a second).
wait_until 20 grep -q 'console: OpenGL' "$T/notes.err"
sleep 2
# shellcheck disable=SC2086 # "x y" are two arguments
timeout 5 xdotool mousemove $TAB click 1; sleep 0.5
timeout 5 xdotool mousemove $TEXT click 1; sleep 0.3
timeout 10 xdotool type --delay 20 "restock serum before the next launch"; sleep 0.3
timeout 5 xdotool mousemove $ADD click 1
note_saved() { [[ "$(q "SELECT count(*) FROM notes WHERE text = 'restock serum before the next launch'")" == 1 ]]; }
check "the note typed into the review is stored for session ${SESSION:-1}" wait_until 10 note_saved
check "as one of the 复盘 kinds ($(q "SELECT kind FROM notes ORDER BY id DESC LIMIT 1"))" \
    grep -qE '^(goal|result|gap|cause|improvement|action)$' <<< "$(q "SELECT kind FROM notes ORDER BY id DESC LIMIT 1")"
wait_pid "$NOTES_PID" 30
check "the review with the note exits 0 (got $WAIT_RC)" test "$WAIT_RC" -eq 0
check "writing notes is no program command (audit rows still $AUDIT_ROWS)" \
    test "$(q "SELECT count(*) FROM audit")" = "$AUDIT_ROWS"

# --- 3. the host's prompter ------------------------------------------------------------
hawker_fg host 60 gui "$T/show.toml" --role host --screenshot "$T/host.png" --after-frames 45
check "the host's console exits 0 (got $HAWKER_RC)" test "$HAWKER_RC" -eq 0
check "its screenshot is written" test -s "$T/host.png"
check "host stderr: no GL error or assertion" no_gl_or_assert_errors "$T/host.err"

# The operator's desk with the prompter in a second window (for a second screen).
hawker_fg desk2 60 gui "$T/show.toml" --host-window --screenshot "$T/desk2.png" --after-frames 45
check "the desk with a host window exits 0 (got $HAWKER_RC)" test "$HAWKER_RC" -eq 0
check "it writes the host window too ($(grep -m2 '^screenshot' "$T/desk2.out" | tail -1))" \
    grep -q "^screenshot $T/desk2-host.png host\$" "$T/desk2.out"
read -r HW HH <<< "$(probe size "$T/desk2-host.png")"
check "the host window is its own 1280x720 window (${HW}x${HH})" test "${HW}x${HH}" = 1280x720
check "desk2 stderr: no GL error or assertion" no_gl_or_assert_errors "$T/desk2.err"

# --- 4. bad command lines and no display -------------------------------------------------
hawker_fg badrole 20 gui "$T/show.toml" --role wizard
check "--role wizard is a usage error (exit $HAWKER_RC, 2)" test "$HAWKER_RC" -eq 2
check "which says what the roles are ($(hawker_error_line badrole))" grep -q '^hawker: error: --role must be ' "$T/badrole.err"
hawker_fg noframes 20 gui "$T/show.toml" --screenshot "$T/never.png"
check "--screenshot without --after-frames is a usage error (exit $HAWKER_RC, 2)" test "$HAWKER_RC" -eq 2
check "and writes no file" test ! -e "$T/never.png"
SAVED_DISPLAY=$DISPLAY
unset DISPLAY
hawker_fg nodisplay 30 gui "$T/show.toml"
export DISPLAY=$SAVED_DISPLAY
check "without a display the console exits 1 (got $HAWKER_RC)" test "$HAWKER_RC" -eq 1
check "saying so ($(hawker_error_line nodisplay | cut -c1-70))" grep -q 'no display' "$T/nodisplay.err"

info "screenshots op.png review.png host.png in $T (HAWKER_KEEP_TMP=1 keeps them); $(elapsed_since "$STARTED") s in all"
finish
