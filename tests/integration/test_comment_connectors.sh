#!/usr/bin/env bash
# Live comments from the platforms. A show with two [[connectors]]: one polls a
# local fake of YouTube's Live Chat API (pages with nextPageToken and
# pollingIntervalMillis, a Super Chat, a deleted message, two quota errors,
# a re-poll, then offlineAt), the other receives Douyin's 直播小玩法 push
# (signed per the documented scheme; a bad signature, a repeated msg_id, a
# like, a gift and an older message after a newer one). The test checks the
# stored comments and their origin, that names are masked and viewer ids
# hashed, that the deleted message is gone from the store and the live feed,
# that the poller waited at least pollingIntervalMillis plus its back-off
# (from Hawker's own receive times), the connectors' health in the API, the
# alert raised by the quota error, and that no key or secret reached the log.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools sqlite3 curl openssl python3

export HAWKER_HOME="$T/home"
PORT=$(pick_port)
YT_PORT=$(pick_port)
[[ "$YT_PORT" != "$PORT" ]] || YT_PORT=$(pick_port)
export HAWKER_TEST_OPERATOR_TOKEN="op-$(random_hex)"
export HAWKER_TEST_MERCH_TOKEN="me-$(random_hex)"
OP=$HAWKER_TEST_OPERATOR_TOKEN
export HAWKER_TEST_YT_KEY="AIza$(random_hex)"
export HAWKER_TEST_DY_PUSH_SECRET="dyp-$(random_hex)"
YK=$HAWKER_TEST_YT_KEY PS=$HAWKER_TEST_DY_PUSH_SECRET
CHAT="Cg0KC$(random_hex | head -c 12)"
DB="$T/hawker.db"

BASE_S=$(( $(date +%s) + 3 ))   # the messages' publishedAt: after the show's session starts
python3 "$IT_DIR/tools/fake_youtube_chat.py" "$YT_PORT" "$YK" "$CHAT" "$T/yt.log" "$BASE_S" > "$T/yt.out" 2>&1 &
track_pid $!
wait_until 10 tcp_listening "$YT_PORT" || die "the fake YouTube API does not listen"

camera_show "comment-connectors" 320 568 15 400 2 "program.mkv" > "$T/show.toml"
cat >> "$T/show.toml" <<EOF

$(api_block "$PORT")

[[connectors]]
name = "yt-main"
platform = "youtube"
live_chat_id = "$CHAT"
api_url = "http://127.0.0.1:$YT_PORT"
key_env = "HAWKER_TEST_YT_KEY"

[[connectors]]
name = "dy-room"
platform = "douyin-live"
secret_env = "HAWKER_TEST_DY_PUSH_SECRET"
EOF

BASE="http://127.0.0.1:$PORT/api/v1"
start_live_show "$T/show.toml" "$DB" 60
ok "hawker is live, session $SID"

# --- YouTube: the poller works through the pages on its own --------------------------------------
state_of() {   # state_of NAME: the connector's state in GET /connectors
    api "$OP" /connectors
    echo "$BODY" > "$T/connectors.json"
    sqlite3 :memory: "SELECT json_extract(value, '\$.state') FROM json_each(json_extract(readfile('$T/connectors.json'), '\$.connectors')) WHERE json_extract(value, '\$.name') = '$1'"
}
seen_failing=no
for i in $(seq 1 200); do   # 20 s at most
    s=$(state_of yt-main)
    [[ "$s" == failing ]] && seen_failing=yes
    [[ "$s" == ended ]] && break
    sleep 0.1
done
check "the quota error showed: the YouTube connector was failing at one point ($seen_failing)" test "$seen_failing" = yes
check "then it read on to the chat's end: state '$s'" test "$s" = ended
check "the fake saw: first page, two quota errors, page 2, page 3 ($(tr '\n' ' ' < "$T/yt.log"))" \
    test "$(tr '\n' ' ' < "$T/yt.log")" = "- 200 p2 403 p2 403 p2 200 p3 200 "

yt() { sqlite3 "$DB" "SELECT $1 FROM events WHERE session_id = $SID AND event_id LIKE 'youtube:%' $2"; }
check "stored YouTube comments: m2, m3 (the Super Chat's words), m5; m1 was deleted ($(yt "group_concat(event_id, ',')" "ORDER BY event_id"))" \
    test "$(yt "group_concat(event_id, ',')" "ORDER BY event_id")" = "youtube:m2,youtube:m3,youtube:m5"
check "their texts as written ($(yt "group_concat(text, '|')" "ORDER BY event_id"))" \
    test "$(yt "group_concat(text, '|')" "ORDER BY event_id")" = "已下单，期待|主播好看！|面霜什么时候上"
check "their names masked ($(yt "group_concat(masked_name, '|')" "ORDER BY event_id"))" \
    test "$(yt "count(*)" "AND (masked_name LIKE '%Lucy Chen%' OR masked_name LIKE '%王小明%' OR masked_name = '阿杰')")" = 0
check "viewer ids hashed: no channel id in the database" \
    test "$(sqlite3 "$DB" .dump | grep -c -e UCviewer)" = 0
check "their origin is 'live connector'" \
    test "$(sqlite3 "$DB" "SELECT group_concat(DISTINCT origin) FROM v_events WHERE session_id = $SID AND event_id LIKE 'youtube:%'")" = "live connector"
check "the time is the message's publishedAt (m2: base + 2 s, $(yt ts "AND event_id = 'youtube:m2'"))" \
    test "$(yt ts "AND event_id = 'youtube:m2'")" = "$(( (BASE_S + 2) * 1000 ))"

# Hawker's own receive times: page 2 came at least pollingIntervalMillis (1500)
# plus the two back-offs (1 s, 2 s) after page 1.
R1=$(yt received_utc_ms "AND event_id = 'youtube:m2'")
R2=$(yt received_utc_ms "AND event_id = 'youtube:m5'")
check "page 2 was asked for no sooner than 1500 ms + the back-off after page 1 ($((R2 - R1)) ms >= 4500)" \
    test "$((R2 - R1))" -ge 4500

api "$OP" /connectors; echo "$BODY" > "$T/connectors.json"
c() { sqlite3 :memory: "SELECT json_extract(value, '\$.$2') FROM json_each(json_extract(readfile('$T/connectors.json'), '\$.connectors')) WHERE json_extract(value, '\$.name') = '$1'"; }
check "yt-main's counters: received 4 (m1 then deleted, m2, m3, m5), duplicates 1, deleted 1, ignored 1, errors 2 — got $(c yt-main received) $(c yt-main duplicates) $(c yt-main deleted) $(c yt-main ignored) $(c yt-main errors)" \
    test "$(c yt-main received) $(c yt-main duplicates) $(c yt-main deleted) $(c yt-main ignored) $(c yt-main errors)" = "4 1 1 1 2"
check "the Super Chat is counted with its amount: $(c yt-main super_chats) for $(c yt-main super_chat_micros.USD) micros USD" \
    test "$(c yt-main super_chats) $(c yt-main super_chat_micros.USD)" = "1 5000000"
check "the Super Chat is stored as paid engagement, USD 5000000 micros, no cents ($(yt "type || ' ' || currency || ' ' || amount_micros || ' ' || ifnull(amount_cents, '-')" "AND event_id = 'youtube:m3'"))" \
    test "$(yt "type || ' ' || currency || ' ' || amount_micros || ' ' || ifnull(amount_cents, '-')" "AND event_id = 'youtube:m3'")" = "13 USD 5000000 -"
api "$OP" /alerts
check "the quota error raised an alert (connector.yt-main)" grep -q '"connector.yt-main"' <<< "$BODY"

# --- Douyin: the platform pushes, Hawker checks the signature first ---------------------------
push() {   # push TYPE FILE [SIGNATURE]: prints the HTTP status
    local ts nonce sig
    ts=$(date +%s%3N) nonce=$(random_hex | head -c 16)
    sig=${3:-$({ printf 'x-msg-type=%s&x-nonce-str=%s&x-roomid=7301&x-timestamp=%s' "$1" "$nonce" "$ts"
                cat "$2"; printf '%s' "$PS"; } | openssl dgst -md5 -binary | base64)}
    curl -s -m 5 -o "$T/push.out" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        -H "x-msg-type: $1" -H "x-nonce-str: $nonce" -H "x-roomid: 7301" -H "x-timestamp: $ts" \
        -H "x-signature: $sig" --data-binary "@$2" "$BASE/webhooks/douyin-live/dy-room"
}
NOW_S=$(date +%s)
cat > "$T/c1.json" <<EOF
[{"msg_id":"7390001","sec_openid":"sec-open-aaa","nickname":"抖音用户小美","avatar_url":"https://p3.example/a.png","timestamp":$((NOW_S + 2)),"content":"求链接"},
 {"msg_id":"7390002","sec_openid":"sec-open-bbb","nickname":"老张","avatar_url":"https://p3.example/b.png","timestamp":$NOW_S,"content":"太贵了，不值"}]
EOF
check "a signed comment push is answered 200" test "$(push live_comment "$T/c1.json")" = 200
check "a push with a bad signature gets 401" test "$(push live_comment "$T/c1.json" 'AAAAAAAAAAAAAAAAAAAAAA==')" = 401
check "the same push again (Douyin repeats) is answered 200" test "$(push live_comment "$T/c1.json")" = 200
check "and counted as 2 duplicates ($(cat "$T/push.out"))" grep -q '"duplicates":2' "$T/push.out"
printf '[{"msg_id":"7390010","sec_openid":"sec-open-aaa","like_num":25,"nickname":"抖音用户小美","timestamp":%s}]' "$NOW_S" > "$T/l1.json"
check "a like push is answered 200" test "$(push live_like "$T/l1.json")" = 200
printf '[{"msg_id":"7390020","sec_openid":"sec-open-bbb","sec_gift_id":"g1","gift_num":1,"gift_value":100,"timestamp":%s}]' "$NOW_S" > "$T/g1.json"
check "a gift push is answered 200 and ignored ($(push live_gift "$T/g1.json"); $(cat "$T/push.out"))" grep -q '"ignored":1' "$T/push.out"

dy() { sqlite3 "$DB" "SELECT $1 FROM events WHERE session_id = $SID AND event_id LIKE 'douyin-live:%' $2"; }
check "stored: two comments and one like, once each ($(dy "group_concat(event_id, ',')" "ORDER BY event_id"))" \
    test "$(dy "group_concat(event_id, ',')" "ORDER BY event_id")" = "douyin-live:7390001,douyin-live:7390002,douyin-live:7390010"
check "the like counts its 25 likes" test "$(dy qty "AND event_id = 'douyin-live:7390010'")" = 25
check "the older comment keeps its own time, before the newer one" \
    test "$(dy ts "AND event_id = 'douyin-live:7390002'")" -lt "$(dy ts "AND event_id = 'douyin-live:7390001'")"
check "no nickname or open id in the database" \
    test "$(sqlite3 "$DB" .dump | grep -c -e '抖音用户小美' -e '老张' -e 'sec-open-')" = 0
api "$OP" /connectors; echo "$BODY" > "$T/connectors.json"
check "dy-room: connected, received 3, duplicates 2, ignored 1, bad signatures 1 — got $(c dy-room state) $(c dy-room received) $(c dy-room duplicates) $(c dy-room ignored) $(c dy-room bad_signatures)" \
    test "$(c dy-room state) $(c dy-room received) $(c dy-room duplicates) $(c dy-room ignored) $(c dy-room bad_signatures)" = "connected 3 2 1 1"

# --- the live feed: the Comments panel's source ------------------------------------------------
api "$OP" /metrics; echo "$BODY" > "$T/metrics.json"
feed=$(sqlite3 :memory: "SELECT group_concat(json_extract(value, '\$.text'), '|') FROM json_each(json_extract(readfile('$T/metrics.json'), '\$.comments'))")
check "the live feed has the comments but not the deleted one: '$feed'" \
    bash -c '[[ "$1" == *已下单* && "$1" == *求链接* && "$1" == *主播好看* && "$1" != *敏感肌能用吗* ]]' _ "$feed"
m() { sqlite3 :memory: "SELECT $1 FROM json_each(json_extract(readfile('$T/metrics.json'), '\$.$2'))"; }
check "the Super Chat is in the live feed with its amount" \
    test "$(sqlite3 :memory: "SELECT json_extract(value, '\$.paid.currency') || ' ' || json_extract(value, '\$.paid.amount_micros') FROM json_each(json_extract(readfile('$T/metrics.json'), '\$.comments')) WHERE json_extract(value, '\$.text') = '主播好看！'")" = "USD 5000000"
check "the live metrics count 1 paid engagement, USD 5000000 micros, and no GMV from it" \
    test "$(m "json_extract(value, '\$.currency') || ' ' || json_extract(value, '\$.count') || ' ' || json_extract(value, '\$.amount_micros')" paid_engagement) $(sqlite3 :memory: "SELECT json_extract(readfile('$T/metrics.json'), '\$.summary.gmv_cents')")" = "USD 1 5000000 0"

# The report counts what happened inside the session: run until the script's last message (BASE_S + 8) is
# in the past, so the session's end is after every message.
for i in $(seq 1 120); do (( $(date +%s) > BASE_S + 8 )) && break; sleep 0.1; done
kill -TERM "$HAWKER_PID"
wait_pid "$HAWKER_PID" 30
check "hawker exits 0 after SIGTERM (got $WAIT_RC)" test "$WAIT_RC" -eq 0
"$HAWKER" report --db "$DB" --session "$SID" --json > "$T/report.json"
check "the report counts the Super Chat by currency: $(sqlite3 :memory: "SELECT json_extract(readfile('$T/report.json'), '\$.paid_engagement')")" \
    test "$(sqlite3 :memory: "SELECT json_extract(readfile('$T/report.json'), '\$.paid_engagement[0].currency') || ' ' || json_extract(readfile('$T/report.json'), '\$.paid_engagement[0].amount_micros') || ' ' || json_extract(readfile('$T/report.json'), '\$.paid_engagement[0].count')")" = "USD 5000000 1"
"$HAWKER" report --db "$DB" --session "$SID" --html "$T/report.html" > /dev/null
check "the HTML review shows it as USD 5.00 in its Paid engagement table" \
    grep -q 'data-currency="USD">USD 5.00<' "$T/report.html"
leaks=$(cat "$T/show.log" "$T/show.out" "$T/show.err" | grep -c -F -e "$YK" -e "$PS")
check "no API key or push secret in hawker's log ($leaks lines)" test "$leaks" = 0
check "nor in the database" test "$(sqlite3 "$DB" .dump | grep -c -F -e "$YK" -e "$PS")" = 0
finish
