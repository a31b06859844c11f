#!/usr/bin/env bash
# Another process locks the session database mid-show: the sqlite3 shell
# holds BEGIN EXCLUSIVE on it for 9 s while the show runs live.
#   - a command sent meanwhile takes effect on the program but answers 503
#     (not stored within its deadline), with Retry-After;
#   - after SQLite's 5 s busy wait hawker says the database is not writable,
#     and an alert (rule "database") says why: it is locked;
#   - a batch of viewer events sent meanwhile is not acknowledged (not 200);
#   - once the lock is gone everything that waited lands, "database writable
#     again" is said once, commands answer 200, and the same batch sent again
#     is new in full: nothing of it had been stored.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools sqlite3 curl ffprobe

SECS=30 FPS=30 HOLD=9
export HAWKER_HOME="$T/home"
PORT=$(pick_port)
export HAWKER_TEST_OPERATOR_TOKEN="op-$(random_hex)" HAWKER_TEST_INGEST_TOKEN="in-$(random_hex)"
OP=$HAWKER_TEST_OPERATOR_TOKEN IN=$HAWKER_TEST_INGEST_TOKEN
BASE="http://127.0.0.1:$PORT/api/v1"
DB="$T/hawker.db"

camera_show "database locked test" 360 640 $FPS 800 1 "$T/program.mkv" > "$T/show.toml"
cat >> "$T/show.toml" <<EOF

[[scenes]]
id = "alt"
layers = [ { kind = "color", color = "#204060", rect = [0, 0, 360, 640] } ]

[api]
port = $PORT
tokens = [
  { name = "deck", role = "operator", token_env = "HAWKER_TEST_OPERATOR_TOKEN" },
  { name = "shop", role = "ingest", token_env = "HAWKER_TEST_INGEST_TOKEN" },
]
EOF

# send TOKEN PATH BODY_FILE_OR_TEXT: POST; sets CODE, BODY, RETRY_AFTER.
send() {
    local out data="$3"
    [[ -f "$3" ]] && data="@$3"
    out=$(curl -s -m 20 -D "$T/headers.txt" -w '\n%{http_code}' -H "Authorization: Bearer $1" \
        -H 'Content-Type: application/json' -X POST --data-binary "$data" "$BASE$2")
    CODE=${out##*$'\n'} BODY=${out%$'\n'*}
    RETRY_AFTER=$(tr -d '\r' < "$T/headers.txt" | sed -n 's/^[Rr]etry-[Aa]fter: *//p')
}
get() { curl -s -m 10 -H "Authorization: Bearer $OP" "$BASE$1"; }
said() { grep -c "$1" "$T/show.err"; }
# answer_ms STATUS N: from hawker's own log, the ms from the Nth cut that
# answered STATUS taking effect (its "command cut" line) to its answer.
answer_ms() {
    awk -v want="api POST /api/v1/cut -> $1" -v n="$2" '
        function ms(s) { split(substr(s, 2, 12), a, /[:.]/); return ((a[1] * 60 + a[2]) * 60 + a[3]) * 1000 + a[4] }
        / info: command cut .* by deck / { t = ms($1) }
        index($0, want) { if (++k == n) { print ms($1) - t; exit } }' "$T/show.err"
}
locked() { ! sqlite3 -cmd ".timeout 50" "$DB" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1; }

hawker_bg show run "$T/show.toml" --db "$DB" --duration $SECS
wait_until 20 grep -qs "^api http://127.0.0.1:$PORT/api/v1/" "$T/show.out" || die "the API did not come up"
wait_until 10 grep -qs '^session [0-9]*$' "$T/show.out" || die "no 'session N' line within 10 s"
wait_api || die "the API does not answer"
SID=$(sed -n 's/^session \([0-9]*\)$/\1/p' "$T/show.out" | head -n1)
START=$(sqlite3 "$DB" "SELECT start_utc_ms FROM sessions WHERE id = $SID")
wait_until 5 bash -c "(( \$(date +%s%3N) >= $START + 1000 ))"
awk -v now="$((START + 1))" 'BEGIN { printf "{\"events\":["
    for (i = 0; i < 200; i++) printf "%s{\"id\":\"lk-%d\",\"type\":\"view_start\",\"ts\":%.0f,\"viewer\":\"v%d\"}", (i ? "," : ""), i, now + i, i
    printf "]}" }' > "$T/batch.json"

send "$OP" /cut '{"scene":"alt"}'
check "before the lock: cut alt -> 200 (got $CODE: ${BODY:0:120})" test "$CODE" = 200

# The shell waits for the show's own writes (a heartbeat a second) to finish before it locks.
{ echo "BEGIN EXCLUSIVE;"; sleep $HOLD; echo "COMMIT;"; } | sqlite3 -cmd ".timeout 3000" "$DB" > "$T/locker.log" 2>&1 &
LOCKER=$!
track_pid "$LOCKER"
wait_until 5 locked || die "the sqlite3 shell did not take the lock within 5 s"
info "the sqlite3 shell holds BEGIN EXCLUSIVE for $HOLD s"

curl -s -m 20 -o "$T/ingest-locked.json" -w '%{http_code}' -H "Authorization: Bearer $IN" \
    -H 'Content-Type: application/json' -X POST \
    --data-binary "@$T/batch.json" "$BASE/sessions/$SID/events" > "$T/ingest-locked.code" &
INGEST=$!
track_pid "$INGEST"

send "$OP" /cut '{"scene":"main"}'
check "locked: cut main -> 503 (got $CODE: ${BODY:0:160})" test "$CODE" = 503
check "the 503 says the command took effect but is not stored yet" \
    grep -q "took effect on the program but is not stored yet" <<< "$BODY"
check "the 503 has Retry-After ($RETRY_AFTER)" test -n "$RETRY_AFTER"
took=$(answer_ms 503 1)
check "it came at the 3 s deadline (${took:-?} ms after the cut, by hawker's log)" \
    test "${took:-0}" -ge 2900 -a "${took:-9999}" -le 3500
check "the cut took effect on the program anyway" grep -q '"program":"main"' <(get /state)

check "hawker says 'database not writable: database is locked' while the lock is held" \
    wait_until $HOLD grep -qs "error: database not writable: database is locked" "$T/show.err"
database_alert() {
    get /alerts > "$T/alerts-now.json"
    test "$(json_count "$T/alerts-now.json" \
        "json_extract(value, '\$.rule') = 'database' AND json_extract(value, '\$.message') LIKE '%database is locked%'")" -gt 0
}
check "a 'database' alert says the database is locked" wait_until 4 database_alert
check "the lock is still held: the alert came during it" locked

wait_pid "$INGEST" 25
ingest_code=$(cat "$T/ingest-locked.code")
check "the batch sent while locked is not acknowledged: 503, retry (got $ingest_code: $(head -c 120 "$T/ingest-locked.json"))" \
    test "$ingest_code" = 503

wait_pid "$LOCKER" $((HOLD + 5))
check "the sqlite3 shell committed and let go (exit $WAIT_RC)" test "$WAIT_RC" = 0
check "hawker says 'database writable again' within 10 s of the lock going" \
    wait_until 10 grep -qs "database writable again" "$T/show.err"
send "$OP" /cut '{"scene":"alt"}'
check "unlocked: cut alt -> 200 (got $CODE: ${BODY:0:120})" test "$CODE" = 200
send "$IN" "/sessions/$SID/events" "$T/batch.json"
check "the same batch sent again -> 200 (got $CODE: ${BODY:0:120})" test "$CODE" = 200
check "… all 200 events are new: nothing of the refused batch had been stored ($BODY)" \
    grep -q '"accepted":200,"duplicates":0' <<< "$BODY"

wait_pid "$HAWKER_PID" $((SECS + 30))
check "hawker exits 0 after --duration $SECS (got $WAIT_RC)" test "$WAIT_RC" -eq 0
frames=$(count_frames "$T/program.mkv")
check "the show went on: the recording has every frame (${frames:-none} of $((SECS * FPS)))" \
    test "${frames:-x}" = $((SECS * FPS))
check "'database writable again' was said once ($(said 'database writable again'))" \
    test "$(said 'database writable again')" = 1

q() { sqlite3 "$DB" "$1"; }
cmds=$(q "SELECT group_concat(command || ':' || ok, ' ') FROM (SELECT command, ok FROM audit WHERE who = 'deck' ORDER BY id)")
check "the audit log has the three cuts in order, all ok ($cmds)" test "$cmds" = "cut alt:1 cut main:1 cut alt:1"
dups=$(q "SELECT count(*) FROM (SELECT 1 FROM timeline GROUP BY utc_ms, event, detail HAVING count(*) > 1)")
check "no timeline row is there twice ($dups duplicated)" test "$dups" = 0
check "the events table has the batch once (200 rows)" test "$(q "SELECT count(*) FROM events WHERE event_id LIKE 'lk-%'")" = 200
note=$(q "SELECT detail FROM timeline WHERE event = 'database'")
check "the timeline says when the database took writes again ($note)" grep -q "^writable again after" <<< "$note"

finish
