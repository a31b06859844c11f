#!/usr/bin/env bash
# kill -9 during a live session, mid flash sale: a restart finds the session,
# --resume goes on with it (same session, its offer with the stock left and
# the per-buyer counts), the timeline shows the gap, the audit log and the
# timeline from before the crash are intact, the first recording plays, and an
# output its operator had stopped stays stopped.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools sqlite3 curl ffprobe

PORT=$(pick_port)
export HAWKER_HOME="$T/home"   # the installation's viewer-hash key lives here
export HAWKER_TEST_OPERATOR_TOKEN="$(random_token op)"
export HAWKER_TEST_MERCH_TOKEN="$(random_token me)"
OP=$HAWKER_TEST_OPERATOR_TOKEN; ME=$HAWKER_TEST_MERCH_TOKEN
BASE="http://127.0.0.1:$PORT/api/v1"

camera_show "resume test" 360 640 30 800 1 "program.mkv" > "$T/show.toml"
cat >> "$T/show.toml" <<EOF
slots = [ { name = "countdown", rect = [10, 80, 210, 100] } ]

[[products]]
sku = "S1"
name = "精华液"
price_cents = 29900
stock = 100

[[offers]]
id = "flash"
sku = "S1"
price_cents = 9900
quantity = 10
per_buyer_limit = 2
prelaunch_s = 10
duration_s = 600

[[outputs]]
id = "backup"
kind = "record"
path = "backup.mkv"

$(api_block "$PORT")
EOF
# The scene's slots line must follow its layers: move it into [[scenes]].
python3 - "$T/show.toml" <<'PYEOF'
import sys
p = sys.argv[1]
s = open(p).read()
slots = 'slots = [ { name = "countdown", rect = [10, 80, 210, 100] } ]\n'
s = s.replace(slots, '', 1)
s = s.replace('fit = "cover" } ]\n', 'fit = "cover" } ]\n' + slots, 1)
open(p, 'w').write(s)
PYEOF

hawker_bg first run "$T/show.toml" --db "$T/hawker.db"
first_pid=$HAWKER_PID
check "the API comes up" wait_api
api "$ME" /approvals '{"offer":"flash"}'
api "$OP" /offers/start '{"offer":"flash"}'
check "the flash sale starts (got $CODE)" test "$CODE" = 200
for i in $(seq 1 150); do   # 10 s pre-launch, live
    api "$OP" /offers
    grep -q '"phase":"on_sale"' <<< "$BODY" && break
    sleep 0.1
done
check "the sale is on" grep -q '"phase":"on_sale"' <<< "$BODY"
api "$OP" /offers/sell '{"quantity":2,"buyer":"viewer-1"}'
check "an order of 2 is acknowledged (got $CODE)" test "$CODE" = 200
api "$OP" /offers/sell '{"quantity":3,"buyer":"viewer-2"}'
check "an order over the limit is refused (got $CODE)" test "$CODE" = 409
api "$OP" /outputs/backup/stop '{}'
check "the operator stops the backup recording (got $CODE)" test "$CODE" = 200
sleep 2.5   # let the recording get a couple of keyframes in
kill -KILL "$first_pid"
wait_pid "$first_pid" 5
check "the first run was killed (rc $WAIT_RC)" test "$WAIT_RC" -ne 0

q() { sqlite3 "$T/hawker.db" "$1"; }
check "after the kill the session is still live" test "$(q "SELECT state FROM sessions WHERE id = 1")" = live
check "the acknowledged order is in SQLite" test "$(q "SELECT count(*) FROM audit WHERE command = 'offer.sell' AND ok = 1")" = 1
check "the first recording still plays" ffprobe -v error -show_entries format=duration -of csv=p=0 "$T/program.mkv"
first_duration=$(ffprobe -v error -count_packets -select_streams v -show_entries stream=nb_read_packets -of csv=p=0 "$T/program.mkv" 2>/dev/null || echo 0)
check "the first recording has frames up to the kill ($first_duration packets)" test "${first_duration:-0}" -gt 200
audit_before=$(q "SELECT count(*) FROM audit")
timeline_before=$(q "SELECT count(*) FROM timeline")

# A plain restart finds the live session and says how to resume it.
sed "s/port = $PORT/enabled = false/" "$T/show.toml" | sed '/^tokens = \[/,/^\]/d' > "$T/plain.toml"
hawker_fg plain 60 run "$T/plain.toml" --db "$T/hawker.db" --offline --duration 1
check "a restart reports the session that was live" grep -q "session 1 'resume test' was live when its show stopped; resume it with --resume 1" "$T/plain.err"

sleep 1
hawker_bg second run "$T/show.toml" --db "$T/hawker.db" --resume 1
check "the API comes up again" wait_api
api "$OP" /offers
check "the offer is still on sale with 8 left" grep -q '"phase":"on_sale".*"remaining":8' <<< "$BODY"
api "$OP" /offers/sell '{"quantity":1,"buyer":"viewer-1"}'
check "viewer-1 already bought 2 before the crash: refused (got $CODE)" test "$CODE" = 409
api "$OP" /offers/sell '{"quantity":2,"buyer":"viewer-3"}'
check "a new buyer can buy (got $CODE)" test "$CODE" = 200
api "$OP" /session
check "the API says the session resumed after a gap" grep -q '"resumed_after_gap_ms":[1-9]' <<< "$BODY"
api "$OP" /outputs
printf '%s' "$BODY" > "$T/outputs.json"
backup_state=$(sqlite3 :memory: "SELECT json_extract(value, '$.state') FROM json_each(readfile('$T/outputs.json'))
    WHERE json_extract(value, '$.id') = 'backup'")
check "the output its operator had stopped stays stopped after the resume ($backup_state)" \
    test "$backup_state" = stopped
sleep 1.5
# Something the audience sees after the resume, so the timeline must have a row after the gap.
api "$OP" /cut '{"scene":"main"}'
check "a cut after the resume is acknowledged (got $CODE)" test "$CODE" = 200
api "$OP" /show/stop '{}'
wait_pid "$HAWKER_PID" 30
check "the resumed show ends cleanly (rc $WAIT_RC)" test "$WAIT_RC" -eq 0

check "still one session for the show, now ended" test "$(q "SELECT state FROM sessions WHERE id = 1")" = ended
gap=$(q "SELECT detail FROM timeline WHERE session_id = 1 AND event = 'session_resumed'")
check "the timeline shows the gap: $gap" grep -q '^after a gap of [0-9]* ms' <<< "$gap"
gap_ms=$(sed -n 's/^after a gap of \([0-9]*\) ms.*/\1/p' <<< "$gap")
check "the gap covers the restart (${gap_ms} ms >= 1500)" test "${gap_ms:-0}" -ge 1500
# Program time goes on across the gap: the cut made after the resume is on
# the timeline after the session_resumed row, at a later program time, and no
# row after the resume goes back in program time.
resumed_row="(SELECT id FROM timeline WHERE session_id = 1 AND event = 'session_resumed')"
resumed_ms=$(q "SELECT program_ms FROM timeline WHERE session_id = 1 AND event = 'session_resumed'")
cut_ms=$(q "SELECT program_ms FROM timeline WHERE session_id = 1 AND id > $resumed_row AND event = 'program' AND detail = 'main (cut)' ORDER BY id LIMIT 1")
check "the cut after the resume is on the timeline after the gap (program_ms ${cut_ms:-none} > resumed at ${resumed_ms:-none})" \
    test -n "$cut_ms" -a -n "$resumed_ms" -a "${cut_ms:-0}" -gt "${resumed_ms:-0}"
check "no row after the resume goes back in program time" test "$(q "SELECT count(*) FROM timeline WHERE session_id = 1 AND id > $resumed_row AND event != 'output' AND program_ms < ${resumed_ms:-0}")" = 0
check "audit rows from before the crash are intact" test "$(q "SELECT count(*) FROM audit WHERE session_id = 1 AND id <= $audit_before")" = "$audit_before"
check "timeline rows from before the crash are intact" test "$(q "SELECT count(*) FROM timeline WHERE session_id = 1 AND id <= $timeline_before")" -ge 3
check "the resumed part is recorded to its own file" test -s "$T/program-part2.mkv"
check "the stopped backup recording did not start again (no backup-part file)" bash -c "! compgen -G '$T/backup-part*' >/dev/null"
check "the key file is private (mode 600)" test "$(stat -c %a "$HAWKER_HOME/viewer.key")" = 600
finish
