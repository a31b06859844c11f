#!/usr/bin/env bash
# The main job: builds Hawker if needed and runs the 60 s demo show from
# built-in synthetic cameras into a recording, then prints where it wrote and
# the output's stats. Extra arguments go to `hawker demo` (e.g. --duration 10).
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
"$BUILD/studio/hawker" demo --out "$OUT" --duration 60 "$@"
echo
echo "recording: $OUT/program.mkv"
ffprobe -v error -show_entries format=duration,size,bit_rate -show_entries stream=codec_name,width,height,r_frame_rate,sample_rate \
    -of compact "$OUT/program.mkv"
