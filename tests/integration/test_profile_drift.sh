#!/usr/bin/env bash
# An output's bitrate drifts out of its platform profile when the encoder is
# starved, and Hawker says so. A live show (40 s, one recording held to a
# profile stated in the show file: at least 600 kbps, a keyframe at least every
# 1.5 s) runs pinned to one CPU at nice 10; from 12 s to 20 s two busy loops at
# nice 0 take that CPU, so the encoder makes a fraction of its frames.
#   - in its first seconds the show logs the profile check: video_kbps and
#     keyint_s pass;
#   - during the starvation the output goes off_profile (Hawker's own log
#     stamps, between the starvation's start and 5 s after its end), the
#     output_profile alert goes red naming the output and the rule, and the
#     session's timeline has the off_profile row;
#   - once fed again it comes back (on_profile) before the show ends;
#   - the report lists the alert as an output incident.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools taskset nice sqlite3 ffprobe

SECS=40 STARVE_AT=12 STARVE_S=8
(( $(nproc) >= 2 )) || skip "needs two CPUs (the test pins the show to one and starves it there)"

{
    camera_show "profile drift test" 540 960 30 1000 1 program.mkv
    cat <<EOF
[outputs.rules.video_kbps]
min = 600
[outputs.rules.keyint_s]
max = 1.5
EOF
} > "$T/show.toml"

HAWKER_REAL="$HAWKER"
HAWKER="$T/pinned"
printf '#!/bin/sh\nexec taskset -c 0 nice -n 10 "%s" "$@"\n' "$HAWKER_REAL" > "$HAWKER"
chmod +x "$HAWKER"
hawker_bg run run "$T/show.toml" --db "$T/show.db" --duration $SECS
T0=$HAWKER_START
sleep_until "$T0" $STARVE_AT
kill -0 "$HAWKER_PID" 2>/dev/null || die "hawker exited before the starvation: $(tail -n3 "$T/run.err")"
STARVED=$(day_seconds)
for i in 1 2; do
    taskset -c 0 nice -n 0 bash -c 'end=$((SECONDS + '"$STARVE_S"')); while ((SECONDS < end)); do :; done' &
    track_pid $!
done
sleep $STARVE_S
FED=$(day_seconds)
wait_pid "$HAWKER_PID" $((SECS + 40))
check "hawker ran to the end (rc $WAIT_RC)" test "$WAIT_RC" = 0

# --- the first seconds' check ----------------------------------------------------------------------
for rule in video_kbps keyint_s; do
    line=$(grep -m1 "profile check record (custom) $rule " "$T/run.err")
    check "the first seconds' check logs $rule: ${line#*info: }" bash -c '[[ "$1" == *" pass: "* ]]' _ "$line"
done

# --- the drift ------------------------------------------------------------------------------------
OFF_AT=$(log_time "$T/run.err" "timeline output record off_profile" "$STARVED")
OFF=$(log_stamped "$T/run.err" "timeline output record off_profile" | head -n1)
info "starved ${STARVED}..${FED}; ${OFF:-no off_profile line}"
check "the output went off its profile while starved" test -n "$OFF_AT"
if [[ -n "$OFF_AT" ]]; then
    after=$(span_s "$STARVED" "$OFF_AT") late=$(span_s "$FED" "$OFF_AT")
    check "  between the starvation's start and 5 s after its end (+${after} s; ${late} s after it)" \
        fcmp "$after >= 0 && $late <= 5"
fi
check "  naming the rule it broke" bash -c '[[ "$1" == *video_kbps* || "$1" == *keyint_s* ]]' _ "$OFF"
ALERT=$(log_stamped "$T/run.err" "alert red output-profile: " | head -n1)
check "the output_profile alert went red: ${ALERT#* }" \
    bash -c '[[ "$1" == *"推流不符合平台要求 output out of its platform profile: record: "* ]]' _ "$ALERT"
ON_AT=$(log_time "$T/run.err" "timeline output record on_profile" "${OFF_AT:-$STARVED}")
check "it came back on its profile once fed (${ON_AT:-never})" test -n "$ON_AT"
rows=$(sqlite3 "$T/show.db" "SELECT group_concat(json_extract(fields, '$.state'), ',') FROM timeline WHERE event = 'output' AND json_extract(fields, '$.state') LIKE '%profile' ORDER BY id")
check "the session's timeline has the off_profile and on_profile rows ($rows)" \
    bash -c '[[ "$1" == off_profile,on_profile* ]]' _ "$rows"

# --- the review ------------------------------------------------------------------------------------
"$HAWKER_REAL" report --db "$T/show.db" --session 1 --json > "$T/report.json" 2> "$T/report.err"
incident=$(sqlite3 :memory: "SELECT json_extract(value, '$.kind') || ': ' || json_extract(value, '$.text') FROM json_each(readfile('$T/report.json'), '$.incidents') WHERE json_extract(value, '$.text') LIKE '%platform profile%' LIMIT 1")
check "the report lists it as an output incident (${incident:0:90})" bash -c '[[ "$1" == output:* ]]' _ "$incident"
finish
