# shellcheck shell=bash
# Shared helpers for Hawker's integration tests.
#
# Each test_*.sh sources this file. ctest runs the tests as `bash test_X.sh`
# with these variables set (tests/CMakeLists.txt):
#   HAWKER             path to the hawker binary
#   HAWKER_SOURCE_DIR  the repository root
#   HAWKER_SHARED      the shared folder (bench references)
# Run one by hand from the repository root with:
#   HAWKER=build/studio/hawker bash tests/integration/test_offline_record.sh
# HAWKER_KEEP_TMP=1 keeps the temp directory (logs, recordings) for a look.
#
# Conventions: every test gets its own temp directory ($T), every process it
# starts is registered with track_pid and is stopped by the EXIT trap, every
# wait is bounded, and only 127.0.0.1 is used. `ok` and `fail` print one line
# each with the measured value; `finish` exits non-zero if anything failed.

set -u -o pipefail

IT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HAWKER_SOURCE_DIR="${HAWKER_SOURCE_DIR:-$(cd "$IT_DIR/../.." && pwd)}"
HAWKER="${HAWKER:-$HAWKER_SOURCE_DIR/build/studio/hawker}"
HAWKER_SHARED="${HAWKER_SHARED:-$HAWKER_SOURCE_DIR/../shared}"
# The tests cd into their temp dir; relative paths must survive that.
[[ "$HAWKER" == */* && "$HAWKER" != /* ]] && HAWKER="$PWD/$HAWKER"
[[ "$HAWKER_SOURCE_DIR" != /* ]] && HAWKER_SOURCE_DIR="$PWD/$HAWKER_SOURCE_DIR"
[[ "$HAWKER_SHARED" != /* ]] && HAWKER_SHARED="$PWD/$HAWKER_SHARED"
export HAWKER HAWKER_SOURCE_DIR HAWKER_SHARED
TEST_NAME="$(basename "${0%.sh}")"
RTMP_MODULE="${RTMP_MODULE:-/usr/lib/nginx/modules/ngx_rtmp_module.so}"
STREAM_MODULE="${STREAM_MODULE:-/usr/lib/nginx/modules/ngx_stream_module.so}"

FAILURES=0
TRACKED_PIDS=()

# --- reporting ---------------------------------------------------------------
ok()   { echo "ok: $*"; }
fail() { echo "FAIL: $*"; FAILURES=$((FAILURES + 1)); }
info() { echo "  .. $*"; }
# Fatal: the test cannot go on (the EXIT trap still cleans up).
die()  { echo "FAIL: $*"; FAILURES=$((FAILURES + 1)); exit 1; }

# skip REASON: the test cannot run here (a missing display server, say); exit
# 77, which ctest shows as skipped, not passed (SKIP_RETURN_CODE 77).
skip() { echo "SKIP: $TEST_NAME: $*"; exit 77; }

finish() {
    if (( FAILURES > 0 )); then
        echo "$TEST_NAME: $FAILURES check(s) FAILED"
        exit 1
    fi
    echo "$TEST_NAME: all checks passed"
    exit 0
}

# check DESCRIPTION COMMAND... : ok/fail on the command's status.
check() {
    local what="$1"; shift
    if "$@"; then ok "$what"; else fail "$what"; fi
}

# --- temp dir, processes and cleanup -------------------------------------------
T="$(mktemp -d "${TMPDIR:-/tmp}/hawker-it-$TEST_NAME.XXXXXX")"
# A show without a database logs to the user's state folder: here, the test's own.
export XDG_STATE_HOME="$T/state"

track_pid() { TRACKED_PIDS+=("$1"); }

# stop_pid PID [SIGNAL]: signal, then wait up to 5 s, then SIGKILL. Never fails.
stop_pid() {
    _stop_pid "$@" 2>/dev/null   # also hides bash's "Killed" job notice
}
_stop_pid() {
    local pid="$1" sig="${2:-TERM}" i
    [[ -n "$pid" ]] || return 0
    kill -0 "$pid" || { wait "$pid"; return 0; }
    kill "-$sig" "$pid"
    for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" || break
        sleep 0.1
    done
    kill -0 "$pid" && kill -KILL "$pid"
    wait "$pid"
    return 0
}

_it_cleanup() {
    local rc=$? pid
    trap - EXIT INT TERM HUP PIPE
    for pid in "${TRACKED_PIDS[@]}"; do
        stop_pid "$pid" TERM
    done
    if (( rc != 0 || FAILURES > 0 )); then
        # Show what the processes said, to make a red CI run readable.
        local f
        for f in "$T"/*.log; do
            [[ -s "$f" ]] || continue
            echo "---- tail of $(basename "$f") ----"
            tail -n 15 "$f" | sed "s/^[0-9]\{10\}\.[0-9]* //"
        done
    fi
    if [[ "${HAWKER_KEEP_TMP:-0}" == 1 ]]; then
        echo "(kept $T)"
    else
        rm -rf "$T"
    fi
    exit "$rc"
}
trap _it_cleanup EXIT
cd "$T" || exit 1
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
trap 'exit 141' PIPE

# --- prerequisites -------------------------------------------------------------
require_hawker() {
    [[ -x "$HAWKER" ]] || die "hawker binary not found or not executable: $HAWKER"
}
require_tools() {
    local t
    for t in "$@"; do
        command -v "$t" >/dev/null 2>&1 || die "required tool missing: $t"
    done
}

# require_png_probe: sets PROBE to the hawker_png_probe tool (pixel checks of
# screenshots and frames), from HAWKER_PNG_PROBE or the build tree.
require_png_probe() {
    PROBE="${HAWKER_PNG_PROBE:-$HAWKER_SOURCE_DIR/build/tests/hawker_png_probe}"
    # The test has already moved into $T: a relative path is relative to where it started.
    [[ "$PROBE" == */* && "$PROBE" != /* ]] && PROBE="${OLDPWD:-$HAWKER_SOURCE_DIR}/$PROBE"
    [[ -x "$PROBE" ]] || die "png probe not found or not executable: $PROBE (make hawker_png_probe)"
}
# rgb_dist "R G B" "R G B": Euclidean distance of two colours.
rgb_dist() { awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " ")
    printf "%.1f", sqrt((x[1]-y[1])^2 + (x[2]-y[2])^2 + (x[3]-y[3])^2) }'; }
# mean_around PNG X Y: the mean "R G B" of the 16x16 pixels around X,Y (needs PROBE).
mean_around() { "$PROBE" mean "$1" $(($2 - 8)) $(($3 - 8)) $(($2 + 8)) $(($3 + 8)); }
# is_red RGB / is_blue RGB: whether a mean colour is clearly the red (blue) of a test camera.
is_red() { awk -v c="$1" 'BEGIN { split(c, v, " "); exit !(v[1] > 150 && v[3] < 90) }'; }
is_blue() { awk -v c="$1" 'BEGIN { split(c, v, " "); exit !(v[3] > 150 && v[1] < 90) }'; }
# region OUT NAME: "x0 y0 x1 y1" of a region the console's --screenshot run printed to OUT;
# center_in OUT NAME: its centre, "x y" (where a test clicks).
region() { awk -v n="$2" '$1 == "region" && $2 == n { print $3, $4, $5, $6; exit }' "$1"; }
center_in() { awk -v n="$2" '$1 == "region" && $2 == n { printf "%d %d", ($3 + $5) / 2, ($4 + $6) / 2; exit }' "$1"; }

# --- time and numbers ------------------------------------------------------------
now() { echo "$EPOCHREALTIME"; }                         # wall clock, seconds.micro
elapsed_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.3f", b - a}'; }
# calc EXPR: floating-point arithmetic through awk, e.g. calc "1/3*1000"
# jx FILE PATH: the JSON value at PATH (SQLite's json path, "$.a.b[0]") of FILE, strings unquoted; "null"
# when missing. jlen FILE PATH: the length of the array there. Both through sqlite3, which the tests have.
jx() { sqlite3 :memory: "SELECT coalesce(json_quote(json_extract(readfile('$1'), '$2')), 'null')" | sed 's/^"\(.*\)"$/\1/'; }
jlen() { sqlite3 :memory: "SELECT json_array_length(readfile('$1'), '$2')"; }
# json_count FILE CONDITION: how many elements of the JSON array in FILE meet CONDITION, an SQL expression
# over each element's fields (json_extract(value, '$.rule') = 'database'). Unlike a grep over the text, it
# does not depend on the order of an object's members or on what objects they hold.
json_count() { sqlite3 :memory: "SELECT count(*) FROM json_each(readfile('$1')) WHERE $2"; }
calc() { awk "BEGIN { printf \"%.6g\", $1 }"; }
# fcmp "A OP B": floating-point comparison, status 0 when true. OP: < <= > >= == !=
fcmp() { awk "BEGIN { exit !($1) }"; }
absdiff() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; printf "%.6g", d }'; }
is_number() { [[ "${1:-}" =~ ^-?[0-9]+(\.[0-9]+)?$ ]]; }

# --- Hawker's own clock ---------------------------------------------------------
# Hawker's log lines (stderr, $T/NAME.err) start with "[HH:MM:SS.mmm]" in local
# time. Time windows are measured with those stamps -- between two of Hawker's
# lines, or from the moment the test acted (day_seconds of that moment) to
# Hawker's line -- never from when the test happened to read a line: on a
# busy machine the pipes lag, Hawker's clock does not. Times are seconds since
# local midnight; span_s handles a window that crosses midnight.

# day_seconds [EPOCH]: seconds since local midnight of an epoch time (default: now).
day_seconds() {
    local e="${1:-$EPOCHREALTIME}" hms
    printf -v hms '%(%H %M %S)T' "${e%.*}"
    awk -v h="$hms" -v e="$e" 'BEGIN { split(h, x, " "); printf "%.3f", x[1] * 3600 + x[2] * 60 + x[3] + (e - int(e)) }'
}
# span_s FROM TO: TO - FROM in seconds (day seconds; across midnight too).
span_s() {
    awk -v a="$1" -v b="$2" 'BEGIN { d = b - a; if (d < -43200) d += 86400; if (d > 43200) d -= 86400; printf "%.3f", d }'
}
# log_times FILE REGEX [AFTER]: the stamp of every line of Hawker's log FILE
# whose message matches REGEX (awk syntax), one per line; with AFTER (day
# seconds), only lines stamped at or after it.
log_times() {
    awk -v re="$2" -v after="${3:-}" '
        match($0, /^\[[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9][0-9][0-9]\] /) {
            t = substr($0, 2, 2) * 3600 + substr($0, 5, 2) * 60 + substr($0, 8, 6)
            msg = substr($0, RLENGTH + 1)
            if (msg !~ re) next
            if (after != "") { d = t - after; if (d < -43200) d += 86400; if (d > 43200) d -= 86400; if (d < 0) next }
            printf "%.3f\n", t
        }' "$1"
}
# log_time FILE REGEX [AFTER]: the first of those stamps (empty when none).
log_time() { log_times "$@" | head -n1; }
# log_stamped FILE REGEX: "STAMP MESSAGE" for each matching line of Hawker's log.
log_stamped() {
    awk -v re="$2" '
        match($0, /^\[[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9][0-9][0-9]\] /) {
            msg = substr($0, RLENGTH + 1)
            if (msg ~ re) printf "%.3f %s\n", substr($0, 2, 2) * 3600 + substr($0, 5, 2) * 60 + substr($0, 8, 6), msg
        }' "$1"
}

# sleep_until START OFFSET: sleep until wall time START+OFFSET (no-op if past).
sleep_until() {
    local d
    d=$(awk -v s="$1" -v o="$2" -v n="$EPOCHREALTIME" 'BEGIN{d = s + o - n; printf "%.3f", (d > 0 ? d : 0)}')
    sleep "$d"
}

# time_limit SECONDS: a limit that only catches a hang, stretched by HAWKER_TEST_TIME_SCALE (default 1).
# scripts/test.sh runs the offline tests at the lowest CPU priority beside the live ones (see
# tests/CMakeLists.txt), where a live test that fills both cores can stall them for as long as it does; it
# gives them a scale of 4. A live test runs without it: its limits are part of what it checks.
time_limit() { awk -v t="$1" -v s="${HAWKER_TEST_TIME_SCALE:-1}" 'BEGIN{printf "%g", t * s}'; }

# wait_until TIMEOUT_S COMMAND...: poll every 0.1 s until COMMAND succeeds (TIMEOUT_S through time_limit).
wait_until() {
    local timeout i n
    timeout=$(time_limit "$1"); shift
    n=$(awk -v t="$timeout" 'BEGIN{printf "%d", t * 10}')
    for ((i = 0; i < n; i++)); do
        "$@" && return 0
        sleep 0.1
    done
    "$@"
}

# start_pulse SINK: a private PulseAudio server for this test (its own runtime folder under $T; -n:
# no default.pa, so no hardware and no network modules) with one null sink SINK at 48 kHz, whose
# monitor source is SINK.monitor; sets PULSE_PID. Called again after the server died, it starts anew.
start_pulse() {
    export XDG_RUNTIME_DIR="$T/pulse-runtime" PULSE_RUNTIME_PATH="$T/pulse-runtime/pulse"
    mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
    unset PULSE_SERVER
    pulseaudio --daemonize=no --exit-idle-time=-1 -n --load=module-native-protocol-unix \
        --load="module-null-sink sink_name=$1 rate=48000" >> "$T/pulse.log" 2>&1 &
    PULSE_PID=$!
    track_pid "$PULSE_PID"
    local i
    for ((i = 0; i < 100; i++)); do
        pactl list short sources 2>/dev/null | grep -q "$1.monitor" && return 0
        sleep 0.1
    done
    die "the PulseAudio server did not come up: $(tail -n3 "$T/pulse.log")"
}

# start_xvfb: a virtual X display of 1600x1000 for the console, on a display
# number Xvfb picks; exports DISPLAY and sets XVFB_PID (tracked, stopped at exit).
start_xvfb() {
    : > "$T/xvfb.display"
    Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3> "$T/xvfb.display" > "$T/xvfb.log" 2>&1 &
    XVFB_PID=$!
    track_pid "$XVFB_PID"
    wait_until 15 grep -q '[0-9]' "$T/xvfb.display" || die "Xvfb did not start within 15 s"
    export DISPLAY=":$(tr -dc 0-9 < "$T/xvfb.display")"
    unset WAYLAND_DISPLAY
    info "Xvfb on $DISPLAY"
}

# random_hex: 32 random hex digits; random_token PREFIX: a test's API token secret ("op-3fa9…").
random_hex() { head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
random_token() { printf '%s-%s' "$1" "$(random_hex)"; }

# --- loopback ports -----------------------------------------------------------
port_in_use() {
    [[ -n "$(ss -Htuan "( sport = :$1 )" 2>/dev/null)" ]]
}
# pick_port: a random free port (TCP and UDP) in 20000..59999 on this host.
pick_port() {
    local p i
    for ((i = 0; i < 100; i++)); do
        p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
        port_in_use "$p" || { echo "$p"; return 0; }
    done
    die "no free port found after 100 tries"
}
tcp_listening() { [[ -n "$(ss -Hltn "( sport = :$1 )" 2>/dev/null)" ]]; }

# --- running hawker -------------------------------------------------------------
# Prefix each line read on stdin with the wall clock ("1700000000.123456 line").
# Used on hawker's stdout/stderr so a log line can be placed in wall time.
_stamp_lines() {
    local line
    while IFS= read -r line || [[ -n "$line" ]]; do
        printf '%s %s\n' "$EPOCHREALTIME" "$line"
    done
}

# hawker_bg NAME ARGS...: start hawker in the background. Its stdout goes to
# $T/NAME.out, stderr to $T/NAME.err, and time-stamped copies of both to
# $T/NAME.log. Sets HAWKER_PID (the hawker process itself) and tracks it.
hawker_bg() {
    local name="$1"; shift
    # Emptied here, before the process starts: tee opens its files a moment later, and a caller
    # that waits for a line must not find the one an earlier run of the same name left.
    : > "$T/$name.log"
    : > "$T/$name.out"
    : > "$T/$name.err"
    stdbuf -oL -eL "$HAWKER" "$@" \
        > >(tee "$T/$name.out" | _stamp_lines >> "$T/$name.log") \
        2> >(tee "$T/$name.err" | _stamp_lines >> "$T/$name.log") &
    HAWKER_PID=$!
    HAWKER_START=$EPOCHREALTIME
    track_pid "$HAWKER_PID"
}

# wait_pid PID TIMEOUT_S: wait for a process to end; sets WAIT_RC to its exit
# status (or 124 if it was still running and got killed).
wait_pid() {
    _wait_pid "$@" 2>/dev/null   # also hides bash's "Killed" job notice
}
_wait_pid() {
    local pid="$1" timeout i n
    timeout=$(time_limit "$2")
    n=$(awk -v t="$timeout" 'BEGIN{printf "%d", t * 10}')
    for ((i = 0; i < n; i++)); do
        kill -0 "$pid" || break
        sleep 0.1
    done
    if kill -0 "$pid"; then
        kill -KILL "$pid"
        wait "$pid"
        WAIT_RC=124
        return 1
    fi
    wait "$pid"
    WAIT_RC=$?
    sleep 0.2   # let the tee/stamp pipes drain
    return 0
}

# hawker_fg NAME TIMEOUT_S ARGS...: run hawker to completion (bounded).
# Same files as hawker_bg; sets HAWKER_RC and HAWKER_WALL (seconds).
hawker_fg() {
    local name="$1" timeout="$2"; shift 2
    hawker_bg "$name" "$@"
    wait_pid "$HAWKER_PID" "$timeout"
    HAWKER_RC=$WAIT_RC
    HAWKER_WALL=$(elapsed_since "$HAWKER_START")
    export HAWKER_WALL
    if (( HAWKER_RC == 124 )); then
        fail "hawker $* did not finish within $(time_limit "$timeout")s (killed)"
    fi
}

# learn_console SHOW.toml GUI_ARGS...: a first console run ("learn") that writes a screenshot and exits;
# its log says where each control is (center_in "$T/learn.out" NAME). Give --size and --after-frames.
learn_console() {
    local show="$1"; shift
    hawker_fg learn 90 gui "$show" --overwrite --who tester --screenshot "$T/learn.png" "$@"
    check "the first run wrote its screenshot (exit $HAWKER_RC)" test "$HAWKER_RC" -eq 0 -a -s "$T/learn.png"
}

# hawker_error_line NAME: the first "hawker: error:" line of NAME.err.
hawker_error_line() { grep -m1 '^hawker: error:' "$T/$1.err" 2>/dev/null; }

# chapters FILE: a recording's chapters as ffprobe's JSON.
chapters() { ffprobe -v error -show_chapters -of json "$1"; }

# summary_value FILE KEY: value of KEY=... on the "summary ..." line.
summary_value() {
    grep -E '^summary( |$)' "$1" | tail -n1 | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n1
}
# item_value FILE KIND ID KEY: value of KEY on the final "KIND id=ID ..." line
# (KIND is output or source).
item_value() {
    grep -E "^$2 id=$3( |$)" "$1" | tail -n1 | tr ' ' '\n' | sed -n "s/^$4=//p" | head -n1
}

# --- the control API ------------------------------------------------------------
# api TOKEN PATH [BODY]: POST BODY to $BASE$PATH (GET without a body); sets
# CODE and BODY. The test sets BASE to http://127.0.0.1:PORT/api/v1.
api() {
    local out
    if [[ $# -ge 3 ]]; then
        out=$(curl -s -m 10 -w '\n%{http_code}' -H "Authorization: Bearer $1" -X POST --data-binary "$3" "$BASE$2")
    else
        out=$(curl -s -m 10 -w '\n%{http_code}' -H "Authorization: Bearer $1" "$BASE$2")
    fi
    CODE=${out##*$'\n'}; BODY=${out%$'\n'*}
}
# api_block PORT: a show file's [api] on PORT with the two people most tests
# use: deck (operator) and lin (merchandiser), tokens from
# HAWKER_TEST_OPERATOR_TOKEN and HAWKER_TEST_MERCH_TOKEN.
api_block() {
    cat <<EOF
[api]
port = $1
tokens = [
  { name = "deck", role = "operator", token_env = "HAWKER_TEST_OPERATOR_TOKEN" },
  { name = "lin", role = "merchandiser", token_env = "HAWKER_TEST_MERCH_TOKEN" },
]
EOF
}
# wait_api: until GET $BASE/state answers the operator's token $OP (10 s at most).
wait_api() {
    local i
    for i in $(seq 1 100); do
        curl -s -m 2 -o /dev/null -H "Authorization: Bearer $OP" "$BASE/state" && return 0
        sleep 0.1
    done
    return 1
}

# start_live_show SHOW DB SECONDS [ARGS...]: `hawker show run` with its API in the
# background, then (bounded) its "api" and "session" lines; sets BASE from the api
# line and SID, and waits until the API answers the operator's token $OP.
start_live_show() {
    hawker_bg show run "$1" --db "$2" --duration "$3" "${@:4}"
    wait_until 30 grep -qs '^api http://127.0.0.1:[0-9]*/api/v1/' "$T/show.out" \
        || die "no api line within 30 s ($(head -c 300 "$T/show.err"))"
    BASE=$(sed -n 's|^api \(http://127.0.0.1:[0-9]*/api/v1\)/.*|\1|p' "$T/show.out" | head -n1)
    wait_until 10 grep -qs '^session [0-9]*$' "$T/show.out" || die "no 'session N' line within 10 s"
    SID=$(sed -n 's/^session \([0-9]*\)$/\1/p' "$T/show.out" | head -n1)
    wait_api || die "the API does not answer"
}

# --- 抖店 order webhooks --------------------------------------------------------------
# douyin_shop_webhook DETAIL_PORT: the show file's [[api.webhooks]] entry for 抖店, its
# order-detail API on 127.0.0.1:DETAIL_PORT, its key, secret and token named
# HAWKER_TEST_DOUYIN_KEY, _SECRET and _TOKEN (set them, and DK, DS, DT, in the test).
douyin_shop_webhook() {
    cat <<EOF
[[api.webhooks]]
platform = "douyin-shop"
app_key_env = "HAWKER_TEST_DOUYIN_KEY"
secret_env = "HAWKER_TEST_DOUYIN_SECRET"
detail_url = "http://127.0.0.1:$1"
access_token_env = "HAWKER_TEST_DOUYIN_TOKEN"
EOF
}
# douyin_sign FILE: 抖店's event-sign of the body in FILE: md5_hex(app key + body + secret).
douyin_sign() { { printf '%s' "$DK"; cat "$1"; printf '%s' "$DS"; } | openssl dgst -md5 -r | cut -d' ' -f1; }

# --- show files -------------------------------------------------------------------
# Tests write their show files with heredocs; this is the common encoder block.
encoder_block() {   # encoder_block [bitrate_kbps] [keyint_s]
    cat <<EOF
[encoder]
preset = "veryfast"
tune = "zerolatency"
profile = "high"
bitrate_kbps = ${1:-1500}
keyint_s = ${2:-2}
audio_kbps = 128
audio_rate = 48000
EOF
}

# camera_show NAME W H FPS BITRATE_KBPS KEYINT_S RECORD_PATH: the show most
# tests start from -- a lavfi camera filling a WxH canvas, a 440 Hz tone, one
# scene, the encoder and a recording. Tests append their own outputs or cues.
camera_show() {
    local name="$1" w="$2" h="$3" fps="$4" kbps="$5" keyint="$6" record="$7"
    cat <<EOF
[show]
name = "$name"

[canvas]
width = $w
height = $h
fps = $fps

[[sources]]
id = "cam1"
format = "lavfi"
url = "testsrc2=size=${w}x${h}:rate=$fps"

[[audio]]
id = "tone"
format = "lavfi"
url = "sine=frequency=440:sample_rate=48000"

[[scenes]]
id = "main"
layers = [ { kind = "source", source = "cam1", rect = [0, 0, $w, $h], fit = "cover" } ]

[program]
scene = "main"

$(encoder_block "$kbps" "$keyint")

[[outputs]]
id = "record"
kind = "record"
path = "$record"
EOF
}

# mpegts_output_test KIND LISTEN_URL PUSH_URL: the body of the UDP and SRT
# output tests. An ffmpeg receiver listens on LISTEN_URL first (it must be
# there before packets arrive); hawker runs 8 s with a recording and a KIND
# output to PUSH_URL; then the received MPEG-TS is probed and the recording
# checked. PORT must be set (the receiver's port, for the bind check).
mpegts_output_test() {
    local kind="$1" listen="$2" push="$3" secs=8 w=360 h=640 listener f vc ac wh n packets frames
    timeout 40 ffmpeg -v error -nostdin -y -i "$listen" -t 4 -c copy -f mpegts "$T/received.ts" \
        > "$T/listener.log" 2>&1 &
    listener=$!
    track_pid "$listener"
    wait_until 5 bash -c "[[ -n \"\$(ss -Hlun '( sport = :$PORT )')\" ]]" || die "listener did not bind port $PORT"

    camera_show "$kind output test" $w $h 30 800 1 "program.mkv" > "$T/show.toml"
    printf '\n[[outputs]]\nid = "%s"\nkind = "%s"\nurl = "%s"\n' "$kind" "$kind" "$push" >> "$T/show.toml"

    hawker_fg hawker $((secs + 30)) run "$T/show.toml" --duration $secs
    check "hawker exits 0 (got $HAWKER_RC)" test "$HAWKER_RC" -eq 0
    wait_pid "$listener" 20
    check "listener received and exited cleanly (exit $WAIT_RC)" test "$WAIT_RC" -eq 0
    f="$T/received.ts"
    if [[ -s "$f" ]]; then
        vc=$(probe_stream "$f" v:0 codec_name)
        ac=$(probe_stream "$f" a:0 codec_name)
        wh="$(probe_stream "$f" v:0 width)x$(probe_stream "$f" v:0 height)"
        n=$(count_frames "$f")
        check "$kind stream: video=$vc audio=$ac ${wh} (h264 aac ${w}x${h})" test "$vc/$ac/$wh" = "h264/aac/${w}x${h}"
        check "$kind stream decodes $n frames in 4 s (>= 90)" test "${n:-0}" -ge 90
    else
        fail "nothing received on $listen ($(tail -n2 "$T/listener.log"))"
    fi
    packets=$(item_value "$T/hawker.out" output "$kind" packets)
    check "$kind output packets=$packets (> 0)" test "${packets:-0}" -gt 0
    frames=$(count_frames "$T/program.mkv")
    check "recording alongside frames=$frames ($((secs * 30)))" test "${frames:-x}" = "$((secs * 30))"
}

# --- ffprobe helpers ------------------------------------------------------------
# probe_stream FILE SELECTOR ENTRY: one stream entry, e.g. probe_stream f v:0 codec_name
probe_stream() {
    ffprobe -v error -select_streams "$2" -show_entries "stream=$3" -of default=nw=1:nk=1 "$1" 2>/dev/null | head -n1
}
probe_format() {
    ffprobe -v error -show_entries "format=$2" -of default=nw=1:nk=1 "$1" 2>/dev/null | head -n1
}
# count_frames FILE: decoded video frames.
count_frames() {
    ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames \
        -of default=nw=1:nk=1 "$1" 2>/dev/null | head -n1 | tr -d ' \n'
}
# video_pts FILE: pts_time of every decoded video frame, one per line.
video_pts() {
    ffprobe -v error -select_streams v:0 -show_entries frame=pts_time -of csv=p=0 "$1" 2>/dev/null \
        | tr -d ',' | grep -v '^$'
}
# keyframe_pts FILE: pts_time of every video keyframe.
keyframe_pts() {
    ffprobe -v error -select_streams v:0 -skip_frame nokey -show_entries frame=pts_time \
        -of csv=p=0 "$1" 2>/dev/null | tr -d ',' | grep -v '^$'
}
# stream_span FILE SELECTOR: seconds from the first packet's pts to the end of
# the last packet (pts + duration), from the packet list.
stream_span() {
    ffprobe -v error -select_streams "$2" -show_entries packet=pts_time,duration_time \
        -of csv=p=0 "$1" 2>/dev/null \
        | awk -F, '$1 != "N/A" && $1 != "" {
              t = $1 + 0; d = ($2 == "N/A" || $2 == "") ? 0 : $2 + 0
              if (!n || t < lo) lo = t
              if (!n || t + d > hi) hi = t + d
              n++
          }
          END { if (n) printf "%.4f\n", hi - lo }'
}

# --- nginx-rtmp on loopback -------------------------------------------------------
# start_nginx PORT [TLS_PORT]: a real nginx with the rtmp module on
# 127.0.0.1:PORT, its own config, pid and logs in $T/nginx. One process
# (master_process off), so a kill really takes the server down. Sets NGINX_PID.
# With TLS_PORT, nginx's stream module also terminates TLS there in front of
# the rtmp server (RTMPS, as the platforms' ingests take it), with a
# certificate for 127.0.0.1 made here: $T/nginx/cert.pem.
start_nginx() {
    local port="$1" tls_port="${2:-}" modules="load_module $RTMP_MODULE;" stream=""
    [[ -r "$RTMP_MODULE" ]] || die "nginx rtmp module not found: $RTMP_MODULE"
    mkdir -p "$T/nginx/logs"
    if [[ -n "$tls_port" ]]; then
        [[ -r "$STREAM_MODULE" ]] || die "nginx stream module not found: $STREAM_MODULE"
        openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" \
            -addext "subjectAltName=IP:127.0.0.1" -keyout "$T/nginx/key.pem" -out "$T/nginx/cert.pem" \
            > "$T/nginx/openssl.log" 2>&1 || die "openssl could not make a test certificate"
        modules+=$'\n'"load_module $STREAM_MODULE;"
        stream="stream { server { listen 127.0.0.1:$tls_port ssl; ssl_certificate $T/nginx/cert.pem; ssl_certificate_key $T/nginx/key.pem; proxy_pass 127.0.0.1:$port; } }"
    fi
    cat > "$T/nginx/nginx.conf" <<EOF
$modules
daemon off;
master_process off;
worker_processes 1;
pid $T/nginx/nginx.pid;
error_log $T/nginx.log info;
events { worker_connections 128; }
rtmp {
    server {
        listen 127.0.0.1:$port;
        chunk_size 4096;
        application live {
            live on;
            record off;
        }
    }
}
$stream
EOF
    nginx -c "$T/nginx/nginx.conf" -p "$T/nginx/" >> "$T/nginx.log" 2>&1 &
    NGINX_PID=$!
    track_pid "$NGINX_PID"
    if ! wait_until 10 tcp_listening "$port"; then
        die "nginx did not listen on 127.0.0.1:$port within 10 s"
    fi
    if [[ -n "$tls_port" ]] && ! wait_until 10 tcp_listening "$tls_port"; then
        die "nginx did not listen for TLS on 127.0.0.1:$tls_port within 10 s"
    fi
}

# --- A/V sync measurement --------------------------------------------------------
# The sync pattern: one lavfi source makes a white flash (video) and a 1 kHz beep
# (audio) during the first 100 ms of every second, the audio made per sample
# (aevalsrc) so the beep starts exactly on the second. A TOML multi-line literal
# string holds it unchanged (quotes and backslashes).
SYNC_PATTERN="color=c=black:s=320x240:r=30,drawbox=c=white:t=fill:enable='lt(mod(t\\,1)\\,0.1)'[out0];aevalsrc=exprs='if(lt(mod(t\\,1)\\,0.1)\\,0.5*sin(2*PI*1000*t)\\,0)':s=48000:c=stereo[out1]"
# sync_pattern_check: fails the test unless ffmpeg takes the pattern (guards against a broken test).
sync_pattern_check() {
    ffmpeg -v error -nostdin -f lavfi -i "$SYNC_PATTERN" -t 0.5 -f null - 2> "$T/pattern.log" \
        || die "the sync pattern is not a valid lavfi graph: $(head -n3 "$T/pattern.log")"
}
# sync_pattern_show RECORD [SOURCE_LINES]: a 360x640 show of the pattern alone, its
# sound in the mix, recorded to RECORD; SOURCE_LINES go into its [[sources]] table.
sync_pattern_show() {
    cat <<EOF
[show]
name = "sync pattern"

[canvas]
width = 360
height = 640
fps = 30
background = "#000000"

[[sources]]
id = "sync"
format = "lavfi"
url = '''$SYNC_PATTERN'''
audio = true
${2:-}

[[scenes]]
id = "main"
layers = [ { kind = "source", source = "sync", rect = [0, 0, 360, 640], fit = "stretch" } ]

[program]
scene = "main"

$(encoder_block 1000 2)

[[outputs]]
id = "record"
kind = "record"
path = "$1"
EOF
}

# av_offset_ms FILE: mean (audio onset - video onset) in ms over the flash/beep
# pairs of the sync pattern (white flash + 1 kHz beep at the start of every
# second). Prints "MEAN_MS PAIRS MIN_MS MAX_MS". Video onsets: first frame with
# YAVG > 128 after a dark one; audio onsets: silencedetect's silence_end.
av_offset_ms() {
    local f="$1" d
    d="$(mktemp -d "$T/avsync.XXXXXX")"
    ffmpeg -v error -nostdin -y -i "$f" -filter_complex \
        "[0:v]signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=$d/v.txt[v];[0:a]aformat=channel_layouts=mono,silencedetect=n=-30dB:d=0.2,ametadata=print:key=lavfi.silence_end:file=$d/a.txt[a]" \
        -map '[v]' -map '[a]' -f null - 2> "$d/ffmpeg.err" || { cat "$d/ffmpeg.err" >&2; return 1; }
    awk '/^frame:/ { for (i = 1; i <= NF; i++) if ($i ~ /^pts_time:/) { sub("pts_time:", "", $i); t = $i } }
         /YAVG=/ { split($0, kv, "="); y = kv[2] + 0
                   if (y > 128 && seen && prev <= 128) print t
                   prev = y; seen = 1 }' "$d/v.txt" > "$d/v_on.txt"
    sed -n 's/^lavfi.silence_end=//p' "$d/a.txt" > "$d/a_on.txt"
    awk 'NR == FNR { v[n++] = $1; next }
         { a = $1 + 0; best = 1e9
           for (i = 0; i < n; i++) { o = a - v[i]; if ((o < 0 ? -o : o) < (best < 0 ? -best : best)) best = o }
           if ((best < 0 ? -best : best) < 0.4) { s += best; k++; if (k == 1 || best < lo) lo = best; if (k == 1 || best > hi) hi = best } }
         END { if (k) printf "%.1f %d %.1f %.1f\n", s / k * 1000, k, lo * 1000, hi * 1000; else print "nan 0 nan nan" }' \
        "$d/v_on.txt" "$d/a_on.txt"
}
