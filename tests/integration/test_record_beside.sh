#!/usr/bin/env bash
# A recording is never overwritten: two offline shows on the same record path
# write program.mkv and program-2.mkv (the second says so in its log), both
# play whole; only --overwrite replaces program.mkv; a {time} pattern in the
# path names each show's file by its start.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe

camera_show "record beside" 320 240 30 500 1 "program.mkv" > "$T/show.toml"
frames_of() { count_frames "$1"; }

hawker_fg first 60 run "$T/show.toml" --offline --duration 1
check "the first show runs (rc $HAWKER_RC)" test "$HAWKER_RC" -eq 0
check "it says where it records" grep -q "output record records to $T/program.mkv" "$T/first.err"
first_size=$(stat -c %s "$T/program.mkv" 2>/dev/null)

hawker_fg second 60 run "$T/show.toml" --offline --duration 2
check "the second show on the same path runs (rc $HAWKER_RC)" test "$HAWKER_RC" -eq 0
check "it says the file exists and which one it records to instead" \
    grep -q "output record: $T/program.mkv exists, so this show records to $T/program-2.mkv (--overwrite replaces it)" \
    "$T/second.err"
check "its summary names that file" grep -q "^output id=record .*target=$T/program-2.mkv" "$T/second.out"
check "the first recording is untouched (size $(stat -c %s "$T/program.mkv") = $first_size)" \
    test "$(stat -c %s "$T/program.mkv")" = "$first_size"
check "the first plays whole: $(frames_of "$T/program.mkv") frames (30)" test "$(frames_of "$T/program.mkv")" = 30
check "the second plays whole: $(frames_of "$T/program-2.mkv") frames (60)" test "$(frames_of "$T/program-2.mkv")" = 60
check "both are H.264 ($(probe_stream "$T/program.mkv" v:0 codec_name), $(probe_stream "$T/program-2.mkv" v:0 codec_name))" \
    test "$(probe_stream "$T/program.mkv" v:0 codec_name)/$(probe_stream "$T/program-2.mkv" v:0 codec_name)" = h264/h264

hawker_fg third 60 run "$T/show.toml" --offline --duration 1
check "a third show goes to program-3.mkv" grep -q "records to $T/program-3.mkv" "$T/third.err"
check "program-3.mkv plays: $(frames_of "$T/program-3.mkv") frames" test "$(frames_of "$T/program-3.mkv")" = 30

hawker_fg replace 60 run "$T/show.toml" --offline --duration 3 --overwrite
check "--overwrite replaces program.mkv and says so" \
    grep -q "output record records to $T/program.mkv, replacing the recording there (--overwrite)" "$T/replace.err"
check "program.mkv now holds the 3 s show: $(frames_of "$T/program.mkv") frames (90)" \
    test "$(frames_of "$T/program.mkv")" = 90
check "no program-4.mkv was made" test ! -e "$T/program-4.mkv"

sed 's|path = "program.mkv"|path = "show-{time}.mkv"|' "$T/show.toml" > "$T/timed.toml"
hawker_fg timed 60 run "$T/timed.toml" --offline --duration 1
timed=$(ls "$T"/show-*.mkv 2>/dev/null | head -n1)
check "a {time} path records to show-YYYYMMDD-HHMMSS.mkv ($(basename "${timed:-none}"))" \
    grep -qE '/show-[0-9]{8}-[0-9]{6}\.mkv$' <<< "${timed:-}"
check "which plays: $(frames_of "${timed:-/nonexistent}") frames" test "$(frames_of "${timed:-/nonexistent}")" = 30
finish
