# Scene A, one build of Hawker against another (scripts/bench.sh compare).
# Sourced by scripts/bench.sh once the scene A shows are written: it uses
# $HAWKER (the build under test), $BENCH_BASELINE (the build to compare with),
# $RUNS pairs, $SECS program seconds, $WORK and the helpers defined there.
#
# A change that should not change performance (a refactor, a split of files) is
# judged on this, not on two separate runs of the ffmpeg comparison: both
# binaries decode, compose and encode exactly the same show, so the only
# difference left is the build, and running them in alternation pairs each
# run with one under the same machine load. For each pair it records
#   offline: output frames / process wall seconds (`hawker run --offline`);
#   paced:   user + system CPU seconds per output second (`hawker run`, real time);
# and reports the medians and the median of the per-pair ratios (under test ÷
# baseline). On this 2-core virtual machine single runs vary by up to ±15 %;
# the paired median is the figure to quote.

[[ -n "${BENCH_BASELINE:-}" ]] || die "compare: set BENCH_BASELINE to the hawker binary to compare with"
[[ -x "$BENCH_BASELINE" ]] || die "compare: BENCH_BASELINE is not an executable: $BENCH_BASELINE"

# compare_run BINARY MODE TAG: one run; prints "wall cpu frames"
compare_run() {
    local bin="$1" mode="$2" tag="$3" args=() out user sys rss wall
    [[ "$mode" == offline ]] && args=(--offline)
    out="$WORK/compare_${tag}_$mode"
    /usr/bin/time -f '%U %S %M %e' -o "$out.time" \
        "$bin" run "$WORK/scene_a_$mode.toml" --duration "$SECS" "${args[@]}" > "$out.out" 2> "$out.err" ||
        { tail -n 20 "$out.err" >&2; die "$bin exited with an error (logs: $out.err)"; }
    read -r user sys rss wall < <(tail -n1 "$out.time")
    echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') $(count_frames "$WORK/hawker_scene_a_$mode.mkv")"
}

LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
log "compare: $RUNS pairs of ${SECS}s, baseline $BENCH_BASELINE, under test $HAWKER (load $LOAD_AT_START)"
: > "$WORK/compare.tsv"
for ((r = 1; r <= RUNS; r++)); do
    for mode in offline paced; do
        # Alternate which build goes first, so neither always runs on a warm cache.
        if ((r % 2)); then order=(base test); else order=(test base); fi
        declare -A fig=()
        for side in "${order[@]}"; do
            bin="$HAWKER"; [[ "$side" == base ]] && bin="$BENCH_BASELINE"
            log "compare pair $r/$RUNS, $mode, $side"
            read -r wall cpu frames < <(compare_run "$bin" "$mode" "${side}_$r")
            ((frames > 0)) || die "compare: $side wrote no frames ($mode, pair $r)"
            if [[ "$mode" == offline ]]; then
                fig[$side]=$(awk -v f="$frames" -v w="$wall" 'BEGIN { printf "%.1f", f / w }')
            else
                fig[$side]=$(awk -v c="$cpu" -v f="$frames" -v fps="$FPS" 'BEGIN { printf "%.3f", c / (f / fps) }')
            fi
        done
        printf '%s\t%s\t%s\t%s\n' "$mode" "$r" "${fig[base]}" "${fig[test]}" >> "$WORK/compare.tsv"
        unset fig
    done
done

figures() { awk -F'\t' -v m="$1" -v c="$2" '$1 == m { print $c }' "$WORK/compare.tsv"; }
pair_ratio_list() { awk -F'\t' -v m="$1" '$1 == m && $3 > 0 { printf "%.3f\n", $4 / $3 }' "$WORK/compare.tsv"; }
OFF_BASE=$(figures offline 3 | median_in); OFF_TEST=$(figures offline 4 | median_in)
CPU_BASE=$(figures paced 3 | median_in); CPU_TEST=$(figures paced 4 | median_in)
OFF_RATIO=$(pair_ratio_list offline | median_in); CPU_RATIO=$(pair_ratio_list paced | median_in)
range() { pair_ratio_list "$1" | sort -g | sed -n '1p;$p' | paste -sd' ' | sed 's/ / – /'; }

REPORT="$RESULTS/compare.md"
{
    echo "# Scene A, build against build — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo
    echo "- machine: $(nproc) cores; load average at start: $LOAD_AT_START, at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- baseline: \`$BENCH_BASELINE\`; under test: \`$HAWKER\`"
    echo "- $RUNS pairs of ${SECS} s of scene A per mode, the two builds alternating (order swapped every pair)"
    echo
    echo "| what | baseline (median) | under test (median) | under test ÷ baseline, median of pairs | range of pairs |"
    echo "|---|---|---|---|---|"
    echo "| offline throughput (fps, higher is better) | $OFF_BASE | $OFF_TEST | $OFF_RATIO | $(range offline) |"
    echo "| real time: CPU s per output s (lower is better) | $CPU_BASE | $CPU_TEST | $CPU_RATIO | $(range paced) |"
    echo
    echo "Per pair (mode, pair, baseline, under test):"
    echo
    sed 's/\t/ /g; s/^/- /' "$WORK/compare.tsv"
} > "$REPORT"
echo
cat "$REPORT"
log "written to $REPORT"
