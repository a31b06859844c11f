#!/usr/bin/env bash
# The whole test suite: installs what is missing, configures, builds and runs
# every unit and integration test with ctest. Exits non-zero on any failure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

"$ROOT/scripts/setup.sh"

BUILD="${HAWKER_BUILD_DIR:-$ROOT/build}"
# The tests run the optimised build without debug information: -g costs about
# a third of the compile time, and CI has a time limit. (A developer's own
# build keeps RelWithDebInfo, the default of CMakeLists.txt.)
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -DNDEBUG" \
    -DBUILD_TESTING=ON >/dev/null
cmake --build "$BUILD" -j "${HAWKER_JOBS:-2}"

# Unit tests (and the layering check) are independent processes: two at a
# time. Integration tests start servers and feeders of their own; they run
# one at a time so timing-sensitive fault tests do not compete for the cores.
cd "$BUILD"
rc=0
ctest --output-on-failure --timeout 600 -LE integration -j "${HAWKER_JOBS:-2}" "$@" || rc=$?
ctest --output-on-failure --timeout 600 -L integration "$@" || rc=$?
exit "$rc"
