#!/usr/bin/env bash
# Console frame time (docs/DESIGN.md budget: <= 16 ms median, 4 sources, under Xvfb
# with software OpenGL), run by scripts/bench.sh console.
#
# The operator's desk runs a live show of four synthetic 720p cameras, each with
# its sound in the mix and the Audio panel open (a metered strip each), into a
# 1080x1920 program (encoded and recorded, as on air) for BENCH_CONSOLE_FRAMES
# console frames; hawker prints the median and p99 of each frame's work
# (build, draw, swap; the 30 fps pacing sleep excluded). The reference, in the
# same run and on the same Xvfb: the merchandiser's login on the same 1600x1000
# window (one panel, no program), i.e. what any frame of that size costs in
# software OpenGL here. A third arm, also in the same run: the operator's desk
# drawing every frame whole (HAWKER_CONSOLE_WHOLE_FRAMES=1), against the
# default that draws and shows only what changed (docs/ARCHITECTURE.md,
# "Only what changed is drawn"); paired per run, with each run's process CPU
# (user + system) per console frame. Runs alternate; medians of BENCH_RUNS runs.
# Results: stdout and bench/results/console.md.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${BENCH_RUNS:-3}"
FRAMES="${BENCH_CONSOLE_FRAMES:-900}"
HAWKER="${HAWKER:-$REPO/build/studio/hawker}"
RESULTS="$REPO/bench/results"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/hawker-bench-console.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$RESULTS"
[[ -x "$HAWKER" ]] || cmake --build "$REPO/build" --target hawker -j 2
command -v xvfb-run >/dev/null || { echo "bench: xvfb-run missing (scripts/setup.sh installs xvfb)" >&2; exit 1; }

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
value() { tr ' ' '\n' | sed -n "s/^$1=//p"; }
export HAWKER_CONFIG_DIR="$WORK/config"
# The operator's desk opens with the sound desk (Audio) up, over the dashboard:
# four cameras' strips and the program's, metered as they play.
mkdir -p "$HAWKER_CONFIG_DIR"
printf '[Hawker][Settings]\nOpen.Audio=1\n\n' > "$HAWKER_CONFIG_DIR/console-operator.ini"

cat > "$WORK/show.toml" <<SHOW
[show]
name = "console benchmark"
[canvas]
width = 1080
height = 1920
fps = 30
$(for i in 1 2 3 4; do
    printf '[[sources]]\nid = "cam%d"\nformat = "lavfi"\nurl = "testsrc2=size=1280x720:rate=30[out0];sine=frequency=%d:sample_rate=48000[out1]"\naudio = true\n' "$i" $((220 * i))
done)
[[scenes]]
id = "quad"
hotkey = "1"
layers = [
  { kind = "source", source = "cam1", rect = [0, 0, 540, 960], fit = "cover" },
  { kind = "source", source = "cam2", rect = [540, 0, 540, 960], fit = "cover" },
  { kind = "source", source = "cam3", rect = [0, 960, 540, 960], fit = "cover" },
  { kind = "source", source = "cam4", rect = [540, 960, 540, 960], fit = "cover" },
]
slots = [{ name = "card", anchor = "bottom", size = [860, 290] }]
[[scenes]]
id = "one"
hotkey = "2"
layers = [{ kind = "source", source = "cam1", rect = [0, 0, 1080, 1920], fit = "cover" }]
slots = [{ name = "card", anchor = "bottom", size = [860, 290] }]
[program]
scene = "quad"
preview = "one"
[encoder]
platform = "portrait-1080"
[[outputs]]
id = "record"
kind = "record"
path = "$WORK/program.mkv"
[[products]]
sku = "SERUM-50"
name = "小棕瓶精华液 修护抗初老 50ml"
price_cents = 29900
stock = 500
[compliance]
approver_roles = ["merchandiser", "host"]
SHOW
# A session to review for the reference login.
"$HAWKER" session new --db "$WORK/hawker.db" --title "基准 session" >/dev/null

# run_console LABEL ARGS...  -> prints "frame_ms_median frame_ms_p99 build_ms_median dropped cpu_ms_per_frame drawn_share"
run_console() {
    local label="$1"; shift
    xvfb-run -a -s "-screen 0 1600x1000x24" /usr/bin/time -f '%U %S' -o "$WORK/$label.time" \
        "$HAWKER" gui "$@" --screenshot "$WORK/$label.png" \
        --after-frames "$FRAMES" >"$WORK/$label.out" 2>"$WORK/$label.err" ||
        { echo "bench: the console ($label) failed:" >&2; tail -5 "$WORK/$label.err" >&2; exit 1; }
    local line summary cpu frames
    line="$(grep '^console ' "$WORK/$label.out")"
    summary="$(grep '^summary ' "$WORK/$label.out" || true)"
    frames="$(value frames <<<"$line")"
    cpu="$(awk -v f="$frames" '{ printf "%.2f", ($1 + $2) * 1000 / f }' "$WORK/$label.time")"
    echo "$(value frame_ms_median <<<"$line") $(value frame_ms_p99 <<<"$line") $(value build_ms_median <<<"$line") $(value dropped <<<"$summary") $cpu $(value drawn_share <<<"$line")"
}

: >"$WORK/operator.txt"; : >"$WORK/reference.txt"; : >"$WORK/whole.txt"
for run in $(seq 1 "$RUNS"); do
    run_console operator "$WORK/show.toml" --db "$WORK/hawker.db" >>"$WORK/operator.txt"
    HAWKER_CONSOLE_WHOLE_FRAMES=1 run_console whole "$WORK/show.toml" --db "$WORK/hawker.db" >>"$WORK/whole.txt"
    run_console reference --role merchandiser --db "$WORK/hawker.db" >>"$WORK/reference.txt"
    echo "run $run: operator $(tail -1 "$WORK/operator.txt") | whole frames $(tail -1 "$WORK/whole.txt") | reference $(tail -1 "$WORK/reference.txt")" >&2
done
col() { awk -v c="$1" '{ print $c }' "$2" | median; }
OP_MED="$(col 1 "$WORK/operator.txt")"; OP_P99="$(col 2 "$WORK/operator.txt")"
OP_BUILD="$(col 3 "$WORK/operator.txt")"; OP_DROP="$(col 4 "$WORK/operator.txt")"
REF_MED="$(col 1 "$WORK/reference.txt")"
RATIO="$(awk -v a="$OP_MED" -v b="$REF_MED" 'BEGIN { printf "%.2f", a / b }')"
WHOLE_MED="$(col 1 "$WORK/whole.txt")"; OP_CPU="$(col 5 "$WORK/operator.txt")"; WHOLE_CPU="$(col 5 "$WORK/whole.txt")"
OP_SHARE="$(col 6 "$WORK/operator.txt")"
# Paired per run: this run's default desk against this run's whole-frame desk.
PAIRED_MS="$(paste -d' ' "$WORK/operator.txt" "$WORK/whole.txt" | awk '{ printf "%.2f\n", $1 / $7 }' | median)"
PAIRED_CPU="$(paste -d' ' "$WORK/operator.txt" "$WORK/whole.txt" | awk '{ printf "%.2f\n", $5 / $11 }' | median)"
RENDERER="$(grep -o 'OpenGL .*' "$WORK/operator.err" | head -1 || true)"
{
    echo "## Console frame time ($(date -u +%Y-%m-%d), $(nproc) cores, median of $RUNS runs of $FRAMES frames)"
    echo
    echo "$RENDERER"
    echo
    echo "| measurement | median |"
    echo "|---|---|"
    echo "| operator desk, 4 sources on air: frame work median | $OP_MED ms (budget <= 16 ms) |"
    echo "| operator desk: frame work p99 | $OP_P99 ms |"
    echo "| operator desk: UI build part (ImGui, no drawing) | $OP_BUILD ms |"
    echo "| program frames dropped while the console ran | $OP_DROP |"
    echo "| reference: merchandiser login, same window, no program | $REF_MED ms |"
    echo "| ratio operator / reference | $RATIO |"
    echo "| operator desk drawing every frame whole: frame work median | $WHOLE_MED ms |"
    echo "| drawn in part ÷ whole, frame work (median of paired runs) | $PAIRED_MS |"
    echo "| process CPU per console frame, drawn in part / whole | $OP_CPU / $WHOLE_CPU ms (paired ratio $PAIRED_CPU) |"
    echo "| share of the window's pixels drawn, in part | $OP_SHARE |"
} | tee "$RESULTS/console.md"
