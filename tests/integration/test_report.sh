#!/usr/bin/env bash
# The post-show review (复盘) of a simulated rehearsal of the demo show:
# - the live `analytics` line equals `report --json` for every summary key
#   (the metrics kept live equal what the report computes from SQLite);
# - the simulated audience is deterministic for a seed, and another seed differs;
# - `report --html` renders in headless Chromium with every section, the three
#   charts with the report's per-minute values, money as ¥x,xxx.xx; `--csv`
#   writes the tables; no raw viewer id reaches any of them;
# - notes added with `hawker notes add` show in the JSON and the review section;
# - A/B variants: a clear difference in conversion is significant, a small one is not.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools sqlite3 chromium

export HAWKER_HOME="$T/home"
SECS=60
jtype() { sqlite3 :memory: "SELECT coalesce(json_type(readfile('$1'), '$2'), 'missing')"; }
# money CENTS: ¥x,xxx.xx as the report writes it.
money() {
    awk -v c="$1" 'BEGIN {
        neg = c < 0; if (neg) c = -c
        s = sprintf("%.0f", int(c / 100)); f = c % 100; out = ""
        while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }
        printf "%s¥%s%s.%02d", (neg ? "-" : ""), s, out, f
    }'
}
# close_enough A B: |A - B| <= 1e-6 * max(1, |A|).
close_enough() {
    awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; m = a < 0 ? -a : a; if (m < 1) m = 1; exit !(d <= 1e-6 * m) }'
}
# chrome URL ARGS...: headless Chromium, its profile in $T.
chrome() {
    local url="$1"; shift
    timeout "$(time_limit 60)" chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --user-data-dir="$T/chrome" "$@" "$url"
}

# --- the show: the demo, copied with its pictures, tokens next to it -------------------------
cp -r "$HAWKER_SOURCE_DIR/assets" "$T/assets"
SHOWS="$T/assets/shows"
for role in operator host merchandiser ingest; do echo "$role = \"$(random_hex)\""; done > "$SHOWS/api-tokens.toml"
chmod 600 "$SHOWS/api-tokens.toml"
grep -q '^path = "program.mkv"' "$SHOWS/demo.toml" || die "demo.toml has no record path program.mkv to check"
# Lighter copies for the determinism runs: the same show, cues and audience at
# 10 fps with a cheaper encoder, each with its own recording. Offline the
# audience moves once a program second in lockstep with the program.
for name in b1 b2 c; do
    sed -e 's/^platform = "portrait-1080"$/platform = "portrait-1080"\npreset = "ultrafast"\nbitrate_kbps = 800/' \
        -e "s/^path = \"program.mkv\"$/path = \"program-$name.mkv\"/" -e "s/^fps = 30$/fps = 10/" -e "s/:rate=30\"$/:rate=10\"/" \
        "$SHOWS/demo.toml" > "$SHOWS/demo-$name.toml"
done

t0=$EPOCHREALTIME
# The rehearsal (the demo show itself) and the determinism runs, two at a time
# (offline runs are CPU-bound; the machine has 2 cores).
# offline_run NAME SHOW DB SEED: in the background; its pid in PIDS[NAME].
declare -A PIDS
offline_run() {
    hawker_bg "run_$1" run "$2" --db "$3" --offline --duration $SECS --simulate --seed "$4"
    PIDS[$1]=$HAWKER_PID
}
wait_runs() {
    local name
    for name in "$@"; do
        wait_pid "${PIDS[$name]}" 150
        check "run $name exits 0 (got $WAIT_RC)" test "$WAIT_RC" -eq 0
    done
}
offline_run a "$SHOWS/demo.toml" "$T/a.db" 3
offline_run b1 "$SHOWS/demo-b1.toml" "$T/b1.db" 3
wait_runs a b1
offline_run b2 "$SHOWS/demo-b2.toml" "$T/b2.db" 3
offline_run c "$SHOWS/demo-c.toml" "$T/c.db" 4
wait_runs b2 c
info "4 offline runs of ${SECS}s in $(elapsed_since "$t0") s"
check "the demo's recording went next to the show file ($SHOWS/program.mkv, $(stat -c %s "$SHOWS/program.mkv" 2>/dev/null) bytes)" \
    test -s "$SHOWS/program.mkv"

# --- the live analytics line = report --json, every key ------------------------------------------
SID=$(sed -n 's/^session \([0-9]*\)$/\1/p' "$T/run_a.out" | head -n1)
check "run a printed its session ($SID)" is_number "$SID"
"$HAWKER" report --db "$T/a.db" --session "$SID" --json > "$T/a.json" 2> "$T/a_report.err"
check "report --json exits 0 ($(head -c 100 "$T/a_report.err"))" test -s "$T/a.json"
line=$(grep '^analytics ' "$T/run_a.out" | tail -n1)
check "the run printed its analytics line (${line:0:80}...)" test -n "$line"
tr ' ' '\n' <<< "${line#analytics }" | grep '=' > "$T/a_line.txt"
sqlite3 :memory: "SELECT key || '=' || coalesce(json_quote(value), 'null') FROM json_each(readfile('$T/a.json'), '\$.summary')" \
    > "$T/a_summary.txt"
nkeys=$(wc -l < "$T/a_summary.txt")
mismatches=0
while IFS='=' read -r key want; do
    got=$(sed -n "s/^$key=//p" "$T/a_line.txt" | head -n1)
    if [[ -z "$got" ]]; then
        fail "analytics line has no $key (report: $want)"; mismatches=$((mismatches + 1)); continue
    fi
    if [[ "$want" == null || "$got" == null ]]; then
        [[ "$want" == "$got" ]] && ok "$key: live $got = report $want" \
            || { fail "$key: live $got != report $want"; mismatches=$((mismatches + 1)); }
        continue
    fi
    if close_enough "$got" "$want"; then
        ok "$key: live $got = report $want"
    else
        fail "$key: live $got != report $want"; mismatches=$((mismatches + 1))
    fi
done < "$T/a_summary.txt"
extra=$(cut -d= -f1 "$T/a_line.txt" | grep -v -x -e session -e alerts -e unacknowledged \
    | grep -v -x -F -f <(cut -d= -f1 "$T/a_summary.txt") | tr '\n' ' ')
check "all $nkeys summary keys compared, $mismatches differ; the line has no other metric (${extra:-none})" \
    test "$mismatches/${extra:-}" = "0/" -a "$nkeys" -ge 32
check "the simulated audience came (uv=$(jx "$T/a.json" '$.summary.uv'), paid_orders=$(jx "$T/a.json" '$.summary.paid_orders'))" \
    test "$(jx "$T/a.json" '$.summary.uv')" -gt 100 -a "$(jx "$T/a.json" '$.summary.paid_orders')" -gt 0

# --- determinism -------------------------------------------------------------------------------
for run in b1 b2 c; do
    s=$(sed -n 's/^session \([0-9]*\)$/\1/p' "$T/run_$run.out" | head -n1)
    "$HAWKER" report --db "$T/$run.db" --session "${s:-1}" --json > "$T/$run.json" 2> "$T/${run}_report.err"
done
part() { sqlite3 :memory: "SELECT json_extract(readfile('$1'), '\$.$2')"; }
check "same seed, two runs: identical summaries (b1 uv=$(jx "$T/b1.json" '$.summary.uv') gmv=$(jx "$T/b1.json" '$.summary.gmv_cents'), b2 uv=$(jx "$T/b2.json" '$.summary.uv') gmv=$(jx "$T/b2.json" '$.summary.gmv_cents'))" \
    test -n "$(part "$T/b1.json" summary)" -a "$(part "$T/b1.json" summary)" = "$(part "$T/b2.json" summary)"
check "same seed: identical per_minute and products too" \
    test "$(part "$T/b1.json" per_minute)|$(part "$T/b1.json" products)" = "$(part "$T/b2.json" per_minute)|$(part "$T/b2.json" products)"
check "another seed differs (seed 4: uv=$(jx "$T/c.json" '$.summary.uv') gmv=$(jx "$T/c.json" '$.summary.gmv_cents'))" \
    test -n "$(part "$T/c.json" summary)" -a "$(part "$T/c.json" summary)" != "$(part "$T/b1.json" summary)"
if [[ "$(part "$T/a.json" summary)" == "$(part "$T/b1.json" summary)" ]]; then
    info "the full-encoder run a has the same summary as b1 (same seed)"
else
    info "run a (full encoder) and b1 (ultrafast) differ: $(diff <(tr ',' '\n' <<< "$(part "$T/a.json" summary)") <(tr ',' '\n' <<< "$(part "$T/b1.json" summary)") | tr '\n' ' ')"
fi

# --- notes ---------------------------------------------------------------------------------------
DB="$T/a.db"
note() { "$HAWKER" notes add --db "$DB" --session "$SID" "$@" > "$T/note.out" 2> "$T/note.err"; }
note --kind goal --text "GMV 达到 ¥3,000 <目标>"
check "notes add goal exits 0, prints the note id ($(cat "$T/note.out"))" is_number "$(cat "$T/note.out")"
note --kind cause --text "秒杀开场太晚, viewers left early"
check "notes add cause (id $(cat "$T/note.out"))" is_number "$(cat "$T/note.out")"
note --kind action --text "下次提前 5 分钟开秒杀" --owner "小林"
check "notes add action with owner (id $(cat "$T/note.out"))" is_number "$(cat "$T/note.out")"
note --kind wish --text "a kind that does not exist"
rc=$?
check "a bad kind is refused (exit $rc, 1 or 2): $(cat "$T/note.err")" \
    test \( "$rc" -eq 1 -o "$rc" -eq 2 \) -a "$(wc -l < "$T/note.err")" = 1 -a "$(grep -c '^hawker: error:' "$T/note.err")" = 1
check "  the error names the kind ($(grep -o "'wish'" "$T/note.err"))" grep -q "wish" "$T/note.err"
check "  nothing stored for it ($(sqlite3 "$DB" "SELECT count(*) FROM notes") notes)" test "$(sqlite3 "$DB" "SELECT count(*) FROM notes")" = 3

# --- the report files ------------------------------------------------------------------------------
"$HAWKER" report --db "$DB" --session "$SID" --json > "$T/report.json" 2> "$T/report.err"
R="$T/report.json"
notes=$(sqlite3 :memory: "SELECT group_concat(json_extract(value, '\$.kind') || ':' || json_extract(value, '\$.owner'), ',') FROM json_each(readfile('$R'), '\$.notes')")
check "report JSON notes: $notes (goal:,cause:,action:小林)" test "$notes" = "goal:,cause:,action:小林"
check "  with their texts" test "$(jx "$R" '$.notes[2].text')" = "下次提前 5 分钟开秒杀"
"$HAWKER" report --db "$DB" --session "$SID" --html "$T/R.html" --csv "$T/csv" > "$T/html.out" 2> "$T/html.err"
rc=$?
check "report --html --csv exits 0 (got $rc)" test "$rc" -eq 0
check "R.html written ($(stat -c %s "$T/R.html" 2>/dev/null) bytes)" test -s "$T/R.html"
chrome "file://$T/R.html" --screenshot="$T/r.png" --window-size=1280,4000 > "$T/chrome_shot.txt" 2>&1
size=$(stat -c %s "$T/r.png" 2>/dev/null || echo 0)
check "the screenshot is a PNG ($(head -c 8 "$T/r.png" 2>/dev/null | od -An -tx1 | tr -d ' \n'))" \
    test "$(head -c 8 "$T/r.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a
check "the screenshot is not trivial ($size bytes > 50 KB)" test "$size" -gt 51200
chrome "file://$T/R.html" --dump-dom > "$T/dom.html" 2> "$T/chrome_dom.txt"
check "the rendered DOM was dumped ($(stat -c %s "$T/dom.html") bytes)" test -s "$T/dom.html"
found=$(grep -o '<section id="[a-z_]*"' "$T/dom.html" | sed 's/.*id="//; s/"$//' | tr '\n' ' ')
for section in summary funnel charts products segments offers review; do
    check "section #$section is in the rendered page (sections: $found)" grep -q "<section id=\"$section\"" "$T/dom.html"
done
charts=$(grep -o '<svg class="chart" data-series="[a-z_]*"' "$T/dom.html" | sed 's/.*data-series="//; s/"$//' | tr '\n' ' ')
check "3 svg charts: $charts" test "$(grep -c '<svg class="chart"' "$T/dom.html")" = 3
# chart_values DOM SERIES: the data-value of every point of that chart, in order.
chart_values() {
    awk -v s="data-series=\"$2\"" 'index($0, "<svg class=\"chart\"") && index($0, s) { f = 1 } f { print } f && /<\/svg>/ { exit }' "$1" \
        | grep -o 'data-value="[^"]*"' | sed 's/data-value="//; s/"$//' | tr '\n' ' '
}
per_minute() { sqlite3 :memory: "SELECT json_extract(value, '\$.$2') FROM json_each(readfile('$1'), '\$.per_minute')" | tr '\n' ' '; }
got=$(chart_values "$T/dom.html" viewers_end); want=$(per_minute "$R" viewers_end)
check "viewers chart data-values [${got}] = per_minute viewers_end [${want}]" test -n "$want" -a "$got" = "$want"
got=$(chart_values "$T/dom.html" gmv_cents); want=$(per_minute "$R" gmv_cents)
check "GMV chart data-values [${got}] = per_minute gmv_cents [${want}]" test -n "$want" -a "$got" = "$want"
gmv=$(jx "$R" '$.summary.gmv_cents')
cell=$(grep -o '<td class="num" data-key="gmv_cents">[^<]*' "$T/dom.html" | head -n1 | sed 's/.*>//')
check "the summary cell for gmv_cents shows '$cell' ($gmv cents = $(money "$gmv"))" test "$cell" = "$(money "$gmv")"
review=$(awk '/<section id="review"/ { f = 1 } f { print } f && /<\/section>/ { exit }' "$T/dom.html")
check "the review section shows the three notes and the owner" bash -c \
    'grep -qF "GMV 达到 ¥3,000 &lt;目标&gt;" <<< "$1" && grep -qF "秒杀开场太晚" <<< "$1" && grep -qF "下次提前 5 分钟开秒杀" <<< "$1" && grep -qF "小林" <<< "$1"' _ "$review"
for f in summary products per_minute segments offers timeline comments notes comparison; do
    check "csv/$f.csv written ($(wc -l < "$T/csv/$f.csv" 2>/dev/null) lines)" test -s "$T/csv/$f.csv"
done
check "products.csv has a row per product of the report ($(($(wc -l < "$T/csv/products.csv") - 1)) = $(sqlite3 :memory: "SELECT count(*) FROM json_each(readfile('$R'), '\$.products')"))" \
    test "$(($(wc -l < "$T/csv/products.csv") - 1))" = "$(sqlite3 :memory: "SELECT count(*) FROM json_each(readfile('$R'), '\$.products')")"
# The simulator names its viewers v000001, v000002, ... before they are hashed.
leaks=$(cat "$T"/csv/*.csv "$T/R.html" "$R" | grep -a -c 'v0[0-9][0-9][0-9][0-9][0-9]')
check "no raw viewer id (v0xxxxx) in the CSV files, the HTML or the JSON ($leaks lines)" test "$leaks" = 0
leaks=$(cat "$DB" "$DB-wal" 2>/dev/null | grep -a -c 'v0[0-9][0-9][0-9][0-9][0-9]')
check "nor in the SQLite file ($leaks lines)" test "$leaks" = 0

# The offer's sell-through: the flash sale sold what the audit log says it
# sold (each accepted offer.sell answers "sold N of SKU, M left"), whether it
# sold out, was stopped as the rundown moved on, or ran until the show ended.
sold_audit=$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE command = 'offer.sell' AND ok = 1")
sold=$(sqlite3 "$DB" "SELECT message FROM audit WHERE command = 'offer.sell' AND ok = 1" | awk '{ n += $2 } END { print n + 0 }')
qty=$(jx "$R" '$.offers[0].quantity')
check "offers[0] ($(jx "$R" '$.offers[0].id'), $(jx "$R" '$.offers[0].end_reason')): sold=$(jx "$R" '$.offers[0].sold') of $qty, sell_through=$(jx "$R" '$.offers[0].sell_through'); the audit log sold $sold in $sold_audit orders = $(calc "$sold / $qty")" \
    bash -c '[[ "$1" == "$2" ]] && awk -v a="$3" -v b="$4" "BEGIN { d = a - b; exit !(d < 1e-9 && d > -1e-9) }"' _ \
    "$(jx "$R" '$.offers[0].sold')" "$sold" "$(jx "$R" '$.offers[0].sell_through')" "$(calc "$sold / $qty")"

# --- A/B ----------------------------------------------------------------------------------------
AB="$T/ab.db"
# ab_session TITLE VARIANT START VIEWERS BUYERS: a session of VIEWERS viewers
# arriving over 5 minutes (a third leave again), BUYERS of them buying, ingested
# from JSON Lines; prints the session id. Variant A's host is 小美, B's 阿杰.
ab_session() {
    local title="$1" variant="$2" start="$3" viewers="$4" buyers="$5" id host=小美
    [[ "$variant" == B ]] && host=阿杰
    id=$("$HAWKER" session new --db "$AB" --title "$title" --start "$start" --variant "$variant" --host "$host") || return 1
    awk -v s="$start" -v n="$viewers" -v b="$buyers" -v p="$variant$start" 'BEGIN {
        for (i = 0; i < n; i++) {
            printf "{\"id\":\"%s-vs-%d\",\"type\":\"view_start\",\"ts\":%.0f,\"viewer\":\"%s-u%d\"}\n", p, i, s + i * 300, p, i
            if (i % 3 == 0)
                printf "{\"id\":\"%s-ve-%d\",\"type\":\"view_end\",\"ts\":%.0f,\"viewer\":\"%s-u%d\"}\n", p, i, s + i * 300 + 45000, p, i
        }
        for (i = 0; i < b; i++)
            printf "{\"id\":\"%s-op-%d\",\"type\":\"order_paid\",\"ts\":%.0f,\"viewer\":\"%s-u%d\",\"order_id\":\"%s-o%d\",\"sku\":\"S1\",\"qty\":1,\"amount_cents\":9900}\n", p, i, s + i * 300 + 1000, p, i * 7 % n, p, i
    }' > "$T/ab-$id.jsonl"
    "$HAWKER" ingest --db "$AB" --session "$id" "$T/ab-$id.jsonl" > "$T/ab-$id.reply" 2>&1 || return 1
    "$HAWKER" session end --db "$AB" --session "$id" --at $((start + 360000)) || return 1
    echo "$id"
}
DAY=86400000
S0=1700000000000
A_ID=$(ab_session "AB 开场话术" A $S0 1000 20)
B_ID=$(ab_session "AB 开场话术" B $((S0 + DAY)) 1000 60)
CA_ID=$(ab_session "AB close" A $((S0 + 2 * DAY)) 1000 40)
CB_ID=$(ab_session "AB close" B $((S0 + 3 * DAY)) 1000 42)
check "four A/B sessions made and ingested ($A_ID $B_ID $CA_ID $CB_ID; B's reply $(cat "$T/ab-$B_ID.reply" 2>/dev/null))" \
    test -n "$A_ID" -a -n "$B_ID" -a -n "$CA_ID" -a -n "$CB_ID"
"$HAWKER" report --db "$AB" --session "$B_ID" --json > "$T/ab_b.json" 2> "$T/ab_b.err"
"$HAWKER" report --db "$AB" --session "$B_ID" --html "$T/ab_b.html" 2>> "$T/ab_b.err"
J="$T/ab_b.json"
check "B: uv=$(jx "$J" '$.summary.uv') buyers=$(jx "$J" '$.summary.buyers') (1000 60)" \
    test "$(jx "$J" '$.summary.uv') $(jx "$J" '$.summary.buyers')" = "1000 60"
check "B's report has one ab entry ($(jlen "$J" '$.ab'))" test "$(jlen "$J" '$.ab')" = 1
check "  A vs B: a=$(jx "$J" '$.ab[0].a') $(jx "$J" '$.ab[0].a_buyers')/$(jx "$J" '$.ab[0].a_uv'), b=$(jx "$J" '$.ab[0].b') $(jx "$J" '$.ab[0].b_buyers')/$(jx "$J" '$.ab[0].b_uv')" \
    test "$(jx "$J" '$.ab[0].a') $(jx "$J" '$.ab[0].a_buyers') $(jx "$J" '$.ab[0].a_uv') $(jx "$J" '$.ab[0].b') $(jx "$J" '$.ab[0].b_buyers') $(jx "$J" '$.ab[0].b_uv')" = "A 20 1000 B 60 1000"
p=$(jx "$J" '$.ab[0].p_value'); chi=$(jx "$J" '$.ab[0].chi_square')
# 20/1000 vs 60/1000: pooled 4 %, expected 40 and 960 per variant:
# chi-square = 2 * (20^2/40 + 20^2/960) = 20.8333, p = erfc(sqrt(chi/2)) ~ 5e-6.
check "  chi_square=$chi (20.8333 by hand)" fcmp "${chi:-0} > 20.83 && ${chi:-0} < 20.84"
check "  p_value=$p < 0.05, significant=$(jtype "$J" '$.ab[0].significant') (true)" \
    bash -c "is() { awk \"BEGIN { exit !(\$1) }\"; }; is '${p:-1} < 0.05' && [[ '$(jtype "$J" '$.ab[0].significant')' == true ]]"
ab_section=$(awk '/<section id="ab"/ { f = 1 } f { print } f && /<\/section>/ { exit }' "$T/ab_b.html")
check "  the HTML's A/B section says significant, B − A = +4.00 pp ($(grep -o '<span class="[a-z]*sig">[^<]*' <<< "$ab_section" | sed 's/.*>//'))" \
    bash -c 'grep -qF "<span class=\"sig\">significant (p &lt; 0.05)" <<< "$1" && grep -qF "+4.00 pp" <<< "$1"' _ "$ab_section"
# The viewers chart of a 6-minute session: one point a minute with the report's values.
chrome "file://$T/ab_b.html" --dump-dom > "$T/ab_dom.html" 2> /dev/null
got=$(chart_values "$T/ab_dom.html" viewers_end); want=$(per_minute "$J" viewers_end)
check "B's viewers chart data-values [${got}] = per_minute viewers_end [${want}]" test -n "$want" -a "$got" = "$want"
"$HAWKER" report --db "$AB" --session "$CB_ID" --json > "$T/ab_close.json" 2> "$T/ab_close.err"
K="$T/ab_close.json"
check "close rates: $(jx "$K" '$.ab[0].a_buyers')/$(jx "$K" '$.ab[0].a_uv') vs $(jx "$K" '$.ab[0].b_buyers')/$(jx "$K" '$.ab[0].b_uv') -> p_value=$(jx "$K" '$.ab[0].p_value') significant=$(jtype "$K" '$.ab[0].significant') (false)" \
    test "$(jx "$K" '$.ab[0].a_buyers')/$(jx "$K" '$.ab[0].b_buyers')/$(jtype "$K" '$.ab[0].significant')" = "40/42/false"
check "  and its p_value is a number >= 0.05" fcmp "$(jx "$K" '$.ab[0].p_value' | sed 's/null/0/') >= 0.05"
"$HAWKER" report --db "$AB" --session "$CB_ID" --html "$T/ab_close.html" 2>> "$T/ab_close.err"
check "  the HTML says not significant" grep -qF '<span class="nosig">not significant' "$T/ab_close.html"
check "the other title's sessions are not in B's test (a_sessions=$(jx "$J" '$.ab[0].a_sessions') b_sessions=$(jx "$J" '$.ab[0].b_sessions'))" \
    test "$(jx "$J" '$.ab[0].a_sessions')/$(jx "$J" '$.ab[0].b_sessions')" = 1/1

# --- the trend across sessions: the A/B sessions' figures are known --------------------------------
"$HAWKER" report --db "$AB" --trend --since 9999d --title "AB close" --json > "$T/trend.json" 2> "$T/trend.err"
TR="$T/trend.json"
check "trend --title 'AB close': sessions $(jx "$TR" '$.sessions[0].id'),$(jx "$TR" '$.sessions[1].id') ($CA_ID,$CB_ID), oldest first" \
    test "$(jlen "$TR" '$.sessions') $(jx "$TR" '$.sessions[0].id') $(jx "$TR" '$.sessions[1].id')" = "2 $CA_ID $CB_ID"
check "  GMV per session = buyers × ¥99: $(jx "$TR" '$.sessions[0].gmv_cents') $(jx "$TR" '$.sessions[1].gmv_cents') ($((40 * 9900)) $((42 * 9900)))" \
    test "$(jx "$TR" '$.sessions[0].gmv_cents') $(jx "$TR" '$.sessions[1].gmv_cents')" = "$((40 * 9900)) $((42 * 9900))"
check "  UV and units: $(jx "$TR" '$.sessions[1].uv') $(jx "$TR" '$.sessions[1].units') (1000 42)" \
    test "$(jx "$TR" '$.sessions[1].uv') $(jx "$TR" '$.sessions[1].units')" = "1000 42"
check "  conversion 40/1000 then 42/1000: $(jx "$TR" '$.sessions[0].conversion_rate') $(jx "$TR" '$.sessions[1].conversion_rate')" \
    bash -c 'close() { awk -v a="$1" -v b="$2" "BEGIN { d = a - b; exit !(d < 1e-12 && d > -1e-12) }"; }; close "$1" 0.04 && close "$2" 0.042' _ \
    "$(jx "$TR" '$.sessions[0].conversion_rate')" "$(jx "$TR" '$.sessions[1].conversion_rate')"
check "  by title: 2 sessions, ¥$((82 * 99)), 2000 viewers ($(jx "$TR" '$.by_title[0].sessions') $(jx "$TR" '$.by_title[0].gmv_cents') $(jx "$TR" '$.by_title[0].uv'))" \
    test "$(jx "$TR" '$.by_title[0].sessions') $(jx "$TR" '$.by_title[0].gmv_cents') $(jx "$TR" '$.by_title[0].uv')" = "2 $((82 * 9900)) 2000"
check "  product S1 in both sessions: $(jx "$TR" '$.products[0].sku') units $(jx "$TR" '$.products[0].sessions[0].units'),$(jx "$TR" '$.products[0].sessions[1].units')" \
    test "$(jx "$TR" '$.products[0].sku') $(jx "$TR" '$.products[0].sessions[0].units') $(jx "$TR" '$.products[0].sessions[1].units')" = "S1 40 42"
"$HAWKER" report --db "$AB" --trend --since 9999d --json > "$T/trend_all.json" 2>> "$T/trend.err"
check "without a title the range holds all four sessions ($(jlen "$T/trend_all.json" '$.sessions'))" \
    test "$(jlen "$T/trend_all.json" '$.sessions')" = 4
"$HAWKER" report --db "$AB" --trend --since 9999d --html "$T/trend.html" --csv "$T/trend_csv" 2>> "$T/trend.err"
chrome "file://$T/trend.html" --dump-dom > "$T/trend_dom.html" 2> /dev/null
check "the trend page renders 5 figures and 1 product as small multiples ($(grep -c '<figure class="multiple"' "$T/trend_dom.html"))" \
    test "$(grep -c '<figure class="multiple"' "$T/trend_dom.html")" = 6
gmvs=$(awk '/data-metric="gmv_cents"/ { f = 1 } f { print } f && /<\/figure>/ { exit }' "$T/trend_dom.html" \
    | grep -o 'data-value="[^"]*"' | sed 's/data-value="//; s/"$//' | tr '\n' ' ')
check "its GMV points are the four sessions' GMV [$gmvs]" \
    test "$gmvs" = "$((20 * 9900)) $((60 * 9900)) $((40 * 9900)) $((42 * 9900)) "
check "trend CSV files written ($(ls "$T/trend_csv" 2>/dev/null | tr '\n' ' '))" \
    test -s "$T/trend_csv/trend_sessions.csv" -a -s "$T/trend_csv/trend_products.csv"
"$HAWKER" report --db "$AB" --trend --since 9999d --host 小美 --json > "$T/trend_host.json" 2>> "$T/trend.err"
TH="$T/trend_host.json"
check "trend --host 小美: the two A sessions $(jx "$TH" '$.sessions[0].id'),$(jx "$TH" '$.sessions[1].id') ($A_ID,$CA_ID)" \
    test "$(jlen "$TH" '$.sessions') $(jx "$TH" '$.sessions[0].id') $(jx "$TH" '$.sessions[1].id')" = "2 $A_ID $CA_ID"
check "  her total: 2 sessions, ¥$((60 * 99)) ($(jx "$TH" '$.by_host[0].host') $(jx "$TH" '$.by_host[0].sessions') $(jx "$TH" '$.by_host[0].gmv_cents'))" \
    test "$(jx "$TH" '$.by_host[0].host') $(jx "$TH" '$.by_host[0].sessions') $(jx "$TH" '$.by_host[0].gmv_cents')" = "小美 2 $((60 * 9900))"
check "the whole range totals both hosts ($(jlen "$T/trend_all.json" '$.by_host'))" \
    test "$(jlen "$T/trend_all.json" '$.by_host')" = 2
check "the trend page has the by-host table with both hosts" \
    bash -c 'grep -q "data-group=\"host\"" "$1" && grep -q "<td>阿杰</td>" "$1" && grep -q "<td>小美</td>" "$1"' _ "$T/trend_dom.html"
check "trend_sessions.csv has the host column" bash -c 'head -n1 "$1" | grep -q ",host,"' _ "$T/trend_csv/trend_sessions.csv"
check "report --host without --trend is refused" bash -c '! "$1" report --db "$2" --session 1 --host x > /dev/null 2>&1' _ "$HAWKER" "$AB"
check "report --trend with --session is refused" bash -c '! "$1" report --db "$2" --trend --session 1 > /dev/null 2>&1' _ "$HAWKER" "$AB"
info "test_report ran $(elapsed_since "$t0") s"
finish
