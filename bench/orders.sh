#!/usr/bin/env bash
# Order export import budget: a 200,000-row 抖店 export (UTF-8 CSV, one row per
# sub-order) imported into a fresh SQLite file by `hawker orders import` must
# take under 5 s wall time. The file is made here (deterministic), the timing
# is hawker's whole process (read, decode, parse, validate, one transaction),
# and the stored count is checked so a fast failure cannot pass. Each run is
# paired with a reference (below) so a loaded machine shows in the ratio.
# usage: bench/orders.sh   env: BENCH_ORDER_ROWS (default 200000), BENCH_RUNS (default 3), HAWKER
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
HAWKER="${HAWKER:-$REPO/build/studio/hawker}"
ROWS="${BENCH_ORDER_ROWS:-200000}"
RUNS="${BENCH_RUNS:-3}"
BUDGET_MS=5000
[[ -x "$HAWKER" ]] || { echo "bench: no hawker binary at $HAWKER" >&2; exit 1; }
T="$(mktemp -d "${TMPDIR:-/tmp}/hawker-bench-orders.XXXXXX")"
trap 'rm -rf "$T"' EXIT
export HAWKER_HOME="$T/home"
mkdir -p "$HAWKER_HOME"
python3 - "$T/export.csv" "$ROWS" <<'PY'
import sys
path, rows = sys.argv[1], int(sys.argv[2])
skus = ["SERUM-50", "CREAM-30", "MASK-10", "SCARF-01"]
with open(path, "w", encoding="utf-8") as f:
    f.write("\ufeff主订单编号,子订单编号,选购商品,商品ID,商家编码,商品数量,商品金额,订单应付金额,订单提交时间,支付完成时间,订单状态,售后状态,取消原因\r\n")
    for i in range(rows):
        order = 6900000000000000000 + i // 2   # two lines per order
        s = i % 60
        f.write(f"{order},{order}{i % 2},玻尿酸精华 50ml,3701,{skus[i % 4]},1,99.00,\"1,099.00\","
                f"2026-12-04 20:{(i // 60) % 60:02d}:{s:02d},2026-12-04 21:{(i // 60) % 60:02d}:{s:02d},已完成,-,\r\n")
PY
# The reference, paired run by run: the sqlite3 CLI's `.import --csv` of the
# same file into a plain table of a fresh database (no decoding, no checks, no
# index): what merely getting these bytes into SQLite costs on this machine.
times=()
refs=()
ratios=()
for run in $(seq 1 "$RUNS"); do
    rm -f "$T/ref.db"*
    sync   # each timed command starts with no other writes waiting for the disk
    start=$(date +%s%N)
    sqlite3 "$T/ref.db" ".import --csv $T/export.csv export"
    end=$(date +%s%N)
    ref=$(( (end - start) / 1000000 ))
    ref_rows=$(sqlite3 "$T/ref.db" "SELECT count(*) FROM export")
    [[ "$ref_rows" == "$ROWS" ]] || { echo "bench: the reference stored $ref_rows of $ROWS rows" >&2; exit 1; }
    rm -f "$T/bench.db"*
    "$HAWKER" session new --db "$T/bench.db" --title bench --start 1796385600000 > /dev/null
    sync
    start=$(date +%s%N)
    out=$("$HAWKER" orders import --db "$T/bench.db" --session 1 --platform douyin "$T/export.csv")
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    stored=$(sqlite3 "$T/bench.db" "SELECT count(*) FROM events WHERE type = 9")
    [[ "$stored" == "$ROWS" ]] || { echo "bench: stored $stored of $ROWS rows ($out)" >&2; exit 1; }
    times+=("$ms")
    refs+=("$ref")
    ratios+=("$(awk -v a="$ms" -v b="$ref" 'BEGIN { printf "%.2f", a / b }')")
    echo "run $run: ${ms} ms for $ROWS rows; reference sqlite3 .import ${ref} ms; ratio ${ratios[-1]}"
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
median_ms=$(median "${times[@]}")
echo "orders import: median ${median_ms} ms for $ROWS rows (budget ${BUDGET_MS} ms);" \
    "reference median $(median "${refs[@]}") ms; paired ratio median $(median "${ratios[@]}")"
(( median_ms < BUDGET_MS )) || { echo "bench: over budget" >&2; exit 1; }
