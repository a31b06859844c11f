#!/usr/bin/env bash
# An operator adds a camera while the show is live (source.add over the HTTP
# API, the same command as the console's Sources ▸ Add camera): bad requests
# are refused and change nothing, the new camera connects in the background,
# its scene is listed, a cut puts it on program with the banner that was on
# air still over it; a second one is added and removed again. The process is then killed; --resume brings the added
# camera back on program, at the input it was re-pointed to, with the banner,
# and the recording of the resumed part shows both. The audit log and the timeline hold the add. Offline, a
# camera a cue adds starts at the program time of its add (not at 0).
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools sqlite3 curl ffmpeg ffprobe
require_png_probe

PORT=$(pick_port)
export HAWKER_HOME="$T/home"
export HAWKER_TEST_OPERATOR_TOKEN="$(random_token op)"
export HAWKER_TEST_MERCH_TOKEN="$(random_token me)"
OP=$HAWKER_TEST_OPERATOR_TOKEN; ME=$HAWKER_TEST_MERCH_TOKEN
BASE="http://127.0.0.1:$PORT/api/v1"
W=360; H=640

cat > "$T/show.toml" <<EOF
[show]
name = "source add"

[canvas]
width = $W
height = $H
fps = 30

[[sources]]
id = "cam1"
format = "lavfi"
url = "color=c=0x2040c0:size=${W}x${H}:rate=30"

[[scenes]]
id = "main"
layers = [ { kind = "source", source = "cam1", rect = [0, 0, $W, $H], fit = "cover" } ]
slots = [ { name = "banner", rect = [20, 520, 320, 60] } ]

[[scenes]]
id = "bars"
layers = [ { kind = "color", color = "#808080", rect = [0, 0, $W, $H] } ]

[program]
scene = "main"
preview = "bars"

$(encoder_block 800 1)

[[outputs]]
id = "record"
kind = "record"
path = "program.mkv"

# The phone cameras of this test are lavfi pictures: a local input, listed on purpose.
[security]
source_protocols = ["srt", "rtmp", "rtmps", "rtsp", "udp", "lavfi"]

$(api_block "$PORT")
EOF

# source_state ID: the source's state in /state's sources list (empty if absent).
source_state() {
    api "$OP" /state
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(next((s["state"] for s in d["sources"] if s["id"]==sys.argv[1]), ""))' "$1" <<< "$BODY"
}
wait_live() { # wait_live ID: up to 10 s
    local i
    for i in $(seq 1 100); do
        [[ "$(source_state "$1")" == live ]] && return 0
        sleep 0.1
    done
    return 1
}

YELLOW="224 224 32"; GREEN="32 192 96"
PHONE_URL="color=c=0xe0e020:size=640x360:rate=30"
hawker_bg first run "$T/show.toml" --db "$T/hawker.db"
first_pid=$HAWKER_PID
check "the API comes up" wait_api
api "$OP" /graphics/show '{"slot":"banner","kind":"banner","text":"满299减50"}'
check "the banner goes on air (got $CODE)" test "$CODE" = 200
api "$OP" /state
version_before=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])' <<< "$BODY")

# Refusals first: each one changes nothing.
api "$OP" /commands/source.add '{"source":"cam1","url":"'"$PHONE_URL"'","format":"lavfi"}'
check "an id that is already a source is refused (409, got $CODE)" test "$CODE" = 409
api "$OP" /commands/source.add '{"source":"bars","url":"'"$PHONE_URL"'","format":"lavfi"}'
check "an id that is already a scene is refused (409, got $CODE)" test "$CODE" = 409
api "$OP" /commands/source.add '{"source":"my phone","url":"'"$PHONE_URL"'"}'
check "an id with a space is refused (400, got $CODE)" test "$CODE" = 400
api "$OP" /commands/source.add '{"source":"phone","url":""}'
check "an empty url is refused (400, got $CODE)" test "$CODE" = 400
api "$OP" /commands/source.add '{"source":"phone","url":"'"$PHONE_URL"'","slots_from":"nowhere"}'
check "an unknown slots_from scene is refused (400, got $CODE)" test "$CODE" = 400
api "$ME" /commands/source.add '{"source":"phone","url":"'"$PHONE_URL"'","format":"lavfi"}'
check "a merchandiser may not add a camera (403, got $CODE)" test "$CODE" = 403
api "$OP" /cut '{"scene":"phone"}'
check "there is no scene 'phone' yet (400, got $CODE)" test "$CODE" = 400
api "$OP" /state
check "the refusals left the show state as it was" \
    test "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["version"], len(d["added_sources"]))' <<< "$BODY")" = "$version_before 0"

# The add itself.
api "$OP" /commands/source.add '{"source":"phone","url":"'"$PHONE_URL"'","format":"lavfi","name":"手机机位"}'
check "the operator adds camera 'phone' (got $CODE: ${BODY:0:120})" test "$CODE" = 200
check "the camera connects in the background and goes live" wait_live phone
api "$OP" /scenes
phone_name=$(python3 -c 'import json,sys; print(*[s["name"] for s in json.load(sys.stdin) if s["id"] == "phone"])' <<< "$BODY")
check "its scene is listed with the show's, named as asked ($phone_name)" test "$phone_name" = "手机机位"
api "$OP" /cut '{"scene":"phone"}'
check "a cut puts the added camera on program (got $CODE)" test "$CODE" = 200

# A second camera, brought in and taken out again: removing closes it and its
# scene; the camera on program cannot be removed. It is a real network camera,
# an MPEG-TS feed over UDP added with no format: FFmpeg opens it held to the
# udp protocol and the stream demuxers, and it must still connect.
SPARE_PORT=$(pick_port)
ffmpeg -hide_banner -v error -nostdin -re -f lavfi -i "testsrc2=size=320x240:rate=30" -t 60 \
    -c:v libx264 -preset ultrafast -tune zerolatency -g 15 -pix_fmt yuv420p \
    -f mpegts "udp://127.0.0.1:$SPARE_PORT?pkt_size=1316" > "$T/spare_feeder.log" 2>&1 &
track_pid $!
api "$OP" /commands/source.add '{"source":"spare","url":"udp://127.0.0.1:'"$SPARE_PORT"'"}'
check "a second camera 'spare' is added (got $CODE)" test "$CODE" = 200
check "and goes live" wait_live spare
check "FFmpeg took the limits (no 'options not understood' for it in the log)" \
    test "$(grep -c "source spare: options not understood" "$T/first.err")" = 0
api "$OP" /commands/source.remove '{"source":"phone"}'
check "the camera on program cannot be removed (409, got $CODE)" test "$CODE" = 409
api "$OP" /commands/source.remove '{"source":"cam1"}'
check "nor a camera of the show file (400, got $CODE)" test "$CODE" = 400
api "$OP" /commands/source.remove '{"source":"spare"}'
check "the spare camera is removed (got $CODE: ${BODY:0:80})" test "$CODE" = 200
# Gone from an answer that still lists the others (an API that did not answer lists nothing).
spare_gone() { [[ -z "$(source_state spare)" && "$(source_state cam1)" == live ]]; }
check "the engine closes it: it leaves the sources list" wait_until 5 spare_gone
api "$OP" /scenes
check "and its scene leaves the scenes list (got $CODE)" \
    test "$CODE" = 200 -a "$(grep -c '"id":"spare"' <<< "$BODY")" = 0 -a "$(grep -c '"id":"phone"' <<< "$BODY")" = 1
check "the camera on program stays live" test "$(source_state phone)" = live
# The added camera is re-pointed (a phone that moved to another address): the
# resumed show below must open the edited input, not the one it was added with.
api "$OP" /commands/source.edit '{"source":"phone","url":"color=c=0x20c060:size=640x360:rate=30","format":"lavfi"}'
check "the added camera is re-pointed with source.edit (got $CODE)" test "$CODE" = 200
sleep 2.5   # a couple of keyframes of the new camera in the first recording
kill -KILL "$first_pid"
wait_pid "$first_pid" 5
check "the first run was killed (rc $WAIT_RC)" test "$WAIT_RC" -ne 0

q() { sqlite3 "$T/hawker.db" "$1"; }
check "the audit log has the adds by deck (operator)" \
    test "$(q "SELECT group_concat(who || '/' || role, ' ') FROM audit WHERE command = 'source.add' AND ok = 1")" = "deck/operator deck/operator"
check "and the removal" test "$(q "SELECT count(*) FROM audit WHERE command = 'source.remove' AND ok = 1 AND who = 'deck'")" = 1
check "and the refusals, not done" test "$(q "SELECT count(*) FROM audit WHERE command = 'source.add' AND ok = 0")" = 6
check "the timeline has the adds, the removal and the edit" \
    test "$(q "SELECT group_concat(event || ' ' || detail, ', ') FROM timeline WHERE event LIKE 'source_%'")" = "source_add phone, source_add spare, source_remove spare, source_edit phone"

# The restart resumes with the added camera on program.
sleep 1
hawker_bg second run "$T/show.toml" --db "$T/hawker.db" --resume 1
check "the API comes up again" wait_api
api "$OP" /state
check "the resumed show still has the added camera on program" \
    test "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["program"], [s["id"] for s in d["added_sources"]])' <<< "$BODY")" = "phone ['phone']"
check "the added camera is connected again" wait_live phone
sleep 2
api "$OP" /show/stop '{}'
wait_pid "$HAWKER_PID" 30
check "the resumed show ends cleanly (rc $WAIT_RC)" test "$WAIT_RC" -eq 0
check "its summary lists the added camera" grep -q '^source id=phone state=' "$T/second.out"

part="$T/program-part2.mkv"
check "the resumed part is recorded" test -s "$part"
if [[ -s "$part" ]]; then
    dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$part")
    at=$(calc "${dur:-1} - 0.5")
    ffmpeg -v error -y -ss "$at" -i "$part" -frames:v 1 "$T/last.png"
    mean=$("$PROBE" mean "$T/last.png" 20 40 340 480)
    picture=$(rgb_dist "$mean" "$GREEN"); original=$(rgb_dist "$mean" "$YELLOW")
    # x264's limited-range round trip moves this green more than the yellow: 40, not 20.
    check "the program shows the added camera's edited input ($mean: green within $picture, yellow $original away)" \
        fcmp "${picture:-999} < 40 && ${original:-0} > 100"
    banner=$(rgb_dist "$("$PROBE" mean "$T/last.png" 24 524 336 576)" "$GREEN")
    check "with the banner over it (banner area $banner from the camera's colour)" fcmp "${banner:-0} > 70"
fi

# Offline (the virtual clock): cues add a camera at 3 s and cut to it at 3.5 s
# of a 4 s show. Its frames are stepped from the add on, so it decodes about a
# second of pictures; counted from program time 0 it would decode four.
sed -e '/^\[api\]/,$d' -e 's|path = "program.mkv"|path = "offline.mkv"|' "$T/show.toml" > "$T/offline.toml"
cat >> "$T/offline.toml" <<EOF2
[[cues]]
at_s = 3.0
command = "source.add"
source = "phone"
url = "$PHONE_URL"
format = "lavfi"

[[cues]]
at_s = 3.5
command = "cut"
scene = "phone"
EOF2
hawker_fg offline 120 run "$T/offline.toml" --offline --duration 4
check "the offline show with a cue-added camera runs (rc $HAWKER_RC)" test "$HAWKER_RC" -eq 0
frames=$(item_value "$T/offline.out" source phone frames)
check "the added camera decoded from its add on (${frames:-?} frames, 25..45)" \
    test "${frames:-0}" -ge 25 -a "${frames:-0}" -le 45
if [[ -s "$T/offline.mkv" ]]; then
    ffmpeg -v error -y -ss 3.8 -i "$T/offline.mkv" -frames:v 1 "$T/offline.png"
    picture=$(rgb_dist "$("$PROBE" mean "$T/offline.png" 20 40 340 480)" "$YELLOW")
    check "the cut to it is in the recording (yellow within $picture)" fcmp "${picture:-999} < 20"
fi
finish
