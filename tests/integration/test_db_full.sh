#!/usr/bin/env bash
# The session database's disk fills mid-show. The database lives on a 16 MB
# ext4 image mounted for the test; a filler file takes its last free block
# while the show runs live, and is removed again later.
#   - the show goes on: the recording (on another disk) has every frame;
#   - a command still takes effect on the program but answers 503, with
#     Retry-After and a message that says it ran but is not stored yet;
#   - an alert (rule "database") says the database is not writable;
#   - once there is room, everything that waited lands: "database writable
#     again" is said once, the alert is cleared, commands answer 200, and the
#     audit log has every command exactly once.
source "$(dirname "$0")/lib.sh"
source "$IT_DIR/small_fs.sh"
require_hawker
require_tools sqlite3 curl ffprobe
mount_small_fs "$T/dbfs" 16

SECS=25 FPS=30
export HAWKER_HOME="$T/home"
PORT=$(pick_port)
export HAWKER_TEST_OPERATOR_TOKEN="op-$(random_hex)" HAWKER_TEST_MERCH_TOKEN="me-$(random_hex)"
OP=$HAWKER_TEST_OPERATOR_TOKEN
BASE="http://127.0.0.1:$PORT/api/v1"
DB="$T/dbfs/hawker.db"

camera_show "database full test" 360 640 $FPS 800 1 "$T/program.mkv" > "$T/show.toml"
cat >> "$T/show.toml" <<EOF

[[scenes]]
id = "alt"
layers = [ { kind = "color", color = "#204060", rect = [0, 0, 360, 640] } ]

$(api_block "$PORT")
EOF

# send PATH BODY: POST as the operator; sets CODE, BODY and RETRY_AFTER.
send() {
    local out
    out=$(curl -s -m 15 -D "$T/headers.txt" -w '\n%{http_code}' -H "Authorization: Bearer $OP" \
        -X POST --data-binary "$2" "$BASE$1")
    CODE=${out##*$'\n'} BODY=${out%$'\n'*}
    RETRY_AFTER=$(tr -d '\r' < "$T/headers.txt" | sed -n 's/^[Rr]etry-[Aa]fter: *//p')
}
get() { curl -s -m 10 -H "Authorization: Bearer $OP" "$BASE$1"; }
program_is() { get /state | grep -q "\"program\":\"$1\""; }
# answer_ms STATUS N: from hawker's own log, the ms from the Nth cut that
# answered STATUS taking effect (its "command cut" line) to its answer.
answer_ms() {
    awk -v want="api POST /api/v1/cut -> $1" -v n="$2" '
        function ms(s) { split(substr(s, 2, 12), a, /[:.]/); return ((a[1] * 60 + a[2]) * 60 + a[3]) * 1000 + a[4] }
        / info: command cut .* by deck / { t = ms($1) }
        index($0, want) { if (++k == n) { print ms($1) - t; exit } }' "$T/show.err"
}
said() { grep -c "$1" "$T/show.err"; }

hawker_bg show run "$T/show.toml" --db "$DB" --duration $SECS
wait_until 20 grep -qs "^api http://127.0.0.1:$PORT/api/v1/" "$T/show.out" || die "the API did not come up"
wait_api || die "the API does not answer"

send /cut '{"scene":"alt"}'
check "before the disk fills: cut alt -> 200 (got $CODE: ${BODY:0:120})" test "$CODE" = 200

fill_fs "$T/dbfs"
info "filled: $(fs_free_kb "$T/dbfs") KiB free"
check "hawker says 'database not writable' within 10 s of the disk filling" \
    wait_until 10 grep -qs "error: database not writable: database or disk is full" "$T/show.err"

send /cut '{"scene":"main"}'
check "disk full: cut main -> 503 (got $CODE: ${BODY:0:160})" test "$CODE" = 503
check "the 503 says the command took effect but is not stored yet" \
    grep -q "took effect on the program but is not stored yet" <<< "$BODY"
check "… in Chinese too" grep -q "已在节目中生效，但尚未保存" <<< "$BODY"
check "… and why: the disk is full" grep -q "database or disk is full" <<< "$BODY"
check "the 503 has Retry-After ($RETRY_AFTER)" test -n "$RETRY_AFTER"
took=$(answer_ms 503 1)
check "the 503 came within the 3 s deadline (${took:-?} ms after the cut, by hawker's log)" test "${took:-9999}" -le 3200
check "the cut took effect on the program anyway" program_is main
send /cut '{"scene":"alt"}'
check "still full: cut alt -> 503 (got $CODE)" test "$CODE" = 503
took=$(answer_ms 503 2)
check "… answered without the full 3 s wait, the database being known full (${took:-?} ms <= 700)" \
    test "${took:-9999}" -le 700
check "… and took effect" program_is alt

database_alert() { get /alerts | grep -q '"rule":"database"'; }
check "an alert with rule 'database' is raised within 5 s" wait_until 5 database_alert
get /alerts > "$T/alerts-full.json"
check "the alert says the database is not writable" grep -q "database not writable" "$T/alerts-full.json"
check "the alert says it in Chinese too" grep -q "数据库不可写" "$T/alerts-full.json"
check "the live numbers mark the database red" grep -q '"database":"red"' <(get /metrics)

free_fs "$T/dbfs"
info "freed: $(fs_free_kb "$T/dbfs") KiB free"
check "hawker says 'database writable again' within 10 s of the space coming back" \
    wait_until 10 grep -qs "database writable again" "$T/show.err"
send /cut '{"scene":"main"}'
check "room again: cut main -> 200 (got $CODE: ${BODY:0:120})" test "$CODE" = 200
alert_cleared() {
    get /alerts > "$T/alerts-now.json"
    test "$(json_count "$T/alerts-now.json" "json_extract(value, '\$.rule') = 'database' AND json_extract(value, '\$.cleared')")" -gt 0
}
check "the database alert is marked cleared within 5 s" wait_until 5 alert_cleared
check "the live numbers mark the database green again" grep -q '"database":"green"' <(get /metrics)

wait_pid "$HAWKER_PID" $((SECS + 30))
check "hawker exits 0 after --duration $SECS (got $WAIT_RC)" test "$WAIT_RC" -eq 0

frames=$(count_frames "$T/program.mkv")
check "the show went on: the recording has every frame (${frames:-none} of $((SECS * FPS)))" \
    test "${frames:-x}" = $((SECS * FPS))
check "'database not writable' was said once ($(said 'error: database not writable'))" test "$(said 'error: database not writable')" = 1
check "'database writable again' was said once ($(said 'database writable again'))" \
    test "$(said 'database writable again')" = 1

q() { sqlite3 "$DB" "$1"; }
cmds=$(q "SELECT group_concat(command || ':' || ok, ' ') FROM (SELECT command, ok FROM audit WHERE who = 'deck' ORDER BY id)")
check "the audit log has the four cuts in order, all ok ($cmds)" \
    test "$cmds" = "cut alt:1 cut main:1 cut alt:1 cut main:1"
dups=$(q "SELECT count(*) FROM (SELECT 1 FROM audit GROUP BY utc_ms, command, who HAVING count(*) > 1)")
check "no audit row is there twice ($dups duplicated)" test "$dups" = 0
dups=$(q "SELECT count(*) FROM (SELECT 1 FROM timeline GROUP BY utc_ms, event, detail HAVING count(*) > 1)")
check "no timeline row is there twice ($dups duplicated)" test "$dups" = 0
note=$(q "SELECT detail FROM timeline WHERE event = 'database'")
check "the timeline says when the database took writes again ($note)" grep -q "^writable again after" <<< "$note"
check "the resumable state is the last cut's (program main)" \
    test "$(q "SELECT json_extract(state_json, '\$.program') FROM show_state")" = main
stored=$(q "SELECT count(*) FROM alerts WHERE rule = 'database' AND message LIKE '%not writable%'")
check "the database alert itself was stored once the disk had room ($stored row)" test "$stored" = 1
phrase=$(q "SELECT json_extract(phrase, '\$.key') || ' ' || json_extract(phrase, '\$.args.reason') FROM alerts WHERE rule = 'database'")
check "  with its words as a phrase, for each reader's language ($phrase)" \
    bash -c '[[ "$1" == "alert_text.database database or disk is full"* ]]' _ "$phrase"
# The review says it in its reader's language, from the stored phrase.
session=$(q "SELECT id FROM sessions")
for lang in zh-CN en; do
    "$HAWKER" report --db "$DB" --session "$session" --html "$T/review-$lang.html" --lang "$lang" \
        > "$T/report-$lang.out" 2>&1 || fail "hawker report --lang $lang failed: $(head -c 300 "$T/report-$lang.out")"
done
check "the review in Chinese says the alert in Chinese" \
    grep -qE "数据库不可写：database or disk is full[^<]*；节目继续" "$T/review-zh-CN.html"
check "the review in English says it in English" \
    grep -qE "database not writable: database or disk is full[^<]*; the show goes on" "$T/review-en.html"
check "  from the phrase, not the stored message (which leads with its Chinese title)" \
    bash -c '! grep -q "数据库不可写 database not writable" "$1"' _ "$T/review-en.html"
check "the session ended" test "$(q "SELECT state FROM sessions")" = ended

finish
