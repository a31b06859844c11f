#!/usr/bin/env bash
# `hawker demo --out DIR --duration S --offline`: the built-in demo show (no
# show file, synthetic cameras) writes DIR/program.mkv at the default canvas
# (1080x1920 @ 30 fps) and prints its summary; its session in DIR/hawker.db
# has the rundown, the merchandiser's approvals and a flash sale that drains
# its stock and sells out.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe sqlite3

SECS=36
hawker_fg demo 120 demo --out "$T/demo" --duration $SECS --offline
check "hawker demo exits 0 (got $HAWKER_RC, wall ${HAWKER_WALL}s)" test "$HAWKER_RC" -eq 0
REC="$T/demo/program.mkv"
[[ -s "$REC" ]] || die "hawker demo did not write $REC ($(ls -la "$T/demo" 2>&1 | tr '\n' ' '))"
ok "demo wrote $REC ($(stat -c %s "$REC") bytes)"
frames=$(count_frames "$REC")
wh="$(probe_stream "$REC" v:0 width)x$(probe_stream "$REC" v:0 height)"
vc=$(probe_stream "$REC" v:0 codec_name)
ac=$(probe_stream "$REC" a:0 codec_name)
rate=$(probe_stream "$REC" v:0 r_frame_rate)
check "demo recording frames=$frames (exactly $((SECS * 30)))" test "${frames:-x}" = "$((SECS * 30))"
check "demo canvas ${wh} @ $rate (default 1080x1920 @ 30/1)" test "$wh@$rate" = "1080x1920@30/1"
check "demo codecs video=$vc audio=$ac (h264, aac)" test "$vc/$ac" = "h264/aac"
sframes=$(summary_value "$T/demo.out" frames)
check "demo summary frames=$sframes" test "${sframes:-x}" = "$((SECS * 30))"
check "demo prints where it wrote (target=$REC)" grep -q "target=$REC" "$T/demo.out"

q() { sqlite3 "$T/demo/hawker.db" "$1"; }
check "the demo is a session, ended" test "$(q "SELECT state FROM sessions")" = ended
check "the session has the demo's platforms and targets" test "$(q "SELECT platforms || ' ' || json_extract(targets_json, '$.gmv_cents') FROM sessions")" = "douyin,taobao 300000"
check "the merchandiser approved 2 cards and the flash sale" test "$(q "SELECT count(*) FROM audit WHERE role = 'merchandiser' AND command = 'approve' AND ok = 1")" = 3
check "the rundown ran its first 4 segments by 36 s" test "$(q "SELECT count(*) FROM timeline WHERE event = 'segment'")" = 4
# The simulated audience's paid orders come in through the order feed and
# drain the sale; unpaid orders hold a few units, as on the platforms.
sold=$(q "SELECT message FROM audit WHERE command = 'offer.sell' AND ok = 1" | awk '{ n += $2 } END { print n + 0 }')
check "the simulated audience's orders drained the flash sale: $sold of 30 sold (>= 20)" test "$sold" -ge 20
check "the sale ended on the timeline ($(q "SELECT detail FROM timeline WHERE event = 'offer' AND detail LIKE 'serum-flash %' ORDER BY id DESC LIMIT 1"))" \
    test "$(q "SELECT count(*) FROM timeline WHERE event = 'offer' AND (detail LIKE 'serum-flash sold_out%' OR detail LIKE 'serum-flash ended%')")" = 1
check "no order was refused" test "$(q "SELECT count(*) FROM audit WHERE command = 'offer.sell' AND ok = 0")" = 0
events=$(q "SELECT count(*) FROM events")
check "the simulated audience sent its events into the session ($events events)" test "$events" -ge 1000
for f in report.html report.json; do
    check "the demo wrote its review $f ($(stat -c %s "$T/demo/$f" 2>/dev/null) bytes)" test -s "$T/demo/$f"
done
live_uv=$(sed -n 's/^analytics .* uv=\([0-9]*\) .*/\1/p' "$T/demo.out")
report_uv=$(sed -n 's/^report uv=\([0-9]*\) .*/\1/p' "$T/demo.out")
check "the live analytics and the report agree on UV ($live_uv = $report_uv)" test -n "$live_uv" -a "$live_uv" = "$report_uv"
check "the demo's API listened on loopback" grep -q '^api http://127.0.0.1:[0-9]*/api/v1/' "$T/demo.out"
check "its token file is private" test "$(stat -c %a "$T/demo/api-tokens.toml")" = 600
check "no token reaches the log" test "$(grep -c -F -f <(sed -n 's/^[a-z]* = "\(.*\)"$/\1/p' "$T/demo/api-tokens.toml") "$T/demo.log")" = 0
finish
