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

# Unit tests (and the layering and translation checks) are independent
# processes: two at a time.
cd "$BUILD"
rc=0
ctest --output-on-failure --timeout 600 -LE integration -j "${HAWKER_JOBS:-2}" "$@" || rc=$?

# Integration tests (tests/CMakeLists.txt says which kind each is). The live
# ones run one at a time, each with the machine's full attention: their checks
# include time budgets. Meanwhile the offline ones, whose results do not
# depend on the machine's speed, run one at a time at the lowest CPU and I/O
# priority, in what the live tests leave idle (most of a core, most of the
# time); their limits, which only catch a hang, are stretched to match. The
# offline run is started from the tests' own folder, so that the two ctest
# runs keep their logs apart.
offline_log="$BUILD/Testing/offline-tests.log"
mkdir -p "$BUILD/Testing"
HAWKER_TEST_TIME_SCALE=4 nice -n 19 ionice -c 3 -t \
    ctest --test-dir "$BUILD/tests" --output-on-failure -L offline "$@" > "$offline_log" 2>&1 &
offline_pid=$!
ctest --output-on-failure --timeout 600 -L integration -LE offline "$@" || rc=$?
offline_rc=0
wait "$offline_pid" || offline_rc=$?
echo "--- the offline integration tests, run beside the live ones ($offline_log):"
cat "$offline_log"
((offline_rc == 0)) || rc=$offline_rc
exit "$rc"
