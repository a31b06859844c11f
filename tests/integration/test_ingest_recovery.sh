#!/usr/bin/env bash
# Event ingest after a batch that failed inside its transaction. The session
# database lives on a 64 MB ext4 image mounted for the test; mid-show a
# filler file takes its last free block, and a batch of 30 000 comments
# (about 4 MB of pages, more than SQLite's page cache holds, so the inserts
# themselves hit the full disk) is refused. Then the filler goes.
#   - the refused batches are not acknowledged and not counted live;
#   - the next batches are stored again (200), without a restart;
#   - the refused batch sent again is new in full: nothing of it was stored;
#   - the live numbers count exactly what the database holds.
source "$(dirname "$0")/lib.sh"
source "$IT_DIR/small_fs.sh"
require_hawker
require_tools sqlite3 curl
mount_small_fs "$T/dbfs" 64

SECS=40
export HAWKER_HOME="$T/home"
PORT=$(pick_port)
export HAWKER_TEST_OPERATOR_TOKEN="op-$(random_hex)" HAWKER_TEST_INGEST_TOKEN="in-$(random_hex)"
OP=$HAWKER_TEST_OPERATOR_TOKEN IN=$HAWKER_TEST_INGEST_TOKEN
BASE="http://127.0.0.1:$PORT/api/v1"
DB="$T/dbfs/hawker.db"

camera_show "ingest recovery test" 360 640 30 800 1 "$T/program.mkv" > "$T/show.toml"
cat >> "$T/show.toml" <<EOF

[api]
port = $PORT
max_body_bytes = 16777216
tokens = [
  { name = "deck", role = "operator", token_env = "HAWKER_TEST_OPERATOR_TOKEN" },
  { name = "shop", role = "ingest", token_env = "HAWKER_TEST_INGEST_TOKEN" },
]
EOF

# post FILE: POST the batch as the ingest token; sets CODE and BODY.
post() {
    local out
    out=$(curl -s -m 30 -w '\n%{http_code}' -H "Authorization: Bearer $IN" -H 'Content-Type: application/json' -X POST \
        --data-binary "@$1" "$BASE/sessions/$SID/events")
    CODE=${out##*$'\n'} BODY=${out%$'\n'*}
}
# comments FILE PREFIX COUNT: a batch of COUNT comments with ids PREFIX-i, 80 characters of text each.
comments() {
    awk -v now="$((START + 1))" -v p="$2" -v n="$3" 'BEGIN {
        text = sprintf("%080d", 0); gsub(/0/, "x", text)
        printf "{\"events\":["
        for (i = 0; i < n; i++)
            printf "%s{\"id\":\"%s-%d\",\"type\":\"comment\",\"ts\":%.0f,\"viewer\":\"v%d\",\"text\":\"%s %d\"}", (i ? "," : ""), p, i, now + i % 1000, i % 500, text, i
        printf "]}" }' > "$1"
}
stored() { sqlite3 "$DB" "SELECT count(*) FROM events WHERE session_id = $SID AND type = 4"; }
counted() {
    curl -s -m 10 -H "Authorization: Bearer $OP" "$BASE/metrics" > "$T/metrics.json"
    sqlite3 :memory: "SELECT json_extract(readfile('$T/metrics.json'), '\$.summary.comments')"
}

hawker_bg show run "$T/show.toml" --db "$DB" --duration $SECS
wait_until 20 grep -qs "^api http://127.0.0.1:$PORT/api/v1/" "$T/show.out" || die "the API did not come up"
wait_until 10 grep -qs '^session [0-9]*$' "$T/show.out" || die "no 'session N' line within 10 s"
SID=$(sed -n 's/^session \([0-9]*\)$/\1/p' "$T/show.out" | head -n1)
START=$(sqlite3 "$DB" "SELECT start_utc_ms FROM sessions WHERE id = $SID")
wait_until 5 bash -c "(( \$(date +%s%3N) >= $START + 1000 ))"
comments "$T/first.json" first 100
comments "$T/big.json" big 30000
comments "$T/small.json" small 50
comments "$T/after.json" after 100
info "the big batch is $(stat -c %s "$T/big.json") bytes"

post "$T/first.json"
check "before the disk fills: 100 comments -> 200 (got $CODE: ${BODY:0:100})" test "$CODE" = 200

fill_fs "$T/dbfs"
info "filled: $(fs_free_kb "$T/dbfs") KiB free"
post "$T/big.json"
check "disk full: the 30 000-comment batch is not acknowledged (got $CODE: ${BODY:0:160})" test "$CODE" != 200
post "$T/small.json"
check "disk full: a small batch is not acknowledged either (got $CODE)" test "$CODE" != 200
check "nothing of the refused batches is stored ($(stored) comments, 100 before)" test "$(stored)" = 100
check "nothing of the refused batches is counted live ($(counted) comments)" test "$(counted)" = 100

free_fs "$T/dbfs"
info "freed: $(fs_free_kb "$T/dbfs") KiB free"
post "$T/after.json"
check "room again: the next batch is stored -> 200 (got $CODE: ${BODY:0:160})" test "$CODE" = 200
check "… with its 100 comments new" grep -q '"accepted":100,"duplicates":0' <<< "$BODY"
post "$T/small.json"
check "the refused small batch sent again -> 200, all 50 new ($CODE: ${BODY:0:100})" \
    grep -q '"accepted":50,"duplicates":0' <<< "$BODY"
post "$T/big.json"
check "the refused big batch sent again -> 200, all 30000 new ($CODE: ${BODY:0:100})" \
    grep -q '"accepted":30000,"duplicates":0' <<< "$BODY"
total=$((100 + 100 + 50 + 30000))
check "the database holds every acknowledged comment once ($(stored) of $total)" test "$(stored)" = $total
check "the live numbers count exactly what is stored ($(counted) comments)" test "$(counted)" = $total

stop_pid "$HAWKER_PID" INT
finish
