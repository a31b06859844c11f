#!/usr/bin/env bash
# The selling platforms' order webhooks on a live show: POST
# /api/v1/webhooks/{douyin-shop,tiktok-shop,shopify}. Each message is signed
# here with the openssl command line (independently of hawker's code) under a
# made-up app secret. A missing or bad signature gets 401 and stores nothing;
# five within a minute raise an alert; 抖店's verification message is answered
# {"code":0,"msg":"success"} and stores nothing; a paid order is one event
# however often the platform retries it; a Shopify paid order drains the
# running flash sale; refunds are stored; GET /api/v1/webhooks counts it all;
# no secret reaches the log or the database.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools sqlite3 curl openssl

export HAWKER_HOME="$T/home"
PORT=$(pick_port)
export HAWKER_TEST_OPERATOR_TOKEN="op-$(random_hex)"
export HAWKER_TEST_MERCH_TOKEN="me-$(random_hex)"
OP=$HAWKER_TEST_OPERATOR_TOKEN ME=$HAWKER_TEST_MERCH_TOKEN
# Made-up app keys and secrets, new for every run.
export HAWKER_TEST_DOUYIN_KEY="7$(random_hex | tr -dc 0-9 | head -c 12)0"
export HAWKER_TEST_DOUYIN_SECRET="dy-$(random_hex)"
export HAWKER_TEST_TIKTOK_KEY="tt$(random_hex | head -c 10)"
export HAWKER_TEST_TIKTOK_SECRET="tt-$(random_hex)"
DK=$HAWKER_TEST_DOUYIN_KEY DS=$HAWKER_TEST_DOUYIN_SECRET TK=$HAWKER_TEST_TIKTOK_KEY TS=$HAWKER_TEST_TIKTOK_SECRET
SS="sh-$(random_hex)"
printf '[shopify]\napp_secret = "%s"\n' "$SS" > "$T/secrets.toml"
DB="$T/hawker.db"

camera_show "webhooks" 320 568 15 400 2 "program.mkv" > "$T/show.toml"
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

[[api.webhooks]]
platform = "douyin-shop"
app_key_env = "HAWKER_TEST_DOUYIN_KEY"
secret_env = "HAWKER_TEST_DOUYIN_SECRET"

[[api.webhooks]]
platform = "tiktok-shop"
app_key_env = "HAWKER_TEST_TIKTOK_KEY"
secret_env = "HAWKER_TEST_TIKTOK_SECRET"

[[api.webhooks]]
platform = "shopify"
secrets_file = "$T/secrets.toml"
EOF

BASE="http://127.0.0.1:$PORT/api/v1"
# hook PATH FILE HEADER...: POST the file's bytes with the headers; sets CODE and BODY.
hook() {
    local path="$1" file="$2" headers=() h out
    shift 2
    for h in "$@"; do headers+=(-H "$h"); done
    out=$(curl -s -m 10 -w '\n%{http_code}' -X POST -H 'Content-Type: application/json' "${headers[@]}" \
        --data-binary "@$file" "$BASE/webhooks/$path")
    CODE=${out##*$'\n'}; BODY=${out%$'\n'*}
}
expect() { check "$2 -> $1 (got $CODE: ${BODY:0:160})" test "$CODE" = "$1"; }
# The signatures, exactly as the platforms document them, over the file's bytes.
douyin_sign() { { printf '%s' "$DK"; cat "$1"; printf '%s' "$DS"; } | openssl dgst -md5 -r | cut -d' ' -f1; }
tiktok_sign() { { printf '%s' "$TK"; cat "$1"; } | openssl dgst -sha256 -hmac "$TS" -r | cut -d' ' -f1; }
shopify_sign() { openssl dgst -sha256 -hmac "$SS" -binary < "$1" | openssl base64 -A; }
events() { sqlite3 "$DB" "SELECT count(*) FROM events WHERE session_id = $SID${1:+ AND $1}"; }
douyin_msg() {  # douyin_msg FILE TAG MSG_ID DATA_JSON: one message, data as a JSON string
    local data=${4//\"/\\\"}
    printf '[{"tag":"%s","msg_id":"%s","data":"%s"}]' "$2" "$3" "$data" > "$1"
}

start_live_show "$T/show.toml" "$DB" 40
ok "hawker is live, session $SID"

# The flash sale goes on sale after its 10 s pre-launch; the webhooks are tested meanwhile.
api "$ME" /approvals '{"offer":"flash"}'; expect 200 "the merchandiser approves the flash sale"
api "$OP" /offers/start '{"offer":"flash"}'; expect 200 "the operator starts it"

# --- 抖店 ------------------------------------------------------------------------------------
# The platforms date orders in whole seconds: the first whole second after the
# session's start is in its window, and sent once it has passed.
START=$(sqlite3 "$DB" "SELECT start_utc_ms FROM sessions WHERE id = $SID")
check "the live session has a start ($START)" is_number "$START"
NOW_S=$((START / 1000 + 1))
wait_until 5 bash -c "(( \$(date +%s) >= $NOW_S ))"
douyin_msg "$T/dy0.json" 0 "verify-1" '{}'
hook douyin-shop "$T/dy0.json" "app-id: $DK" "event-sign: $(douyin_sign "$T/dy0.json")"
expect 200 "抖店 verification message"
check "its answer is exactly {\"code\":0,\"msg\":\"success\"}" test "$BODY" = '{"code":0,"msg":"success"}'
check "the verification stored nothing" test "$(events)" = 0

douyin_msg "$T/dy1.json" 101 "dy-msg-1" "{\"p_id\":6912345678901234567,\"s_ids\":[1],\"pay_amount\":12990,\"pay_time\":$NOW_S}"
SIGN=$(douyin_sign "$T/dy1.json")
hook douyin-shop "$T/dy1.json" "app-id: $DK"; expect 401 "抖店 paid order without event-sign"
hook douyin-shop "$T/dy1.json" "app-id: $DK" "event-sign: 0123456789abcdef0123456789abcdef"
expect 401 "抖店 paid order with a wrong event-sign"
hook douyin-shop "$T/dy1.json" "app-id: 1" "event-sign: $SIGN"; expect 401 "抖店 signed message for another app-id"
sed 's/12990/1299000/' "$T/dy1.json" > "$T/dy1-forged.json"
hook douyin-shop "$T/dy1-forged.json" "app-id: $DK" "event-sign: $SIGN"; expect 401 "抖店 body changed after signing"
check "nothing of the refused messages is stored" test "$(events)" = 0
hook douyin-shop "$T/dy1.json" "app-id: $DK" "event-sign: $SIGN"; expect 200 "抖店 signed paid order"
check "its answer is {\"code\":0,\"msg\":\"success\"}" test "$BODY" = '{"code":0,"msg":"success"}'
hook douyin-shop "$T/dy1.json" "app-id: $DK" "event-sign: $SIGN"; expect 200 "抖店 retries the same message"
row=$(sqlite3 "$DB" "SELECT order_id || ' ' || amount_cents || ' ' || sku || ' ' || qty FROM v_paid_orders WHERE session_id = $SID")
check "one paid order, amount in fen, product pending: '$row'" test "$row" = "6912345678901234567 12990 pending 1"
check "the retry is one event" test "$(events)" = 1
douyin_msg "$T/dy2.json" 206 "dy-msg-2" "{\"p_id\":6912345678901234567,\"refund_amount\":12990,\"update_time\":$NOW_S}"
hook douyin-shop "$T/dy2.json" "app-id: $DK" "event-sign: $(douyin_sign "$T/dy2.json")"; expect 200 "抖店 refund"
check "the refund is stored" test "$(events "type = 10 AND order_id = '6912345678901234567' AND amount_cents = 12990")" = 1

# Five bad signatures within a minute (four above, one more) raise an alert.
hook douyin-shop "$T/dy1.json" "app-id: $DK" "event-sign: ffffffffffffffffffffffffffffffff"; expect 401 "a fifth bad signature"
api "$OP" /alerts
check "an alert names the bad signatures" grep -q '"rule":"webhook.douyin-shop.signature"' <<< "$BODY"
printf '%s' "$BODY" > "$T/alerts.json"
said=$(json_count "$T/alerts.json" "json_extract(value, '\$.rule') = 'webhook.douyin-shop.signature'
    AND json_extract(value, '\$.phrase.key') = 'alert_text.webhook_bad_signatures'
    AND json_extract(value, '\$.phrase.args.count') = '5'
    AND json_extract(value, '\$.message') LIKE '5 order webhook messages from douyin-shop had a bad signature%'
    AND json_extract(value, '\$.message') LIKE '%/ douyin-shop 订单推送 60 秒内 5 条签名校验失败%'")
check "  in words for each language: its phrase, and its message in English then Chinese ($said)" test "$said" = 1

# --- TikTok Shop ----------------------------------------------------------------------------
printf '{"type":1,"tts_notification_id":"tt-n-1","shop_id":"7494","timestamp":%s,"data":{"order_id":"577000111","order_status":"AWAITING_SHIPMENT","is_on_hold_order":false,"update_time":%s}}' \
    "$NOW_S" "$NOW_S" > "$T/tt1.json"
hook tiktok-shop "$T/tt1.json" "Authorization: $(tiktok_sign "$T/tt1.json" | tr a-f A-F)"; expect 401 "TikTok paid order with an Authorization not in lowercase hex"
hook tiktok-shop "$T/tt1.json" "Authorization: $(tiktok_sign "$T/tt1.json")"; expect 200 "TikTok signed paid order"
hook tiktok-shop "$T/tt1.json" "Authorization: $(tiktok_sign "$T/tt1.json")"; expect 200 "TikTok retries it"
check "one paid TikTok order" test "$(events "order_id = '577000111'")" = 1
sed 's/AWAITING_SHIPMENT/CANCEL/; s/tt-n-1/tt-n-2/' "$T/tt1.json" > "$T/tt2.json"
hook tiktok-shop "$T/tt2.json" "Authorization: $(tiktok_sign "$T/tt2.json")"; expect 200 "TikTok cancellation"
check "a cancellation stores nothing" test "$(events "order_id = '577000111'")" = 1

# A burst: 12 different paid orders at once (the webhook lane serves 4 and queues 32).
burst=()
for i in $(seq 1 12); do
    sed "s/tt-n-1/tt-burst-$i/; s/577000111/5770002$i/" "$T/tt1.json" > "$T/burst$i.json"
    curl -s -m 10 -o /dev/null -w '%{http_code}\n' -X POST -H "Authorization: $(tiktok_sign "$T/burst$i.json")" \
        --data-binary "@$T/burst$i.json" "$BASE/webhooks/tiktok-shop" > "$T/burst$i.code" &
    burst+=($!)
done
wait "${burst[@]}"   # each curl gives up after 10 s
check "the 12 orders of the burst were all acknowledged ($(cat "$T"/burst*.code | sort | uniq -c | tr -s ' \n' ' '))" \
    test "$(cat "$T"/burst*.code | grep -c '^200$')" = 12
check "and all stored" test "$(events "event_id LIKE 'webhook:tiktok-shop:tt-burst-%'")" = 12

# --- Shopify: a paid order drains the running flash sale ----------------------------------
for i in $(seq 1 150); do   # the pre-launch is 10 s of program time
    api "$OP" /offers
    grep -q '"phase":"on_sale"' <<< "$BODY" && break
    sleep 0.1
done
check "the flash sale is on sale" grep -q '"phase":"on_sale"' <<< "$BODY"
# The live analytics see the show's state once a program second (as for every
# order feed): a paid order sells into the sale once they have seen it on sale.
sleep 2
printf '{"id":820982911946154508,"name":"#1001","processed_at":"%s","line_items":[{"sku":"S1","quantity":2,"price":"99.00"}]}' \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$T/sh1.json"
SH1=$(shopify_sign "$T/sh1.json")
hook shopify "$T/sh1.json" "X-Shopify-Topic: orders/paid" "X-Shopify-Webhook-Id: wh-1"; expect 401 "Shopify order without its HMAC"
hook shopify "$T/sh1.json" "X-Shopify-Topic: orders/paid" "X-Shopify-Webhook-Id: wh-1" "X-Shopify-Hmac-Sha256: $SH1"
expect 200 "Shopify signed paid order"
hook shopify "$T/sh1.json" "X-Shopify-Topic: orders/paid" "X-Shopify-Webhook-Id: wh-1" "X-Shopify-Hmac-Sha256: $SH1"
expect 200 "Shopify retries it"
check "one Shopify paid line of 2 x S1 = 19800" \
    test "$(events "order_id = '820982911946154508' AND sku = 'S1' AND qty = 2 AND amount_cents = 19800")" = 1
left=""
for i in $(seq 1 50); do
    api "$OP" /offers
    left=$(grep -o '"remaining":[0-9]*' <<< "$BODY" | head -n1 | cut -d: -f2)
    [[ "$left" == 3 ]] && break
    sleep 0.1
done
check "the order drained the flash sale: 3 of 5 left (got ${left:-none})" test "$left" = 3
check "the retry sold nothing more" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE command = 'offer.sell' AND ok = 1")" = 1
printf '{"id":509562969,"order_id":820982911946154508,"created_at":"%s","transactions":[{"kind":"refund","status":"success","amount":"99.00"}]}' \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$T/sh2.json"
hook shopify "$T/sh2.json" "X-Shopify-Topic: refunds/create" "X-Shopify-Webhook-Id: wh-2" \
    "X-Shopify-Hmac-Sha256: $(shopify_sign "$T/sh2.json")"
expect 200 "Shopify refund"
check "the Shopify refund is stored" \
    test "$(events "type = 10 AND order_id = '820982911946154508' AND amount_cents = 9900")" = 1

# --- what the API shows ------------------------------------------------------------------
api "$OP" /webhooks; expect 200 "GET /webhooks"
echo "$BODY" > "$T/webhooks.json"
dy=$(grep -o '{[^{}]*"platform":"douyin-shop"[^{}]*}' <<< "$BODY")
check "douyin-shop: 5 bad signatures, 2 accepted, 1 duplicate, 1 ignored ($dy)" \
    test "$(grep -o -e '"bad_signatures":5,' -e '"accepted":2,' -e '"duplicates":1,' -e '"ignored":1,' <<< "$dy" | wc -l)" = 4
tt=$(grep -o '{[^{}]*"platform":"tiktok-shop"[^{}]*}' <<< "$BODY")
check "tiktok-shop: 1 bad signature, 13 accepted, 1 duplicate, 1 ignored ($tt)" \
    test "$(grep -o -e '"bad_signatures":1,' -e '"accepted":13,' -e '"duplicates":1,' -e '"ignored":1,' <<< "$tt" | wc -l)" = 4
api "$OP" /metrics; expect 200 "GET /metrics"
echo "$BODY" > "$T/metrics.json"
m() { sqlite3 :memory: "SELECT json_extract(readfile('$T/metrics.json'), '\$.summary.$1')"; }
# 抖店 12990 + 13 TikTok orders at 0 (their amount comes with the order's detail) + Shopify 19800.
check "the live metrics: paid_orders=$(m paid_orders) gmv_cents=$(m gmv_cents) refunds_cents=$(m refunds_cents) (15 32790 22890)" \
    test "$(m paid_orders) $(m gmv_cents) $(m refunds_cents)" = "15 32790 22890"

kill -TERM "$HAWKER_PID"
wait_pid "$HAWKER_PID" 30
check "hawker exits 0 after SIGTERM (got $WAIT_RC)" test "$WAIT_RC" -eq 0
check "the bad-signature alert is stored with the session" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM alerts WHERE session_id = $SID AND rule = 'webhook.douyin-shop.signature' AND level = 'red'")" = 1
leaks=$(cat "$T/show.log" "$T/show.out" "$T/show.err" | grep -c -F -e "$DS" -e "$TS" -e "$SS")
check "no app secret in hawker's log ($leaks lines)" test "$leaks" = 0
check "no app secret in the database" \
    test "$(sqlite3 "$DB" .dump | grep -c -F -e "$DS" -e "$TS" -e "$SS")" = 0
finish
