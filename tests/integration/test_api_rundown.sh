#!/usr/bin/env bash
# The HTTP control API drives a whole show in offline mode: auth (401/403),
# validation (400/404/409/413), every command route, a rundown with approved
# cards and a flash sale whose stock drains, then show.stop. The on-air
# timeline and audit log in SQLite must match what the script commanded.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools sqlite3 curl

PORT=$(pick_port)
export HAWKER_TEST_OPERATOR_TOKEN="$(random_token op)"
export HAWKER_TEST_MERCH_TOKEN="$(random_token me)"
export HAWKER_TEST_HOST_TOKEN="$(random_token ho)"
export HAWKER_TEST_INGEST_TOKEN="$(random_token in)"

camera_show "api rundown" 360 640 30 800 2 "program.mkv" > "$T/show.toml"
cat >> "$T/show.toml" <<EOF

[[scenes]]
id = "closeup"
layers = [ { kind = "color", color = "#204060", rect = [0, 0, 360, 640] } ]
slots = [ { name = "card", rect = [10, 420, 340, 120] }, { name = "countdown", rect = [10, 80, 210, 100] },
          { name = "banner", rect = [10, 200, 340, 40] } ]

[[products]]
sku = "S1"
name = "精华液"
price_cents = 29900
stock = 500

[[products]]
sku = "C2"
name = "面霜"
price_cents = 15900

[[offers]]
id = "flash"
sku = "S1"
price_cents = 9900
quantity = 5
per_buyer_limit = 2
prelaunch_s = 10
duration_s = 600

[[coupons]]
id = "NEW20"
title = "新人券"
discount_cents = 2000
total = 100

[[promotions]]
id = "M299"
title = "满299减50"
threshold_cents = 29900
discount_cents = 5000

[[rundown]]
kind = "opening"
title = "开场"
planned_s = 60
scene = "main"

[[rundown]]
kind = "product"
title = "精华液讲解"
planned_s = 120
sku = "S1"
scene = "closeup"

[[rundown]]
kind = "offer"
title = "精华液秒杀"
planned_s = 300
offer = "flash"

[[rundown]]
kind = "closing"
title = "下播"
planned_s = 30
scene = "main"

[api]
bind = "127.0.0.1"
port = $PORT
max_body_bytes = 65536
tokens = [
  { name = "deck", role = "operator", token_env = "HAWKER_TEST_OPERATOR_TOKEN" },
  { name = "lin", role = "merchandiser", token_env = "HAWKER_TEST_MERCH_TOKEN" },
  { name = "xiaoya", role = "host", token_env = "HAWKER_TEST_HOST_TOKEN" },
  { name = "shop", role = "ingest", token_env = "HAWKER_TEST_INGEST_TOKEN" },
]
EOF

BASE="http://127.0.0.1:$PORT/api/v1"
# api TOKEN METHOD PATH [BODY]: sets CODE and BODY (the response).
api() {
    local token="$1" method="$2" path="$3" data="${4:-}" auth=()
    [[ -n "$token" ]] && auth=(-H "Authorization: Bearer $token")
    if [[ "$method" == GET ]]; then
        BODY=$(curl -s -m 10 -o - -w '\n%{http_code}' "${auth[@]}" "$BASE$path")
    else
        BODY=$(curl -s -m 10 -o - -w '\n%{http_code}' "${auth[@]}" -X POST -H 'Content-Type: application/json' \
            --data-binary "$data" "$BASE$path")
    fi
    CODE=${BODY##*$'\n'}
    BODY=${BODY%$'\n'*}
}
OP=$HAWKER_TEST_OPERATOR_TOKEN; ME=$HAWKER_TEST_MERCH_TOKEN; HO=$HAWKER_TEST_HOST_TOKEN; IN=$HAWKER_TEST_INGEST_TOKEN
expect() { # expect CODE DESCRIPTION
    check "$2 -> $1 (got $CODE: ${BODY:0:160})" test "$CODE" = "$1"
}

hawker_bg show run "$T/show.toml" --offline --duration 3600 --db "$T/hawker.db"
for i in $(seq 1 100); do
    curl -s -m 2 -o /dev/null -H "Authorization: Bearer $OP" "$BASE/state" && break
    sleep 0.1
done
api "$OP" GET /state
expect 200 "the API answers the operator"
check "the API binds 127.0.0.1 only" test -n "$(ss -Hltn "( sport = :$PORT )" | grep '127.0.0.1:')"

# --- auth and validation --------------------------------------------------------
api "" GET /state;                     expect 401 "no token"
api "not-a-token-at-all-123" POST /take; expect 401 "a wrong token"
api "$ME" POST /take;                  expect 403 "a merchandiser cannot change the program"
api "$HO" POST /cut '{"scene":"closeup"}'; expect 403 "a host cannot cut"
api "$IN" GET /state;                  expect 403 "the ingest role cannot read show state"
api "$OP" POST /cut '{"scene":';       expect 400 "malformed JSON"
check "the error is JSON with a reason" grep -q '"error":"the body is not valid JSON"' <<< "$BODY"
api "$OP" POST /cut '["closeup"]';     expect 400 "a JSON array instead of an object"
api "$OP" POST /cut '{"scene":"nowhere"}'; expect 400 "an unknown scene"
api "$OP" POST /cards/show '{"sku":"S1","slot":{"x":1}}'; expect 400 "a nested argument"
api "$OP" POST /offers/stop '{}';      expect 409 "stopping a sale that does not exist"
api "$OP" POST /launch/rockets '{}';   expect 404 "an unknown endpoint"
head -c 200000 /dev/zero | tr '\0' 'a' > "$T/big.json"
BODY=$(curl -s -m 10 -w '\n%{http_code}' -H "Authorization: Bearer $OP" -X POST --data-binary "@$T/big.json" "$BASE/take")
CODE=${BODY##*$'\n'}; expect 413 "a body over max_body_bytes"
api "$OP" POST /cards/show '{"sku":"S1"}'; expect 403 "an unapproved card is refused"
check "the refusal says who must approve" grep -q 'merchandiser or host must approve' <<< "$BODY"

# --- the show -------------------------------------------------------------------
api "$ME" POST /approvals '{"card":"S1"}';    expect 200 "the merchandiser approves card S1"
api "$ME" POST /approvals '{"offer":"flash"}'; expect 200 "the merchandiser approves the flash sale"
api "$ME" POST /approvals '{"card":"C2"}';    expect 200 "the merchandiser approves card C2"
api "$ME" POST /approvals/revoke '{"card":"C2"}'; expect 200 "and revokes it"
api "$OP" POST /rundown/next;                 expect 200 "rundown: opening"
api "$HO" POST /rundown/next;                 expect 200 "the host advances to the product segment"
api "$OP" GET /state
check "program is the segment's scene" grep -q '"program":"closeup"' <<< "$BODY"
check "the card is on air" grep -q '"card":{"fields":{},"hidden_at_ms":null,"kind":"card"' <<< "$BODY"
api "$OP" POST /cards/update '{"sku":"S1","sold":12}'; expect 200 "card update"
api "$OP" POST /rundown/next;                 expect 200 "rundown: the flash sale segment starts the offer"
for i in $(seq 1 150); do   # pre-launch is 10 s of program time
    api "$OP" GET /offers
    grep -q '"phase":"on_sale"' <<< "$BODY" && break
    sleep 0.1
done
check "the sale went on sale" grep -q '"phase":"on_sale"' <<< "$BODY"
api "$IN" POST /offers/sell '{"quantity":2,"buyer":"viewer-1"}'; expect 200 "ingest: an order"
api "$IN" POST /offers/sell '{"quantity":1,"buyer":"viewer-1"}'; expect 409 "over the per-buyer limit"
api "$IN" POST /offers/sell '{"quantity":2,"buyer":"viewer-2"}'; expect 200 "ingest: a second buyer"
api "$IN" POST /offers/sell '{"quantity":2,"buyer":"viewer-3"}'; expect 409 "more than is left"
api "$IN" POST /offers/sell '{"quantity":1,"buyer":"viewer-3"}'; expect 200 "the last unit"
api "$OP" GET /offers
check "the sale is sold out with 0 left" grep -q '"phase":"sold_out".*"remaining":0' <<< "$BODY"
api "$IN" POST /coupons/issue '{"coupon":"NEW20","count":3}'; expect 200 "coupons issued"
api "$IN" POST /coupons/redeem '{"coupon":"NEW20"}';         expect 200 "a coupon redeemed"
api "$OP" POST /offers/hide;                  expect 200 "the sold-out countdown is taken down"
api "$OP" POST /graphics/show '{"slot":"banner","kind":"banner","text":"满299减50"}'; expect 200 "a banner"
api "$OP" POST /graphics/hide '{"slot":"banner"}'; expect 200 "banner down"
api "$OP" POST /cards/show '{"sku":"S1"}';    expect 200 "card S1 (already on air for the offer segment)"
api "$OP" POST /cards/hide;                   expect 200 "card down"
api "$OP" POST /cards/hide;                   expect 409 "card down twice"
api "$OP" POST /audio/gain '{"input":"tone","db":-6}'; expect 200 "audio gain"
api "$OP" POST /audio/mute '{"input":"tone","muted":true}'; expect 200 "audio mute"
api "$OP" POST /transition '{"transition":"cut"}'; expect 200 "transition set to cut"
api "$OP" POST /preview '{"scene":"main"}';   expect 200 "preview main"
api "$OP" POST /take;                         expect 200 "take"
api "$OP" POST /cut '{"scene":"closeup"}';    expect 200 "cut"
api "$OP" POST /outputs/record/stop;          expect 200 "the recording stops"
api "$OP" POST /outputs/record/stop;          expect 409 "stopping it twice"
api "$OP" POST /outputs/nope/stop;            expect 400 "an unknown output"
sleep 1
api "$OP" POST /outputs/record/start;         expect 200 "the recording starts again"
api "$OP" POST /commands/offer.start '{"sku":"C2","price_cents":9900,"quantity":10}'; expect 403 "an ad-hoc sale needs its own approval"
api "$OP" POST /rundown/goto '{"index":4}';   expect 200 "rundown: closing"
api "$OP" POST /rundown/next;                 expect 409 "past the last segment"
api "$OP" GET /commands
check "the command listing names every command with its roles" grep -q '"command":"show.stop","roles":\["operator"\]' <<< "$BODY"
sleep 1.5
api "$OP" POST /show/stop;                    expect 200 "show.stop"
wait_pid "$HAWKER_PID" 60
check "hawker exits 0 after show.stop (got $WAIT_RC)" test "$WAIT_RC" -eq 0
# The recording started again waits for a keyframe: the pictures before it were never part of the new
# file, and its priming sound precedes its first picture. Neither is a dropped packet.
rec_dropped=$(item_value "$T/show.out" output record dropped)
check "the recording started again dropped nothing (dropped=${rec_dropped:-none})" test "${rec_dropped:-x}" = 0

# --- what SQLite holds ------------------------------------------------------------
q() { sqlite3 "$T/hawker.db" "$1"; }
check "the session ended" test "$(q "SELECT state FROM sessions")" = "ended"
segments=$(q "SELECT group_concat(detail, '|') FROM (SELECT detail FROM timeline WHERE event = 'segment' ORDER BY id)")
check "segments on the timeline in commanded order: $segments" test "$segments" = \
    "#1 opening 开场|#2 product 精华液讲解|#3 offer 精华液秒杀|#4 closing 下播"
offers=$(q "SELECT group_concat(substr(detail, 1, instr(detail || ':', ':') - 1), '|') FROM (SELECT detail FROM timeline WHERE event = 'offer' ORDER BY id)")
check "offer states on the timeline: $offers" grep -q '^flash pre_launch|flash on_sale (slot countdown)|flash sold_out after [0-9]* ms, 5 sold$' <<< "$offers"
check "the card was shown for the product segment" test "$(q "SELECT count(*) FROM timeline WHERE event = 'card_shown' AND detail LIKE 'S1%'")" -ge 1
check "the record output stopped and started again" test "$(q "SELECT count(*) FROM timeline WHERE event = 'output' AND detail LIKE 'record live%'")" -ge 2
check "the second recording part exists" test -s "$T/program-part2.mkv"
# Output and recording rows are stamped by the output's own frames (a recording part's row carries the
# program time of its first frame, written once the file is open), so they may land after a later command's.
check "timeline program times never go back" test "$(q "SELECT count(*) FROM timeline a JOIN timeline b ON b.id = a.id + 1 WHERE b.program_ms < a.program_ms AND a.event NOT IN ('output', 'recording') AND b.event NOT IN ('output', 'recording')")" = 0
check "audit: the approvals are by lin (merchandiser)" test "$(q "SELECT count(*) FROM audit WHERE who = 'lin' AND role = 'merchandiser' AND ok = 1")" = 4
check "audit: the refused take by the merchandiser is recorded" test "$(q "SELECT count(*) FROM audit WHERE who = 'lin' AND command = 'take' AND ok = 0")" = 1
check "audit: the host's rundown step" test "$(q "SELECT count(*) FROM audit WHERE who = 'xiaoya' AND command = 'rundown.next' AND ok = 1")" = 1
check "audit: 3 accepted sales by the ingest feed" test "$(q "SELECT count(*) FROM audit WHERE who = 'shop' AND command = 'offer.sell' AND ok = 1")" = 3
check "coupon counts stored" test "$(q "SELECT issued || '/' || redeemed FROM coupons WHERE coupon_id = 'NEW20'")" = "3/1"
check "promotion stored" test "$(q "SELECT threshold_cents || '-' || discount_cents FROM promotions")" = "29900-5000"
check "no viewer id is stored in clear" test "$(q "SELECT count(*) FROM show_state WHERE state_json LIKE '%viewer-%'") $(q "SELECT count(*) FROM audit WHERE message LIKE '%viewer-%'")" = "0 0"
check "no token is in the log" test "$(grep -c -e "$OP" -e "$ME" -e "$IN" "$T/show.log")" = 0
finish
