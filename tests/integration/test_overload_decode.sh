#!/usr/bin/env bash
# The program comes first: when its encode drops frames, cameras only the
# multiview shows fall back to decoding their keyframes only, and a camera
# cued from there catches up from its last keyframe and decodes in full.
#
# A live show: a lavfi camera on air, and a network camera (H.264 over UDP,
# a keyframe every 2 s, no B-frames) only in the multiview. The program's
# encode is held 50 ms a frame by a test fault (HAWKER_INJECT_FAULTS), so it
# drops frames all along. Checked, with times from Hawker's own log:
#   - the log says the program is short of CPU, after the 5 s warm-up
#     (its program time t= at 5000 ms or more) and not before;
#   - in the warm-up, GET /state gives short_of_cpu and program_first_start (the
#     start's rule, which the console shows calmly); after it, program_first_start 0;
#   - then GET /state gives short_of_cpu and the off-air camera decode "keyframes", and over
#     about 2 s it decoded 1 or 2 frames: its keyframes. The
#     window is Hawker's program time (GET /session's program_ms, read just
#     before and after each GET /state);
#   - it is never reported lost: its skipped pictures are signal too (a
#     picture every 2 s is longer than the 1 s before a camera counts as lost);
#   - cued to preview at 11 s, back off it at 12 s and cued again at 12.6 s
#     (the two cues 1.6 s apart: at most one can fall on one of its keyframes,
#     2 s apart): the log says it caught up from its last keyframe, from
#     keyframes only, within 1 s of Hawker's own time (a catch-up decodes a few
#     pictures more per new one than come in, so the sound and the network
#     are read on time meanwhile); it decodes in full again: 45 or more frames
#     over 2 s from 14 s on, decode "full", and its picture exact by the end;
#   - the camera on air was decoded in full all along (light_frames=0).
# Then the same show with multiview_decode = "full" for 9 s: short of CPU
# again, the log says the multiview's cameras keep full decoding (not that
# they go to keyframes), and the off-air camera never decoded light.
# The way back, once the CPU eases, is checked by the unit test program_load_test.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffmpeg sqlite3 curl

SECS=18 PORT=$(pick_port) API_PORT=$(pick_port)
export HAWKER_TEST_OPERATOR_TOKEN="op-$(random_hex)" HAWKER_TEST_MERCH_TOKEN="me-$(random_hex)"
OP=$HAWKER_TEST_OPERATOR_TOKEN
ffmpeg -v error -nostdin -y -f lavfi -i "testsrc2=size=360x640:rate=30" -t 10 \
    -c:v libx264 -preset veryfast -g 60 -keyint_min 60 -sc_threshold 0 -bf 0 -pix_fmt yuv420p \
    "$T/cam.mp4" || die "could not make the camera file"
ffmpeg -hide_banner -v error -nostdin -re -stream_loop -1 -i "$T/cam.mp4" -c copy \
    -f mpegts "udp://127.0.0.1:$PORT?pkt_size=1316" > "$T/feeder.log" 2>&1 &
track_pid $!

cat > "$T/show.toml" <<EOF
[show]
name = "overload decode test"
[canvas]
width = 360
height = 640
fps = 30
[[sources]]
id = "cama"
format = "lavfi"
url = "testsrc2=size=360x640:rate=30"
[[sources]]
id = "net"
url = "udp://127.0.0.1:$PORT"
options = { overrun_nonfatal = "1", fifo_size = "500000" }
[[scenes]]
id = "main"
layers = [ { kind = "source", source = "cama", rect = [0, 0, 360, 640], fit = "cover" } ]
[[scenes]]
id = "net"
layers = [ { kind = "source", source = "net", rect = [0, 0, 360, 640], fit = "cover" } ]
[program]
scene = "main"
preview = "main"
$(encoder_block 800 1)
[[outputs]]
id = "record"
kind = "record"
path = "$T/program.mkv"
[[cues]]
at_s = 11
command = "preview"
scene = "net"
[[cues]]
at_s = 12
command = "preview"
scene = "main"
[[cues]]
at_s = 12.6
command = "preview"
scene = "net"
$(api_block "$API_PORT")
EOF

export HAWKER_INJECT_FAULTS="encoder.tick:program~50"
start_live_show "$T/show.toml" "$T/show.db" $SECS
unset HAWKER_INJECT_FAULTS

# sample NAME: GET /state (its "sources") into $T/NAME.json; sets AT to Hawker's program time then (seconds,
# the middle of the program times read just before and after it).
program_ms() { curl -s -m 5 -H "Authorization: Bearer $OP" "$BASE/session" > "$T/session.json"; jx "$T/session.json" '$.program_ms'; }
sample() {
    local before after
    before=$(program_ms)
    curl -s -m 5 -H "Authorization: Bearer $OP" "$BASE/state" > "$T/$1.json"
    after=$(program_ms)
    AT=$(awk -v a="$before" -v b="$after" 'BEGIN { printf "%.3f", (a + b) / 2000 }')
}
net_field() { sqlite3 :memory: "SELECT json_extract(value, '$.$2') FROM json_each(readfile('$T/$1.json'), '$.sources')
    WHERE json_extract(value, '$.id') = 'net'"; }

# The first seconds: short of CPU by rule (program-first), which GET /state tells apart from a drop.
sample start
if fcmp "${AT:-99} < 4.5"; then
    check "in the warm-up (at ${AT} s), GET /state says program-first start, not a drop (short_of_cpu $(jx "$T/start.json" '$.short_of_cpu'), program_first_start $(jx "$T/start.json" '$.program_first_start'))" \
        test "$(jx "$T/start.json" '$.short_of_cpu') $(jx "$T/start.json" '$.program_first_start')" = "1 1"
else
    fail "the API answered only at ${AT} s of program, after the 5 s warm-up: cannot see the program-first start"
fi
wait_until 12 grep -q 'short of CPU' "$T/show.err" || fail "the log never said the program was short of CPU"
SHORT_MS=$(grep -m1 'short of CPU' "$T/show.err" | sed -E 's/.*program t=([0-9]+)ms.*/\1/')
check "the program was found short of CPU after the 5 s warm-up (t=${SHORT_MS}ms)" \
    fcmp "${SHORT_MS:-0} >= 5000 && ${SHORT_MS:-0} < 9000"
check "the start named its one multiview-only camera" grep -q 'program starts program-first: 1 camera(s) only in the multiview' "$T/show.err"
# window NAME: two samples about 2 s apart; sets DECODES (net's decode in each), FRAMES (the frames
# net decoded in between) and SPAN (the program seconds between them).
window() {
    local from first last
    sample "$1-1"; from=$AT
    sleep 2
    sample "$1-2"
    DECODES="$(net_field "$1-1" decode) $(net_field "$1-2" decode)"
    first=$(net_field "$1-1" frames); last=$(net_field "$1-2" frames)
    FRAMES=$((${last:-0} - ${first:-0}))
    SPAN=$(calc "$AT - $from")
}
sleep 0.5
window keyframes
check "the off-air camera then decodes keyframes only (decode '$DECODES')" test "$DECODES" = "keyframes keyframes"
check "  its keyframes, one every 2 s: $FRAMES in $SPAN s" fcmp "$FRAMES >= 1 && $FRAMES <= 2"
SHORT=$(jx "$T/keyframes-2.json" '$.short_of_cpu')
check "  and GET /state says the program is short of CPU (short_of_cpu $SHORT; the console draws less then)" \
    test "$SHORT" = 1
check "  because of the drops now, not the start (program_first_start $(jx "$T/keyframes-2.json" '$.program_first_start'))" \
    test "$(jx "$T/keyframes-2.json" '$.program_first_start')" = 0

# 3 s after the cue at 11 s (the camera's next keyframe comes within 2 s of it).
for ((i = 0; i < 100; i++)); do
    fcmp "$(program_ms) >= 14000" && break
    sleep 0.1
done
window full
check "cued to preview, it decodes in full again (decode '$DECODES')" test "$DECODES" = "full full"
check "  every frame: $FRAMES in $SPAN s" fcmp "$FRAMES >= 22.5 * $SPAN"

wait_pid "$HAWKER_PID" $((SECS + 30))
check "the live show ran to the end (rc $WAIT_RC)" test "$WAIT_RC" = 0
grep 'source net cued between keyframes: caught up' "$T/show.err" > "$T/catch-ups.txt"
check "cued between keyframes, it caught up from its last keyframe, from keyframes only ($(wc -l < "$T/catch-ups.txt") times: $(head -c 300 "$T/catch-ups.txt"))" \
    grep -q 'pictures decoded again in full, [0-9]* ms; it was decoded keyframes only)' "$T/catch-ups.txt"
slowest=$(sed -n 's/.* in full, \([0-9]*\) ms;.*/\1/p' "$T/catch-ups.txt" | sort -n | tail -n1)
check "  each catch-up within 1 s (the slowest ${slowest:-none} ms)" fcmp "${slowest:-9999} < 1000"
check "  its picture exact again by the end (exact=$(item_value "$T/show.out" source net exact))" \
    test "$(item_value "$T/show.out" source net exact) $(item_value "$T/show.out" source net decode)" = "1 full"
check "the off-air camera was never reported lost ($(grep -c 'net signal lost' "$T/show.err") times)" \
    bash -c "! grep -q 'net signal lost' '$T/show.err'"
check "the camera on air was decoded in full all along (light_frames=$(item_value "$T/show.out" source cama light_frames))" \
    test "$(item_value "$T/show.out" source cama light_frames)" = 0
check "the program's encode did drop frames (dropped=$(summary_value "$T/show.out" dropped))" \
    fcmp "$(summary_value "$T/show.out" dropped) > 0"

sed -e 's/^\[program\]$/[program]\nmultiview_decode = "full"/' -e "s/^port = $API_PORT\$/port = $(pick_port)/" \
    "$T/show.toml" > "$T/full.toml"
grep -q '^multiview_decode = "full"$' "$T/full.toml" || die "could not write the multiview_decode = full show"
export HAWKER_INJECT_FAULTS="encoder.tick:program~50"
hawker_bg full run "$T/full.toml" --db "$T/full.db" --duration 9
unset HAWKER_INJECT_FAULTS
wait_until 15 grep -q 'short of CPU' "$T/full.err" || fail "with multiview_decode = full, the log never said short of CPU"
check "with multiview_decode = \"full\", short of CPU says the multiview's cameras keep full decoding" \
    grep -q 'short of CPU: .*cameras only in the multiview keep full decoding (multiview_decode = "full")' "$T/full.err"
check "  and never that they decode keyframes only or light" \
    bash -c "! grep -Eq 'keyframes only|decode light|program-first' '$T/full.err'"
wait_pid "$HAWKER_PID" 40
check "  the show ran to the end (rc $WAIT_RC)" test "$WAIT_RC" = 0
check "  the off-air camera was decoded in full all along (light_frames=$(item_value "$T/full.out" source net light_frames))" \
    test "$(item_value "$T/full.out" source net light_frames) $(item_value "$T/full.out" source net decode)" = "0 full"
finish
