#!/usr/bin/env bash
# The viewer-event parser under libFuzzer (ASan + UBSan) for a bounded 60,000 inputs,
# starting from the seed corpus in tests/fuzz/corpus: no crash, no leak, no
# hang, and every refusal has a reason (the harness aborts otherwise).
source "$(dirname "$0")/lib.sh"
require_tools clang++

# A set number of inputs (about 15 s on this project's 2-core machine), not a time: the suite runs this test
# at low priority beside the live tests, and the work done must not depend on what they leave it. The time
# given is only a cap.
HAWKER_BUILD_DIR="$T/build" FUZZ_RUNS=60000 timeout -s KILL "$(time_limit 240)" \
    bash "$HAWKER_SOURCE_DIR/scripts/fuzz.sh" "$(time_limit 60)" events > "$T/fuzz.log" 2>&1
rc=$?
runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$T/fuzz.log")
check "the fuzzer ran without a finding (exit $rc)" test "$rc" -eq 0
check "it executed all 60000 inputs (runs=${runs:-none})" test "${runs:-0}" -eq 60000
if (( rc != 0 )); then tail -n 40 "$T/fuzz.log"; fi
finish
