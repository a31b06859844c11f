#!/usr/bin/env bash
# No exception escapes a thread: a live show is run with faults injected
# (HAWKER_INJECT_FAULTS) into the compositor's tick and its picture, the live
# analytics, a camera's reader, the encoder and an API handler. Each fault is
# logged once where it happened, the request that hit one is answered 500
# with a JSON body, the camera reconnects by itself, and the show runs to its
# end: the recording has every frame but the one the encoder failed on.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools curl ffprobe

PORT=$(pick_port)
export HAWKER_HOME="$T/home"
export HAWKER_TEST_OPERATOR_TOKEN="$(random_token op)"
export HAWKER_TEST_MERCH_TOKEN="$(random_token me)"
OP=$HAWKER_TEST_OPERATOR_TOKEN
BASE="http://127.0.0.1:$PORT/api/v1"
SECS=10; FPS=25

camera_show "thread faults" 320 568 $FPS 600 2 "program.mkv" > "$T/show.toml"
api_block "$PORT" >> "$T/show.toml"

export HAWKER_INJECT_FAULTS="compositor.tick@30,compositor.compose@60,analytics.tick@3,source.read:cam1@80,encoder.tick@120,api.handler@3"
hawker_bg hawker run "$T/show.toml" --duration $SECS --db "$T/hawker.db"
wait_api || die "the API did not answer within 10 s"
codes=()
for i in 1 2 3 4 5; do
    api "$OP" /state
    codes+=("$CODE")
    [[ "$CODE" == 500 ]] && echo "$BODY" > "$T/500.json"
done
n500=$(printf '%s\n' "${codes[@]}" | grep -c '^500$'); n200=$(printf '%s\n' "${codes[@]}" | grep -c '^200$')
check "an injected handler fault is answered 500 once, the other reads 200 (${codes[*]})" test "$n500/$n200" = 1/4
check "the 500 is JSON that says the show goes on" grep -q '"error":"internal error; the show goes on' "$T/500.json"

wait_pid "$HAWKER_PID" $((SECS + 30))
check "hawker exits 0 (got $WAIT_RC)" test "$WAIT_RC" -eq 0
err="$T/hawker.err"
check "the run says faults are injected on purpose" grep -q 'HAWKER_INJECT_FAULTS is set' "$err"
check "the tick's fault is logged once" test "$(grep -c 'compositor: tick 29 control failed (injected fault at compositor.tick)' "$err")" = 1
# The 60th picture is tick 59 unless a tick before it ran late: a late tick repeats the last picture
# without composing, and the fault moves on with the count.
compose_lines=$(grep -E 'compositor: tick [0-9]+ compose failed \(injected fault at compositor.compose\)' "$err" || true)
compose_tick=$(sed -n 's/.*compositor: tick \([0-9]*\) compose failed.*/\1/p' <<< "$compose_lines" | head -n1)
check "the picture's fault is logged once" test "$(grep -c . <<< "$compose_lines")" = 1
check "the picture's fault hit the 60th picture or later (tick ${compose_tick:-none})" test "${compose_tick:-0}" -ge 59
check "the analytics' fault is logged once" test "$(grep -c 'live analytics: injected fault at analytics.tick' "$err")" = 1
check "the camera's fault is logged once" test "$(grep -c 'read failed: injected fault at source.read' "$err")" = 1
check "the encoder's fault is logged once" test "$(grep -c 'encoder program: injected fault at encoder.tick' "$err")" = 1
check "the handler's fault is logged once" test "$(grep -c 'api GET /api/v1/state failed: injected fault at api.handler' "$err")" = 1
faults=$(summary_value "$T/hawker.out" tick_faults)
check "the program counted its two faulty ticks (tick_faults=$faults)" test "$faults" = 2
state=$(item_value "$T/hawker.out" source cam1 state)
reconnects=$(item_value "$T/hawker.out" source cam1 reconnects)
check "the camera reconnected by itself (state=$state reconnects=$reconnects)" test "$state/$reconnects" = live/1
frames=$(count_frames "$T/program.mkv")
check "the recording has every frame but the encoder's ($frames = $((SECS * FPS - 1)))" test "${frames:-0}" = $((SECS * FPS - 1))
finish
