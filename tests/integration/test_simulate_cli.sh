#!/usr/bin/env bash
# hawker simulate: a simulated audience outside the show's process.
#   --fast into the database, following an on-air timeline (cards rotating):
#   realistic numbers (conversion 1-4 %, average watch about 1-2 min),
#   deterministic for a seed (a second run is all duplicates);
#   --url against a running show: events through the HTTP ingest endpoint,
#   following the card the show puts on air (its sku gets most clicks).
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools sqlite3 curl
export HAWKER_HOME="$T/home"
DB="$T/sim.db"
cat > "$T/products.csv" <<'CSV'
sku,name,price
SERUM-50,小棕瓶精华 50ml,299.00
CREAM-30,保湿面霜 30g,159.00
MASK-10,补水面膜 10片,89.00
CSV
"$HAWKER" catalog import --db "$DB" "$T/products.csv" > /dev/null || die "catalog import failed"
START=1700000000000
id=$("$HAWKER" session new --db "$DB" --title "模拟观众" --start $START)
# The show's timeline as a running hawker would write it (typed fields and
# their text): a card every 2 min.
for m in $(seq 0 2 28); do
    sku=$(echo "SERUM-50 CREAM-30 MASK-10" | cut -d' ' -f$(( (m / 2) % 3 + 1 )))
    sqlite3 "$DB" "INSERT INTO timeline (session_id, utc_ms, program_ms, event, detail, fields) VALUES ($id, $((START + m * 60000)), $((m * 60000)), 'card_shown', '$sku (slot card)', '{\"sku\":\"$sku\",\"slot\":\"card\"}')"
done
out=$("$HAWKER" simulate --db "$DB" --session "$id" --duration 1800 --fast --seed 11 --arrivals 120)
check "simulate --fast finishes and says what it sent: $out" bash -c '[[ "$1" =~ accepted=[1-9][0-9]*\ duplicates=0\ rejected=0 ]]' _ "$out"
"$HAWKER" session end --db "$DB" --session "$id" --at $((START + 1800000))
"$HAWKER" report --db "$DB" --session "$id" --json > "$T/r.json"
jx() { sqlite3 :memory: "SELECT json_extract(readfile('$T/r.json'), '$1')"; }
conv=$(jx '$.summary.conversion_rate'); watch=$(jx '$.summary.avg_watch_s'); uv=$(jx '$.summary.uv')
check "a realistic audience: uv=$uv (>= 1000)" test "${uv:-0}" -ge 1000
check "conversion ${conv} in [0.01, 0.04] (DESIGN defaults)" fcmp "${conv:-0} >= 0.01 && ${conv:-0} <= 0.04"
check "average watch ${watch} s in [40, 150]" fcmp "${watch:-0} >= 40 && ${watch:-0} <= 150"
onair=$(sqlite3 :memory: "SELECT sum(json_extract(value, '\$.gmv_onair_cents')) FROM json_each(readfile('$T/r.json'), '\$.products')")
total=$(jx '$.summary.gmv_cents')
# Each card is up a third of the time: without a reaction a third of a product's GMV would be "on air".
check "sales follow the card: ${onair:-0} of ${total:-0} cents were paid while the product's own card was up (> 50 %)" fcmp "${onair:-0} * 2 > ${total:-1}"
again=$("$HAWKER" simulate --db "$DB" --session "$id" --duration 1800 --fast --seed 11 --arrivals 120)
check "the same seed again sends the same events: all duplicates ($again)" bash -c '[[ "$1" =~ accepted=0\ duplicates=[1-9] ]]' _ "$again"
other=$("$HAWKER" simulate --db "$DB" --session "$id" --duration 60 --fast --seed 12 --arrivals 120)
check "another seed is another audience ($other)" bash -c '[[ "$1" =~ accepted=[1-9] ]]' _ "$other"
"$HAWKER" simulate --db "$DB" --session 999 --duration 5 --fast > /dev/null 2> "$T/bad.err"
check "an unknown session is refused: $(head -n1 "$T/bad.err")" grep -q '^hawker: error: no session 999' "$T/bad.err"

# --- over HTTP, following a live show's card -------------------------------------------------
PORT=$(pick_port)
export SIM_INGEST="$(random_token in)"
export SIM_OPERATOR="$(random_token op)"
camera_show "simulate over http" 160 288 10 300 2 "program.mkv" > "$T/show.toml"
cat >> "$T/show.toml" <<SHOW
[[scenes]]
id = "shop"
layers = [ { kind = "color", color = "#203040", rect = [0, 0, 160, 288] } ]
slots = [ { name = "card", rect = [0, 180, 160, 100] } ]
[catalog]
file = "products.csv"
[compliance]
approval_required = false
[api]
port = $PORT
tokens = [ { name = "feed", role = "ingest", token_env = "SIM_INGEST" },
           { name = "op", role = "operator", token_env = "SIM_OPERATOR" } ]
[[cues]]
at_s = 0.5
command = "cut"
scene = "shop"
[[cues]]
at_s = 0.6
command = "card.show"
sku = "MASK-10"
SHOW
LIVE="$T/live.db"
hawker_bg live run "$T/show.toml" --db "$LIVE" --duration 30
wait_until 15 grep -q '^session ' "$T/live.out" || die "the show did not start: $(tail -n 3 "$T/live.err")"
sid=$(sed -n 's/^session \([0-9]*\)$/\1/p' "$T/live.out")
wait_until 10 bash -c "sqlite3 '$LIVE' \"SELECT count(*) FROM timeline WHERE event = 'card_shown'\" | grep -q 1" || fail "the card never went on air"
sim=$(timeout 60 "$HAWKER" simulate --db "$LIVE" --session "$sid" --duration 40 --speed 5 --seed 3 --arrivals 1200 \
    --url "http://127.0.0.1:$PORT" --token-env SIM_INGEST 2> "$T/sim.err")
check "simulate --url sends through the HTTP endpoint ($sim $(head -c 200 "$T/sim.err"))" bash -c '[[ "$1" =~ accepted=[1-9][0-9]*\ duplicates=0\ rejected=0 ]]' _ "$sim"
clicks=$(sqlite3 "$LIVE" "SELECT group_concat(sku || ':' || n, ' ') FROM (SELECT sku, count(*) AS n FROM events WHERE session_id = $sid AND type = 6 GROUP BY sku ORDER BY n DESC)")
top=$(sqlite3 "$LIVE" "SELECT sku FROM events WHERE session_id = $sid AND type = 6 GROUP BY sku ORDER BY count(*) DESC LIMIT 1")
check "the audience clicks the card on air most (clicks: $clicks)" test "$top" = "MASK-10"
curl -s -H "Authorization: Bearer $SIM_OPERATOR" "http://127.0.0.1:$PORT/api/v1/metrics" > "$T/metrics.json"
live_uv=$(sqlite3 :memory: "SELECT json_extract(readfile('$T/metrics.json'), '\$.summary.uv')")
check "the running show's live metrics count the simulated viewers (uv=$live_uv)" test "${live_uv:-0}" -ge 50
stop_pid "$HAWKER_PID" TERM
finish
