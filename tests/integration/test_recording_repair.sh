#!/usr/bin/env bash
# A recording cut short by kill -9 has no chapters (they are written with the
# file's trailer), and `hawker recording repair` writes them back from the
# session's timeline, one per segment and per card, up to the kill, without
# touching a frame. A live demo, killed 16 s after it started; the chapters of a
# whole recording and the clips are test_clips' (an offline test).
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe ffmpeg python3 sqlite3

K="$T/killed"
hawker_bg killed demo --out "$K" --duration 60
wait_until 30 test -s "$K/hawker.db"
sleep_until "$HAWKER_START" 16
kill -KILL "$HAWKER_PID"
wait_pid "$HAWKER_PID" 10
check "the killed demo died of SIGKILL (exit $WAIT_RC)" test "$WAIT_RC" -eq 137
before=$(chapters "$K/program.mkv" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['chapters']))")
check "a killed recording has no chapters ($before)" test "$before" -eq 0
frames_before=$(ffprobe -v error -count_packets -select_streams v -show_entries stream=nb_read_packets -of csv=p=0 "$K/program.mkv")
hawker_fg repair 60 recording repair --db "$K/hawker.db" --session 1
check "recording repair exits 0 (got $HAWKER_RC: $(tail -c 200 "$T/repair.err"))" test "$HAWKER_RC" -eq 0
chapters "$K/program.mkv" > "$T/repaired.json"
python3 - "$T/repaired.json" <<'PY' > "$T/repaired.check" 2>&1
import json, sys
got = [(float(c["start_time"]), c["tags"]["title"]) for c in json.load(open(sys.argv[1]))["chapters"]]
print(got)
titles = [t for _, t in got]
# By 16 s the demo was in its third segment, with the serum's card shown at 7.5 s.
assert any(t.startswith("#1 ") for t in titles) and any(t.startswith("#3 ") for t in titles), titles
assert any(t.startswith("小棕瓶精华液") for t in titles), titles
assert all(abs(s - w) <= 0.05 for (s, t), w in zip(sorted(got), [0.5, 7.5, 7.501, 12.5])), got
print("ok")
PY
check "repair wrote the chapters up to the kill ($(tail -c 300 "$T/repaired.check"))" grep -qx ok "$T/repaired.check"
frames_after=$(ffprobe -v error -count_packets -select_streams v -show_entries stream=nb_read_packets -of csv=p=0 "$K/program.mkv")
check "repair kept every frame ($frames_before → $frames_after)" test "$frames_before" -eq "$frames_after"
errors=$(ffmpeg -nostdin -v error -i "$K/program.mkv" -f null - 2>&1 | wc -l)
check "the repaired recording decodes without an error ($errors lines)" test "$errors" -eq 0
finish
