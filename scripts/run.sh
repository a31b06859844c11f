#!/usr/bin/env bash
# The main job: builds Hawker if needed, then on a machine with a display
# opens the console on the demo show (close the window to end it); without a
# display it runs the 60 s demo show headless from built-in synthetic cameras
# into a recording and prints where it wrote and the output's stats. Extra
# arguments go to `hawker gui` or `hawker demo` (e.g. --duration 10 headless).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

"$ROOT/scripts/setup.sh"
BUILD="${HAWKER_BUILD_DIR:-$ROOT/build}"
if [ ! -x "$BUILD/studio/hawker" ] || [ -n "$(find "$ROOT/capture" "$ROOT/overlay" "$ROOT/studio" -newer "$BUILD/studio/hawker" -name '*.[ch]pp' -print -quit)" ]; then
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$BUILD" -j "${HAWKER_JOBS:-2}" --target hawker
fi

OUT="${HAWKER_DEMO_OUT:-$ROOT/out/demo}"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${HAWKER_HEADLESS:-}" ]; then
    # The console runs the demo show live; its session and recording go to $OUT.
    "$BUILD/studio/hawker" gui --out "$OUT" "$@"
    echo
    echo "session database: $OUT/hawker.db (review it: $BUILD/studio/hawker gui --role merchandiser --db $OUT/hawker.db)"
    exit 0
fi
"$BUILD/studio/hawker" demo --out "$OUT" --duration 60 "$@"
echo
echo "recording: $OUT/program.mkv"
ffprobe -v error -show_entries format=duration,size,bit_rate -show_entries stream=codec_name,width,height,r_frame_rate,sample_rate \
    -of compact "$OUT/program.mkv"
