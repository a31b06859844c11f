#!/usr/bin/env bash
# hawker run --db: the show is a session in a real SQLite file; every scene
# cut, card, offer step and output event is on its on-air timeline, every
# command in its audit log, and the session ends when the show does. The
# show's log is also in a file beside the database (DB.log), line for line
# what stderr said; a log file that cannot be opened is one warning, and the
# show goes on.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools sqlite3 ffprobe

camera_show "timeline test" 360 640 30 800 2 "program.mkv" > "$T/show.toml"
cat >> "$T/show.toml" <<EOF

[[scenes]]
id = "second"
layers = [ { kind = "color", color = "#204060", rect = [0, 0, 360, 640] } ]
slots = [ { name = "card", rect = [10, 420, 340, 120] }, { name = "countdown", rect = [10, 20, 210, 100] } ]

[[products]]
sku = "S1"
name = "精华液"
price_cents = 29900

[[cues]]
at_s = 0.5
command = "approve"
card = "S1"
actor = "lin"
role = "merchandiser"

[[cues]]
at_s = 0.6
command = "approve"
offer = "S1"
actor = "lin"
role = "merchandiser"

[[cues]]
at_s = 1.0
command = "cut"
scene = "second"

[[cues]]
at_s = 1.5
command = "card.show"
sku = "S1"

[[cues]]
at_s = 2.0
command = "offer.start"
sku = "S1"
price_cents = 9900
quantity = 10
prelaunch_s = 10
duration_s = 60

[[cues]]
at_s = 3.0
command = "cut"
scene = "nowhere-refused-at-parse"
EOF
# The last cue names an unknown scene: the show file is refused, nothing stored.
hawker_fg bad 30 run "$T/show.toml" --duration 4 --offline --db "$T/hawker.db"
check "a bad show file is refused before a session starts (exit $HAWKER_RC)" test "$HAWKER_RC" -ne 0
check "no session was created" test ! -e "$T/hawker.db" -o "$(sqlite3 "$T/hawker.db" 'SELECT count(*) FROM sessions' 2>/dev/null || echo 0)" = 0

sed -i 's/scene = "nowhere-refused-at-parse"/scene = "main"/' "$T/show.toml"
hawker_fg hawker 60 run "$T/show.toml" --duration 13 --offline --rehearsal --db "$T/hawker.db"
check "hawker exits 0 (got $HAWKER_RC)" test "$HAWKER_RC" -eq 0
q() { sqlite3 "$T/hawker.db" "$1"; }
check "one rehearsal session, ended: $(q "SELECT state || ' rehearsal=' || rehearsal FROM sessions")" \
    test "$(q "SELECT state || ',' || rehearsal FROM sessions")" = "ended,1"
check "timeline has the cut to 'second' at 1000 ms" test "$(q "SELECT program_ms FROM timeline WHERE event = 'program' AND detail LIKE 'second%'")" = 1000
check "timeline has the card shown at 1500 ms" test "$(q "SELECT program_ms FROM timeline WHERE event = 'card_shown'")" = 1500
check "timeline has the offer going on sale at 12000 ms" test "$(q "SELECT program_ms FROM timeline WHERE event = 'offer' AND detail LIKE '%on_sale%'")" = 12000
check "timeline has the recording starting and stopping" test "$(q "SELECT count(*) FROM timeline WHERE event = 'output' AND (detail LIKE 'record live%' OR detail LIKE 'record stopped%')")" = 2
check "audit has the 4 automation commands" test "$(q "SELECT count(*) FROM audit WHERE role = 'automation' AND ok = 1")" = 4
check "audit has the 2 approvals by the merchandiser" test "$(q "SELECT count(*) FROM audit WHERE who = 'lin' AND role = 'merchandiser' AND command = 'approve' AND ok = 1")" = 2
# Output and recording rows come from the outputs' threads, behind the program by the encoder's delay.
check "timeline rows are in program-time order" test "$(q "SELECT group_concat(program_ms) FROM (SELECT program_ms FROM timeline WHERE event NOT IN ('output', 'recording') ORDER BY id)")" = "1000,1500,2000,3000,12000,13000"
check "the recording's file is on the timeline with its first frame at program time 0" \
    test "$(q "SELECT count(*) || ',' || json_extract(fields, '\$.base_ms') || ',' || (json_extract(fields, '\$.file') LIKE '%.mkv') FROM timeline WHERE event = 'recording'")" = "1,0,1"
check "the sale still running ends with the show, saying what is left ($(q "SELECT detail FROM timeline WHERE program_ms = 13000 AND event = 'offer'"))" \
    bash -c '[[ "$1" == *"ended: show ended, "*" left" ]]' _ "$(q "SELECT detail FROM timeline WHERE program_ms = 13000 AND event = 'offer'")"

# The log file beside the database: the refused run's lines and its reason, then this run's stderr, line for line.
LOG="$T/hawker.db.log"
check "the log is in a file beside the database ($(wc -l < "$LOG" 2>/dev/null) lines)" test -s "$LOG"
stamp='^\[[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9][0-9][0-9]\] (debug|info|warn|error): '
check "every line of it is stamped like stderr's ($(grep -cEv "$stamp" "$LOG") are not)" \
    test "$(grep -cEv "$stamp" "$LOG")" = 0
check "it holds stderr's $(wc -l < "$T/hawker.err") lines of the show, the same and in order" \
    bash -c 'test "$(wc -l < "$2")" -gt 3 && diff <(tail -n "$(wc -l < "$2")" "$1") "$2" > /dev/null' _ "$LOG" "$T/hawker.err"
reason=$(sed -n 's/^hawker: error: //p' "$T/bad.err")
check "and why the refused run stopped, as its stderr said ($reason)" \
    grep -qF "error: hawker stopped: ${reason:-no reason on stderr}" "$LOG"

# Without a database the log goes to $HAWKER_HOME/hawker.log; where that cannot
# be (HAWKER_HOME is a file), one warning, and the show goes on.
camera_show "log file test" 160 288 30 300 1 "nolog.mkv" > "$T/nolog.toml"
HAWKER_HOME="$T/home" hawker_fg home 30 run "$T/nolog.toml" --duration 1 --offline
check "a show without a database logs to \$HAWKER_HOME/hawker.log (rc $HAWKER_RC)" \
    bash -c 'test "$1" -eq 0 && diff "$2" "$3" > /dev/null' _ "$HAWKER_RC" "$T/home/hawker.log" "$T/home.err"
: > "$T/not-a-folder"
HAWKER_HOME="$T/not-a-folder" hawker_fg unwritable 30 run "$T/nolog.toml" --duration 1 --offline --overwrite
check "an unopenable log file: the show still runs (rc $HAWKER_RC) and records every frame ($(count_frames "$T/nolog.mkv"))" \
    test "$HAWKER_RC" -eq 0 -a "$(count_frames "$T/nolog.mkv")" = 30
check "with one warning that names the file: $(grep -m1 'log file' "$T/unwritable.err")" \
    test "$(grep -c 'warn: the log file cannot be opened (.*not-a-folder/hawker.log' "$T/unwritable.err")" = 1
finish
