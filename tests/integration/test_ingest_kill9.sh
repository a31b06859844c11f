#!/usr/bin/env bash
# Durability of acknowledged events (docs/DESIGN.md, "killed with SIGKILL"): a
# sender POSTs batches of 200 events with unique ids to a live show, and the
# show is killed with SIGKILL while the sender is still sending. Every batch
# acknowledged with HTTP 200 must be in SQLite, each event exactly once; no
# event id is stored twice; the recording so far still probes; and a restart
# with --resume last goes on with the session without losing or adding events.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools sqlite3 curl ffprobe

export HAWKER_HOME="$T/home"
export HAWKER_TEST_OPERATOR_TOKEN="op-$(random_hex)"
export HAWKER_TEST_INGEST_TOKEN="in-$(random_hex)"
IN=$HAWKER_TEST_INGEST_TOKEN
DB="$T/hawker.db"
KILL_AFTER_S=5      # kill -9 this long after the sender started
SEND_MAX_S=15       # the sender gives up after this long ...
MAX_BATCHES=2000    # ... or this many batches, or 5 failures in a row
BATCH=200

camera_show "ingest kill -9" 360 640 30 800 1 "program.mkv" > "$T/show.toml"
cat >> "$T/show.toml" <<EOF

[api]
bind = "127.0.0.1"
port = 0
tokens = [
  { name = "deck", role = "operator", token_env = "HAWKER_TEST_OPERATOR_TOKEN" },
  { name = "shop", role = "ingest", token_env = "HAWKER_TEST_INGEST_TOKEN" },
]
EOF

# start_show NAME ARGS...: hawker in the background; sets BASE and SID from its stdout.
start_show() {
    local name="$1"; shift
    hawker_bg "$name" run "$T/show.toml" --db "$DB" "$@"
    wait_until 20 grep -qs '^api http://127.0.0.1:[0-9]*/api/v1/' "$T/$name.out" \
        || die "$name: no api line within 20 s ($(head -c 300 "$T/$name.err"))"
    wait_until 10 grep -qs '^session [0-9]*$' "$T/$name.out" || die "$name: no session line within 10 s"
    BASE=$(sed -n 's|^api \(http://127.0.0.1:[0-9]*/api/v1\)/$|\1|p' "$T/$name.out" | head -n1)
    SID=$(sed -n 's/^session \([0-9]*\)$/\1/p' "$T/$name.out" | head -n1)
}

start_show show1 --duration 120
ok "hawker live: $BASE, session $SID"
START=$(sqlite3 "$DB" "SELECT start_utc_ms FROM sessions WHERE id = $SID")

# The sender: batch b holds ids k-b-0 .. k-b-199. A batch whose POST got HTTP
# 200 and an accepted count of 200 is appended to acked.txt, id by id.
: > "$T/acked.txt"; : > "$T/sent.txt"; : > "$T/sender.log"
sender() {
    local b code failures=0 t0=$EPOCHREALTIME body accepted
    for ((b = 1; b <= MAX_BATCHES; b++)); do
        fcmp "$EPOCHREALTIME - $t0 < $SEND_MAX_S" || break
        awk -v b="$b" -v n=$BATCH -v ts="$((START + 1))" 'BEGIN {
            printf "{\"events\":["
            for (i = 0; i < n; i++)
                printf "%s{\"id\":\"k-%d-%d\",\"type\":\"like\",\"ts\":%.0f,\"viewer\":\"v%d\",\"count\":1}", (i ? "," : ""), b, i, ts + i, i
            printf "]}"
        }' > "$T/batch.json"
        echo "$b" >> "$T/sent.txt"
        body=$(curl -s -m 5 -o - -w '\n%{http_code}' -H "Authorization: Bearer $IN" -X POST \
            -H 'Content-Type: application/json' --data-binary "@$T/batch.json" "$BASE/sessions/$SID/events" 2>/dev/null)
        code=${body##*$'\n'}
        body=${body%$'\n'*}
        accepted=$(sed -n 's/^{"accepted":\([0-9]*\),.*/\1/p' <<< "$body")
        echo "batch $b http=$code accepted=${accepted:-?}" >> "$T/sender.log"
        if [[ "$code" == 200 && "$accepted" == "$BATCH" ]]; then
            failures=0
            awk -v b="$b" -v n=$BATCH 'BEGIN { for (i = 0; i < n; i++) printf "k-%d-%d\n", b, i }' >> "$T/acked.txt"
        else
            failures=$((failures + 1))
            ((failures >= 5)) && break
            sleep 0.1
        fi
    done
}
sender &
SENDER=$!
track_pid "$SENDER"
SEND_START=$EPOCHREALTIME
sleep_until "$SEND_START" $KILL_AFTER_S
acked_before_kill=$(($(wc -l < "$T/acked.txt") / BATCH))
kill -0 "$SENDER" 2>/dev/null && sender_running=1 || sender_running=0
kill -KILL "$HAWKER_PID"
wait_pid "$HAWKER_PID" 10
check "hawker died of SIGKILL (exit $WAIT_RC = 137)" test "$WAIT_RC" -eq 137
check "the sender was still sending at the kill ($acked_before_kill batches acknowledged so far)" test "$sender_running" = 1
wait_pid "$SENDER" $((SEND_MAX_S + 10))
check "the sender stopped by itself (exit $WAIT_RC)" test "$WAIT_RC" -ne 124
sent=$(wc -l < "$T/sent.txt")
acked=$(($(wc -l < "$T/acked.txt") / BATCH))
info "sender: $sent batches sent, $acked acknowledged with 200; last: $(tail -n2 "$T/sender.log" | tr '\n' ' ')"
check "batches were acknowledged before the kill ($acked, >= 3)" test "$acked" -ge 3
check "batches sent after the kill were not acknowledged ($sent sent > $acked acknowledged)" test "$sent" -gt "$acked"

# --- what SQLite holds ----------------------------------------------------------------------
sqlite3 "$DB" "SELECT event_id FROM events WHERE session_id = $SID" | sort > "$T/stored.txt"
sort "$T/acked.txt" > "$T/acked.sorted"
missing=$(comm -23 "$T/acked.sorted" "$T/stored.txt" | wc -l)
check "every acknowledged event is stored ($(wc -l < "$T/acked.sorted") acknowledged, $missing missing, e.g. '$(comm -23 "$T/acked.sorted" "$T/stored.txt" | head -n1)')" \
    test "$missing" = 0
dups=$(sqlite3 "$DB" "SELECT event_id || ' x' || count(*) FROM events GROUP BY session_id, event_id HAVING count(*) > 1" | wc -l)
check "no event id is stored twice ($dups duplicated ids)" test "$dups" = 0
stored=$(wc -l < "$T/stored.txt")
check "stored events are whole batches that were sent ($stored stored = $(( stored / BATCH )) x $BATCH; acknowledged $((acked * BATCH)))" \
    bash -c "(( $stored % $BATCH == 0 && $stored >= $acked * $BATCH && $stored <= $sent * $BATCH ))"
strays=$(grep -v -c '^k-[0-9]*-[0-9]*$' "$T/stored.txt")
check "nothing but the sender's ids is stored ($strays others)" test "$strays" = 0
check "the session is still live after the kill, offered for resume ($(sqlite3 "$DB" "SELECT state FROM sessions WHERE id = $SID"))" \
    test "$(sqlite3 "$DB" "SELECT state FROM sessions WHERE id = $SID")" = live
codec=$(probe_stream "$T/program.mkv" v:0 codec_name)
frames=$(count_frames "$T/program.mkv")
check "the recording so far probes (video=$codec)" test "$codec" = h264
check "and decodes ${frames:-0} frames (>= $((30 * (KILL_AFTER_S - 3))): most of the ${KILL_AFTER_S}+ s it ran)" \
    test "${frames:-0}" -ge $((30 * (KILL_AFTER_S - 3)))

# --- resume --------------------------------------------------------------------------------
before=$(sqlite3 "$DB" "SELECT count(*) FROM events")
first_sid=$SID
start_show show2 --resume last --duration 5
check "the restart resumes session $first_sid (session line: $SID)" test "$SID" = "$first_sid"
wait_pid "$HAWKER_PID" 40
check "the resumed run exits 0 (got $WAIT_RC)" test "$WAIT_RC" -eq 0
check "the timeline shows the resume ($(sqlite3 "$DB" "SELECT detail FROM timeline WHERE event = 'session_resumed' LIMIT 1"))" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM timeline WHERE session_id = $SID AND event = 'session_resumed'")" = 1
after=$(sqlite3 "$DB" "SELECT count(*) FROM events")
check "the event count is unchanged by the resume ($before -> $after)" test "$before" = "$after"
check "still one session, now ended ($(sqlite3 "$DB" "SELECT count(*) || ' ' || group_concat(state) FROM sessions"))" \
    test "$(sqlite3 "$DB" "SELECT count(*) || ' ' || group_concat(state) FROM sessions")" = "1 ended"
"$HAWKER" report --db "$DB" --session "$SID" --json > "$T/report.json" 2> "$T/report.err"
likes=$(sqlite3 :memory: "SELECT json_extract(readfile('$T/report.json'), '\$.summary.likes')")
check "the report counts every stored like once (likes=$likes, stored $after)" test "$likes" = "$after"
check "the first recording still probes after the resume, the second part too ($(probe_stream "$T/program-part2.mkv" v:0 codec_name))" \
    test "$(probe_stream "$T/program.mkv" v:0 codec_name)/$(probe_stream "$T/program-part2.mkv" v:0 codec_name)" = h264/h264
finish
