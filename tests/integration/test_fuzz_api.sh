#!/usr/bin/env bash
# The control API's request handling under libFuzzer (ASan + UBSan) for a
# bounded 20,000 inputs, from the seed corpus in tests/fuzz/corpus-api: request heads
# through the gate's limits, bearer tokens, log-safe text, and every command's
# arguments executed on a small show. No crash, no leak, no hang, no command
# that throws, and every refusal has a status and a reason (the harness
# aborts otherwise).
source "$(dirname "$0")/lib.sh"
require_tools clang++ pkg-config

# A set number of inputs (about 15 s on this project's 2-core machine), not a time: the suite runs this test
# at low priority beside the live tests, and the work done must not depend on what they leave it. The time
# given is only a cap.
HAWKER_BUILD_DIR="$T/build" FUZZ_RUNS=20000 timeout -s KILL "$(time_limit 420)" \
    bash "$HAWKER_SOURCE_DIR/scripts/fuzz.sh" "$(time_limit 60)" api > "$T/fuzz.log" 2>&1
rc=$?
runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$T/fuzz.log")
check "the fuzzer ran without a finding (exit $rc)" test "$rc" -eq 0
check "it executed all 20000 inputs (runs=${runs:-none})" test "${runs:-0}" -eq 20000
if (( rc != 0 )); then tail -n 40 "$T/fuzz.log"; fi
finish
