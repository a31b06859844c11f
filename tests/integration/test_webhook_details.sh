#!/usr/bin/env bash
# The order-detail fetcher on a live show: a 抖店 paid-order message names only
# the order, so it is stored with its product pending and acknowledged at
# once; Hawker then asks a local fake of 抖店's order.orderDetail API (which
# checks the request's sign independently, answers 503, then 429, then slowly)
# and replaces the pending order by its line item. The test checks that the
# webhook answered before the detail arrived (from Hawker's own receive times
# in the database), that the product became the SKU in the database and in
# GET /api/v1/metrics, that GMV counted the order once, that the running
# flash sale for the SKU drained, the fetcher's counters in GET /api/v1/webhooks,
# and that the access token reached neither the log nor the database.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools sqlite3 curl openssl python3

export HAWKER_HOME="$T/home"
PORT=$(pick_port)
FAKE_PORT=$(pick_port)
[[ "$FAKE_PORT" != "$PORT" ]] || FAKE_PORT=$(pick_port)
export HAWKER_TEST_OPERATOR_TOKEN="op-$(random_hex)"
export HAWKER_TEST_MERCH_TOKEN="me-$(random_hex)"
OP=$HAWKER_TEST_OPERATOR_TOKEN ME=$HAWKER_TEST_MERCH_TOKEN
export HAWKER_TEST_DOUYIN_KEY="7$(random_hex | tr -dc 0-9 | head -c 12)0"
export HAWKER_TEST_DOUYIN_SECRET="dy-$(random_hex)"
export HAWKER_TEST_DOUYIN_TOKEN="at-$(random_hex)"
export HAWKER_TEST_TIKTOK_KEY="tt$(random_hex | head -c 10)"
export HAWKER_TEST_TIKTOK_SECRET="tt-$(random_hex)"
export HAWKER_TEST_TIKTOK_TOKEN="ttat-$(random_hex)"
TK=$HAWKER_TEST_TIKTOK_KEY TS=$HAWKER_TEST_TIKTOK_SECRET TT=$HAWKER_TEST_TIKTOK_TOKEN
SS="sh-$(random_hex)"
printf '[shopify]\napp_secret = "%s"\n' "$SS" > "$T/secrets.toml"
DK=$HAWKER_TEST_DOUYIN_KEY DS=$HAWKER_TEST_DOUYIN_SECRET DT=$HAWKER_TEST_DOUYIN_TOKEN
DB="$T/hawker.db"
ORDER=6912345678900000042

python3 "$IT_DIR/tools/fake_order_detail.py" "$FAKE_PORT" "$DK" "$DS" "$DT" "$T/fake.log" S1 2 19800 \
    "$TK" "$TS" "$TT" S2 2 12.50 > "$T/fake.out" 2>&1 &
track_pid $!
wait_until 10 tcp_listening "$FAKE_PORT" || die "the fake detail API does not listen"

camera_show "webhook-details" 320 568 15 400 2 "program.mkv" > "$T/show.toml"
cat >> "$T/show.toml" <<EOF

[[products]]
sku = "S1"
name = "精华液"
price_cents = 9900
stock = 500

[[offers]]
id = "flash"
sku = "S1"
price_cents = 9900
quantity = 5
per_buyer_limit = 3
prelaunch_s = 10
duration_s = 600

$(api_block "$PORT")

$(douyin_shop_webhook "$FAKE_PORT")

[[api.webhooks]]
platform = "tiktok-shop"
app_key_env = "HAWKER_TEST_TIKTOK_KEY"
secret_env = "HAWKER_TEST_TIKTOK_SECRET"
detail_url = "http://127.0.0.1:$FAKE_PORT"
access_token_env = "HAWKER_TEST_TIKTOK_TOKEN"

[[api.webhooks]]
platform = "shopify"
secrets_file = "$T/secrets.toml"
EOF

BASE="http://127.0.0.1:$PORT/api/v1"
tiktok_sign() { { printf '%s' "$TK"; cat "$1"; } | openssl dgst -sha256 -hmac "$TS" -r | cut -d' ' -f1; }

start_live_show "$T/show.toml" "$DB" 60
ok "hawker is live, session $SID"

api "$ME" /approvals '{"offer":"flash"}'; check "the merchandiser approves the flash sale" test "$CODE" = 200
api "$OP" /offers/start '{"offer":"flash"}'; check "the operator starts it" test "$CODE" = 200
for i in $(seq 1 150); do   # the pre-launch is 10 s of program time
    api "$OP" /offers
    grep -q '"phase":"on_sale"' <<< "$BODY" && break
    sleep 0.1
done
check "the flash sale is on sale" grep -q '"phase":"on_sale"' <<< "$BODY"
sleep 2   # the live analytics see the show's state once a program second

PAY_S=$(date +%s)
data="{\\\"p_id\\\":$ORDER,\\\"s_ids\\\":[1],\\\"pay_amount\\\":19800,\\\"pay_time\\\":$PAY_S}"
printf '[{"tag":"101","msg_id":"dy-detail-1","data":"%s"}]' "$data" > "$T/dy1.json"
out=$(curl -s -m 10 -w '\n%{http_code} %{time_total}' -X POST -H 'Content-Type: application/json' \
    -H "app-id: $DK" -H "event-sign: $(douyin_sign "$T/dy1.json")" --data-binary "@$T/dy1.json" \
    "$BASE/webhooks/douyin-shop")
status=${out##*$'\n'}
check "抖店 paid order acknowledged ($status)" test "${status%% *}" = 200
check "the webhook answered within 1 s, the detail takes longer (${status#* } s)" fcmp "${status#* } < 1.0"
pending=$(sqlite3 "$DB" "SELECT sku || ' ' || amount_cents || ' ' || received_utc_ms FROM events
    WHERE session_id = $SID AND event_id = 'webhook:douyin-shop:dy-detail-1'")
check "stored at once with its product pending: '$pending'" grep -q '^pending 19800 [0-9]*$' <<< "$pending"
ACK_MS=${pending##* }

s1_lines() { test "$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE session_id = $SID AND sku = 'S1'")" = 1; }
wait_until 20 s1_lines || fail "no line item S1 within 20 s ($(tr '\n' ';' < "$T/fake.log"))"
row=$(sqlite3 "$DB" "SELECT event_id || ' ' || order_id || ' ' || sku || ' ' || qty || ' ' || amount_cents
    FROM events WHERE session_id = $SID AND type = (SELECT code FROM event_types WHERE name = 'order_paid')")
check "the pending order became its line: '$row'" \
    test "$row" = "webhook:douyin-shop:dy-detail-1/1 $ORDER S1 2 19800"
LINE_MS=$(sqlite3 "$DB" "SELECT received_utc_ms FROM events WHERE session_id = $SID AND sku = 'S1'")
check "the detail came after the answer, through 503, 429 and a slow answer ($((LINE_MS - ACK_MS)) ms >= 1500)" \
    test "$((LINE_MS - ACK_MS))" -ge 1500
check "nothing is pending any more" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE session_id = $SID AND sku = 'pending'")" = 0
# 抖店 retries the message (its answer was lost, say): a duplicate, not the order again.
out=$(curl -s -m 10 -w '\n%{http_code}' -X POST -H 'Content-Type: application/json' \
    -H "app-id: $DK" -H "event-sign: $(douyin_sign "$T/dy1.json")" --data-binary "@$T/dy1.json" \
    "$BASE/webhooks/douyin-shop")
check "the retry of the resolved order is acknowledged (${out##*$'\n'})" test "${out##*$'\n'}" = 200
check "and stores nothing: one paid row, none pending" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE session_id = $SID AND order_id IS NOT NULL") $(sqlite3 "$DB" "SELECT count(*) FROM events WHERE session_id = $SID AND sku = 'pending'")" = "1 0"
sleep 1   # a wrongly queued retry would have asked the fake again by now
check "the fake saw 3 抖店 requests, all signed correctly ($(tr '\n' ';' < "$T/fake.log"))" \
    test "$(grep -c '^[0-9].*sign=ok' "$T/fake.log") $(grep -c '^[0-9].*sign=bad' "$T/fake.log")" = "3 0"
check "in the order 503, 429, 200" test "$(grep '^[0-9]' "$T/fake.log" | cut -d' ' -f2 | tr '\n' ' ')" = "503 429 200 "

# TikTok Shop: the message has no amount either; the detail brings 2 x S2 at 12.50.
printf '{"type":1,"tts_notification_id":"tt-detail-1","shop_id":"7494","timestamp":%s,"data":{"order_id":"577000999","order_status":"AWAITING_SHIPMENT","update_time":%s}}' \
    "$PAY_S" "$PAY_S" > "$T/tt1.json"
out=$(curl -s -m 10 -w '\n%{http_code}' -X POST -H "Authorization: $(tiktok_sign "$T/tt1.json")" \
    --data-binary "@$T/tt1.json" "$BASE/webhooks/tiktok-shop")
check "TikTok paid order acknowledged (${out##*$'\n'})" test "${out##*$'\n'}" = 200
s2_lines() { test "$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE session_id = $SID AND sku = 'S2'")" = 1; }
wait_until 20 s2_lines || fail "no line item S2 within 20 s ($(tr '\n' ';' < "$T/fake.log"))"
row=$(sqlite3 "$DB" "SELECT event_id || ' ' || order_id || ' ' || qty || ' ' || amount_cents FROM events
    WHERE session_id = $SID AND sku = 'S2'")
check "the TikTok order became 2 x S2 for 2500 cents: '$row'" \
    test "$row" = "webhook:tiktok-shop:tt-detail-1/1 577000999 2 2500"
check "the fake checked TikTok's sign and token ($(grep '^tt' "$T/fake.log" | tr '\n' ';'))" \
    test "$(grep -c '^tt 200 sign=ok' "$T/fake.log") $(grep -c '^tt .*sign=bad' "$T/fake.log")" = "1 0"

api "$OP" /metrics; check "GET /metrics" test "$CODE" = 200
echo "$BODY" > "$T/metrics.json"
m() { sqlite3 :memory: "SELECT json_extract(readfile('$T/metrics.json'), '\$.$1')"; }
check "the live metrics count each order once: paid_orders=$(m summary.paid_orders) gmv_cents=$(m summary.gmv_cents) units=$(m summary.units)" \
    test "$(m summary.paid_orders) $(m summary.gmv_cents) $(m summary.units)" = "2 22300 4"
check "the products are S1 ($(m products.S1.gmv_cents)) and S2 ($(m products.S2.gmv_cents)), pending is gone ('$(m products.pending)')" \
    test "$(m products.S1.gmv_cents) $(m products.S2.gmv_cents) $(m products.pending)" = "19800 2500 "

left=""
for i in $(seq 1 50); do
    api "$OP" /offers
    left=$(grep -o '"remaining":[0-9]*' <<< "$BODY" | head -n1 | cut -d: -f2)
    [[ "$left" == 3 ]] && break
    sleep 0.1
done
check "the resolved order drained the flash sale: 3 of 5 left (got ${left:-none})" test "$left" = 3

api "$OP" /webhooks; check "GET /webhooks" test "$CODE" = 200
echo "$BODY" > "$T/webhooks.json"
w() { sqlite3 :memory: "SELECT json_extract(readfile('$T/webhooks.json'), '\$.webhooks[$1].detail_$2')"; }
check "douyin-shop's fetcher: fetched 1, pending 0, retrying 0, failed 0" \
    test "$(w 0 fetched) $(w 0 pending) $(w 0 retrying) $(w 0 failed)" = "1 0 0 0"
check "tiktok-shop's fetcher: fetched 1, failed 0" test "$(w 1 fetched) $(w 1 failed)" = "1 0"
check "shopify fetches nothing and says so" test "$(w 2 configured)" = 0

kill -TERM "$HAWKER_PID"
wait_pid "$HAWKER_PID" 30
check "hawker exits 0 after SIGTERM (got $WAIT_RC)" test "$WAIT_RC" -eq 0
check "the stored products are S1 and S2, not pending" \
    test "$(sqlite3 "$DB" "SELECT group_concat(sku, ',') FROM (SELECT DISTINCT sku FROM events WHERE session_id = $SID AND sku IS NOT NULL ORDER BY sku)")" = S1,S2
"$HAWKER" report --db "$DB" --session "$SID" --json > "$T/report.json" 2> "$T/report.err"
rc=$?
check "report --json exits 0 (got $rc)" test "$rc" -eq 0
r() { sqlite3 :memory: "SELECT json_extract(readfile('$T/report.json'), '\$.$1')"; }
check "the report shows the real products: S1 $(r 'products."S1".gmv_cents'), S2 $(r 'products."S2".gmv_cents'), pending '$(r 'products."pending"')'" \
    test "$(r 'products."S1".gmv_cents') $(r 'products."S2".gmv_cents') $(r 'products."pending"')" = "19800 2500 "
check "and the same totals as the live metrics: $(r summary.paid_orders) orders, $(r summary.gmv_cents) cents" \
    test "$(r summary.paid_orders) $(r summary.gmv_cents)" = "2 22300"
leaks=$(cat "$T/show.log" "$T/show.out" "$T/show.err" | grep -c -F -e "$DS" -e "$DT" -e "$TS" -e "$TT")
check "no app secret or access token in hawker's log ($leaks lines)" test "$leaks" = 0
check "nor in the database" test "$(sqlite3 "$DB" .dump | grep -c -F -e "$DS" -e "$DT" -e "$TS" -e "$TT")" = 0
finish
