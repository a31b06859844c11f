#!/usr/bin/env bash
# Re-renders the reference PNGs of the graphics golden tests into tests/golden/.
# Run it only after a deliberate change to how graphics look, then open every
# PNG and check it before committing. The tests themselves never write them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${HAWKER_BUILD_DIR:-$ROOT/build}"
cmake -S "$ROOT" -B "$BUILD" -DBUILD_TESTING=ON >/dev/null
cmake --build "$BUILD" -j "${HAWKER_JOBS:-2}" --target hawker_update_golden
"$BUILD/tests/hawker_update_golden" "$ROOT/tests/golden"
