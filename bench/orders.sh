#!/usr/bin/env bash
# Order export import budget: a 200,000-row 抖店 export (UTF-8 CSV, one row per
# sub-order) imported into a fresh SQLite file by `hawker orders import` must
# take under 5 s wall time. The file is made here (deterministic), the timing
# is hawker's whole process (read, decode, parse, validate, one transaction),
# and the stored count is checked so a fast failure cannot pass.
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
times=()
for run in $(seq 1 "$RUNS"); do
    rm -f "$T/bench.db"*
    "$HAWKER" session new --db "$T/bench.db" --title bench --start 1796385600000 > /dev/null
    start=$(date +%s%N)
    out=$("$HAWKER" orders import --db "$T/bench.db" --session 1 --platform douyin "$T/export.csv")
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    stored=$(sqlite3 "$T/bench.db" "SELECT count(*) FROM events WHERE type = 9")
    [[ "$stored" == "$ROWS" ]] || { echo "bench: stored $stored of $ROWS rows ($out)" >&2; exit 1; }
    times+=("$ms")
    echo "run $run: ${ms} ms for $ROWS rows"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
echo "orders import: median ${median} ms for $ROWS rows (budget ${BUDGET_MS} ms)"
(( median < BUDGET_MS )) || { echo "bench: over budget" >&2; exit 1; }
