#!/usr/bin/env bash
# Viewer events through the HTTP batch endpoint of a live show:
# POST /api/v1/sessions/{id}/events. Auth (401 without or with a wrong token,
# 403 for a token of another role), 404 for an unknown session, 400 for a body
# that is not JSON or has no "events" list, 413 above [api] max_body_bytes; a
# batch of 500 good events is accepted, retrying it is idempotent (all
# duplicates), a mixed batch names exactly its bad indexes; the live metrics
# (GET /api/v1/metrics) follow the events, a pace alert can be acknowledged
# (POST /api/v1/alerts/{id}/ack), and after the show the report from SQLite
# and the show's own `analytics` line give the same numbers.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools sqlite3 curl

export HAWKER_HOME="$T/home"
PORT=$(pick_port)
export HAWKER_TEST_OPERATOR_TOKEN="op-$(random_hex)"
export HAWKER_TEST_MERCH_TOKEN="me-$(random_hex)"
export HAWKER_TEST_INGEST_TOKEN="in-$(random_hex)"
OP=$HAWKER_TEST_OPERATOR_TOKEN ME=$HAWKER_TEST_MERCH_TOKEN IN=$HAWKER_TEST_INGEST_TOKEN
DB="$T/hawker.db"
RUN_S=40

camera_show "ingest http" 360 640 30 800 2 "program.mkv" > "$T/show.toml"
cat >> "$T/show.toml" <<EOF

[[products]]
sku = "S1"
name = "精华液"
price_cents = 1000

# A GMV target far out of reach: the default pace rule raises an alert to acknowledge.
[session.targets]
gmv_cents = 100000000

[api]
bind = "127.0.0.1"
port = $PORT
max_body_bytes = 65536
tokens = [
  { name = "deck", role = "operator", token_env = "HAWKER_TEST_OPERATOR_TOKEN" },
  { name = "lin", role = "merchandiser", token_env = "HAWKER_TEST_MERCH_TOKEN" },
  { name = "shop", role = "ingest", token_env = "HAWKER_TEST_INGEST_TOKEN" },
]
EOF

BASE="http://127.0.0.1:$PORT/api/v1"
# post TOKEN PATH FILE: POST the file; sets CODE and BODY.
post() {
    local token="$1" path="$2" file="$3" auth=()
    [[ -n "$token" ]] && auth=(-H "Authorization: Bearer $token")
    BODY=$(curl -s -m 20 -o - -w '\n%{http_code}' "${auth[@]}" -X POST -H 'Content-Type: application/json' \
        --data-binary "@$file" "$BASE$path")
    CODE=${BODY##*$'\n'}
    BODY=${BODY%$'\n'*}
}
get() {   # get TOKEN PATH OUTFILE: sets CODE
    CODE=$(curl -s -m 10 -o "$3" -w '%{http_code}' -H "Authorization: Bearer $1" "$BASE$2")
}
expect() { check "$2 -> $1 (got $CODE: ${BODY:0:160})" test "$CODE" = "$1"; }

hawker_bg show run "$T/show.toml" --db "$DB" --duration $RUN_S
wait_until 20 grep -qs "^api http://127.0.0.1:$PORT/api/v1/" "$T/show.out" \
    || die "no 'api http://127.0.0.1:$PORT/api/v1/' line within 20 s ($(head -c 300 "$T/show.err"))"
wait_until 10 grep -qs '^session [0-9]*$' "$T/show.out" || die "no 'session N' line within 10 s"
SID=$(sed -n 's/^session \([0-9]*\)$/\1/p' "$T/show.out" | head -n1)
ok "hawker is live: $(grep -m1 '^api ' "$T/show.out"), session $SID"
check "the API binds 127.0.0.1 only" test -n "$(ss -Hltn "( sport = :$PORT )" | grep '127.0.0.1:')"
EV="/sessions/$SID/events"

# --- the batches -------------------------------------------------------------------
# Timestamps are in the session's window and not in the future: from its start
# (in SQLite once the session line is printed) on, sent once a second has passed.
START=$(sqlite3 "$DB" "SELECT start_utc_ms FROM sessions WHERE id = $SID")
check "the live session has a start ($START)" is_number "$START"
NOW=$((START + 1))
wait_until 5 bash -c "(( \$(date +%s%3N) >= $START + 1000 ))"
# The 500-event batch: 300 view_start by 200 viewers (u0..u199, u0..u99 twice),
# 100 comments, 50 paid orders of 1000 cents by 50 distinct viewers, 50 likes of 2.
#   pv = 300, uv = 200, comments = 100, paid_orders = 50, buyers = 50, gmv_cents = 50000, likes = 100.
awk -v now="$NOW" 'BEGIN {
    printf "{\"events\":["
    for (i = 0; i < 500; i++) {
        if (i) printf ","
        ts = now + i
        if (i < 300)      printf "{\"id\":\"h1-%d\",\"type\":\"view_start\",\"ts\":%.0f,\"viewer\":\"u%d\"}", i, ts, i % 200
        else if (i < 400) printf "{\"id\":\"h1-%d\",\"type\":\"comment\",\"ts\":%.0f,\"viewer\":\"u%d\",\"text\":\"好\"}", i, ts, i - 300
        else if (i < 450) printf "{\"id\":\"h1-%d\",\"type\":\"order_paid\",\"ts\":%.0f,\"viewer\":\"u%d\",\"order_id\":\"o%d\",\"sku\":\"S1\",\"qty\":1,\"amount_cents\":1000}", i, ts, i - 400, i
        else              printf "{\"id\":\"h1-%d\",\"type\":\"like\",\"ts\":%.0f,\"viewer\":\"u%d\",\"count\":2}", i, ts, i - 450
    }
    printf "]}"
}' > "$T/batch500.json"
# The mixed batch: 20 events, view_start by new viewers w0..w19 except at the
# indexes 4 (negative amount), 11 (ts in seconds) and 17 (unknown type).
#   +17 pv, +17 uv.
awk -v now="$NOW" 'BEGIN {
    printf "{\"events\":["
    for (i = 0; i < 20; i++) {
        if (i) printf ","
        ts = now + 600 + i
        if (i == 4)       printf "{\"id\":\"m-%d\",\"type\":\"order_paid\",\"ts\":%.0f,\"viewer\":\"w%d\",\"order_id\":\"bad\",\"sku\":\"S1\",\"qty\":1,\"amount_cents\":-1}", i, ts, i
        else if (i == 11) printf "{\"id\":\"m-%d\",\"type\":\"view_start\",\"ts\":%.0f,\"viewer\":\"w%d\"}", i, int(ts / 1000), i
        else if (i == 17) printf "{\"id\":\"m-%d\",\"type\":\"teleport\",\"ts\":%.0f,\"viewer\":\"w%d\"}", i, ts, i
        else              printf "{\"id\":\"m-%d\",\"type\":\"view_start\",\"ts\":%.0f,\"viewer\":\"w%d\"}", i, ts, i
    }
    printf "]}"
}' > "$T/mixed.json"
printf '{"events":[{"id":"x","type":' > "$T/garbage.json"
printf '{"x":1}' > "$T/noevents.json"
printf '{"events":{"id":"x"}}' > "$T/notalist.json"
# Above max_body_bytes (65536): 70 000 bytes.
{ printf '{"events":[{"id":"big","type":"comment","ts":%s,"viewer":"u1","text":"' "$NOW"
  head -c 69900 /dev/zero | tr '\0' 'a'; printf '"}]}'; } > "$T/big.json"
info "batch sizes: 500 events $(stat -c %s "$T/batch500.json") B, big $(stat -c %s "$T/big.json") B"
check "the 500-event batch fits in max_body_bytes ($(stat -c %s "$T/batch500.json") <= 65536)" \
    test "$(stat -c %s "$T/batch500.json")" -le 65536

# --- auth and validation ----------------------------------------------------------
post ""                        "$EV" "$T/batch500.json"; expect 401 "no token"
post "not-a-token-at-all-1234" "$EV" "$T/batch500.json"; expect 401 "a wrong token"
post "${IN}x"                  "$EV" "$T/batch500.json"; expect 401 "the ingest token with a byte more"
post "$OP"                     "$EV" "$T/batch500.json"; expect 403 "an operator token"
post "$ME"                     "$EV" "$T/batch500.json"; expect 403 "a merchandiser token"
post "$IN" "/sessions/999/events" "$T/batch500.json";   expect 404 "unknown session 999"
post "$IN" "$EV" "$T/garbage.json";  expect 400 "a body that is not JSON"
check "  the reason says so" grep -q 'not valid JSON' <<< "$BODY"
post "$IN" "$EV" "$T/noevents.json"; expect 400 'a body {"x":1} without "events"'
check "  the reason names \"events\"" grep -q 'events' <<< "$BODY"
post "$IN" "$EV" "$T/notalist.json"; expect 400 '"events" that is not a list'
post "$IN" "$EV" "$T/big.json";      expect 413 "a 70000-byte body (max_body_bytes 65536)"
n=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE session_id = $SID")
check "none of the refused requests stored anything ($n events)" test "$n" = 0

# --- good batches, retries, a mixed batch ---------------------------------------------
post "$IN" "$EV" "$T/batch500.json"; expect 200 "a batch of 500 good events"
printf '%s' "$BODY" > "$T/reply1.json"
check "  accepted=$(jx "$T/reply1.json" '$.accepted') duplicates=$(jx "$T/reply1.json" '$.duplicates') rejected=$(jlen "$T/reply1.json" '$.rejected') (500 0 0)" \
    test "$(jx "$T/reply1.json" '$.accepted') $(jx "$T/reply1.json" '$.duplicates') $(jlen "$T/reply1.json" '$.rejected')" = "500 0 0"
for try in 1 2 3; do
    post "$IN" "$EV" "$T/batch500.json"
    printf '%s' "$BODY" > "$T/retry$try.json"
    check "retry $try: HTTP $CODE accepted=$(jx "$T/retry$try.json" '$.accepted') duplicates=$(jx "$T/retry$try.json" '$.duplicates') (200 0 500)" \
        test "$CODE $(jx "$T/retry$try.json" '$.accepted') $(jx "$T/retry$try.json" '$.duplicates')" = "200 0 500"
done
post "$IN" "$EV" "$T/mixed.json"; expect 200 "a mixed batch of 20 with 3 bad events"
printf '%s' "$BODY" > "$T/mixed_reply.json"
idx=$(sqlite3 :memory: "SELECT group_concat(json_extract(value, '\$.index'), ',') FROM json_each(readfile('$T/mixed_reply.json'), '\$.rejected')")
check "  rejected indexes = $idx (4,11,17)" test "$idx" = "4,11,17"
check "  accepted=$(jx "$T/mixed_reply.json" '$.accepted') (17)" test "$(jx "$T/mixed_reply.json" '$.accepted')" = 17
reasons=$(sqlite3 :memory: "SELECT group_concat(json_extract(value, '\$.id') || ': ' || json_extract(value, '\$.reason'), ' | ') FROM json_each(readfile('$T/mixed_reply.json'), '\$.rejected')")
check "  reasons name the field: $reasons" bash -c 'grep -q "m-4: amount_cents" <<< "$1" && grep -q "m-11: ts" <<< "$1" && grep -q "m-17: unknown type" <<< "$1"' _ "$reasons"
n=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE session_id = $SID")
check "SQLite holds exactly 517 events ($n)" test "$n" = 517

# --- live metrics --------------------------------------------------------------------
# Expected totals: pv 317, uv 217, paid_orders 50, buyers 50, gmv_cents 50000, comments 100, likes 100.
metrics_match() {
    get "$OP" /metrics "$T/metrics.json"
    [[ "$CODE" == 200 ]] || return 1
    [[ "$(jx "$T/metrics.json" '$.summary.uv') $(jx "$T/metrics.json" '$.summary.pv') $(jx "$T/metrics.json" '$.summary.paid_orders')" == "217 317 50" ]]
}
wait_until 10 metrics_match
m() { jx "$T/metrics.json" "\$.summary.$1"; }
check "GET /metrics (HTTP $CODE): uv=$(m uv) pv=$(m pv) paid_orders=$(m paid_orders) (217 317 50)" \
    test "$(m uv) $(m pv) $(m paid_orders)" = "217 317 50"
check "  gmv_cents=$(m gmv_cents) buyers=$(m buyers) comments=$(m comments) likes=$(m likes) (50000 50 100 100)" \
    test "$(m gmv_cents) $(m buyers) $(m comments) $(m likes)" = "50000 50 100 100"
check "  the snapshot has summary, kpis, per_minute, alerts, comments ($(sqlite3 :memory: "SELECT group_concat(key, ',') FROM json_each(readfile('$T/metrics.json')) WHERE key IN ('summary','kpis','per_minute','alerts','comments')"))" \
    test "$(sqlite3 :memory: "SELECT count(*) FROM json_each(readfile('$T/metrics.json')) WHERE key IN ('summary','kpis','per_minute','alerts','comments')")" = 5
check "  session_id=$(jx "$T/metrics.json" '$.session_id') ($SID)" test "$(jx "$T/metrics.json" '$.session_id')" = "$SID"
get "$IN" /metrics "$T/metrics_ingest.json"
check "the ingest token cannot read the metrics (HTTP $CODE, 403)" test "$CODE" = 403
get "$OP" /alerts "$T/alerts.json"
check "GET /alerts answers (HTTP $CODE, a list of $(jlen "$T/alerts.json" '$') alerts)" \
    test "$CODE" = 200 -a -n "$(jlen "$T/alerts.json" '$')"
# Alerts: the pace alert comes within a few program seconds; acknowledge it.
pace_alert() {
    sqlite3 :memory: "SELECT json_extract(value, '\$.$1') FROM json_each(readfile('$T/alerts.json'))
                      WHERE json_extract(value, '\$.rule') = 'pace-gmv' LIMIT 1"
}
alert_raised() { get "$OP" /alerts "$T/alerts.json"; [[ "$CODE" == 200 && -n "$(pace_alert id)" ]]; }
wait_until 15 alert_raised
check "GET /alerts lists the pace alert (HTTP $CODE: $(pace_alert level): $(pace_alert message); all: $(sqlite3 :memory: "SELECT group_concat(json_extract(value, '\$.rule'), ',') FROM json_each(readfile('$T/alerts.json'))"))" \
    test "$CODE/$(pace_alert rule)" = "200/pace-gmv"
AID=$(pace_alert id)
: > "$T/empty.json"
post "$IN" "/alerts/$AID/ack" "$T/empty.json"; expect 403 "the ingest token cannot acknowledge alert $AID"
post "$ME" "/alerts/99999/ack" "$T/empty.json"; expect 404 "acknowledging an unknown alert"
post "$ME" "/alerts/$AID/ack" "$T/empty.json"; expect 200 "the merchandiser acknowledges alert $AID"
get "$OP" /alerts "$T/alerts2.json"
acked=$(sqlite3 :memory: "SELECT json_type(value, '\$.acknowledged') || ' by ' || json_extract(value, '\$.acknowledged_by') FROM json_each(readfile('$T/alerts2.json')) WHERE json_extract(value, '\$.id') = $AID")
check "  GET /alerts shows it acknowledged ($acked)" test "$acked" = "true by lin (merchandiser)"
row=$(sqlite3 "$DB" "SELECT (acknowledged_utc_ms IS NOT NULL) || ' ' || acknowledged_by FROM alerts WHERE id = $AID")
check "  and so does SQLite ($row)" test "$row" = "1 lin (merchandiser)"
get "$ME" "/sessions/$SID/report" "$T/live_report.json"
check "GET /sessions/$SID/report for the merchandiser (HTTP $CODE): uv=$(jx "$T/live_report.json" '$.summary.uv') (217)" \
    test "$CODE $(jx "$T/live_report.json" '$.summary.uv')" = "200 217"
get "$ME" "/sessions/999/report" "$T/none_report.json"
check "GET /sessions/999/report -> 404 (got $CODE)" test "$CODE" = 404

# --- 复盘 notes over the API --------------------------------------------------------------
printf '%s' '{"kind":"cause","text":"秒杀开得太晚 <b>","owner":"小林"}' > "$T/note.json"
post "$ME" "/sessions/$SID/notes" "$T/note.json"; expect 200 "POST a note as the merchandiser"
NID=$(sqlite3 :memory: "SELECT json_extract('$(printf '%s' "$BODY" | sed "s/'/''/g")', '\$.id')")
printf '%s' '{"kind":"action","text":"提前 5 分钟开秒杀"}' > "$T/note2.json"
post "$OP" "/sessions/$SID/notes" "$T/note2.json"; expect 200 "POST an action item as the operator (owner defaults to the token's name)"
get "$ME" "/sessions/$SID/notes" "$T/notes.json"
check "GET notes lists both, the action owned by deck ($(jx "$T/notes.json" '$[1].owner'))" \
    test "$CODE $(jlen "$T/notes.json" '$') $(jx "$T/notes.json" '$[1].owner')" = "200 2 deck"
printf '%s' '{"text":"秒杀开得太晚，错过了高峰","owner":"小林"}' > "$T/edit.json"
post "$ME" "/notes/$NID" "$T/edit.json"; expect 200 "edit the note"
check "  SQLite has the edit" test "$(sqlite3 "$DB" "SELECT text FROM notes WHERE id = ${NID:-0}")" = "秒杀开得太晚，错过了高峰"
printf '%s' '{"kind":"gossip","text":"x"}' > "$T/badnote.json"
post "$ME" "/sessions/$SID/notes" "$T/badnote.json"; expect 400 "a note of an unknown kind"
printf '%s' 'not json' > "$T/badnote2.json"
post "$ME" "/sessions/$SID/notes" "$T/badnote2.json"; expect 400 "a note that is not JSON"
post "$IN" "/sessions/$SID/notes" "$T/note.json"; expect 403 "the ingest token may not write notes"
post "$ME" "/sessions/999/notes" "$T/note.json"; expect 404 "a note for session 999"
post "$ME" "/notes/99999" "$T/edit.json"; expect 404 "an edit of note 99999"
check "the notes table has exactly the 2 good notes" test "$(sqlite3 "$DB" "SELECT count(*) FROM notes")" = 2
AID2=$(jx "$T/notes.json" '$[1].id')
check "  the action starts open, without a due day ($(jx "$T/notes.json" '$[1].status') $(jx "$T/notes.json" '$[1].due'))" \
    test "$(jx "$T/notes.json" '$[1].status') $(jx "$T/notes.json" '$[1].due')" = "open null"
printf '%s' '{"due":"2026-12-20"}' > "$T/due.json"
post "$OP" "/notes/$AID2" "$T/due.json"; expect 200 "give the action a due day, nothing else"
check "  its text and owner are kept ($(sqlite3 "$DB" "SELECT text || ' ' || owner || ' ' || due_date FROM notes WHERE id = ${AID2:-0}"))" \
    test "$(sqlite3 "$DB" "SELECT text || ' ' || owner || ' ' || due_date FROM notes WHERE id = ${AID2:-0}")" = "提前 5 分钟开秒杀 deck 2026-12-20"
printf '%s' '{"status":"finished"}' > "$T/badstatus.json"
post "$OP" "/notes/$AID2" "$T/badstatus.json"; expect 400 "an unknown status"
printf '%s' '{"due":"2026-02-30"}' > "$T/baddue.json"
post "$OP" "/notes/$AID2" "$T/baddue.json"; expect 400 "a day that does not exist"
printf '%s' '{"status":"done"}' > "$T/done.json"
post "$ME" "/notes/$NID" "$T/done.json"; expect 400 "a status on a note that is not an action"
check "  nothing changed by the refused edits ($(sqlite3 "$DB" "SELECT status || ' ' || due_date FROM notes WHERE id = ${AID2:-0}"))" \
    test "$(sqlite3 "$DB" "SELECT status || ' ' || due_date FROM notes WHERE id = ${AID2:-0}")" = "open 2026-12-20"
get "$ME" "/sessions/$SID/open-actions" "$T/open.json"
check "GET open-actions of the first session of its title: none (HTTP $CODE, $(jlen "$T/open.json" '$'))" \
    test "$CODE $(jlen "$T/open.json" '$')" = "200 0"

# --- stop, then the report from SQLite and the analytics line ---------------------------
kill -TERM "$HAWKER_PID"
wait_pid "$HAWKER_PID" 30
check "hawker exits 0 after SIGTERM (got $WAIT_RC)" test "$WAIT_RC" -eq 0
"$HAWKER" report --db "$DB" --session "$SID" --json > "$T/report.json" 2> "$T/report.err"
rc=$?
check "report --json exits 0 (got $rc)" test "$rc" -eq 0
r() { jx "$T/report.json" "\$.summary.$1"; }
check "report: uv=$(r uv) pv=$(r pv) paid_orders=$(r paid_orders) gmv_cents=$(r gmv_cents) buyers=$(r buyers) (217 317 50 50000 50)" \
    test "$(r uv) $(r pv) $(r paid_orders) $(r gmv_cents) $(r buyers)" = "217 317 50 50000 50"
line=$(grep '^analytics ' "$T/show.out" | tail -n1)
check "the show printed an analytics line (${line:0:120}...)" test -n "$line"
a() { tr ' ' '\n' <<< "$line" | sed -n "s/^$1=//p" | head -n1; }
check "analytics line: session=$(a session) uv=$(a uv) pv=$(a pv) gmv_cents=$(a gmv_cents) paid_orders=$(a paid_orders) (= the report)" \
    test "$(a session) $(a uv) $(a pv) $(a gmv_cents) $(a paid_orders)" = "$SID $(r uv) $(r pv) $(r gmv_cents) $(r paid_orders)"
# Not asserted here (live, the session's end is the wall clock and may pass the
# program's end): the time-based keys, for a look.
info "watch_seconds: analytics line $(a watch_seconds), report $(r watch_seconds); acu: $(a acu) vs $(r acu); session $(sqlite3 "$DB" "SELECT end_utc_ms - start_utc_ms FROM sessions WHERE id = $SID") ms"
check "the session ended ($(sqlite3 "$DB" "SELECT state FROM sessions WHERE id = $SID"))" \
    test "$(sqlite3 "$DB" "SELECT state FROM sessions WHERE id = $SID")" = ended
leaks=$(cat "$T/show.log" "$T/show.out" "$T/show.err" | grep -c -F -e "$OP" -e "$ME" -e "$IN")
check "no token string in hawker's log ($leaks lines)" test "$leaks" = 0
finish
