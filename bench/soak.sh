#!/usr/bin/env bash
# Soak benchmark (scripts/bench.sh soak): memory, open files and threads must be
# flat over a long live show, not a timed test.
#
# A live show (not offline) runs for SOAK_MINUTES (default 20) as a session in
# SQLite: two cameras, a product card and a flash-sale countdown re-rendered
# every second, a recording and an RTMP output to a local nginx-rtmp. Meanwhile:
#   - the simulated audience (`hawker simulate --url`, the HTTP ingest path)
#     sends about 300 events/s (SOAK_ARRIVALS viewers per minute, default 2000:
#     with a card and a flash sale on air, 1800 gave 245-275 events/s from the
#     third minute on in live runs and 2200 gave 360-395; the rate builds up
#     over the first minutes);
#   - every 100 ms an operator's client reads GET /api/v1/state and sends a
#     harmless command (POST /preview, alternating two scenes; each is audited);
#   - nginx is killed every SOAK_RTMP_EVERY_S (default 120) and started again
#     SOAK_RTMP_DOWN_S (default 10) later, so the RTMP output reconnects.
# Once a minute it samples the show process: RSS (VmRSS in /proc/PID/status),
# open file descriptors (entries of /proc/PID/fd) and threads (Threads in
# /proc/PID/status), with the events, API calls and reconnects of that minute.
# The table goes to stdout and bench/results/soak.md; after the warm-up
# (SOAK_WARMUP_MINUTES, default 4: the simulated audience builds up over the
# first three minutes, and the session's tables, caches and pools fill with
# it) the figures must be flat.
#
# Switches for finding what grows (defaults are the benchmark):
#   SOAK_API=0          no operator client (no GET state / POST preview);
#   SOAK_RTMP_KILLS=0   nginx is never killed;
#   SOAK_SMAPS_DIR=DIR  a copy of /proc/PID/smaps of the show at every sample, as DIR/minute-N.smaps;
#   SOAK_REPORT=FILE    the table goes to FILE instead of bench/results/soak.md (two soaks side by side).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/bench_common.sh
source "$REPO/bench/bench_common.sh" # wait_scene_a_on_air
MINUTES="${SOAK_MINUTES:-20}"
WARMUP="${SOAK_WARMUP_MINUTES:-4}"
ARRIVALS="${SOAK_ARRIVALS:-2000}"
RTMP_EVERY_S="${SOAK_RTMP_EVERY_S:-120}"
RTMP_DOWN_S="${SOAK_RTMP_DOWN_S:-10}"
HAWKER="${HAWKER:-$REPO/build/studio/hawker}"
RTMP_MODULE="${RTMP_MODULE:-/usr/lib/nginx/modules/ngx_rtmp_module.so}"
RESULTS="$REPO/bench/results"
API_ON="${SOAK_API:-1}"
RTMP_KILLS_ON="${SOAK_RTMP_KILLS:-1}"
SMAPS_DIR="${SOAK_SMAPS_DIR:-}"
REPORT="${SOAK_REPORT:-$RESULTS/soak.md}"

die() { echo "soak: $*" >&2; exit 1; }
log() { printf '[soak %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
whole() { [[ "$2" =~ ^[0-9]+$ ]] && (( $2 >= $3 && $2 <= $4 )) || die "$1 must be a whole number from $3 to $4, got '$2'"; }
whole SOAK_MINUTES "$MINUTES" 1 600
whole SOAK_WARMUP_MINUTES "$WARMUP" 0 $((MINUTES - 1))
whole SOAK_ARRIVALS "$ARRIVALS" 1 100000
whole SOAK_RTMP_EVERY_S "$RTMP_EVERY_S" 20 3600
whole SOAK_RTMP_DOWN_S "$RTMP_DOWN_S" 1 $((RTMP_EVERY_S - 5))
whole SOAK_API "$API_ON" 0 1
whole SOAK_RTMP_KILLS "$RTMP_KILLS_ON" 0 1
[[ -z "$SMAPS_DIR" ]] || mkdir -p "$SMAPS_DIR" || die "cannot create SOAK_SMAPS_DIR $SMAPS_DIR"
for tool in curl sqlite3 nginx ss; do command -v "$tool" >/dev/null || die "$tool missing (scripts/setup.sh installs it)"; done
[[ -r "$RTMP_MODULE" ]] || die "nginx rtmp module not found: $RTMP_MODULE (libnginx-mod-rtmp)"
[[ -x "$HAWKER" ]] || cmake --build "$REPO/build" --target hawker -j 2
[[ -x "$HAWKER" ]] || die "hawker binary not found: $HAWKER"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/hawker-soak.XXXXXX")"
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    [[ "${SOAK_KEEP:-0}" == 1 ]] && echo "soak: kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$(dirname "$REPORT")" "$WORK/home" "$WORK/nginx/logs"
export HAWKER_HOME="$WORK/home" # the viewer-hash key of this run, not the user's
secret() { printf '%s-%s' "$1" "$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"; }
SOAK_OPERATOR="$(secret op)" SOAK_INGEST="$(secret in)" SOAK_STREAM_KEY="$(secret key)"
export SOAK_OPERATOR SOAK_INGEST SOAK_STREAM_KEY

free_port() {
    local p i
    for ((i = 0; i < 100; i++)); do
        p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
        [[ -z "$(ss -Htuan "( sport = :$p )" 2>/dev/null)" ]] && { echo "$p"; return 0; }
    done
    die "no free port"
}
RTMP_PORT=$(free_port)

# --- nginx-rtmp on loopback, one process so that a kill takes the server down ---------
cat > "$WORK/nginx/nginx.conf" <<EOF
load_module $RTMP_MODULE;
daemon off;
master_process off;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx.log warn;
events { worker_connections 128; }
rtmp { server { listen 127.0.0.1:$RTMP_PORT; chunk_size 4096; application live { live on; record off; } } }
EOF
NGINX_PID=""
start_nginx() {
    nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx/" >> "$WORK/nginx.log" 2>&1 &
    NGINX_PID=$!
    PIDS+=("$NGINX_PID")
    local i
    for ((i = 0; i < 100; i++)); do
        [[ -n "$(ss -Hltn "( sport = :$RTMP_PORT )" 2>/dev/null)" ]] && return 0
        sleep 0.1
    done
    die "nginx did not listen on 127.0.0.1:$RTMP_PORT: $(tail -n 2 "$WORK/nginx.log")"
}
kill_nginx() {
    kill -KILL "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
}
start_nginx

# --- the show ----------------------------------------------------------------------------
cat > "$WORK/show.toml" <<EOF
[show]
name = "soak"

[canvas]
width = 720
height = 1280
fps = 30

[[sources]]
id = "cam1"
format = "lavfi"
url = "testsrc2=size=720x1280:rate=30"

[[sources]]
id = "cam2"
format = "lavfi"
url = "smptebars=size=320x240:rate=30"

[[audio]]
id = "tone"
format = "lavfi"
url = "sine=frequency=440:sample_rate=48000"

[[scenes]]
id = "main"
layers = [
  { kind = "source", source = "cam1", rect = [0, 0, 720, 1280], fit = "cover" },
  { kind = "source", source = "cam2", rect = [440, 160, 240, 428], fit = "cover" },
]
slots = [
  { name = "card", rect = [40, 820, 640, 220] },
  { name = "countdown", rect = [40, 600, 420, 200] },
]

[[scenes]]
id = "alt"
layers = [ { kind = "source", source = "cam2", rect = [0, 0, 720, 1280], fit = "cover" } ]

[program]
scene = "main"
preview = "alt"

[encoder]
preset = "veryfast"
tune = "zerolatency"
profile = "high"
bitrate_kbps = 2000
keyint_s = 2
audio_kbps = 128
audio_rate = 48000

[[outputs]]
id = "record"
kind = "record"
path = "program.mkv"

[[outputs]]
id = "push"
kind = "rtmp"
url = "rtmp://127.0.0.1:$RTMP_PORT/live"
key_env = "SOAK_STREAM_KEY"

[[products]]
sku = "SERUM-50"
name = "小棕瓶精华液 修护抗初老 50ml"
price_cents = 29900
original_price_cents = 45900
selling_points = ["夜间修护 淡化细纹", "敏感肌可用"]
stock = 100000000
link = 3

[[products]]
sku = "CREAM-30"
name = "保湿面霜 水润滋养 30g"
price_cents = 15900
stock = 100000000
link = 5

[compliance]
approval_required = false

[api]
port = 0
tokens = [
  { name = "soak-deck", role = "operator", token_env = "SOAK_OPERATOR" },
  { name = "soak-feed", role = "ingest", token_env = "SOAK_INGEST" },
]

[[cues]]
at_s = 0
command = "card.show"
sku = "SERUM-50"

EOF
# A flash sale lasts at most 20 minutes: one starts every 1215 s so the
# countdown keeps ticking however long the soak is.
for ((at = 0; at < MINUTES * 60; at += 1215)); do
    printf '\n[[cues]]\nat_s = %d\ncommand = "offer.start"\nsku = "SERUM-50"\nprice_cents = 9900\nquantity = 1000000\nprelaunch_s = 10\nduration_s = 1200\n' \
        "$at" >> "$WORK/show.toml"
done

SECONDS_TOTAL=$((MINUTES * 60))
log "a ${MINUTES}-minute live show ($WORK), RTMP on 127.0.0.1:$RTMP_PORT, $ARRIVALS viewers/min simulated"
(cd "$WORK" && exec "$HAWKER" run show.toml --db soak.db --duration $((SECONDS_TOTAL + 120)) > hawker.out 2> hawker.err) &
HAWKER_PID=$!
PIDS+=("$HAWKER_PID")
for ((i = 0; i < 300; i++)); do
    grep -q '^session ' "$WORK/hawker.out" 2>/dev/null && grep -q '^api ' "$WORK/hawker.out" && break
    kill -0 "$HAWKER_PID" 2>/dev/null || die "hawker stopped: $(tail -n 3 "$WORK/hawker.err")"
    sleep 0.1
done
SESSION=$(sed -n 's/^session \([0-9]*\)$/\1/p' "$WORK/hawker.out" | head -n1)
BASE=$(sed -n 's/^api \(http[^ ]*\)$/\1/p' "$WORK/hawker.out" | head -n1)
BASE="${BASE%/}"
[[ -n "$SESSION" && -n "$BASE" ]] || die "hawker did not say its session and API address: $(tail -n 3 "$WORK/hawker.err")"
ORIGIN="${BASE%/api/v1}"
wait_scene_a_on_air "$BASE" "$SOAK_OPERATOR" "$WORK/state.json" "$WORK/hawker.err" || exit 1

# --- the simulated audience, through the HTTP ingest endpoint ------------------------------
"$HAWKER" simulate --db "$WORK/soak.db" --session "$SESSION" --duration "$SECONDS_TOTAL" --seed 7 \
    --arrivals "$ARRIVALS" --url "$ORIGIN" --token-env SOAK_INGEST > "$WORK/simulate.out" 2> "$WORK/simulate.err" &
PIDS+=("$!")

# --- the operator's client: state and a harmless command every 100 ms (bounded) ---------------
: > "$WORK/api.log"
api_client() {
    local n=0 max=$((SECONDS_TOTAL * 10 + 100)) start=$EPOCHREALTIME scene codes pause
    while ((n < max)) && [[ ! -e "$WORK/stop" ]]; do
        scene=$([[ $((n % 2)) == 0 ]] && echo main || echo alt)
        codes=$(curl -s -m 5 -o /dev/null -w '%{http_code} ' -H "Authorization: Bearer $SOAK_OPERATOR" "$BASE/state" \
            --next -s -m 5 -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $SOAK_OPERATOR" \
            -X POST --data-binary "{\"scene\":\"$scene\"}" "$BASE/preview" || true)
        printf '%s %s\n' "${EPOCHREALTIME%.*}" "$codes" >> "$WORK/api.log"
        n=$((n + 1))
        # Every 100 ms on an accumulating deadline, so slow answers do not stretch the rate.
        pause=$(awk -v s="$start" -v n="$n" -v now="$EPOCHREALTIME" 'BEGIN { d = s + n * 0.1 - now; printf "%.3f", (d > 0 ? d : 0) }')
        sleep "$pause"
    done
}
if [[ "$API_ON" == 1 ]]; then
    api_client &
    PIDS+=("$!")
fi

# --- sampling -------------------------------------------------------------------------------
status_of() { awk -v k="$2" '$1 == k { print $2; exit }' "/proc/$1/status" 2>/dev/null; }
fds_of() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
events_now() { sqlite3 -cmd '.timeout 5000' "$WORK/soak.db" "SELECT count(*) FROM events WHERE session_id = $SESSION" 2>/dev/null || echo 0; }
push_reconnects() {
    curl -s -m 5 -H "Authorization: Bearer $SOAK_OPERATOR" "$BASE/outputs" > "$WORK/outputs.json" 2>/dev/null || true
    sqlite3 :memory: "SELECT json_extract(value, '\$.state') || ' ' || json_extract(value, '\$.reconnects')
                      FROM json_each(readfile('$WORK/outputs.json')) WHERE json_extract(value, '\$.id') = 'push'" 2>/dev/null
}
: > "$WORK/samples.tsv"
prev_events=0
sample() {   # sample MINUTE
    local rss threads fds events calls bad push
    kill -0 "$HAWKER_PID" 2>/dev/null || die "hawker stopped at minute $1: $(tail -n 3 "$WORK/hawker.err")"
    rss=$(status_of "$HAWKER_PID" VmRSS:)
    threads=$(status_of "$HAWKER_PID" Threads:)
    fds=$(fds_of "$HAWKER_PID")
    events=$(events_now)
    # API calls of the last minute (one line = GET state + POST preview) and answers that were not 200.
    read -r calls bad < <(awk -v since=$(( ${EPOCHREALTIME%.*} - 60 )) '$1 > since { n++; if ($2 != 200 || $3 != 200) b++ } END { print n + 0, b + 0 }' "$WORK/api.log")
    push=$(push_reconnects)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')" \
        "$fds" "$threads" "$(awk -v a="$events" -v b="$prev_events" -v m="$1" 'BEGIN { printf "%.0f", (m > 0 ? (a - b) / 60 : 0) }')" \
        "$((calls * 2))" "$bad" "${push:-? ?}" "$events" >> "$WORK/samples.tsv"
    log "minute $1: rss $(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }') MB, fds $fds, threads $threads, events $events, push ${push:-?}"
    prev_events=$events
    [[ -z "$SMAPS_DIR" ]] || cp "/proc/$HAWKER_PID/smaps" "$SMAPS_DIR/minute-$1.smaps" 2>/dev/null || true
}

START=$EPOCHREALTIME
elapsed() { awk -v s="$START" -v n="$EPOCHREALTIME" 'BEGIN { printf "%d", n - s }'; }
next_sample=0 next_kill=$RTMP_EVERY_S restart_at=-1 kills=0
while :; do
    t=$(elapsed)
    if ((t >= next_sample)); then
        sample $((next_sample / 60))
        ((next_sample >= SECONDS_TOTAL)) && break
        next_sample=$((next_sample + 60))
    fi
    if ((RTMP_KILLS_ON == 1 && t >= next_kill && next_kill < SECONDS_TOTAL)); then
        kill_nginx
        kills=$((kills + 1))
        restart_at=$((t + RTMP_DOWN_S))
        next_kill=$((next_kill + RTMP_EVERY_S))
        log "nginx killed ($kills)"
    fi
    if ((restart_at >= 0 && t >= restart_at)); then
        start_nginx
        restart_at=-1
        log "nginx started again"
    fi
    sleep 0.5
done
touch "$WORK/stop"
kill -TERM "$HAWKER_PID" 2>/dev/null || true
for ((i = 0; i < 300; i++)); do kill -0 "$HAWKER_PID" 2>/dev/null || break; sleep 0.1; done
wait "$HAWKER_PID" 2>/dev/null && HAWKER_RC=0 || HAWKER_RC=$?

# --- the table and the verdict --------------------------------------------------------------------
TOTAL_EVENTS=$(events_now)
API_LINES=$(wc -l < "$WORK/api.log")
API_BAD=$(awk '$2 != 200 || $3 != 200 { b++ } END { print b + 0 }' "$WORK/api.log")
AUDIT_ROWS=$(sqlite3 "$WORK/soak.db" "SELECT count(*) FROM audit WHERE session_id = $SESSION" 2>/dev/null || echo "?")
RECONNECTS=$(grep -E '^output id=push ' "$WORK/hawker.out" | tail -n1 | tr ' ' '\n' | sed -n 's/^reconnects=//p')
# After the warm-up: RSS growth (last - first) and least-squares slope, fds and threads ranges.
read -r RSS_FIRST RSS_LAST RSS_SLOPE FD_MIN FD_MAX TH_MIN TH_MAX < <(awk -F'\t' -v w="$WARMUP" '$1 >= w {
        n++; x = $1; y = $2; sx += x; sy += y; sxx += x * x; sxy += x * y
        if (n == 1) { first = y; fmin = fmax = $3; tmin = tmax = $4 }
        last = y; if ($3 < fmin) fmin = $3; if ($3 > fmax) fmax = $3; if ($4 < tmin) tmin = $4; if ($4 > tmax) tmax = $4 }
    END { d = n * sxx - sx * sx; s = d > 0 ? (n * sxy - sx * sy) / d : 0
          printf "%.1f %.1f %.2f %d %d %d %d\n", first, last, s, fmin, fmax, tmin, tmax }' "$WORK/samples.tsv")
RSS_GROWTH=$(awk -v a="$RSS_FIRST" -v b="$RSS_LAST" 'BEGIN { printf "%.1f", b - a }')
FLAT_RSS=$(awk -v g="$RSS_GROWTH" -v s="$RSS_SLOPE" 'BEGIN { print (g <= 8 && s <= 0.5) ? "flat" : "GROWS" }')
FLAT_FD=$( ((FD_MAX - FD_MIN <= 4)) && echo flat || echo GROWS)
FLAT_TH=$( ((TH_MAX - TH_MIN <= 2)) && echo flat || echo GROWS)
COMMIT="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "?")"
[[ -n "$(git -C "$REPO" status --porcelain 2>/dev/null | head -n1)" ]] && COMMIT="$COMMIT (+ local changes)"

{
    echo "# Soak — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo
    echo "- machine: $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(uname -sr); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- hawker $COMMIT; a ${MINUTES}-minute live show: 720×1280 at 30 fps, two cameras, a card and a flash-sale countdown, recording + RTMP"
    echo "- audience: \`hawker simulate --url\` at $ARRIVALS viewers/min: $TOTAL_EVENTS events in all ($(awk -v e="$TOTAL_EVENTS" -v s="$SECONDS_TOTAL" 'BEGIN { printf "%.0f", e / s }') events/s on average)"
    echo "- API: $((API_LINES * 2)) calls (GET state + POST preview every 100 ms), $API_BAD ticks with an answer other than 200; $AUDIT_ROWS audit rows in the database"
    echo "- RTMP: nginx killed $kills times (every ${RTMP_EVERY_S} s, down ${RTMP_DOWN_S} s); the output reconnected ${RECONNECTS:-?} times; hawker exit status $HAWKER_RC"
    echo
    echo "| minute | RSS (MB) | open fds | threads | events/s (last minute) | API calls (last minute) | not 200 | push state, reconnects |"
    echo "|---|---|---|---|---|---|---|---|"
    awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$WORK/samples.tsv"
    echo
    echo "After the ${WARMUP}-minute warm-up (minutes $WARMUP–$MINUTES):"
    echo
    echo "| what | figure | flat when | verdict |"
    echo "|---|---|---|---|"
    echo "| RSS | $RSS_FIRST → $RSS_LAST MB (growth $RSS_GROWTH MB, slope $RSS_SLOPE MB/min) | growth ≤ 8 MB and slope ≤ 0.5 MB/min | $FLAT_RSS |"
    echo "| open fds | $FD_MIN–$FD_MAX | range ≤ 4 | $FLAT_FD |"
    echo "| threads | $TH_MIN–$TH_MAX | range ≤ 2 | $FLAT_TH |"
} > "$REPORT"
echo
cat "$REPORT"
echo
log "written to $REPORT"
