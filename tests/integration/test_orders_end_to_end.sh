#!/usr/bin/env bash
# A show's sales, end to end. The demo show (its products, its flash sale and
# its cues, without the simulated audience) takes its orders only through the
# 抖店 webhook: each signed paid-order message names the order, a local fake of
# 抖店's order.orderDetail API gives its lines. The test checks that the flash
# sale drained by the units sold, that the live metrics equal the report, and
# that importing the platform's export of the same orders after the show adds
# no order and reconciles every one of them as matched. The expected figures
# are computed here from the orders the test sends.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools sqlite3 curl openssl python3

export HAWKER_HOME="$T/home"
FAKE_PORT=$(pick_port)
export HAWKER_TEST_DOUYIN_KEY="7$(random_hex | tr -dc 0-9 | head -c 12)0"
export HAWKER_TEST_DOUYIN_SECRET="dy-$(random_hex)"
export HAWKER_TEST_DOUYIN_TOKEN="at-$(random_hex)"
DK=$HAWKER_TEST_DOUYIN_KEY DS=$HAWKER_TEST_DOUYIN_SECRET DT=$HAWKER_TEST_DOUYIN_TOKEN
DB="$T/hawker.db"

# --- the orders: what the room buys, and what the test expects of it ------------------------
# SERUM-50 is the flash sale's product at its flash price (9900 fen, at most 3
# per buyer); CREAM-30 sells at 15900. One order holds both products.
python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
orders = {}
base = 6931000000000000100
for i in range(8):
    orders[str(base + i)] = [{"sku": "SERUM-50", "qty": 3, "fen": 3 * 9900}]
orders[str(base + 8)] = [{"sku": "SERUM-50", "qty": 2, "fen": 2 * 9900}]
orders[str(base + 9)] = [{"sku": "SERUM-50", "qty": 1, "fen": 9900}, {"sku": "CREAM-30", "qty": 1, "fen": 15900}]
orders[str(base + 10)] = [{"sku": "CREAM-30", "qty": 2, "fen": 2 * 15900}]
orders[str(base + 11)] = [{"sku": "CREAM-30", "qty": 2, "fen": 2 * 15900}]
json.dump(orders, open(f"{t}/orders.json", "w"))
lines = [l for ls in orders.values() for l in ls]
expected = {
    "orders": len(orders),
    "lines": len(lines),
    "gmv": sum(l["fen"] for l in lines),
    "units": sum(l["qty"] for l in lines),
    "serum_units": sum(l["qty"] for l in lines if l["sku"] == "SERUM-50"),
}
with open(f"{t}/expected.sh", "w") as f:
    for k, v in expected.items():
        f.write(f"EXPECT_{k.upper()}={v}\n")
PY
source "$T/expected.sh"

FAKE_DETAIL_ORDERS="$T/orders.json" python3 "$IT_DIR/tools/fake_order_detail.py" "$FAKE_PORT" "$DK" "$DS" "$DT" \
    "$T/fake.log" NONE 1 1 tt-key tt-secret tt-token NONE 1 1 > "$T/fake.out" 2>&1 &
track_pid $!
wait_until 10 tcp_listening "$FAKE_PORT" || die "the fake detail API does not listen"

# --- the demo show, copied with its pictures: live, lighter, orders from the webhook only --------
cp -r "$HAWKER_SOURCE_DIR/assets" "$T/assets"
SHOWS="$T/assets/shows"
for role in operator host merchandiser ingest; do echo "$role = \"$(random_hex)\""; done > "$SHOWS/api-tokens.toml"
chmod 600 "$SHOWS/api-tokens.toml"
OP=$(sed -n 's/^operator = "\(.*\)"$/\1/p' "$SHOWS/api-tokens.toml")
grep -q '^simulate = true$' "$SHOWS/demo.toml" || die "demo.toml no longer simulates its audience: update this test"
sed -e 's/^simulate = true$/simulate = false/' -e 's/^fps = 30$/fps = 10/' -e 's/:rate=30"$/:rate=10"/' \
    -e 's/^platform = "portrait-1080"$/platform = "portrait-1080"\npreset = "ultrafast"\nbitrate_kbps = 800/' \
    "$SHOWS/demo.toml" > "$SHOWS/e2e.toml"
cat >> "$SHOWS/e2e.toml" <<EOF

$(douyin_shop_webhook "$FAKE_PORT")
EOF

start_live_show "$SHOWS/e2e.toml" "$DB" 75
ok "the demo show is live, session $SID, webhooks at $BASE/webhooks/douyin-shop"

# The cues approve the flash sale and the run of show starts it (10 s of pre-launch).
for i in $(seq 1 600); do
    api "$OP" /offers
    grep -q '"phase":"on_sale"' <<< "$BODY" && break
    sleep 0.1
done
check "the demo's flash sale is on sale" grep -q '"phase":"on_sale"' <<< "$BODY"

push() {   # push FILE: the platform's POST; prints the HTTP status
    curl -s -m 10 -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        -H "app-id: $DK" -H "event-sign: $(douyin_sign "$1")" --data-binary "@$1" "$BASE/webhooks/douyin-shop"
}
PAY_S=$(date +%s)
n=0 acked=0
for order in $(python3 -c "import json; print(' '.join(json.load(open('$T/orders.json'))))"); do
    n=$((n + 1))
    fen=$(python3 -c "import json; print(sum(l['fen'] for l in json.load(open('$T/orders.json'))['$order']))")
    data="{\\\"p_id\\\":$order,\\\"s_ids\\\":[1],\\\"pay_amount\\\":$fen,\\\"pay_time\\\":$PAY_S}"
    printf '[{"tag":"101","msg_id":"e2e-%s","data":"%s"}]' "$n" "$data" > "$T/msg-$n.json"
    [[ "$(push "$T/msg-$n.json")" == 200 ]] && acked=$((acked + 1))
done
check "抖店 acknowledged all $EXPECT_ORDERS paid orders ($acked)" test "$acked" = "$EXPECT_ORDERS"
check "a retried message is acknowledged too" test "$(push "$T/msg-3.json")" = 200

resolved() {
    test "$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE session_id = $SID AND sku = 'pending'") $(sqlite3 "$DB" "SELECT count(*) FROM events WHERE session_id = $SID AND type = 9")" \
        = "0 $EXPECT_LINES"
}
wait_until 30 resolved || fail "the orders' lines were not all fetched within 30 s ($(tail -3 "$T/fake.log" | tr '\n' ';'))"
check "every order became its lines: $EXPECT_LINES paid lines, none pending" resolved

left=""
for i in $(seq 1 50); do
    api "$OP" /offers
    left=$(grep -o '"remaining":[0-9]*' <<< "$BODY" | head -n1 | cut -d: -f2)
    [[ "$left" == "$((30 - EXPECT_SERUM_UNITS))" ]] && break
    sleep 0.1
done
check "the flash sale drained by the $EXPECT_SERUM_UNITS units sold: $((30 - EXPECT_SERUM_UNITS)) of 30 left (got ${left:-none})" \
    test "$left" = "$((30 - EXPECT_SERUM_UNITS))"

api "$OP" /metrics; check "GET /metrics" test "$CODE" = 200
echo "$BODY" > "$T/metrics.json"
m() { sqlite3 :memory: "SELECT json_extract(readfile('$T/metrics.json'), '\$.$1')"; }
LIVE="$(m summary.paid_orders) $(m summary.gmv_cents) $(m summary.units)"
check "the live metrics count each paid line (sub-order) once: orders, GMV, units = $LIVE" \
    test "$LIVE" = "$EXPECT_LINES $EXPECT_GMV $EXPECT_UNITS"

kill -TERM "$HAWKER_PID"
wait_pid "$HAWKER_PID" 30
check "hawker exits 0 after SIGTERM (got $WAIT_RC)" test "$WAIT_RC" -eq 0

report() {   # report NAME: report --json of the session into $T/NAME.json
    "$HAWKER" report --db "$DB" --session "$SID" --json > "$T/$1.json" 2> "$T/$1.err"
}
report live; check "report --json exits 0 (got $?)" test -s "$T/live.json"
r() { sqlite3 :memory: "SELECT json_extract(readfile('$T/$1.json'), '\$.$2')"; }
check "the report's orders, GMV and units equal the live metrics ($(r live summary.paid_orders) $(r live summary.gmv_cents) $(r live summary.units))" \
    test "$(r live summary.paid_orders) $(r live summary.gmv_cents) $(r live summary.units)" = "$LIVE"
check "every order came from the live webhook ($(r live 'reconciliation.orders_by_origin'))" \
    test "$(r live 'reconciliation.orders_by_origin."live webhook"')" = "$EXPECT_ORDERS"

# --- after the show: the platform's export of the same orders ---------------------------------
python3 - "$T" "$PAY_S" <<'PY'
import datetime, json, sys
t, pay_s = sys.argv[1], int(sys.argv[2])
orders = json.load(open(f"{t}/orders.json"))
names = {"SERUM-50": "玻尿酸精华 50ml", "CREAM-30": "雪域保湿面霜 30g"}
shanghai = datetime.timezone(datetime.timedelta(hours=8))
paid = datetime.datetime.fromtimestamp(pay_s, shanghai).strftime("%Y-%m-%d %H:%M:%S")
made = datetime.datetime.fromtimestamp(pay_s - 20, shanghai).strftime("%Y-%m-%d %H:%M:%S")
with open(f"{t}/export.csv", "w", encoding="utf-8", newline="") as f:
    f.write("\ufeff主订单编号,子订单编号,选购商品,商品ID,商家编码,商品数量,商品金额,订单应付金额,订单提交时间,支付完成时间,订单状态,售后状态,取消原因\r\n")
    for order, lines in orders.items():
        for i, l in enumerate(lines):
            unit = l["fen"] // l["qty"]
            f.write(f"{order},{order}{i + 1},{names[l['sku']]},37{i},{l['sku']},{l['qty']},"
                    f"{unit // 100}.{unit % 100:02d},\"{l['fen'] // 100:,}.{l['fen'] % 100:02d}\",{made},{paid},已完成,-,\r\n")
PY
out=$("$HAWKER" orders import --db "$DB" --session "$SID" --platform douyin "$T/export.csv" 2> "$T/import.err")
rc=$?
check "the export imports (exit $rc): $out" test "$rc" = 0
j() { sqlite3 :memory: "SELECT json_extract('$(sed "s/'/''/g" <<< "$out")', '\$.$1')"; }
check "it adds no order: accepted $(j accepted), duplicates $(j duplicates) of $EXPECT_LINES lines, rejected $(j 'rejected')" \
    test "$(j accepted) $(j duplicates) $(j rejected)" = "0 $EXPECT_LINES []"

report after; check "report --json after the import" test -s "$T/after.json"
check "the totals did not move ($(r after summary.paid_orders) $(r after summary.gmv_cents) $(r after summary.units))" \
    test "$(r after summary.paid_orders) $(r after summary.gmv_cents) $(r after summary.units)" = "$LIVE"
g() { r after "reconciliation.groups.$1.orders"; }
check "the reconciliation matches every order: matched $(g matched), only live $(g only_live), only export $(g only_export), amounts differ $(g amount_differs)" \
    test "$(g matched) $(g only_live) $(g only_export) $(g amount_differs)" = "$EXPECT_ORDERS 0 0 0"
check "with the export's $EXPECT_ORDERS orders recorded ($(r after reconciliation.export_orders)) and the same money on both sides" \
    test "$(r after reconciliation.export_orders) $(r after reconciliation.groups.matched.live_cents) $(r after reconciliation.groups.matched.export_cents)" \
    = "$EXPECT_ORDERS $EXPECT_GMV $EXPECT_GMV"
leaks=$(cat "$T/show.log" "$T/show.out" "$T/show.err" | grep -c -F -e "$DS" -e "$DT")
check "no app secret or access token in hawker's log ($leaks lines)" test "$leaks" = 0
finish
