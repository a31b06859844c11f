#!/usr/bin/env bash
# Builds the libFuzzer harness of the viewer-event parser with clang
# (ASan + UBSan) and runs it for a bounded time: scripts/fuzz.sh [SECONDS].
# The harness compiles only the parser's own sources, so it needs no
# separate build of the whole project.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_TO_RUN="${1:-30}"
OUT="${HAWKER_BUILD_DIR:-$ROOT/build}/fuzz"
mkdir -p "$OUT/corpus"
cp -n "$ROOT"/tests/fuzz/corpus/* "$OUT/corpus/" 2>/dev/null || true
clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$ROOT/overlay/include" -I"$ROOT/studio/include" \
    "$ROOT/overlay/src/utf8.cpp" "$ROOT/studio/src/viewer_name.cpp" "$ROOT/studio/src/viewer_hasher.cpp" \
    "$ROOT/studio/src/analytics/viewer_event.cpp" "$ROOT/tests/fuzz/fuzz_event_parser.cpp" \
    -lcrypto -o "$OUT/fuzz_event_parser"
# -max_len: batches are bounded by the API's body limit; 64 KiB covers the
# parser's paths without slowing the search. -timeout: a hang is a failure.
"$OUT/fuzz_event_parser" -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -timeout=10 \
    -print_final_stats=1 "$OUT/corpus" 2>&1 | tail -n 12
