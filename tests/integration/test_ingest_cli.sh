#!/usr/bin/env bash
# `hawker ingest --db DB --session ID FILE.jsonl` on a real SQLite file:
# every event type of docs/DESIGN.md is stored; every bad line of the bad-input
# table is rejected with its index and a reason naming the field while the
# good lines of the same file are still stored; a repeated id is a duplicate
# and a second ingest of the same file stores nothing new; a sku outside the
# catalog is accepted and shows up with in_catalog false; raw viewer ids never
# reach the database (only salted hashes, key file mode 600); and `report
# --json` gives exactly the hand-computed metrics of the fixture below.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools sqlite3

export HAWKER_HOME="$T/home"   # the viewer-hash key goes here, never to the real home
DB="$T/hawker.db"
q() { sqlite3 "$DB" "$1"; }
# jx FILE PATH: one value of a JSON file (sqlite3's readfile + json_extract);
# null prints as "null".
# jtype FILE PATH: json_type of the value ("null", "integer", "real", "true", ...).
jtype() { sqlite3 :memory: "SELECT coalesce(json_type(readfile('$1'), '$2'), 'missing')"; }

# --- the session: a 10-minute window ---------------------------------------------
S=1700000000000            # 2023-11-14 22:13:20 UTC
E=$((S + 600000))          # 10 minutes later
SID=$("$HAWKER" session new --db "$DB" --title "ingest cli" --start $S 2> "$T/new.err")
check "session new prints only an id (got '$SID')" is_number "$SID"
"$HAWKER" session end --db "$DB" --session "$SID" --at $E 2> "$T/end.err"
rc=$?
check "session end --at exits 0 (got $rc)" test "$rc" -eq 0
check "the window is [$S, $E], ended (stored $(q "SELECT start_utc_ms || ',' || end_utc_ms || ',' || state FROM sessions WHERE id = $SID"))" \
    test "$(q "SELECT start_utc_ms || ',' || end_utc_ms || ',' || state FROM sessions WHERE id = $SID")" = "$S,$E,ended"

# The catalog knows SKU-A only; GHOST-9 is in no catalog.
printf 'sku,name,price,stock\nSKU-A,精华液 A,25,100\n' > "$T/catalog.csv"
"$HAWKER" catalog import --db "$DB" "$T/catalog.csv" > "$T/catalog.out" 2>&1
check "catalog with SKU-A imported ($(cat "$T/catalog.out"))" grep -q 'imported 1 products' "$T/catalog.out"

# --- the fixture ---------------------------------------------------------------------
# Raw viewer ids all start with RAWV- so a grep of the database finds any leak.
A=RAWV-alice-5f1 B=RAWV-bob-9c2 C=RAWV-carol-3e7 D=RAWV-dave-0d4 R=RAWV-erin-8a6
F="$T/events.jsonl"
: > "$F"
N=0                        # index of the next line
declare -A BAD             # index -> the words its rejection reason must hold
line() { printf '%s\n' "$1" >> "$F"; N=$((N + 1)); }
bad() { BAD[$N]="$1"; printf '%s\n' "$2" >> "$F"; N=$((N + 1)); }
t() { echo $((S + $1)); }

# Good events, every type of docs/DESIGN.md (33 lines, 33 distinct ids).
line "{\"id\":\"e01\",\"type\":\"view_start\",\"ts\":$(t 1000),\"viewer\":\"$A\",\"platform\":\"douyin\"}"
line "{\"id\":\"e02\",\"type\":\"view_start\",\"ts\":$(t 2000),\"viewer\":\"$B\"}"
line "{\"id\":\"e03\",\"type\":\"view_start\",\"ts\":$(t 3000),\"viewer\":\"$C\"}"
line "{\"id\":\"e04\",\"type\":\"view_start\",\"ts\":$(t 4000),\"viewer\":\"$A\"}"          # already present: pv only
line "{\"id\":\"e05\",\"type\":\"view_end\",\"ts\":$(t 62000),\"viewer\":\"$B\"}"
line "{\"id\":\"e06\",\"type\":\"view_start\",\"ts\":$(t 70000),\"viewer\":\"$B\"}"         # bob comes back
line "{\"id\":\"e07\",\"type\":\"comment\",\"ts\":$(t 5000),\"viewer\":\"$A\",\"text\":\"好看\"}"
line "{\"id\":\"e08\",\"type\":\"comment\",\"ts\":$(t 6000),\"viewer\":\"$C\",\"text\":\"多少钱\"}"
line "{\"id\":\"e09\",\"type\":\"like\",\"ts\":$(t 7000),\"viewer\":\"$A\",\"count\":5}"
line "{\"id\":\"e10\",\"type\":\"like\",\"ts\":$(t 8000),\"viewer\":\"$B\"}"                 # count defaults to 1
line "{\"id\":\"e11\",\"type\":\"share\",\"ts\":$(t 9000),\"viewer\":\"$C\"}"
line "{\"id\":\"e12\",\"type\":\"follow\",\"ts\":$(t 10000),\"viewer\":\"$B\"}"
line "{\"id\":\"e13\",\"type\":\"product_click\",\"ts\":$(t 11000),\"viewer\":\"$A\",\"sku\":\"SKU-A\"}"
line "{\"id\":\"e14\",\"type\":\"product_click\",\"ts\":$(t 12000),\"viewer\":\"$B\",\"sku\":\"GHOST-9\"}"
line "{\"id\":\"e15\",\"type\":\"add_to_cart\",\"ts\":$(t 13000),\"viewer\":\"$A\",\"sku\":\"SKU-A\",\"qty\":2}"
line "{\"id\":\"e16\",\"type\":\"add_to_cart\",\"ts\":$(t 14000),\"viewer\":\"$B\",\"sku\":\"GHOST-9\"}"
line "{\"id\":\"e17\",\"type\":\"order_created\",\"ts\":$(t 15000),\"viewer\":\"$A\",\"order_id\":\"o1\",\"sku\":\"SKU-A\",\"qty\":2,\"amount_cents\":5000}"
line "{\"id\":\"e18\",\"type\":\"order_paid\",\"ts\":$(t 16000),\"viewer\":\"$A\",\"order_id\":\"o1\",\"sku\":\"SKU-A\",\"qty\":2,\"amount_cents\":5000}"
line "{\"id\":\"e19\",\"type\":\"order_created\",\"ts\":$(t 17000),\"viewer\":\"$B\",\"order_id\":\"o2\",\"sku\":\"GHOST-9\",\"qty\":1,\"amount_cents\":3000}"
line "{\"id\":\"e20\",\"type\":\"order_paid\",\"ts\":$(t 18000),\"viewer\":\"$B\",\"order_id\":\"o2\",\"sku\":\"GHOST-9\",\"qty\":1,\"amount_cents\":3000}"
line "{\"id\":\"e21\",\"type\":\"order_paid\",\"ts\":$(t 19000),\"viewer\":\"$B\",\"order_id\":\"o2\",\"sku\":\"GHOST-9\",\"qty\":1,\"amount_cents\":3000}"  # webhook retry
line "{\"id\":\"e22\",\"type\":\"order_paid\",\"ts\":$(t 20000),\"viewer\":\"$C\",\"order_id\":\"o3\",\"sku\":\"SKU-A\",\"qty\":1,\"amount_cents\":2500}"
line "{\"id\":\"e23\",\"type\":\"refund\",\"ts\":$(t 100000),\"order_id\":\"o1\",\"amount_cents\":2000}"
line "{\"id\":\"e24\",\"type\":\"refund\",\"ts\":$(t 110000),\"order_id\":\"o1\",\"amount_cents\":4000}"  # capped at 3000
line "{\"id\":\"e25\",\"type\":\"refund\",\"ts\":$(t 120000),\"order_id\":\"o2\",\"amount_cents\":1000}"
line "{\"id\":\"e26\",\"type\":\"refund\",\"ts\":$(t 130000),\"order_id\":\"o-none\",\"amount_cents\":999}"  # no such paid order
line "{\"id\":\"e27\",\"type\":\"coupon_issued\",\"ts\":$(t 21000),\"viewer\":\"$A\",\"coupon\":\"C1\"}"
line "{\"id\":\"e28\",\"type\":\"coupon_issued\",\"ts\":$(t 21500),\"viewer\":\"$B\",\"coupon\":\"C1\"}"
line "{\"id\":\"e29\",\"type\":\"coupon_redeemed\",\"ts\":$(t 22000),\"viewer\":\"$A\",\"coupon\":\"C1\"}"
line "{\"id\":\"e30\",\"type\":\"view_start\",\"ts\":$(t 700000),\"viewer\":\"$D\"}"        # after the window: stored, not counted
line "{\"id\":\"e31\",\"type\":\"order_paid\",\"ts\":$(t -5000),\"viewer\":\"$D\",\"order_id\":\"o4\",\"sku\":\"SKU-A\",\"qty\":1,\"amount_cents\":9999}"  # before it
line "{\"id\":\"e32\",\"type\":\"view_end\",\"ts\":$(t 300000),\"viewer\":\"$D\"}"          # not present: ignored
line "{\"id\":\"e33\",\"type\":\"view_start\",\"ts\":$E,\"viewer\":\"$R\"}"                  # exactly at end: counts
GOOD=33
# The same id again: a duplicate, not a second comment.
line "{\"id\":\"e07\",\"type\":\"comment\",\"ts\":$(t 5000),\"viewer\":\"$A\",\"text\":\"好看\"}"

# The bad-input table. Each entry: the words the reason must contain, the line.
bad "unknown type"        "{\"id\":\"b01\",\"type\":\"teleport\",\"ts\":$(t 1),\"viewer\":\"$A\"}"
bad "id is missing"       "{\"type\":\"view_start\",\"ts\":$(t 1),\"viewer\":\"$A\"}"
bad "type is missing"     "{\"id\":\"b03\",\"ts\":$(t 1),\"viewer\":\"$A\"}"
bad "ts is missing"       "{\"id\":\"b04\",\"type\":\"view_start\",\"viewer\":\"$A\"}"
for type in view_start view_end share follow like; do
    bad "viewer is missing" "{\"id\":\"b-$type\",\"type\":\"$type\",\"ts\":$(t 1)}"
done
bad "viewer is missing"   "{\"id\":\"b10\",\"type\":\"comment\",\"ts\":$(t 1),\"text\":\"hi\"}"
bad "text is missing"     "{\"id\":\"b11\",\"type\":\"comment\",\"ts\":$(t 1),\"viewer\":\"$A\"}"
bad "sku is missing"      "{\"id\":\"b12\",\"type\":\"product_click\",\"ts\":$(t 1),\"viewer\":\"$A\"}"
bad "sku is missing"      "{\"id\":\"b13\",\"type\":\"add_to_cart\",\"ts\":$(t 1),\"viewer\":\"$A\",\"qty\":1}"
bad "order_id is missing" "{\"id\":\"b14\",\"type\":\"order_created\",\"ts\":$(t 1),\"viewer\":\"$A\",\"sku\":\"SKU-A\",\"qty\":1,\"amount_cents\":100}"
bad "sku is missing"      "{\"id\":\"b15\",\"type\":\"order_created\",\"ts\":$(t 1),\"viewer\":\"$A\",\"order_id\":\"x1\",\"qty\":1,\"amount_cents\":100}"
bad "qty is missing"      "{\"id\":\"b16\",\"type\":\"order_paid\",\"ts\":$(t 1),\"viewer\":\"$A\",\"order_id\":\"x1\",\"sku\":\"SKU-A\",\"amount_cents\":100}"
bad "amount_cents is missing" "{\"id\":\"b17\",\"type\":\"order_paid\",\"ts\":$(t 1),\"viewer\":\"$A\",\"order_id\":\"x1\",\"sku\":\"SKU-A\",\"qty\":1}"
bad "viewer is missing"   "{\"id\":\"b18\",\"type\":\"order_paid\",\"ts\":$(t 1),\"order_id\":\"x1\",\"sku\":\"SKU-A\",\"qty\":1,\"amount_cents\":100}"
bad "order_id is missing" "{\"id\":\"b19\",\"type\":\"refund\",\"ts\":$(t 1),\"amount_cents\":100}"
bad "amount_cents is missing" "{\"id\":\"b20\",\"type\":\"refund\",\"ts\":$(t 1),\"order_id\":\"o1\"}"
bad "coupon is missing"   "{\"id\":\"b21\",\"type\":\"coupon_issued\",\"ts\":$(t 1),\"viewer\":\"$A\"}"
bad "coupon is missing"   "{\"id\":\"b22\",\"type\":\"coupon_redeemed\",\"ts\":$(t 1),\"viewer\":\"$A\"}"
bad "amount_cents is negative" "{\"id\":\"b23\",\"type\":\"order_paid\",\"ts\":$(t 1),\"viewer\":\"$A\",\"order_id\":\"x2\",\"sku\":\"SKU-A\",\"qty\":1,\"amount_cents\":-500}"
bad "amount_cents"        "{\"id\":\"b24\",\"type\":\"refund\",\"ts\":$(t 1),\"order_id\":\"o1\",\"amount_cents\":-1}"
bad "qty"                 "{\"id\":\"b25\",\"type\":\"add_to_cart\",\"ts\":$(t 1),\"viewer\":\"$A\",\"sku\":\"SKU-A\",\"qty\":0}"
bad "qty"                 "{\"id\":\"b26\",\"type\":\"order_paid\",\"ts\":$(t 1),\"viewer\":\"$A\",\"order_id\":\"x3\",\"sku\":\"SKU-A\",\"qty\":0,\"amount_cents\":100}"
bad "ts is not a number"  "{\"id\":\"b27\",\"type\":\"view_start\",\"ts\":\"$(t 1)\",\"viewer\":\"$A\"}"
bad "ts is out of range"  "{\"id\":\"b28\",\"type\":\"view_start\",\"ts\":$((S / 1000)),\"viewer\":\"$A\"}"   # seconds, not ms
BAD[$N]="text is not valid UTF-8"
printf '{"id":"b29","type":"comment","ts":%s,"viewer":"%s","text":"bad \xff\xfe bytes"}\n' "$(t 1)" "$A" >> "$F"; N=$((N + 1))
bad "not valid JSON"      "{\"id\":\"b30\",\"type\":\"view_start\",\"ts\":$(t 1),"
bad "JSON object"         "[\"view_start\",$(t 1),\"$A\"]"
# One more good event after all the bad ones: still stored.
line "{\"id\":\"e34\",\"type\":\"like\",\"ts\":$(t 30000),\"viewer\":\"$C\",\"count\":4}"
GOOD=$((GOOD + 1))
NBAD=${#BAD[@]}
info "fixture: $N lines, $GOOD good ids, 1 duplicate, $NBAD bad"

# --- first ingest ------------------------------------------------------------------------
"$HAWKER" ingest --db "$DB" --session "$SID" "$F" > "$T/ingest1.json" 2> "$T/ingest1.err"
rc=$?
check "ingest exits 0 (got $rc, stderr: $(head -c 200 "$T/ingest1.err"))" test "$rc" -eq 0
R1="$T/ingest1.json"
acc=$(jx "$R1" '$.accepted'); dup=$(jx "$R1" '$.duplicates'); nrej=$(sqlite3 :memory: "SELECT json_array_length(readfile('$R1'), '\$.rejected')")
check "accepted=$acc (expected $GOOD)" test "$acc" = "$GOOD"
check "duplicates=$dup (expected 1: e07 twice)" test "$dup" = 1
check "rejected $nrej lines (expected $NBAD)" test "$nrej" = "$NBAD"
# Every rejection: the right index, a reason naming the field.
sqlite3 :memory: "SELECT json_extract(value, '\$.index') || char(9) || json_extract(value, '\$.reason') || char(9) || coalesce(json_extract(value, '\$.id'), '')
                  FROM json_each(readfile('$R1'), '\$.rejected')" > "$T/rejected.tsv"
got_indexes=$(cut -f1 "$T/rejected.tsv" | sort -n | tr '\n' ' ')
want_indexes=$(printf '%s\n' "${!BAD[@]}" | sort -n | tr '\n' ' ')
check "rejected indexes are exactly the bad lines ($got_indexes)" test "$got_indexes" = "$want_indexes"
for i in $(printf '%s\n' "${!BAD[@]}" | sort -n); do
    reason=$(awk -F'\t' -v i="$i" '$1 == i { print $2 }' "$T/rejected.tsv")
    check "line index $i rejected: '$reason' (names '${BAD[$i]}')" grep -qF -- "${BAD[$i]}" <<< "${reason:-<not rejected>}"
done
check "a rejection carries the event's id (b27: $(awk -F'\t' '$3 == "b27"' "$T/rejected.tsv" | cut -f2))" \
    test "$(awk -F'\t' '$3 == "b27" { print $1 }' "$T/rejected.tsv")" = "$(awk -F'\t' '$2 ~ /ts is not a number/ { print $1 }' "$T/rejected.tsv")"

stored=$(q "SELECT count(*) FROM events WHERE session_id = $SID")
check "events stored: $stored (the $GOOD good ones)" test "$stored" = "$GOOD"
ids=$(q "SELECT group_concat(event_id, ' ') FROM (SELECT event_id FROM events WHERE session_id = $SID ORDER BY event_id)")
want_ids=$(for i in $(seq 1 34); do printf 'e%02d ' "$i"; done); want_ids=${want_ids% }
check "stored ids are e01..e34 and nothing of the bad lines" test "$ids" = "$want_ids"
check "the last good line (after all the bad ones) is stored" test "$(q "SELECT qty FROM events WHERE event_id = 'e34'")" = 4
check "the duplicate id is stored once" test "$(q "SELECT count(*) FROM events WHERE event_id = 'e07'")" = 1
check "the out-of-window events are stored ($(q "SELECT count(*) FROM events WHERE event_id IN ('e30','e31')")/2)" \
    test "$(q "SELECT count(*) FROM events WHERE event_id IN ('e30','e31')")" = 2
check "the platform is stored (e01: $(q "SELECT platform FROM events WHERE event_id = 'e01'"))" \
    test "$(q "SELECT platform FROM events WHERE event_id = 'e01'")" = douyin

# --- the same file again: all duplicates ---------------------------------------------------
"$HAWKER" ingest --db "$DB" --session "$SID" "$F" > "$T/ingest2.json" 2> "$T/ingest2.err"
rc=$?
R2="$T/ingest2.json"
check "re-ingest exits 0 (got $rc)" test "$rc" -eq 0
check "re-ingest accepted=$(jx "$R2" '$.accepted') duplicates=$(jx "$R2" '$.duplicates') (0 and $((GOOD + 1)))" \
    test "$(jx "$R2" '$.accepted')/$(jx "$R2" '$.duplicates')" = "0/$((GOOD + 1))"
check "re-ingest rejects the same $NBAD lines ($(sqlite3 :memory: "SELECT json_array_length(readfile('$R2'), '\$.rejected')"))" \
    test "$(sqlite3 :memory: "SELECT json_array_length(readfile('$R2'), '\$.rejected')")" = "$NBAD"
check "still $GOOD events stored ($(q "SELECT count(*) FROM events WHERE session_id = $SID"))" \
    test "$(q "SELECT count(*) FROM events WHERE session_id = $SID")" = "$GOOD"

# --- an unknown session: refused, nothing stored ---------------------------------------------
before=$(q "SELECT count(*) FROM events")
"$HAWKER" ingest --db "$DB" --session 999 "$F" > "$T/ingest3.out" 2> "$T/ingest3.err"
rc=$?
check "ingest into unknown session 999 fails (exit $rc)" test "$rc" -ne 0 -a "$rc" -lt 128
check "one error line on stderr: $(head -n1 "$T/ingest3.err")" \
    test "$(wc -l < "$T/ingest3.err")/$(grep -c '^hawker: error:' "$T/ingest3.err")" = "1/1"
check "the error names the session ($(cat "$T/ingest3.err"))" grep -q '999' "$T/ingest3.err"
check "nothing on stdout ($(wc -c < "$T/ingest3.out") bytes)" test ! -s "$T/ingest3.out"
check "nothing stored (events $before -> $(q "SELECT count(*) FROM events")), no session 999 made" \
    test "$(q "SELECT count(*) FROM events")/$(q "SELECT count(*) FROM sessions WHERE id = 999")" = "$before/0"

# --- privacy: only salted hashes in SQLite ---------------------------------------------------
KEY="$HAWKER_HOME/viewer.key"
check "the viewer-hash key exists at \$HAWKER_HOME/viewer.key ($(stat -c '%s bytes' "$KEY" 2>/dev/null))" test -s "$KEY"
check "the key file is mode 600 (got $(stat -c %a "$KEY" 2>/dev/null))" test "$(stat -c %a "$KEY" 2>/dev/null)" = 600
files=$(ls "$DB" "$DB-wal" "$DB-journal" 2>/dev/null | xargs -n1 basename | tr '\n' ' ')
leaks=$(cat "$DB" "$DB-wal" "$DB-journal" 2>/dev/null | grep -a -c -e RAWV -e alice -e carol)
check "no raw viewer id in the SQLite files ($files: $leaks matching lines)" test "$leaks" = 0
check "viewers are stored as hashes: 4 distinct viewer values for 4 in-window viewers + dave ($(q "SELECT count(DISTINCT viewer) FROM events WHERE viewer IS NOT NULL"))" \
    test "$(q "SELECT count(DISTINCT viewer) FROM events WHERE viewer IS NOT NULL")" = 5
check "refunds have no viewer ($(q "SELECT count(*) FROM events WHERE event_id IN ('e23','e24','e25','e26') AND viewer IS NOT NULL") with one)" \
    test "$(q "SELECT count(*) FROM events WHERE event_id IN ('e23','e24','e25','e26') AND viewer IS NOT NULL")" = 0

# --- the report: the hand-computed metrics -----------------------------------------------------
"$HAWKER" report --db "$DB" --session "$SID" --json > "$T/report.json" 2> "$T/report.err"
rc=$?
check "report --json exits 0 (got $rc)" test "$rc" -eq 0
J="$T/report.json"
# Window [S, E]. In it: view_starts e01 e02 e03 e04 e06 e33 (e30 is after E).
#   pv = 6; uv = alice, bob, carol, erin = 4.
# Presence: alice S+1000..E (e04 while present: pv only)    = 599 000 ms
#           bob   S+2000..S+62000 + S+70000..E = 60 000 + 530 000 = 590 000 ms
#           carol S+3000..E                                 = 597 000 ms
#           erin  E..E                                      =       0 ms
#           dave's view_end (never present) is ignored.
#   watch_seconds = 1786; acu = 1786 / 600 = 2.976667; avg_watch_s = 1786 / 4 = 446.5
#   pcu = 4 (alice, bob, carol still present when erin enters at E).
# Engagement: alice (comment, like), bob (like, follow), carol (comment, share, like) -> engaged_uv 3, rate 0.75
#   comments = 2 (e07 once), shares = 1, likes = 5 + 1 + 4 = 10, new_followers = 1.
# Orders: o1 alice 2 x 5000, o2 bob 1 x 3000 (e21 a retry, not counted), o3 carol 2500; o4 is before S.
#   paid_orders = 3, buyers = 3, units = 4, gmv_cents = 10500.
# Refunds: o1 2000 + min(4000, 5000 - 2000) = 5000 (capped), o2 1000, o-none 0 -> refunds_cents = 6000,
#   net_sales_cents = 4500, refund_rate = 2 / 3.
# Funnel: product_click_uv 2 (alice, bob), add_to_cart_uv 2, order_created_uv 2;
#   product_click_rate 0.5, conversion_rate 3/4, click_to_pay_rate 3/2.
# Value: uv_value 10500/4 = 2625, gpm 10500*1000/6 = 1750000, per buyer 3500, aov 3500.
# Coupons: issued 2, redeemed 1, usage 0.5.
declare -A WANT=(
    [pv]=6 [uv]=4 [watch_seconds]=1786 [pcu]=4 [acu]=2.976666667 [avg_watch_s]=446.5
    [engaged_uv]=3 [engagement_rate]=0.75 [comments]=2 [shares]=1 [likes]=10 [new_followers]=1
    [paid_orders]=3 [buyers]=3 [units]=4 [gmv_cents]=10500 [refunds_cents]=6000 [net_sales_cents]=4500
    [refund_rate]=0.666666667 [product_click_uv]=2 [add_to_cart_uv]=2 [order_created_uv]=2
    [product_click_rate]=0.5 [conversion_rate]=0.75 [click_to_pay_rate]=1.5 [uv_value_cents]=2625
    [gpm_cents]=1750000 [revenue_per_buyer_cents]=3500 [aov_cents]=3500
    [coupons_issued]=2 [coupons_redeemed]=1 [coupon_usage_rate]=0.5
)
for key in pv uv watch_seconds pcu acu avg_watch_s engaged_uv engagement_rate comments shares likes \
    new_followers paid_orders buyers units gmv_cents refunds_cents net_sales_cents refund_rate \
    product_click_uv add_to_cart_uv order_created_uv product_click_rate conversion_rate click_to_pay_rate \
    uv_value_cents gpm_cents revenue_per_buyer_cents aov_cents coupons_issued coupons_redeemed coupon_usage_rate; do
    got=$(jx "$J" "\$.summary.$key")
    want=${WANT[$key]}
    if is_number "$got" && fcmp "($got - $want) <= 1e-6 * ($want > 1 ? $want : 1) && ($want - $got) <= 1e-6 * ($want > 1 ? $want : 1)"; then
        ok "summary.$key = $got (hand-computed $want)"
    else
        fail "summary.$key = $got (hand-computed $want)"
    fi
done
check "summary has no other keys ($(sqlite3 :memory: "SELECT count(*) FROM json_each(readfile('$J'), '\$.summary')") keys, ${#WANT[@]} expected)" \
    test "$(sqlite3 :memory: "SELECT count(*) FROM json_each(readfile('$J'), '\$.summary')")" = "${#WANT[@]}"

# Per minute: 10 minutes; minute 0 has 4 enters, 2 comments, 10 likes, 3 orders for 10500;
# minute 9 has erin's enter at exactly E and 4 viewers at the end.
pm() { jx "$J" "\$.per_minute[$1].$2"; }
check "per_minute has 10 minutes ($(sqlite3 :memory: "SELECT json_array_length(readfile('$J'), '\$.per_minute')"))" \
    test "$(sqlite3 :memory: "SELECT json_array_length(readfile('$J'), '\$.per_minute')")" = 10
check "minute 0: enters=$(pm 0 enters) comments=$(pm 0 comments) likes=$(pm 0 likes) orders=$(pm 0 orders) gmv=$(pm 0 gmv_cents) viewers_end=$(pm 0 viewers_end) (4 2 10 3 10500 3)" \
    test "$(pm 0 enters) $(pm 0 comments) $(pm 0 likes) $(pm 0 orders) $(pm 0 gmv_cents) $(pm 0 viewers_end)" = "4 2 10 3 10500 3"
check "minute 1: enters=$(pm 1 enters) viewers_end=$(pm 1 viewers_end) (bob back: 1 3)" test "$(pm 1 enters) $(pm 1 viewers_end)" = "1 3"
check "minute 9: enters=$(pm 9 enters) viewers_end=$(pm 9 viewers_end) (the event at end: 1 4)" test "$(pm 9 enters) $(pm 9 viewers_end)" = "1 4"
check "events_counted=$(jx "$J" '$.events_counted') (32 of $GOOD: e30 and e31 are outside the window)" \
    test "$(jx "$J" '$.events_counted')" = 32

# Products: SKU-A from the catalog, GHOST-9 accepted although no catalog has it.
p() { jx "$J" "\$.products.\"$1\".$2"; }
check "products.GHOST-9: in_catalog=$(jtype "$J" '$.products."GHOST-9".in_catalog') clicks=$(p GHOST-9 clicks) paid_orders=$(p GHOST-9 paid_orders) gmv=$(p GHOST-9 gmv_cents) (false 1 1 3000)" \
    test "$(jtype "$J" '$.products."GHOST-9".in_catalog') $(p GHOST-9 clicks) $(p GHOST-9 paid_orders) $(p GHOST-9 gmv_cents)" = "false 1 1 3000"
check "products.SKU-A: in_catalog=$(jtype "$J" '$.products."SKU-A".in_catalog') name=$(p SKU-A name) units=$(p SKU-A units) gmv=$(p SKU-A gmv_cents) (true 精华液 A 3 7500)" \
    test "$(jtype "$J" '$.products."SKU-A".in_catalog')|$(p SKU-A name)|$(p SKU-A units)|$(p SKU-A gmv_cents)" = "true|精华液 A|3|7500"
check "no raw viewer id in the report ($(grep -c RAWV "$J"))" test "$(grep -c RAWV "$J")" = 0
finish
