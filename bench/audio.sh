#!/usr/bin/env bash
# The sound desk's cost per program tick (docs/DESIGN.md budget: metering 4
# inputs <= 0.2 ms per tick), run by scripts/bench.sh audio.
#
# hawker_bench_audio feeds 4 tones through the desk a tick (1600 samples) at a
# time, BENCH_AUDIO_TICKS ticks a run, and prints the median and p99 of:
#   - the metering alone: EBU R128 meters (momentary, short-term, integrated,
#     true peak) on 4 inputs (the budget's figure), and on the program apart;
#   - a whole mix: 4 strips, each delayed, gated, faded and metered, summed
#     through the program's true-peak limiter.
# The reference, in the same run: ffmpeg's own ebur128 filter (peak=true)
# metering 4 stereo tones of the same length, its CPU time (user + sys, which
# includes making the tones) divided into the same number of ticks. Runs
# alternate; medians of BENCH_RUNS runs and the paired ratio.
# Results: stdout and bench/results/audio.md.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
source "$REPO/bench/bench_common.sh"
RUNS="${BENCH_RUNS:-5}"
TICKS="${BENCH_AUDIO_TICKS:-1800}"
BENCH="${HAWKER_BENCH_AUDIO:-$REPO/build/bench/hawker_bench_audio}"
RESULTS="$REPO/bench/results"
mkdir -p "$RESULTS"
[[ -x "$BENCH" ]] || cmake --build "$REPO/build" --target hawker_bench_audio -j 2
[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time missing (Debian package 'time')" >&2; exit 1; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/hawker-bench-audio.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
SECONDS_OF_SOUND=$(awk -v t="$TICKS" 'BEGIN { printf "%.3f", t / 30 }')
value() { sed -n "s/^$1=//p" "$2"; }

reference() {   # ffmpeg ebur128 on 4 stereo tones; prints CPU ms per tick
    local inputs=() graph="" i
    for i in 1 2 3 4; do
        inputs+=(-f lavfi -i "sine=frequency=$((220 * i)):sample_rate=48000:duration=$SECONDS_OF_SOUND")
        graph+="[$((i - 1)):a]aformat=channel_layouts=stereo,ebur128=peak=true[m$i];"
    done
    graph="${graph%;}"
    /usr/bin/time -f "%U %S" -o "$WORK/time.txt" ffmpeg -nostdin -v error "${inputs[@]}" -filter_complex "$graph" \
        $(for i in 1 2 3 4; do printf -- '-map [m%d] -f null - ' "$i"; done) 2> "$WORK/ffmpeg.err" \
        || { cat "$WORK/ffmpeg.err" >&2; exit 1; }
    awk -v t="$TICKS" '{ printf "%.4f", ($1 + $2) * 1000 / t }' "$WORK/time.txt"
}

: > "$WORK/meter"; : > "$WORK/program"; : > "$WORK/meter_p99"; : > "$WORK/mix"; : > "$WORK/mix_p99"; : > "$WORK/ref"; : > "$WORK/ratio"
for run in $(seq 1 "$RUNS"); do
    "$BENCH" "$TICKS" > "$WORK/run.txt"
    meter=$(value meter_4_inputs_ms_median "$WORK/run.txt")
    ref=$(reference)
    echo "$meter" >> "$WORK/meter"
    value meter_4_inputs_ms_p99 "$WORK/run.txt" >> "$WORK/meter_p99"
    value meter_program_ms_median "$WORK/run.txt" >> "$WORK/program"
    value mix_4_inputs_ms_median "$WORK/run.txt" >> "$WORK/mix"
    value mix_4_inputs_ms_p99 "$WORK/run.txt" >> "$WORK/mix_p99"
    echo "$ref" >> "$WORK/ref"
    awk -v a="$meter" -v b="$ref" 'BEGIN { printf "%.3f\n", a / b }' >> "$WORK/ratio"
    echo "run $run: metering $meter ms/tick, mix $(value mix_4_inputs_ms_median "$WORK/run.txt") ms/tick, ffmpeg ebur128 $ref ms/tick"
done
{
    echo "# Sound desk per program tick ($(date -u +%Y-%m-%dT%H:%MZ), $RUNS runs of $TICKS ticks)"
    echo
    echo "| figure | median of runs | runs |"
    echo "|---|---|---|"
    echo "| metering, 4 inputs (ms per tick, median) | $(median_in < "$WORK/meter") | $(paste -sd' ' "$WORK/meter") |"
    echo "| metering, 4 inputs, p99 | $(median_in < "$WORK/meter_p99") | $(paste -sd' ' "$WORK/meter_p99") |"
    echo "| metering, the program (ms per tick, median) | $(median_in < "$WORK/program") | $(paste -sd' ' "$WORK/program") |"
    echo "| whole mix, 4 strips + limiter (ms per tick, median) | $(median_in < "$WORK/mix") | $(paste -sd' ' "$WORK/mix") |"
    echo "| whole mix, p99 | $(median_in < "$WORK/mix_p99") | $(paste -sd' ' "$WORK/mix_p99") |"
    echo "| ffmpeg ebur128 on 4 tones (CPU ms per tick) | $(median_in < "$WORK/ref") | $(paste -sd' ' "$WORK/ref") |"
    echo "| paired ratio, Hawker's metering ÷ ffmpeg | $(median_in < "$WORK/ratio") | $(paste -sd' ' "$WORK/ratio") |"
} | tee "$RESULTS/audio.md"
