#!/usr/bin/env bash
# The control API's request handling under libFuzzer (ASan + UBSan) for a
# bounded 20 s, from the seed corpus in tests/fuzz/corpus-api: request heads
# through the gate's limits, bearer tokens, log-safe text, and every command's
# arguments executed on a small show. No crash, no leak, no hang, no command
# that throws, and every refusal has a status and a reason (the harness
# aborts otherwise).
source "$(dirname "$0")/lib.sh"
require_tools clang++ pkg-config

HAWKER_BUILD_DIR="$T/build" timeout -s KILL 420 bash "$HAWKER_SOURCE_DIR/scripts/fuzz.sh" 20 api > "$T/fuzz.log" 2>&1
rc=$?
runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$T/fuzz.log")
check "the fuzzer ran to its time limit without a finding (exit $rc)" test "$rc" -eq 0
check "it executed many inputs (runs=${runs:-none}, >= 2000)" test "${runs:-0}" -ge 2000
if (( rc != 0 )); then tail -n 40 "$T/fuzz.log"; fi
finish
