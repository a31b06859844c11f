#!/usr/bin/env bash
# The recording's disk fills mid-show while a UDP output streams. The
# recording goes to a 16 MB ext4 image mounted for the test; a filler file
# takes its last free block while the show runs live, and is removed again.
#   - the recording output fails with the reason (disk full), is stopped, and
#     an alert names it; the UDP output keeps streaming and the encoder never
#     drops a frame;
#   - after the space is freed, output.start records again into
#     program-part2.mkv, which ffprobe plays; the first part stays playable.
source "$(dirname "$0")/lib.sh"
source "$IT_DIR/small_fs.sh"
require_hawker
require_tools sqlite3 curl ffmpeg ffprobe ss
mount_small_fs "$T/recfs" 16

SECS=30 FPS=30 RECEIVE_S=22
export HAWKER_HOME="$T/home"
PORT=$(pick_port) UDP_PORT=$(pick_port)
export HAWKER_TEST_OPERATOR_TOKEN="op-$(random_hex)" HAWKER_TEST_MERCH_TOKEN="me-$(random_hex)"
OP=$HAWKER_TEST_OPERATOR_TOKEN
BASE="http://127.0.0.1:$PORT/api/v1"
DB="$T/hawker.db"

# The receiver listens first; it reads RECEIVE_S seconds of stream, which
# spans the failure and the restart of the recording.
timeout 60 ffmpeg -v error -nostdin -y \
    -i "udp://127.0.0.1:$UDP_PORT?fifo_size=1000000&overrun_nonfatal=1&timeout=15000000" \
    -t $RECEIVE_S -c copy -f mpegts "$T/received.ts" > "$T/receiver.log" 2>&1 &
RECEIVER=$!
track_pid "$RECEIVER"
wait_until 5 bash -c "[[ -n \"\$(ss -Hlun '( sport = :$UDP_PORT )')\" ]]" || die "the receiver did not bind $UDP_PORT"

camera_show "recording disk full test" 360 640 $FPS 1500 1 "$T/recfs/program.mkv" > "$T/show.toml"
cat >> "$T/show.toml" <<EOF

[[outputs]]
id = "udp"
kind = "udp"
url = "udp://127.0.0.1:$UDP_PORT?pkt_size=1316"

$(api_block "$PORT")
EOF

get() { curl -s -m 10 -H "Authorization: Bearer $OP" "$BASE$1"; }
# output_field ID KEY: a field of one output from GET /outputs.
output_field() {
    get /outputs > "$T/outputs.json"
    sqlite3 :memory: "SELECT json_extract(value, '\$.$2') FROM json_each(readfile('$T/outputs.json'))
                      WHERE json_extract(value, '\$.id') = '$1'"
}
output_is() { [[ "$(output_field "$1" state)" == "$2" ]]; }

hawker_bg show run "$T/show.toml" --db "$DB" --duration $SECS
wait_until 20 grep -qs "^api http://127.0.0.1:$PORT/api/v1/" "$T/show.out" || die "the API did not come up"
wait_api || die "the API does not answer"
wait_until 10 output_is record live || die "the recording is not live within 10 s"
wait_until 10 output_is udp live || die "the UDP output is not live within 10 s"

# A few seconds of the first part are on disk before it fills.
check "the first part grows to 300 KiB before the disk fills" wait_until 15 bash -c "(( \$(du -k '$T/recfs/program.mkv' | cut -f1) >= 300 ))"
fill_fs "$T/recfs"
info "filled: $(fs_free_kb "$T/recfs") KiB free"
check "the recording fails within 10 s of its disk filling" wait_until 10 output_is record failed
reason=$(output_field record last_error)
check "the recording's state says why: disk full ($reason)" grep -q "disk full" <<< "$reason"
outputs_alert() { get /alerts | grep -q '"rule":"outputs"'; }
check "an 'outputs' alert is raised within 5 s" wait_until 5 outputs_alert
check "the alert names the recording and the full disk" grep -q "record:failed (disk full" <(get /alerts)
check "the failed recording is stopped in the show state (its Start button is back)" \
    grep -q '"outputs_stopped":\["record"\]' <(curl -s -m 10 -H "Authorization: Bearer $OP" "$BASE/state")
p1=$(output_field udp packets)
sleep 2
p2=$(output_field udp packets)
check "the UDP output keeps streaming after the failure ($p1 -> $p2 packets, state $(output_field udp state))" \
    test "${p2:-0}" -gt "$((${p1:-0} + 60))"
check "the UDP output is live" output_is udp live

free_fs "$T/recfs"
info "freed: $(fs_free_kb "$T/recfs") KiB free"
out=$(curl -s -m 10 -w '\n%{http_code}' -H "Authorization: Bearer $OP" -X POST -d '{}' "$BASE/outputs/record/start")
check "output.start -> 200 (${out//$'\n'/ })" test "${out##*$'\n'}" = 200
check "the recording is live again within 10 s of output.start" wait_until 10 output_is record live
target=$(output_field record target)
check "it records into the next part ($target)" grep -q "program-part2.mkv$" <<< "$target"

wait_pid "$HAWKER_PID" $((SECS + 30))
check "hawker exits 0 after --duration $SECS (got $WAIT_RC)" test "$WAIT_RC" -eq 0
wait_pid "$RECEIVER" 30
check "the receiver got its $RECEIVE_S s and exited cleanly (exit $WAIT_RC)" test "$WAIT_RC" -eq 0

dropped=$(summary_value "$T/show.out" dropped)
check "the encoder never stalled: summary dropped=$dropped (0)" test "${dropped:-x}" = 0
udp_dropped=$(item_value "$T/show.out" output udp dropped)
check "the UDP output dropped nothing: dropped=$udp_dropped (0)" test "${udp_dropped:-x}" = 0
n=$(count_frames "$T/received.ts")
check "the receiver decoded ${n:-no} frames in $RECEIVE_S s (>= $((RECEIVE_S * FPS - 15)))" \
    test "${n:-0}" -ge $((RECEIVE_S * FPS - 15))
jumps=$(ffprobe -v error -select_streams v:0 -show_entries packet=dts_time -of csv=p=0 "$T/received.ts" \
    | awk '$1 != "N/A" && $1 != "" { t = $1 + 0; if (n++ && (t - p > 0.5 || t < p)) printf "%.3f->%.3f; ", p, t; p = t }')
check "the received stream has no gap while the recording failed (jumps > 0.5 s: ${jumps:-none})" test -z "$jumps"

PART2="$T/recfs/program-part2.mkv"
n2=$(count_frames "$PART2")
span=$(stream_span "$PART2" v:0)
check "program-part2.mkv plays: ${n2:-no} frames, video $(probe_stream "$PART2" v:0 codec_name), ${span:-?} s" \
    test "${n2:-0}" -ge $((5 * FPS))
check "… of the program from its restart to the end ($span s >= 5)" fcmp "${span:-0} >= 5"
n1=$(count_frames "$T/recfs/program.mkv")
check "the first part, cut short by the full disk, still plays (${n1:-no} frames)" test "${n1:-0}" -ge $FPS

q() { sqlite3 "$DB" "$1"; }
check "the timeline has the recording's failure with its reason" \
    test "$(q "SELECT count(*) FROM timeline WHERE event = 'output' AND detail LIKE 'record failed disk full%'")" -ge 1
check "the audit log says hawker stopped the failed output" \
    test "$(q "SELECT count(*) FROM audit WHERE who = 'hawker' AND role = 'automation' AND command = 'output.stop'")" = 1
check "… and who started it again" \
    test "$(q "SELECT count(*) FROM audit WHERE who = 'deck' AND command = 'output.start' AND ok = 1")" = 1

finish
