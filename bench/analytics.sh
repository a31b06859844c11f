#!/usr/bin/env bash
# Analytics benchmarks (docs/DESIGN.md budgets), run by scripts/bench.sh analytics:
#   1. ingest through the HTTP batch endpoint of a running hawker (budget >= 100 000 events/s),
#      and in-process through the same validation and writer path;
#   2. the sqlite3 CLI's .import of the same rows into the same table, in the same run (the ratio);
#   3. hawker report on a 4-hour, 5-million-event session (budget <= 2 s).
# Each figure is the median of BENCH_RUNS runs. Results: stdout and bench/results/analytics.md.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${BENCH_RUNS:-3}"
EVENTS="${BENCH_INGEST_EVENTS:-1000000}"
REPORT_EVENTS="${BENCH_REPORT_EVENTS:-5000000}"
HAWKER="${HAWKER:-$REPO/build/studio/hawker}"
TOOL="${HAWKER_BENCH_ANALYTICS:-$REPO/build/bench/hawker_bench_analytics}"
RESULTS="$REPO/bench/results"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/hawker-bench-analytics.XXXXXX")"
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$WORK"' EXIT
mkdir -p "$RESULTS"
[[ -x "$TOOL" && -x "$HAWKER" ]] || cmake --build "$REPO/build" --target hawker hawker_bench_analytics -j 2

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
value() { tr ' ' '\n' | sed -n "s/^$1=//p"; }
export HAWKER_HOME="$WORK/home"

# --- 1a. HTTP: a live show with the API; 4 keep-alive clients post 1000-event batches ---------------
TOKEN="bench-ingest-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
OPTOKEN="bench-operator-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cat > "$WORK/show.toml" <<SHOW
[show]
name = "ingest benchmark"
[canvas]
width = 320
height = 180
fps = 10
[[sources]]
id = "cam"
format = "lavfi"
url = "testsrc2=size=320x180:rate=10"
[[scenes]]
id = "main"
layers = [ { kind = "source", source = "cam", rect = [0, 0, 320, 180], fit = "cover" } ]
[encoder]
preset = "ultrafast"
bitrate_kbps = 300
[[outputs]]
id = "record"
kind = "record"
path = "program.mkv"
[api]
port = 0
max_body_bytes = 4194304
tokens = [ { name = "feed", role = "ingest", token_env = "BENCH_INGEST_TOKEN" },
           { name = "op", role = "operator", token_env = "BENCH_OPERATOR_TOKEN" } ]
SHOW
export BENCH_INGEST_TOKEN="$TOKEN" BENCH_OPERATOR_TOKEN="$OPTOKEN"
http_rates=() inproc_rates=() import_rates=()
for run in $(seq 1 "$RUNS"); do
    rm -f "$WORK"/http.db*
    "$HAWKER" run "$WORK/show.toml" --db "$WORK/http.db" --duration 600 > "$WORK/http.out" 2> "$WORK/http.err" &
    pid=$!
    for _ in $(seq 1 100); do grep -q '^session ' "$WORK/http.out" 2>/dev/null && break; sleep 0.1; done
    port=$(sed -n 's|^api http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$WORK/http.out")
    session=$(sed -n 's/^session \([0-9]*\)$/\1/p' "$WORK/http.out")
    [[ -n "$port" && -n "$session" ]] || { echo "bench: hawker did not start: $(tail -n 3 "$WORK/http.err")" >&2; exit 1; }
    line=$("$TOOL" http --port "$port" --token "$TOKEN" --session "$session" --events "$EVENTS" --batch 1000 --clients 4)
    kill -INT "$pid"; wait "$pid" || true
    echo "  run $run: $line"
    http_rates+=("$(value events_per_s <<< "$line")")

    rm -f "$WORK"/inproc.db*
    line=$("$TOOL" inprocess --db "$WORK/inproc.db" --events "$EVENTS" --batch 1000 --clients 4)
    echo "  run $run: $line"
    inproc_rates+=("$(value events_per_s <<< "$line")")

    # --- 2. the reference: sqlite3 .import of the same rows into the same schema --------------
    [[ -s "$WORK/rows.csv" ]] || "$TOOL" csv --events "$EVENTS" --out "$WORK/rows.csv"
    rm -f "$WORK"/import.db*
    sqlite3 "$WORK/import.db" "PRAGMA journal_mode=WAL;" "PRAGMA synchronous=FULL;" \
        "CREATE TABLE events (session_id INTEGER NOT NULL, ts INTEGER NOT NULL, ord INTEGER NOT NULL, event_id TEXT NOT NULL, type INTEGER NOT NULL, platform TEXT, viewer INTEGER, sku TEXT, qty INTEGER, amount_cents INTEGER, order_id TEXT, coupon TEXT, text TEXT, masked_name TEXT, received_utc_ms INTEGER NOT NULL, PRIMARY KEY (session_id, ts, ord, event_id)) WITHOUT ROWID;" \
        "CREATE UNIQUE INDEX events_by_id ON events (session_id, event_id);" \
        "CREATE INDEX events_by_order ON events (session_id, order_id, ts) WHERE order_id IS NOT NULL;" > /dev/null
    t0=$EPOCHREALTIME
    sqlite3 "$WORK/import.db" ".import --csv $WORK/rows.csv events"
    t1=$EPOCHREALTIME
    rate=$(awk -v n="$EVENTS" -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", n / (b - a) }')
    echo "  run $run: sqlite3 .import events=$EVENTS seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') events_per_s=$rate"
    import_rates+=("$rate")
done
http=$(printf '%s\n' "${http_rates[@]}" | median)
inproc=$(printf '%s\n' "${inproc_rates[@]}" | median)
import=$(printf '%s\n' "${import_rates[@]}" | median)

# --- 3. the report of a 4-hour, 5-million-event session ------------------------------------
"$TOOL" generate --db "$WORK/report.db" --events "$REPORT_EVENTS" --hours 4 > "$WORK/generate.out"
report_times=()
for run in $(seq 1 "$RUNS"); do
    /usr/bin/time -f "%e %U %M" -o "$WORK/time.txt" "$HAWKER" report --db "$WORK/report.db" --session 1 --json > "$WORK/report.json"
    read -r wall user rss < "$WORK/time.txt"
    echo "  run $run: report wall_s=$wall user_s=$user max_rss_kb=$rss"
    report_times+=("$wall")
done
report=$(printf '%s\n' "${report_times[@]}" | median)
counted=$(grep -o '"events_counted": [0-9]*' "$WORK/report.json" | grep -o '[0-9]*$')

{
    echo "# Analytics benchmark ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, median of $RUNS)"
    echo
    echo "| what | figure | budget |"
    echo "|---|---|---|"
    echo "| ingest, HTTP batch endpoint (1000-event batches, 4 clients) | $http events/s | >= 100000 |"
    echo "| ingest, in-process (same parse/validate/hash/commit path) | $inproc events/s | — |"
    echo "| sqlite3 CLI .import of the same rows, same schema | $import events/s | reference |"
    echo "| HTTP ingest ÷ sqlite3 .import | $(awk -v a="$http" -v b="$import" 'BEGIN { printf "%.2f", a / b }') | — |"
    echo "| in-process ingest ÷ sqlite3 .import | $(awk -v a="$inproc" -v b="$import" 'BEGIN { printf "%.2f", a / b }') | — |"
    echo "| hawker report --json, 4 h, $counted events | $report s | <= 2 s |"
} | tee "$RESULTS/analytics.md"
