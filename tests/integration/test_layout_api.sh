#!/usr/bin/env bash
# Layouts edited over the API on a live show: an edit is on the preview only
# (GET /scenes' draft; the recording unchanged), TAKE puts it on air, undo and
# redo walk the steps without touching the program, bad edits are refused
# with 400 and change nothing, a scene made from a template can be taken,
# show.save writes a minimal diff that keeps the comments (twice in a row:
# the second save edits the file the first wrote), and after kill -9 the
# resumed show has the taken layout, the draft and the undo steps back.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools curl ffmpeg python3
require_png_probe

OP=$(random_token op); export HAWKER_TEST_OPERATOR_TOKEN="$OP" HAWKER_TEST_MERCH_TOKEN=$(random_token m)
PORT=$(pick_port)
show() {
    cat <<TOML
# 布局测试 — comments the save must keep.
[show]
name = "layout api"

[canvas]
width = 360
height = 640
fps = 30

[[sources]]
id = "host"    # blue
format = "lavfi"
url = "color=c=0x2040c0:size=360x640:rate=30"

[[sources]]
id = "item"    # red
format = "lavfi"
url = "color=c=0xd02020:size=180x320:rate=30"

[[scenes]]
id = "main"
layers = [
  { kind = "source", source = "host", rect = [0, 0, 360, 640], fit = "cover" },
  { kind = "source", source = "item", rect = [230, 80, 110, 190], fit = "cover" },  # the PiP
]
slots = [ { name = "card", anchor = "bottom", size = [300, 100] } ]

[program]
scene = "main"
preview = "main"
transition = "cut"

$(encoder_block 600 1)

[[outputs]]
id = "record"
kind = "record"
path = "$1"

$(api_block "$PORT")
TOML
}
show "$T/program.mkv" > "$T/show.toml"
cp "$T/show.toml" "$T/show.orig.toml"
start_live_show "$T/show.toml" "$T/hawker.db" 60
SHOW_PID=$HAWKER_PID

py() { python3 -c 'import json,sys; d=json.load(sys.stdin); v=eval(sys.argv[1]); print("" if v is None else v)' "$1" <<< "$BODY"; }
scene_rect() { # scene_rect SCENE layout|draft INDEX
    api "$OP" /scenes
    py "' '.join(map(str, [s for s in d if s['id']=='$1'][0].get('$2', {}).get('layers', [{}]*9)[$3].get('rect', [])))"
}
move() { api "$OP" /layout/move "{\"scene\":\"main\",\"layer\":1,\"x\":$1,\"y\":$2,\"w\":110,\"h\":190}"; }

move 40 400
check "layout.move answers 200 (got $CODE: $BODY)" test "$CODE" = 200
check "  the answer says it is on preview until TAKE" grep -q 'on preview until TAKE' <<< "$BODY"
check "GET /scenes: the draft has the new place ($(scene_rect main draft 1))" test "$(scene_rect main draft 1)" = "40 400 110 190"
check "  and the layout on air the old one ($(scene_rect main layout 1))" test "$(scene_rect main layout 1)" = "230 80 110 190"
api "$OP" /state; version=$(py "d['version']")

# Bad edits: 400, nothing changed.
for body in '{"scene":"main","layer":5,"x":0,"y":0,"w":100,"h":100}' \
    '{"scene":"nope","layer":1,"x":0,"y":0,"w":100,"h":100}' \
    '{"scene":"main","layer":1,"x":9000,"y":0,"w":100,"h":100}' \
    '{"scene":"main","layer":1,"x":0,"y":0,"w":"wide","h":100}' \
    '{"scene":"main","x":0,"y":0,"w":100,"h":100}'; do
    api "$OP" /layout/move "$body"
    check "a bad move is refused with 400 (got $CODE for $body)" test "$CODE" = 400
done
api "$OP" /layout/add '{"scene":"main","kind":"image","path":"../../../etc/hostname","x":0,"y":0,"w":100,"h":100}'
check "a picture outside the show's folder is refused with 400 (got $CODE)" test "$CODE" = 400
api "$OP" /state
check "the refused edits changed nothing (version $(py "d['version']") = $version)" test "$(py "d['version']")" = "$version"
api "$(random_token nobody)" /layout/move '{"scene":"main","layer":1,"x":0,"y":0,"w":100,"h":100}'
check "an unknown token is refused with 401 (got $CODE)" test "$CODE" = 401

sleep 2 # two seconds of the recording with the edit on the preview only
api "$OP" /take '{}'
check "TAKE answers 200 (got $CODE)" test "$CODE" = 200
check "after TAKE the layout on air has the new place ($(scene_rect main layout 1))" test "$(scene_rect main layout 1)" = "40 400 110 190"
sleep 2

move 40 300
api "$OP" /layout/undo '{}'
check "undo answers 200 (got $CODE: $BODY)" test "$CODE" = 200
api "$OP" /layout/undo '{}'
check "a second undo answers 200: back before the taken edit (got $CODE)" test "$CODE" = 200
check "  the preview's draft is the file's place again ($(scene_rect main draft 1))" test "$(scene_rect main draft 1)" = "230 80 110 190"
check "  while the program keeps what was taken ($(scene_rect main layout 1))" test "$(scene_rect main layout 1)" = "40 400 110 190"
api "$OP" /layout/redo '{}'
check "redo answers 200 (got $CODE)" test "$CODE" = 200
check "  the draft is the taken place again, so no draft is left" test -z "$(scene_rect main draft 1)"

api "$OP" /scenes/create '{"scene":"pip2","template":"host_pip","name":"画中画"}'
check "scene.create answers 200 (got $CODE: $BODY)" test "$CODE" = 200
api "$OP" /cut '{"scene":"pip2"}'
check "the new scene can be cut to (got $CODE)" test "$CODE" = 200
api "$OP" /cut '{"scene":"main"}'

# Save: the file keeps its comments, the changed line is the PiP's rect, the new scene follows the last one.
api "$OP" /show/save '{}'
check "show.save answers 200 (got $CODE: $BODY)" test "$CODE" = 200
diff "$T/show.orig.toml" "$T/show.toml" > "$T/save1.diff"
check "the PiP's line is rewritten with its new rect only" \
    grep -qF '>   { kind = "source", source = "item", rect = [40, 400, 110, 190], fit = "cover" },  # the PiP' "$T/save1.diff"
check "  one line removed from the file in all ($(grep -c '^<' "$T/save1.diff"))" test "$(grep -c '^<' "$T/save1.diff")" = 1
check "the new scene is in the file" grep -q '^id = "pip2"' "$T/show.toml"
missing=0
while IFS= read -r comment; do grep -qF -- "$comment" "$T/show.toml" || missing=$((missing + 1)); done < <(grep -o '#.*' "$T/show.orig.toml")
check "every comment is kept ($missing missing)" test "$missing" = 0
cp "$T/show.toml" "$T/show.save1.toml"
api "$OP" /layout/remove '{"scene":"pip2","layer":1}'
api "$OP" /show/save '{}'
check "a second save after another edit answers 200 (got $CODE: $BODY)" test "$CODE" = 200
diff "$T/show.save1.toml" "$T/show.toml" > "$T/save2.diff"
check "  it removed the new scene's PiP line and nothing else ($(grep -c '^[<>]' "$T/save2.diff") lines differ)" \
    test "$(grep -c '^<' "$T/save2.diff") $(grep -c '^>' "$T/save2.diff")" = "1 0"
check "  that line is the new scene's second layer" grep -q '^< .*source = "item"' "$T/save2.diff"
check "  and the PiP's line is as the first save wrote it" grep -qF 'rect = [40, 400, 110, 190], fit = "cover" },  # the PiP' "$T/show.toml"

# Program time of the TAKE, from Hawker's log, before the restart writes a new one.
TAKE_MS=$(grep -m1 "command take by deck" "$T/show.log" | sed -E 's/.* at t=([0-9]+)ms.*/\1/')
# A crash, then --resume with the saved file: it reads, and the taken layout, the draft and the undo steps
# come back (the scene made from a template is the file's now).
move 100 100 # a draft not yet taken
kill -KILL "$SHOW_PID"; wait_pid "$SHOW_PID" 10
cp "$T/program.mkv" "$T/first.mkv"
start_live_show "$T/show.toml" "$T/hawker.db" 12 --resume 1
api "$OP" /scenes
check "the saved file's new scene is there once ($(py "[s['id'] for s in d].count('pip2')"))" test "$(py "[s['id'] for s in d].count('pip2')")" = 1
check "after --resume the layout on air is the taken one ($(scene_rect main layout 1))" test "$(scene_rect main layout 1)" = "40 400 110 190"
check "  the draft is back ($(scene_rect main draft 1))" test "$(scene_rect main draft 1)" = "100 100 110 190"
api "$OP" /layout/undo '{}'
check "  and undo goes on where it was (got $CODE)" test "$CODE" = 200
api "$OP" /show/stop '{}'
wait_pid "$HAWKER_PID" 30
check "the resumed show ends cleanly (rc $WAIT_RC)" test "$WAIT_RC" -eq 0

# The recording of the first run: before the TAKE the PiP at its old place, after it at the new.
before=$(awk -v b="$TAKE_MS" 'BEGIN { printf "%.3f", b / 1000 - 1.0 }')
after=$(awk -v b="$TAKE_MS" 'BEGIN { printf "%.3f", b / 1000 + 1.0 }')
ffmpeg -v error -nostdin -y -ss "$before" -i "$T/first.mkv" -frames:v 1 "$T/before.png"
ffmpeg -v error -nostdin -y -ss "$after" -i "$T/first.mkv" -frames:v 1 "$T/after.png"
c=$(mean_around "$T/before.png" 95 495)
check "1 s before the TAKE the new place shows the host (rgb $c): the draft never reached the program" is_blue "$c"
c=$(mean_around "$T/before.png" 285 175)
check "  and the PiP is at its old place (rgb $c)" is_red "$c"
c=$(mean_around "$T/after.png" 95 495)
check "1 s after the TAKE the PiP is at its new place (rgb $c)" is_red "$c"
finish
