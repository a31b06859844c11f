#!/usr/bin/env bash
# Dropped frames are an incident on the review's curves. A live show (14 s)
# is frozen for 2 s with SIGSTOP, as a machine that stalls would freeze it.
# When it runs again its compositor is 60 ticks behind: it repeats the last
# picture until it has caught up, and the encoder, as far behind, drops what
# it cannot take.
#   - the `frames` alert goes red within 3 s of the freeze's end (Hawker's own
#     log stamps against the moment the test let it go on), saying how many
#     frames were lost or repeated, and the summary counts them;
#   - the recording has all 14 x 30 frames but those the encoder could not
#     take (the summary's `dropped`; the repeated ones are in it);
#   - `hawker report --json` lists a `frames` incident at the program time of
#     the freeze, and the HTML report, rendered by headless Chromium, draws it
#     on the viewers and GMV curves with the legend naming dropped frames.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe sqlite3 chromium

SECS=14 FPS=30 STOP_AT=5 STOP_S=2

{
    camera_show "frames incident test" 360 640 $FPS 800 2 program.mkv
    cat <<EOF

[session]
title = "卡顿测试"
host = "小美"
EOF
} > "$T/show.toml"

hawker_bg run run "$T/show.toml" --db "$T/show.db" --duration $SECS --simulate
T0=$HAWKER_START
sleep_until "$T0" $STOP_AT
kill -0 "$HAWKER_PID" 2>/dev/null || die "hawker exited before the freeze: $(tail -n3 "$T/run.err")"
STOPPED=$(day_seconds)
kill -STOP "$HAWKER_PID"
sleep $STOP_S
RESUMED=$(day_seconds)
kill -CONT "$HAWKER_PID"
wait_pid "$HAWKER_PID" $((SECS + 30))
check "hawker ran to the end (rc $WAIT_RC)" test "$WAIT_RC" = 0

# --- live: the alert and the counters ------------------------------------------------------------
ALERT_AT=$(log_time "$T/run.err" "alert red frames: " "$RESUMED")
ALERT=$(log_stamped "$T/run.err" "alert red frames: " | head -n1)
info "freeze ${STOPPED}..${RESUMED}; alert: ${ALERT:-none}"
check "the frames alert went red after the freeze" test -n "$ALERT_AT"
if [[ -n "$ALERT_AT" ]]; then
    within=$(span_s "$RESUMED" "$ALERT_AT")
    check "  within 3 s of the freeze's end (${within} s, Hawker's stamps)" fcmp "$within >= 0 && $within <= 3"
fi
lost=$(sed -n 's/.* \([0-9][0-9]*\) frames lost or repeated within 10 s.*/\1/p' <<< "$ALERT" | head -n1)
check "  it counts at least the 15 frames of its rule (${lost:-none})" fcmp "${lost:-0} >= 15"
check "  in Chinese and English" grep -q "画面卡顿 program stuttered" "$T/run.err"
dropped=$(summary_value "$T/run.out" dropped) lagged=$(summary_value "$T/run.out" lagged)
check "the summary counts the freeze's frames (dropped ${dropped:-?} + repeated ${lagged:-?} >= $(((STOP_S * FPS) * 3 / 4)))" \
    fcmp "${dropped:-0} + ${lagged:-0} >= $(((STOP_S * FPS) * 3 / 4))"
frames=$(count_frames "$T/program.mkv")
check "the recording has every frame but those the encoder could not take ($frames + ${dropped:-?} = $((SECS * FPS)))" \
    test "$((frames + ${dropped:-0}))" = $((SECS * FPS))

# --- the review: the incident on the curves --------------------------------------------------------
"$HAWKER" report --db "$T/show.db" --session 1 --json > "$T/report.json" 2> "$T/report.err"
check "report --json" test -s "$T/report.json"
start_ms=$(jx "$T/report.json" '$.session.start_utc_ms')
offset_ms=$(sqlite3 :memory: "SELECT json_extract(value, '$.offset_ms') FROM json_each(readfile('$T/report.json'), '$.incidents') WHERE json_extract(value, '$.kind') = 'frames' LIMIT 1")
check "the report lists a frames incident (offset ${offset_ms:-none} ms)" test -n "$offset_ms"
if [[ -n "$offset_ms" ]]; then
    start_day=$(day_seconds "$(awk -v m="$start_ms" 'BEGIN { printf "%.3f", m / 1000 }')")
    freeze_from=$(span_s "$start_day" "$STOPPED") freeze_to=$(span_s "$start_day" "$RESUMED")
    check "  at the freeze: ${offset_ms} ms, freeze ${freeze_from}..${freeze_to} s into the session (+3 s)" \
        fcmp "$offset_ms / 1000 >= $freeze_from && $offset_ms / 1000 <= $freeze_to + 3"
fi
check "  with the session's host in the report ($(jx "$T/report.json" '$.session.host'))" \
    test "$(jx "$T/report.json" '$.session.host')" = 小美

"$HAWKER" report --db "$T/show.db" --session 1 --html "$T/report.html" 2>> "$T/report.err"
timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$T/chrome" \
    --dump-dom "file://$T/report.html" > "$T/report_dom.html" 2> /dev/null
markers=$(grep -o '<g class="incident frames"' "$T/report_dom.html" | wc -l)
check "Chromium draws the frames incident on the minute charts ($markers markers)" fcmp "$markers >= 2"
check "  and the legend names dropped frames" grep -q "dropped frames" "$T/report_dom.html"
finish
