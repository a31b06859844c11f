#!/usr/bin/env bash
# A 抖店 order still waiting for its product when the show crashes is fetched
# after the show resumes its session. The first run stores the paid order with
# its product pending while the order-detail API cannot be reached, and is
# killed (-9). The second run resumes the session (--resume last) with the API
# up: the order is queued again from the database and becomes its line item.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools sqlite3 curl openssl python3

export HAWKER_HOME="$T/home"
PORT=$(pick_port)
FAKE_PORT=$(pick_port)
[[ "$FAKE_PORT" != "$PORT" ]] || FAKE_PORT=$(pick_port)
export HAWKER_TEST_OPERATOR_TOKEN="op-$(random_hex)"
export HAWKER_TEST_MERCH_TOKEN="me-$(random_hex)"
OP=$HAWKER_TEST_OPERATOR_TOKEN
export HAWKER_TEST_DOUYIN_KEY="7$(random_hex | tr -dc 0-9 | head -c 12)0"
export HAWKER_TEST_DOUYIN_SECRET="dy-$(random_hex)"
export HAWKER_TEST_DOUYIN_TOKEN="at-$(random_hex)"
DK=$HAWKER_TEST_DOUYIN_KEY DS=$HAWKER_TEST_DOUYIN_SECRET DT=$HAWKER_TEST_DOUYIN_TOKEN
DB="$T/hawker.db"
ORDER=6912345678900000077
printf '{"%s": [{"sku": "S1", "qty": 2, "fen": 19800}]}' "$ORDER" > "$T/orders.json"

camera_show "webhook-resume" 320 568 15 400 2 "program.mkv" > "$T/show.toml"
cat >> "$T/show.toml" <<EOF

[[products]]
sku = "S1"
name = "精华液"
price_cents = 9900
stock = 500

$(api_block "$PORT")

$(douyin_shop_webhook "$FAKE_PORT")
EOF

# --- the first run: the detail API is down, the order stays pending, the show crashes ----------
start_live_show "$T/show.toml" "$DB" 60
FIRST_SID=$SID
ok "hawker is live, session $SID; nothing listens on the detail API's port"
data="{\\\"p_id\\\":$ORDER,\\\"s_ids\\\":[1],\\\"pay_amount\\\":19800,\\\"pay_time\\\":$(date +%s)}"
printf '[{"tag":"101","msg_id":"dy-resume-1","data":"%s"}]' "$data" > "$T/dy1.json"
status=$(curl -s -m 10 -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -H "app-id: $DK" -H "event-sign: $(douyin_sign "$T/dy1.json")" --data-binary "@$T/dy1.json" \
    "$BASE/webhooks/douyin-shop")
check "抖店 paid order acknowledged ($status)" test "$status" = 200
pending() { sqlite3 "$DB" "SELECT count(*) FROM events WHERE session_id = $FIRST_SID AND sku = 'pending'"; }
check "stored with its product pending ($(pending))" test "$(pending)" = 1
sleep 1   # the fetcher tries the closed port and backs off
kill -9 "$HAWKER_PID"
wait_pid "$HAWKER_PID" 10
check "still pending after the crash ($(pending))" test "$(pending)" = 1

# --- the second run resumes the session with the detail API up ------------------------------------
FAKE_DETAIL_ORDERS="$T/orders.json" python3 "$IT_DIR/tools/fake_order_detail.py" "$FAKE_PORT" "$DK" "$DS" "$DT" \
    "$T/fake.log" NONE 1 1 tt-key tt-secret tt-token NONE 1 1 > "$T/fake.out" 2>&1 &
track_pid $!
wait_until 10 tcp_listening "$FAKE_PORT" || die "the fake detail API does not listen"
start_live_show "$T/show.toml" "$DB" 30 --resume last
check "the restart resumes session $FIRST_SID (session line: $SID)" test "$SID" = "$FIRST_SID"
resolved() { test "$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE session_id = $SID AND sku = 'S1'")" = 1; }
wait_until 20 resolved || fail "the pending order was not fetched within 20 s ($(tr '\n' ';' < "$T/fake.log"))"
row=$(sqlite3 "$DB" "SELECT event_id || ' ' || order_id || ' ' || sku || ' ' || qty || ' ' || amount_cents
    FROM events WHERE session_id = $SID AND type = (SELECT code FROM event_types WHERE name = 'order_paid')")
check "the order became its line after the restart: '$row'" \
    test "$row" = "webhook:douyin-shop:dy-resume-1/1 $ORDER S1 2 19800"
check "nothing is pending any more ($(pending))" test "$(pending)" = 0
check "hawker says it queued the order again" grep -q "1 order(s) still pending from before the restart queued again" "$T/show.log"
check "the fake saw one well-signed request ($(tr '\n' ';' < "$T/fake.log"))" \
    test "$(grep -c "sign=ok order=$ORDER" "$T/fake.log") $(grep -c 'sign=bad' "$T/fake.log")" = "1 0"
kill -TERM "$HAWKER_PID"
wait_pid "$HAWKER_PID" 30
check "hawker exits 0 after SIGTERM (got $WAIT_RC)" test "$WAIT_RC" -eq 0
finish
