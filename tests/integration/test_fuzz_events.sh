#!/usr/bin/env bash
# The viewer-event parser under libFuzzer (ASan + UBSan) for a bounded 20 s,
# starting from the seed corpus in tests/fuzz/corpus: no crash, no leak, no
# hang, and every refusal has a reason (the harness aborts otherwise).
source "$(dirname "$0")/lib.sh"
require_tools clang++

HAWKER_BUILD_DIR="$T/build" timeout -s KILL 240 bash "$HAWKER_SOURCE_DIR/scripts/fuzz.sh" 20 events > "$T/fuzz.log" 2>&1
rc=$?
runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$T/fuzz.log")
check "the fuzzer ran to its time limit without a finding (exit $rc)" test "$rc" -eq 0
check "it executed many inputs (runs=${runs:-none}, >= 10000)" test "${runs:-0}" -ge 10000
if (( rc != 0 )); then tail -n 40 "$T/fuzz.log"; fi
finish
