#!/usr/bin/env bash
# Show B: the real studio load on two cores (a benchmark, not a timed test),
# run by scripts/bench.sh show-b. Hawker against ffmpeg doing the same graph in
# one process, in the same run. The goals are reported, not enforced.
#
# The load, on both sides:
#   - four H.264 1080x1920 30 fps cameras as network sources: MPEG-TS on UDP
#     (127.0.0.1) from four ffmpeg feeders that copy a camera file in real time
#     (`-re -stream_loop -1 -c copy`, so they cost almost nothing). cam1 and
#     cam2 are scene A's clips (cam1 with its audio); cam3 and cam4 are made
#     here once, beside them (as long as scene A's clips, H.264 High at ~4 Mb/s,
#     a keyframe every second). The feeders start again for every run, so each
#     run sees the same pictures, and both sides read the same UDP URL;
#   - scene A on air: cam1 full frame, cam2 as picture-in-picture, a product
#     card and a flash-sale countdown (scene A's rectangles). cam3 and cam4
#     are off air: Hawker shows them in the console's multiview, the reference
#     decodes them and throws the pictures away (nullsink);
#   - two renditions to an nginx-rtmp on loopback, 1080x1920 at 4.5 Mb/s and
#     720x1280 at 2 Mb/s (another stream name), plus a local recording of the
#     1080x1920 encode (the same encode, not a third one). Both sides use
#     scene A's x264 settings (preset, tune, profile, CBR with filler,
#     keyframe interval) and an AAC encode per rendition.
# Hawker also has the operator's console open (`hawker gui` under Xvfb, a
# 1600x1000 window, default layout) and the simulated audience (`hawker
# simulate --url`, the HTTP ingest path, SHOWB_ARRIVALS viewers per minute
# for about 300 events/s; the rate builds up over the first seconds, so the
# rate each run stored is reported). The console runs BENCH_SECONDS from the
# show's start, then gets SIGTERM: it closes as when the window is closed and
# prints its summary.
# The reference: one ffmpeg process with the 4 UDP inputs and the card PNG and
# one filter graph (scale + overlay for the PiP, overlay of the card, drawtext
# countdown, split, a bicubic scale to 720x1280 as Hawker's rendition, nullsink
# for cam3 and cam4); one x264 1080x1920 encode that the tee muxer sends to
# nginx-rtmp and to an MKV recording, one x264 720x1280 encode to nginx-rtmp;
# `-t BENCH_SECONDS`.
#
# Measured, per run and per side; runs alternate (Hawker, ffmpeg, Hawker, ...)
# and each ratio pairs the two runs of one round:
#   - CPU s per output s: user + system CPU of that one process (/usr/bin/time)
#     over the program seconds it produced: the recording's span, first frame
#     to end of the last (a dropped frame leaves a gap, the program still ran).
#     The Xvfb server, nginx, the feeders and the audience are not in it; their
#     CPU over the run (from /proc/PID/stat) is reported beside;
#   - per output (1080 RTMP, 720 RTMP, recording), what arrived: nginx records
#     every stream it receives (`record all`, FLV), the recording is the file
#     itself. Each file is decoded once with ffmpeg's scdet filter, which gives
#     every frame its mean absolute difference to the frame before (mafd). In
#     the window that starts SHOWB_WARMUP_S (3) seconds after the first frame:
#     frames per second, and distinct frames per second, a frame being
#     distinct when its mafd is above SHOWB_DISTINCT_MAFD (0.2). On these
#     cameras a new picture scores 0.3 or more and a repeated picture, encoded
#     again, 0.2 or less (0.1 or less once the encoder has settled);
#   - per output, the sound's span (first audio packet to the end of the last)
#     against the pictures': they differ by a frame or two, unless dropped
#     pictures took their sound with them;
#   - dropped frames: Hawker's `summary ... dropped=N` (the most any encode
#     lost) and each `encode id=... dropped=N`; ffmpeg's drop_frames and
#     dup_frames from -progress, and its speed (below 1 it fell behind the
#     cameras and buffered, where Hawker stays live and drops);
#   - Hawker's capture to encoded packet latency, median and p99, its own
#     measure from its summary (a camera picture's arrival to its encoded
#     packet); the reference has none to compare;
#   - the floor: right after each reference run, one ffmpeg process decodes
#     cam3 and cam4 (the off-air cameras) for BENCH_SECONDS from their files
#     with the reference's decoder settings, and nothing else. The reference's
#     CPU less that is what a program would spend that showed nothing of the
#     off-air cameras and did no work the reference does not: the lowest
#     ratio any Hawker could reach on these cameras. Against 0.85x, it tells
#     how much CPU is left for Hawker's own work (multiview, console, audience,
#     database).
# Reported: medians over BENCH_RUNS runs and the median of the paired ratios
# (Hawker ÷ ffmpeg), on stdout and in bench/results/show-b.md. Goals
# (docs/PERFORMANCE.md, "Show B"): 30/30 distinct fps on every output with no drops, and
# Hawker's CPU at most 0.85x the reference's.
#
# env: BENCH_RUNS (3), BENCH_SECONDS (30), HAWKER, HAWKER_SHARED, RTMP_MODULE,
#      SHOWB_WARMUP_S (3), SHOWB_ARRIVALS (3600), SHOWB_DISTINCT_MAFD (0.2),
#      SHOWB_KEEP=1 keeps the work folder (recordings, logs; kept on failure too).
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="${HAWKER_SHARED:-$REPO/../shared}"
SCENE_A="$SHARED/bench/scene-a"
[[ -f "$SCENE_A/common.sh" ]] || { echo "show-b: scene A reference not found at $SCENE_A (set HAWKER_SHARED)" >&2; exit 1; }
SCENE_A="$(cd "$SCENE_A" && pwd)"
# shellcheck source=/dev/null
source "$SCENE_A/common.sh" # CANVAS_*, FPS, PIP_*, CARD_*, TIMER_*, X264_*, BITRATE_KBPS, KEYINT_SEC, AUDIO_*, CAM1, CAM2, CARD, helpers
# shellcheck source=bench/bench_common.sh
source "$REPO/bench/bench_common.sh" # median, scene_a_on_air, scene_a_selling

die() { echo "show-b: $*" >&2; exit 1; }
log() { printf '[show-b %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

RUNS="${BENCH_RUNS:-3}"
SECS="${BENCH_SECONDS:-30}"
WARMUP_S="${SHOWB_WARMUP_S:-3}"
ARRIVALS="${SHOWB_ARRIVALS:-3600}"
DISTINCT_MAFD="${SHOWB_DISTINCT_MAFD:-0.2}"
HAWKER="${HAWKER:-$REPO/build/studio/hawker}"
RTMP_MODULE="${RTMP_MODULE:-/usr/lib/nginx/modules/ngx_rtmp_module.so}"
RESULTS="$REPO/bench/results"
REPORT="$RESULTS/show-b.md"
SMALL_W=720 SMALL_H=1280 SMALL_KBPS=2000
WINDOW="1600x1000"

[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer, got '$RUNS'"
[[ "$SECS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_SECONDS must be a positive integer, got '$SECS'"
if ! [[ "$WARMUP_S" =~ ^[0-9]+$ ]] || ((WARMUP_S >= SECS)); then
    die "SHOWB_WARMUP_S must be a whole number below BENCH_SECONDS, got '$WARMUP_S'"
fi
[[ "$ARRIVALS" =~ ^[1-9][0-9]*$ ]] || die "SHOWB_ARRIVALS must be a positive integer, got '$ARRIVALS'"
[[ "$DISTINCT_MAFD" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "SHOWB_DISTINCT_MAFD must be a number, got '$DISTINCT_MAFD'"
for tool in ffmpeg xvfb-run xauth nginx sqlite3 curl ss ps; do
    command -v "$tool" >/dev/null || die "$tool missing (scripts/setup.sh installs it)"
done
[[ -x /usr/bin/time ]] || die "/usr/bin/time missing (Debian package 'time')"
[[ -r "$RTMP_MODULE" ]] || die "nginx rtmp module not found: $RTMP_MODULE (libnginx-mod-rtmp)"
[[ -r "$FONT_FILE" ]] || die "font not found: $FONT_FILE (fonts-dejavu-core)"
[[ -r "$REPO/assets/demo/serum.png" ]] || die "product image missing: $REPO/assets/demo/serum.png"
[[ -x "$HAWKER" ]] || cmake --build "$REPO/build" --target hawker -j 2
[[ -x "$HAWKER" ]] || die "hawker binary not found: $HAWKER"
HAWKER="$(cd "$(dirname "$HAWKER")" && pwd)/$(basename "$HAWKER")"

# --- work folder and cleanup ------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/hawker-show-b.XXXXXX")"
PIDS=()            # the background processes this script started and has not reaped yet
HAWKER_PIDFILE=""  # the running console's pid file, while one runs
FFMPEG_PIDFILE=""  # the running reference's pid file, while one runs (/usr/bin/time would not pass a signal on)
XVFB_PID=""        # its X server (xvfb-run's child), while one runs
# untrack PID: a process reaped is no longer ours to stop (pids are reused, and fast on a busy machine).
untrack() {
    local keep=() pid
    for pid in "${PIDS[@]}"; do [[ "$pid" == "$1" ]] || keep+=("$pid"); done
    PIDS=("${keep[@]}")
}
# `bash -c "$EXEC_WITH_PIDFILE" _ FILE CMD...` writes its pid to FILE, then becomes CMD (same pid).
# shellcheck disable=SC2016 # expanded by that bash, not this one
EXEC_WITH_PIDFILE='echo $$ > "$1"; shift; exec "$@"'
# stop_pid PID [TENTHS]: SIGTERM, then SIGKILL if it is still there after TENTHS/10 s (default 5 s).
stop_pid() {
    local i
    if kill -TERM "$1" 2>/dev/null; then
        for ((i = 0; i < ${2:-50}; i++)); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$1" 2>/dev/null || true
    fi
    wait "$1" 2>/dev/null || true
    untrack "$1"
}
# stop_named PID NAME: stop_pid, only if PID is still a NAME (not a child of ours: it cannot be reaped here).
stop_named() {
    if [[ "$(cat "/proc/$1/comm" 2>/dev/null)" == "$2"* ]]; then stop_pid "$1" 50; fi
}
cleanup() {
    local rc=$? pid
    # The console first: xvfb-run then stops its X server and removes its files by itself.
    if [[ -n "$HAWKER_PIDFILE" && -s "$HAWKER_PIDFILE" ]]; then
        stop_named "$(cat "$HAWKER_PIDFILE")" "$(basename "$HAWKER" | cut -c1-15)"
        sleep 1
    fi
    [[ -z "$FFMPEG_PIDFILE" || ! -s "$FFMPEG_PIDFILE" ]] || stop_named "$(cat "$FFMPEG_PIDFILE")" ffmpeg
    [[ -z "$XVFB_PID" ]] || stop_named "$XVFB_PID" Xvfb
    for pid in "${PIDS[@]}"; do stop_pid "$pid" 20; done
    if [[ "${SHOWB_KEEP:-0}" == 1 || $rc -ne 0 ]]; then
        echo "show-b: work folder kept: $WORK" >&2
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$RESULTS" "$WORK/nginx/logs" "$WORK/nginx/rec" "$WORK/home" "$WORK/config"
export HAWKER_HOME="$WORK/home"         # the viewer-hash key of this bench, not the user's
export HAWKER_CONFIG_DIR="$WORK/config" # the console's default layout, not the user's
secret() { printf '%s-%s' "$1" "$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"; }
SHOWB_OPERATOR="$(secret op)" SHOWB_INGEST="$(secret in)"
export SHOWB_OPERATOR SHOWB_INGEST

# --- small helpers -------------------------------------------------------------------
kv() { sed -n "s/^$2=//p" "$1" | tail -n1; }                     # kv FILE KEY
line_kv() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p" | head -n1; } # line_kv "LINE" KEY
ticks() { proc_cpu_ticks "$1" 2>/dev/null || echo 0; }              # CPU ticks of a live process, 0 if gone
now() { echo "$EPOCHREALTIME"; }
elapsed_since() { awk -v s="$1" -v n="$EPOCHREALTIME" 'BEGIN { printf "%.3f", n - s }'; }

USED_PORTS=" "
free_port() {
    local p i
    for ((i = 0; i < 100; i++)); do
        p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
        [[ "$USED_PORTS" == *" $p "* ]] && continue
        if [[ -z "$(ss -Htuan "( sport = :$p )" 2>/dev/null)" ]]; then
            USED_PORTS+="$p "
            echo "$p"
            return 0
        fi
    done
    die "no free port"
}
RTMP_PORT=$(free_port)
UDP_PORTS=()
for i in 1 2 3 4; do UDP_PORTS+=("$(free_port)"); done
# The receivers' URL, the same on both sides: a large FIFO so that a camera
# read late (while another one is opened) loses nothing.
udp_in() { echo "udp://127.0.0.1:${UDP_PORTS[$1 - 1]}?fifo_size=100000&overrun_nonfatal=1&buffer_size=4194304"; }

# --- the cameras ------------------------------------------------------------------------
"$SCENE_A/prepare_media.sh"
CAM3="$MEDIA_DIR/show-b-cam3.mp4" # 1080x1920 testsrc2, hue turning, sensor-like noise
CAM4="$MEDIA_DIR/show-b-cam4.mp4" # 1080x1920 moving gradients, sensor-like noise
make_camera() { # make_camera FILE LAVFI_GRAPH
    [[ -s "$1" ]] && return 0
    log "generating $1 (once)"
    ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i "$2" -t "$CLIP_SECONDS" \
        -c:v libx264 -preset veryfast -profile:v high -b:v 4M -maxrate 4M -bufsize 8M -g "$FPS" \
        -pix_fmt yuv420p -movflags +faststart "$1.part.mp4" || die "could not make $1"
    mv "$1.part.mp4" "$1"
}
make_camera "$CAM3" "testsrc2=size=${CANVAS_W}x${CANVAS_H}:rate=${FPS},hue=h=t*24,noise=alls=6:allf=t,format=yuv420p"
make_camera "$CAM4" "gradients=size=${CANVAS_W}x${CANVAS_H}:rate=${FPS}:speed=0.03,noise=alls=6:allf=t,format=yuv420p"
CAMS=("$CAM1" "$CAM2" "$CAM3" "$CAM4")

FEEDER_PIDS=()
start_feeders() { # start_feeders LOGDIR: one ffmpeg per camera, copying it to its UDP port in real time
    local i
    FEEDER_PIDS=()
    for i in 1 2 3 4; do
        ffmpeg -hide_banner -loglevel error -nostdin -re -stream_loop -1 -i "${CAMS[$i - 1]}" -map 0 -c copy \
            -f mpegts "udp://127.0.0.1:${UDP_PORTS[$i - 1]}?pkt_size=1316" > "$1/feeder$i.log" 2>&1 &
        FEEDER_PIDS+=("$!")
        PIDS+=("$!")
    done
    sleep 1
    for i in 1 2 3 4; do
        kill -0 "${FEEDER_PIDS[$i - 1]}" 2>/dev/null || die "feeder $i did not start: $(tail -n 2 "$1/feeder$i.log")"
    done
}
stop_feeders() {
    local pid
    for pid in "${FEEDER_PIDS[@]}"; do stop_pid "$pid"; done
    FEEDER_PIDS=()
}
# thread_ticks PID: CPU ticks per thread name of PID, "name<TAB>ticks", threads of one name summed and
# numbered workers grouped (llvmpipe-0..N is "llvmpipe-"). FFmpeg's and x264's worker threads carry the
# name of the thread that made them (a camera's decode helpers are its src:<id>, x264's its encoder's).
thread_ticks() {
    local task
    for task in /proc/"$1"/task/*; do
        printf '%s\t%s\n' "$(cat "$task/comm" 2>/dev/null)" "$(proc_cpu_ticks "$task" 2>/dev/null || echo 0)"
    done | awk -F'\t' '$1 != "" { sub(/-[0-9]+$/, "-", $1); t[$1] += $2 } END { for (n in t) printf "%s\t%d\n", n, t[n] }' | sort
}
feeder_ticks() { local t=0 pid; for pid in "${FEEDER_PIDS[@]}"; do t=$((t + $(ticks "$pid"))); done; echo "$t"; }

# --- nginx-rtmp on loopback, recording every stream it receives ----------------------------
cat > "$WORK/nginx/nginx.conf" <<EOF
load_module $RTMP_MODULE;
daemon off;
master_process off;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx.log warn;
events { worker_connections 128; }
rtmp {
    server {
        listen 127.0.0.1:$RTMP_PORT;
        chunk_size 4096;
        application live {
            live on;
            record all;
            record_path $WORK/nginx/rec;
            record_unique off;
        }
    }
}
EOF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx/" >> "$WORK/nginx.log" 2>&1 &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
for ((i = 0; i < 100; i++)); do
    [[ -n "$(ss -Hltn "( sport = :$RTMP_PORT )" 2>/dev/null)" ]] && break
    kill -0 "$NGINX_PID" 2>/dev/null || die "nginx stopped: $(tail -n 3 "$WORK/nginx.log")"
    sleep 0.1
done
[[ -n "$(ss -Hltn "( sport = :$RTMP_PORT )" 2>/dev/null)" ]] || die "nginx did not listen on 127.0.0.1:$RTMP_PORT"
RTMP_BASE="rtmp://127.0.0.1:$RTMP_PORT/live"

# --- what arrived ----------------------------------------------------------------------------
# measure_output FILE PREFIX: frames and distinct frames of FILE's video after
# the warm-up, as key=value lines with PREFIX (frames_total, span_s, frames,
# window_s, fps, distinct, distinct_fps). Every frame is decoded once; scdet
# gives each its mean absolute difference to the frame before (mafd), and a
# frame is distinct when that is above DISTINCT_MAFD.
measure_output() {
    local file="$1" p="$2" meta="$1.mafd.txt"
    if [[ ! -s "$file" ]]; then
        printf '%s_frames_total=0\n' "$p"
        return 0
    fi
    ffmpeg -hide_banner -nostdin -v error -copyts -i "$file" -map 0:v:0 \
        -vf "scdet=threshold=100,metadata=print:key=lavfi.scd.mafd:file=$meta" -f null - 2> "$file.scdet.log" || true
    [[ -s "$meta" ]] || { printf '%s_frames_total=0\n' "$p"; return 0; }
    awk -v p="$p" -v w="$WARMUP_S" -v fps="$FPS" -v thr="$DISTINCT_MAFD" '
        /^frame:/ { for (i = 1; i <= NF; i++) if ($i ~ /^pts_time:/) t[n] = substr($i, 10) + 0; next }
        /mafd=/ { sub(/.*=/, ""); d[n++] = $0 + 0 }
        END {
            if (n < 2) { printf "%s_frames_total=%d\n", p, n; exit }
            first = last = t[0]
            for (i = 1; i < n; i++) { if (t[i] < first) first = t[i]; if (t[i] > last) last = t[i] }
            # The window: from the first frame at or after first + warm-up to the end of the last frame.
            t0 = first + w; from = last
            for (i = 0; i < n; i++) if (t[i] >= t0 - 0.0005) { f++; if (d[i] > thr) k++; if (t[i] < from) from = t[i] }
            win = last + 1 / fps - from
            printf "%s_frames_total=%d\n%s_span_s=%.3f\n%s_frames=%d\n%s_window_s=%.3f\n", p, n, p, last + 1 / fps - first, p, f, p, win
            printf "%s_fps=%.2f\n%s_distinct=%d\n%s_distinct_fps=%.2f\n", p, (win > 0 ? f / win : 0), p, k, p, (win > 0 ? k / win : 0)
        }' "$meta"
    # The sound's span beside the pictures': a dropped picture must not take its sound with it (the sound
    # would then run ahead of the pictures by a frame's time per drop).
    local sound_end
    sound_end=$(ffprobe -v error -select_streams a:0 -show_entries packet=pts_time,duration_time -of csv=p=0 "$file" 2>/dev/null |
        awk -F, '$1 != "N/A" && $1 != "" { t = $1 + 0; e = t + ($2 + 0); if (!n || t < lo) lo = t; if (!n || e > hi) hi = e; n++ }
            END { if (n) printf "%.3f %.3f", hi - lo, hi }')
    [[ -n "$sound_end" ]] || return 0
    printf '%s_sound_s=%s\n' "$p" "${sound_end% *}"
    # Gaps in the sound: cam1's tone never falls below -40 dB for 5 ms, so each such stretch after the
    # warm-up and before the last half second (the encoder's flush) is sound the program lost.
    ffmpeg -hide_banner -nostdin -v info -i "$file" -map 0:a:0 -af "silencedetect=noise=-40dB:d=0.005" -f null - 2>&1 |
        awk -v p="$p" -v w="$WARMUP_S" -v end="${sound_end#* }" '
            /silence_start:/ { s = $NF + 0 }
            /silence_end:/ { for (i = 1; i <= NF; i++) if ($i == "silence_duration:") d = $(i + 1) + 0
                             if (s >= w && s < end - 0.5) { n++; total += d } }
            END { printf "%s_sound_gaps=%d\n%s_sound_gap_s=%.3f\n", p, n, p, total }'
}

# wait_published_gone: nginx closes its recordings when the publishers have gone (bounded, 10 s).
wait_published_gone() {
    local i
    for ((i = 0; i < 100; i++)); do
        [[ -z "$(ss -Htn state established "( dport = :$RTMP_PORT )" 2>/dev/null)" ]] && return 0
        sleep 0.1
    done
    log "warning: a publisher is still connected to nginx after 10 s"
}

# --- Hawker's show B -------------------------------------------------------------------------------
# write_show FILE RECORDING: scene A's layout and graphics (as scripts/bench.sh
# writes scene A) with the four network cameras, two renditions and the API.
write_show() {
    cat > "$1" <<EOF
# Generated by bench/show_b.sh -- show B.
[show]
name = "show B benchmark"

[canvas]
width = $CANVAS_W
height = $CANVAS_H
fps = $FPS

[[sources]]
id = "cam1"
format = "mpegts"
url = "$(udp_in 1)"
audio = true

[[sources]]
id = "cam2"
format = "mpegts"
url = "$(udp_in 2)"

[[sources]]
id = "cam3"
format = "mpegts"
url = "$(udp_in 3)"

[[sources]]
id = "cam4"
format = "mpegts"
url = "$(udp_in 4)"

$(scene_a_on_air)

[[outputs]]
id = "record"
kind = "record"
path = "$2"

[[outputs]]
id = "push"
kind = "rtmp"
url = "$RTMP_BASE"
key_env = "SHOWB_KEY_1080"

[[outputs]]
id = "second"
kind = "rtmp"
url = "$RTMP_BASE"
key_env = "SHOWB_KEY_720"
[outputs.encode]
width = $SMALL_W
height = $SMALL_H
bitrate_kbps = $SMALL_KBPS

[api]
port = 0
tokens = [
  { name = "show-b-deck", role = "operator", token_env = "SHOWB_OPERATOR" },
  { name = "show-b-feed", role = "ingest", token_env = "SHOWB_INGEST" },
]

$(scene_a_selling 100000000 1000000)
EOF
}

# run_hawker RUN: one live show B in the console; writes $WORK/hawker_RUN.result.
run_hawker() {
    local run="$1" dir="$WORK/hawker_$1" i pid sid base origin t0 sim_pid sim_t0 sim_s sim_ticks sim_note=""
    local nginx0 feed0 xvfb0=0 rc xvfb_run_pid
    mkdir -p "$dir"
    export SHOWB_KEY_1080="hawker-1080-r$run" SHOWB_KEY_720="hawker-720-r$run"
    write_show "$dir/show.toml" "$dir/record.mkv"
    log "hawker (run $run/$RUNS): console + show B for ${SECS}s"
    start_feeders "$dir"
    HAWKER_PIDFILE="$dir/hawker.pid"
    # xvfb-run > /usr/bin/time > hawker: the pid file holds hawker's own pid.
    xvfb-run -a -s "-screen 0 ${WINDOW}x24" \
        /usr/bin/time -f '%U %S %M %e' -o "$dir/time.txt" \
        bash -c "$EXEC_WITH_PIDFILE" _ "$HAWKER_PIDFILE" \
        "$HAWKER" gui "$dir/show.toml" --db "$dir/hawker.db" --size "$WINDOW" \
        > "$dir/hawker.out" 2> "$dir/hawker.err" &
    xvfb_run_pid=$!
    PIDS+=("$xvfb_run_pid")
    for ((i = 0; i < 100; i++)); do # its X server, for its CPU and so that an interruption stops it too
        XVFB_PID=$(ps -o pid=,comm= --ppid "$xvfb_run_pid" 2>/dev/null | awk '$2 == "Xvfb" { print $1; exit }' || true)
        [[ -z "$XVFB_PID" ]] || break
        sleep 0.1
    done
    # The show has started when the console says its session (60 s at most: the sources open first).
    for ((i = 0; i < 600; i++)); do
        grep -qs '^session ' "$dir/hawker.out" && grep -qs '^api ' "$dir/hawker.out" && break
        kill -0 "$xvfb_run_pid" 2>/dev/null || die "the console stopped: $(tail -n 5 "$dir/hawker.err")"
        sleep 0.1
    done
    grep -qs '^session ' "$dir/hawker.out" || die "the show did not start within 60 s: $(tail -n 5 "$dir/hawker.err")"
    t0=$(now)
    pid=$(cat "$HAWKER_PIDFILE")
    sid=$(sed -n 's/^session \([0-9]*\)$/\1/p' "$dir/hawker.out" | head -n1)
    base=$(sed -n 's|^api \(http://127.0.0.1:[0-9]*/api/v1\)/*$|\1|p' "$dir/hawker.out" | head -n1)
    [[ -n "$sid" && -n "$base" ]] || die "no session or API address from the console: $(head -n 5 "$dir/hawker.out")"
    origin="${base%/api/v1}"
    wait_scene_a_on_air "$base" "$SHOWB_OPERATOR" "$dir/state.json" "$dir/hawker.err" || exit 1
    # The audience, through the HTTP ingest endpoint; it would outlive the run and is stopped with it.
    nginx0=$(ticks "$NGINX_PID"); feed0=$(feeder_ticks)
    [[ -z "$XVFB_PID" ]] || xvfb0=$(ticks "$XVFB_PID")
    thread_ticks "$pid" > "$dir/threads0.tsv"
    sim_t0=$(now)
    "$HAWKER" simulate --db "$dir/hawker.db" --session "$sid" --duration $((SECS + 120)) --seed 7 \
        --arrivals "$ARRIVALS" --url "$origin" --token-env SHOWB_INGEST > "$dir/simulate.out" 2> "$dir/simulate.err" &
    sim_pid=$!
    PIDS+=("$sim_pid")
    # BENCH_SECONDS of show from its start (bounded by construction).
    while awk -v e="$(elapsed_since "$t0")" -v s="$SECS" 'BEGIN { exit !(e < s) }'; do
        kill -0 "$pid" 2>/dev/null || die "hawker stopped during the run: $(tail -n 5 "$dir/hawker.err")"
        sleep 0.2
    done
    sim_ticks=$(ticks "$sim_pid")
    sim_s=$(elapsed_since "$sim_t0")
    # Where Hawker's CPU went over the measured window, by thread name (threads gone by then are missed).
    thread_ticks "$pid" | join -t $'\t' -a1 - "$dir/threads0.tsv" \
        | awk -F'\t' -v h="$CLK_TCK" -v s="$sim_s" '{ d = $2 - ($3 == "" ? 0 : $3); if (s > 0) printf "thread:%s=%.3f\n", $1, d / h / s }' \
        > "$dir/threads.txt"
    printf 'nginx_ticks=%s\nfeeder_ticks=%s\nxvfb_ticks=%s\nsim_ticks=%s\n' \
        "$(($(ticks "$NGINX_PID") - nginx0))" "$(($(feeder_ticks) - feed0))" \
        "$([[ -n "$XVFB_PID" ]] && echo $(($(ticks "$XVFB_PID") - xvfb0)) || echo n/a)" "$sim_ticks" > "$dir/others.txt"
    if ! kill -0 "$sim_pid" 2>/dev/null; then
        sim_note="the audience stopped early: $(head -c 200 "$dir/simulate.err" | tr '\n' ' ')"
        log "warning: $sim_note"
    fi
    stop_pid "$sim_pid"
    # Close the console as the operator would (SIGTERM = the window closed); 60 s at most.
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 600; i++)); do kill -0 "$xvfb_run_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$xvfb_run_pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
        die "the console did not close within 60 s of SIGTERM (logs: $dir)"
    fi
    wait "$xvfb_run_pid" && rc=0 || rc=$?
    untrack "$xvfb_run_pid"
    HAWKER_PIDFILE=""
    [[ -z "$XVFB_PID" ]] || stop_named "$XVFB_PID" Xvfb # xvfb-run has stopped it already
    XVFB_PID=""
    stop_feeders
    wait_published_gone
    ((rc == 0)) || log "warning: the console exited with status $rc (logs: $dir)"
    grep -q '^summary ' "$dir/hawker.out" || die "no summary from the console (logs: $dir)"

    local result="$WORK/hawker_$run.result" figures events summary enc_p enc_s
    events=$(sqlite3 -cmd '.timeout 5000' "$dir/hawker.db" "SELECT count(*) FROM events WHERE session_id = $sid" 2>/dev/null || echo 0)
    summary=$(grep '^summary ' "$dir/hawker.out" | tail -n1)
    enc_p=$(grep '^encode id=program ' "$dir/hawker.out" | tail -n1)
    enc_s=$(grep '^encode id=second ' "$dir/hawker.out" | tail -n1)
    {
        measure_output "$WORK/nginx/rec/$SHOWB_KEY_1080.flv" rtmp1080
        measure_output "$WORK/nginx/rec/$SHOWB_KEY_720.flv" rtmp720
        measure_output "$dir/record.mkv" record
        echo "dropped=$(line_kv "$summary" dropped)"
        echo "lagged=$(line_kv "$summary" lagged)"
        echo "latency_median_ms=$(line_kv "$summary" latency_ms_median)"
        echo "latency_p99_ms=$(line_kv "$summary" latency_ms_p99)"
        echo "dropped_1080=$(line_kv "$enc_p" dropped)"
        echo "dropped_720=$(line_kv "$enc_s" dropped)"
        echo "encode_frames_1080=$(line_kv "$enc_p" frames)"
        echo "encode_frames_720=$(line_kv "$enc_s" frames)"
        echo "sources=$(grep '^source id=' "$dir/hawker.out" | awk '{ for (i = 1; i <= NF; i++) { if ($i ~ /^id=/) id = substr($i, 4); if ($i ~ /^frames=/) f = substr($i, 8) } printf "%s%s:%s", (n++ ? "," : ""), id, f }')"
        echo "events=$events"
        echo "events_per_s=$(fdiv "$events" "$sim_s" 0)"
        echo "console_frames=$(line_kv "$(grep '^console ' "$dir/hawker.out" | tail -n1)" frames)"
        echo "audience_note=$sim_note"
        cat "$dir/others.txt"
        cat "$dir/threads.txt"
    } > "$result"
    figures=$(cpu_figures "$result" "$dir/time.txt")
    echo "$figures" >> "$result"
    cleanup_run_files "$dir" "$WORK/nginx/rec/$SHOWB_KEY_1080.flv" "$WORK/nginx/rec/$SHOWB_KEY_720.flv"
}

# --- the ffmpeg reference ------------------------------------------------------------------------
cat > "$WORK/graph.txt" <<EOF
[1:v]scale=${PIP_W}:${PIP_H}:flags=bicubic[pip];
[0:v][pip]overlay=x=${PIP_X}:y=${PIP_Y}:eof_action=repeat[bg];
[bg][4:v]overlay=x=${CARD_X}:y=${CARD_Y}:eof_action=repeat:format=yuv420[card];
[card]drawtext=fontfile=${FONT_FILE}:text='00\:%{eif\:59-mod(floor(t)\,60)\:d\:2}':fontsize=${TIMER_SIZE}:fontcolor=white:borderw=3:bordercolor=black:x=${TIMER_X}:y=${TIMER_Y},format=yuv420p,split=2[big][tosmall];
[tosmall]scale=${SMALL_W}:${SMALL_H}:flags=bicubic[small];
[2:v]nullsink;
[3:v]nullsink
EOF
GOP=$((FPS * KEYINT_SEC))
x264_args() { # x264_args KBPS: scene A's encoder settings at KBPS, one argument a line
    printf '%s\n' -c:v libx264 -preset "$X264_PRESET" -tune "$X264_TUNE" -profile:v "$X264_PROFILE" \
        -b:v "${1}k" -maxrate "${1}k" -bufsize "${1}k" -x264-params filler=1 -g "$GOP"
}

# run_ffmpeg RUN: the reference for one run; writes $WORK/ffmpeg_RUN.result.
run_ffmpeg() {
    local run="$1" dir="$WORK/ffmpeg_$1" i nginx0 feed0 t0 rc key_big="ffmpeg-1080-r$1" key_small="ffmpeg-720-r$1"
    mkdir -p "$dir"
    log "ffmpeg reference (run $run/$RUNS): the same graph for ${SECS}s"
    local cmd=(ffmpeg -hide_banner -nostdin -y -loglevel verbose) big_enc small_enc
    mapfile -t big_enc < <(x264_args "$BITRATE_KBPS")
    mapfile -t small_enc < <(x264_args "$SMALL_KBPS")
    for i in 1 2 3 4; do cmd+=(-thread_queue_size 1024 -f mpegts -i "$(udp_in "$i")"); done
    cmd+=(-i "$CARD"
        -filter_complex_script "$WORK/graph.txt"
        -progress "$dir/progress.txt" -stats_period 1
        -map '[big]' -map 0:a -t "$SECS" -fps_mode cfr -r "$FPS" "${big_enc[@]}"
        -c:a aac -b:a "${AUDIO_KBPS}k" -ar "$AUDIO_RATE" -ac 2 -flags +global_header
        -f tee "[f=flv:onfail=ignore]$RTMP_BASE/$key_big|[f=matroska]$dir/record.mkv"
        -map '[small]' -map 0:a -t "$SECS" -fps_mode cfr -r "$FPS" "${small_enc[@]}"
        -c:a aac -b:a "${AUDIO_KBPS}k" -ar "$AUDIO_RATE" -ac 2
        -f flv "$RTMP_BASE/$key_small")
    printf '%q ' "${cmd[@]}" > "$dir/cmdline.txt"; echo >> "$dir/cmdline.txt"
    start_feeders "$dir"
    nginx0=$(ticks "$NGINX_PID"); feed0=$(feeder_ticks)
    FFMPEG_PIDFILE="$dir/ffmpeg.pid"
    /usr/bin/time -f '%U %S %M %e' -o "$dir/time.txt" \
        bash -c "$EXEC_WITH_PIDFILE" _ "$FFMPEG_PIDFILE" "${cmd[@]}" \
        > "$dir/ffmpeg.out" 2> "$dir/ffmpeg.log" &
    local ff_pid=$! limit=$((3 * SECS + 60))
    PIDS+=("$ff_pid")
    t0=$(now)
    printf 'nginx_ticks=0\nfeeder_ticks=0\n' > "$dir/others.txt"
    # It stops by itself after BENCH_SECONDS of output; one that runs at a third of real time is given up.
    while kill -0 "$ff_pid" 2>/dev/null && awk -v e="$(elapsed_since "$t0")" -v s="$limit" 'BEGIN { exit !(e < s) }'; do
        printf 'nginx_ticks=%s\nfeeder_ticks=%s\n' "$(($(ticks "$NGINX_PID") - nginx0))" "$(($(feeder_ticks) - feed0))" > "$dir/others.txt"
        sleep 0.2
    done
    kill -0 "$ff_pid" 2>/dev/null && die "the ffmpeg reference did not finish within $limit s (log: $dir/ffmpeg.log)"
    wait "$ff_pid" && rc=0 || rc=$?
    untrack "$ff_pid"
    FFMPEG_PIDFILE=""
    stop_feeders
    wait_published_gone
    if ((rc != 0)); then
        tail -n 20 "$dir/ffmpeg.log" >&2
        die "the ffmpeg reference exited with status $rc (log: $dir/ffmpeg.log)"
    fi
    local result="$WORK/ffmpeg_$run.result" figures
    {
        measure_output "$WORK/nginx/rec/$key_big.flv" rtmp1080
        measure_output "$WORK/nginx/rec/$key_small.flv" rtmp720
        measure_output "$dir/record.mkv" record
        echo "dropped=$(awk -F= '$1 == "drop_frames" { v = $2 } END { print v + 0 }' "$dir/progress.txt")"
        echo "dup=$(awk -F= '$1 == "dup_frames" { v = $2 } END { print v + 0 }' "$dir/progress.txt")"
        # How fast it went against the clock (below 1: it fell behind the cameras, buffering instead of dropping).
        echo "speed=$(awk -F= '$1 == "speed" { v = $2 } END { gsub(/[ x]/, "", v); print v }' "$dir/progress.txt")"
        # Frames decoded per input (ffmpeg's verbose end-of-run statistics): the cameras off air are decoded too.
        echo "sources=$(awk '/^Input file #/ { f = $3; sub(/^#/, "", f); sub(/:$/, "", f) } /Input stream #[0-9]+:0 \(video\)/ { for (i = 1; i <= NF; i++) if ($(i + 1) ~ /^frames/ && $(i + 2) == "decoded;") d = $i; printf "%scam%d:%s", (n++ ? "," : ""), f + 1, d }' "$dir/ffmpeg.log" | sed 's/,cam5:[0-9]*//')"
        cat "$dir/others.txt"
    } > "$result"
    figures=$(cpu_figures "$result" "$dir/time.txt")
    echo "$figures" >> "$result"
    offair_floor "$dir" "$result"
    cleanup_run_files "$dir" "$WORK/nginx/rec/$key_big.flv" "$WORK/nginx/rec/$key_small.flv"
}

# offair_floor DIR RESULT: the CPU the reference spent on the off-air cameras, measured alone (the same
# decoder, its default threads, SECS of each file), and the reference's CPU per output s without it.
offair_floor() {
    local cpu out_s
    /usr/bin/time -f '%U %S %M %e' -o "$1/offair_time.txt" \
        ffmpeg -hide_banner -nostdin -v error -stream_loop -1 -t "$SECS" -i "$CAM3" -stream_loop -1 -t "$SECS" -i "$CAM4" \
        -map 0:v:0 -f null - -map 1:v:0 -f null - > "$1/offair.log" 2>&1 ||
        die "decoding the off-air cameras alone failed (log: $1/offair.log)"
    cpu=$(time_cpu "$1/offair_time.txt")
    out_s=$(kv "$2" out_s)
    {
        echo "offair_cpu_s=$cpu"
        echo "floor_per_output_s=$(awk -v c="$(kv "$2" cpu_s)" -v o="$cpu" -v s="$out_s" \
            'BEGIN { if (s > 0) printf "%.3f", (c - o) / s; else print "n/a" }')"
    } >> "$2"
}

# time_cpu TIME_FILE: user + system CPU seconds from /usr/bin/time's "%U %S %M %e" line.
time_cpu() { tail -n1 "$1" | awk '{ printf "%.2f", $1 + $2 }'; }

# cpu_figures RESULT TIME_FILE: the process's CPU (/usr/bin/time's "user sys maxrss wall") over
# the program seconds it produced: the recording's span, first frame to last (a dropped frame
# leaves a gap, it does not shorten the program).
cpu_figures() {
    local user sys rss wall cpu out_s
    read -r user sys rss wall < <(tail -n1 "$2")
    cpu=$(time_cpu "$2")
    out_s=$(kv "$1" record_span_s)
    echo "cpu_s=$cpu"
    echo "wall_s=$wall"
    echo "peak_rss_mb=$(fdiv "$rss" 1024 1)"
    echo "out_s=${out_s:-0}"
    echo "cpu_per_output_s=$( [[ -n "$out_s" ]] && fdiv "$cpu" "$out_s" 3 || echo n/a)"
}

# cleanup_run_files DIR FLV...: the big media files go once measured (unless SHOWB_KEEP=1).
cleanup_run_files() {
    [[ "${SHOWB_KEEP:-0}" == 1 ]] && return 0
    rm -f "$1/record.mkv" "${@:2}"
}

# --- runs, paired -----------------------------------------------------------------------------------
LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
log "load average before the runs: $LOAD_AT_START (the figures are only meaningful on an otherwise idle machine)"
log "work folder $WORK; nginx-rtmp on 127.0.0.1:$RTMP_PORT; cameras on UDP ${UDP_PORTS[*]}"
for ((r = 1; r <= RUNS; r++)); do
    run_hawker "$r"
    run_ffmpeg "$r"
done

# --- figures --------------------------------------------------------------------------------------------
side_values() { # side_values SIDE KEY: the value of each run, one per line
    local r
    for ((r = 1; r <= RUNS; r++)); do kv "$WORK/${1}_$r.result" "$2"; done
}
med() { side_values "$1" "$2" | median_in; }
per_run() { side_values "$1" "$2" | sed 's/^$/n\/a/' | paste -sd' ' -; }
run_ratios() { # run_ratios SIDE KEY SIDE KEY: the first figure ÷ the second, of each run (none where either is missing)
    local r a b
    for ((r = 1; r <= RUNS; r++)); do
        a=$(kv "$WORK/${1}_$r.result" "$2"); b=$(kv "$WORK/${3}_$r.result" "$4")
        awk -v a="$a" -v b="$b" 'BEGIN { if (a != "" && a != "n/a" && b + 0 > 0) printf "%.2f\n", a / b }'
    done
}
pair_ratios() { run_ratios hawker "$1" ffmpeg "$1"; } # pair_ratios KEY: hawker ÷ ffmpeg of each run
verdict() { # verdict "AWK EXPRESSION": meets / MISSES, or n/a when a figure is missing
    if [[ "$1" == *n/a* ]]; then echo "n/a"
    elif awk "BEGIN { exit !($1) }" 2>/dev/null; then echo "meets"
    else echo "MISSES"; fi
}
others_cpu() { # others_cpu SIDE KEY: median CPU s per output s of a helper process
    local r t o
    for ((r = 1; r <= RUNS; r++)); do
        t=$(kv "$WORK/${1}_$r.result" "$2"); o=$(kv "$WORK/${1}_$r.result" out_s)
        [[ "$t" =~ ^[0-9]+$ ]] && awk -v t="$t" -v h="$CLK_TCK" -v o="$o" 'BEGIN { if (o > 0) printf "%.3f\n", t / h / o }'
    done | median_in
}

H_CPU=$(med hawker cpu_per_output_s); F_CPU=$(med ffmpeg cpu_per_output_s)
# The floor, per run: the reference less its off-air decoding, over the reference; and what 0.85x leaves.
mapfile -t FLOOR_RATIOS < <(run_ratios ffmpeg floor_per_output_s ffmpeg cpu_per_output_s)
FLOOR_RATIO=$(median "${FLOOR_RATIOS[@]}")
F_FLOOR=$(med ffmpeg floor_per_output_s)
HEADROOM=$(awk -v c="$F_CPU" -v f="$F_FLOOR" 'BEGIN { if (c + 0 > 0 && f != "") printf "%.3f", 0.85 * c - f; else print "n/a" }')
mapfile -t CPU_PAIRS < <(pair_ratios cpu_per_output_s)
CPU_PAIRED=$(median "${CPU_PAIRS[@]}")
# Every output, both sides: the lowest distinct fps and the most drops.
min_distinct() { # min_distinct SIDE: the lowest of the three outputs' median distinct fps
    printf '%s\n' "$(med "$1" rtmp1080_distinct_fps)" "$(med "$1" rtmp720_distinct_fps)" "$(med "$1" record_distinct_fps)" |
        awk '/^[0-9.]+$/ { if (!n++ || $1 < m) m = $1 } END { print n ? m : "n/a" }'
}
max_in() { awk '/^[0-9]+$/ { if ($1 > m) m = $1; n++ } END { print n ? m + 0 : "n/a" }'; } # the largest whole number on stdin
H_MIN_DISTINCT=$(min_distinct hawker); F_MIN_DISTINCT=$(min_distinct ffmpeg)
H_MAX_DROP=$(side_values hawker dropped | max_in); F_MAX_DROP=$(side_values ffmpeg dropped | max_in)
F_SPEED=$(med ffmpeg speed)
audience_remark() { # what to know about the audience's rate, if anything
    local notes
    notes=$(side_values hawker audience_note | { grep . || true; } | sort -u | paste -sd';' -)
    [[ -z "$notes" ]] || printf '; %s' "$notes"
    verdict "$(med hawker events_per_s) >= 250" | grep -q meets ||
        printf '; below the ~300 events/s aimed at (the rate builds up over the first minute of a show: a short run, or an ingest that answered 503 under load, stays lower)'
}

CPU_MODEL="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
COMMIT="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "uncommitted")"
if [[ -n "$(git -C "$REPO" status --porcelain 2>/dev/null | head -n1)" ]]; then COMMIT="$COMMIT (+ local changes)"; fi
FF_VERSION="$(ffmpeg -version | head -n1 | awk '{ print $3 }')"

output_row() { # output_row LABEL PREFIX
    echo "| $1: frames per s / distinct per s | $(med hawker "$2_fps") / $(med hawker "$2_distinct_fps") | $(med ffmpeg "$2_fps") / $(med ffmpeg "$2_distinct_fps") | — |"
}
sound_gap() { # sound_gap SIDE: per run, the largest |sound span - picture span| over the outputs (s)
    local i
    for ((i = 1; i <= RUNS; i++)); do
        awk -F= '{ v[$1] = $2 } END { m = 0; split("rtmp1080 rtmp720 record", o, " ")
            for (k in o) if ((o[k] "_sound_s") in v) { d = v[o[k] "_sound_s"] - v[o[k] "_span_s"]; if (d < 0) d = -d; if (d > m) m = d }
            printf "%.3f ", m }' "$WORK/$1_$i.result"
    done
}
sound_gaps() { # sound_gaps SIDE: per run, the recording's gaps in the sound, "count / seconds"
    local i
    for ((i = 1; i <= RUNS; i++)); do
        printf '%s / %s  ' "$(kv "$WORK/$1_$i.result" record_sound_gaps)" "$(kv "$WORK/$1_$i.result" record_sound_gap_s)"
    done
}
{
    echo "# Show B benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo
    echo "- machine: $(nproc) cores, ${CPU_MODEL:-unknown CPU}, $(uname -sr); load average at start: $LOAD_AT_START, at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- hawker: $COMMIT ($HAWKER), \`hawker gui\` under Xvfb (${WINDOW}); ffmpeg reference: $FF_VERSION, one process (its command is at the end)"
    echo "- show B: 4 H.264 ${CANVAS_W}x${CANVAS_H} cameras on UDP (copied in real time by ffmpeg feeders), scene A on air (cam1 + cam2 PiP + card + countdown), cam3 and cam4 off air (Hawker: multiview; reference: decoded to nullsink)"
    echo "- outputs: ${CANVAS_W}x${CANVAS_H} ${BITRATE_KBPS} kb/s to nginx-rtmp + recording (one encode), ${SMALL_W}x${SMALL_H} ${SMALL_KBPS} kb/s to nginx-rtmp; libx264 $X264_PRESET/$X264_TUNE/$X264_PROFILE CBR, keyframe every ${KEYINT_SEC} s, AAC ${AUDIO_KBPS} kb/s"
    echo "- $RUNS paired run(s) of ${SECS} s (Hawker, then ffmpeg); fps figures after a ${WARMUP_S} s warm-up of each output; a frame is distinct when its mean absolute difference to the previous frame (ffmpeg scdet's mafd) is above $DISTINCT_MAFD"
    echo "- audience (Hawker only): \`hawker simulate --url\`, $ARRIVALS viewers/min, measured $(med hawker events_per_s) events/s stored (median; per run: $(per_run hawker events_per_s))$(audience_remark)"
    echo
    echo "| figure | Hawker | ffmpeg reference | Hawker ÷ ffmpeg (median of paired runs) |"
    echo "|---|---|---|---|"
    echo "| CPU s per output s (the process alone) | $H_CPU | $F_CPU | $CPU_PAIRED |"
    output_row "1080x1920 RTMP (as nginx received it)" rtmp1080
    output_row "720x1280 RTMP (as nginx received it)" rtmp720
    output_row "recording (1080x1920)" record
    echo "| gaps in the recording's sound after the warm-up (5 ms or more below -40 dB in cam1's tone): count / total s per run | $(sound_gaps hawker) | $(sound_gaps ffmpeg) | — |"
    echo "| dropped frames (Hawker: summary dropped, the most any encode lost; ffmpeg: drop_frames) | $(per_run hawker dropped) | $(per_run ffmpeg dropped) | — |"
    echo "| kept up with the cameras (ffmpeg: -progress speed, below 1 it fell behind and buffered; Hawker stays live and drops instead) | live | $(med ffmpeg speed) (per run: $(per_run ffmpeg speed)) | — |"
    echo "| peak RSS (MB) | $(med hawker peak_rss_mb) | $(med ffmpeg peak_rss_mb) | — |"
    echo "| capture to encoded packet, median / p99 (ms; Hawker's own measure, from a camera's picture arriving to its encoded packet; budget 100 ms) | $(med hawker latency_median_ms) / $(med hawker latency_p99_ms) (per run: $(per_run hawker latency_median_ms) / $(per_run hawker latency_p99_ms)) | — | — |"
    echo "| the floor: the reference's CPU less its decoding of cam3 and cam4 (measured alone after each run), per output s | — | $F_FLOOR | $FLOOR_RATIO |"
    echo "| sound against pictures: the largest difference of their spans over the outputs, per run (s) | $(sound_gap hawker)| $(sound_gap ffmpeg)| — |"
    echo
    echo "| goal | Hawker | ffmpeg reference |"
    echo "|---|---|---|"
    echo "| 30/30 distinct fps on every output (lowest output ≥ 29.5) and no dropped frame (the reference: also speed ≥ 0.98) | $(verdict "$H_MIN_DISTINCT >= 29.5 && $H_MAX_DROP == 0") ($H_MIN_DISTINCT fps, $H_MAX_DROP dropped) | $(verdict "$F_MIN_DISTINCT >= 29.5 && $F_MAX_DROP == 0 && $F_SPEED >= 0.98") ($F_MIN_DISTINCT fps, $F_MAX_DROP dropped, speed $F_SPEED) |"
    echo "| Hawker CPU ≤ 0.85× the reference (median of paired ratios) | $(verdict "$CPU_PAIRED <= 0.85") ($CPU_PAIRED) | — |"
    echo
    echo "The floor is what a program would spend that decoded nothing of the off-air cameras and did no work the reference does not: $FLOOR_RATIO of the reference here. At 0.85× the reference, that leaves $HEADROOM CPU s per output s for all that Hawker adds: the off-air cameras in the multiview, the console, the audience and the database."
    if [[ "$(verdict "$H_MAX_DROP == 0 && $F_SPEED >= 0.98")" != meets ]]; then
        echo
        echo "Not both sides kept up with the cameras in these runs (Hawker dropped frames, or ffmpeg ran slower than real time): the machine was short of CPU, and the CPU figures then compare unequal work (a dropped or late frame costs less than an encoded one)."
    fi
    echo
    echo "Per run:"
    echo
    echo "- paired CPU ratios: ${CPU_PAIRS[*]:-n/a}"
    echo "- Hawker CPU s per output s: $(per_run hawker cpu_per_output_s) (CPU s $(per_run hawker cpu_s); output s $(per_run hawker out_s))"
    echo "- ffmpeg CPU s per output s: $(per_run ffmpeg cpu_per_output_s) (CPU s $(per_run ffmpeg cpu_s); output s $(per_run ffmpeg out_s))"
    echo "- the reference's off-air decoding alone, CPU s: $(per_run ffmpeg offair_cpu_s); the floor per output s: $(per_run ffmpeg floor_per_output_s), ÷ the reference: ${FLOOR_RATIOS[*]:-n/a}"
    for side in hawker ffmpeg; do
        for o in rtmp1080 rtmp720 record; do
            echo "- $side $o: frames in window $(per_run "$side" "${o}_frames") over $(per_run "$side" "${o}_window_s") s, distinct $(per_run "$side" "${o}_distinct"); distinct fps $(per_run "$side" "${o}_distinct_fps") (whole file: $(per_run "$side" "${o}_frames_total") frames)"
        done
    done
    echo "- Hawker dropped per encode: 1080x1920 $(per_run hawker dropped_1080), 720x1280 $(per_run hawker dropped_720); lagged $(per_run hawker lagged); frames encoded 1080 $(per_run hawker encode_frames_1080), 720 $(per_run hawker encode_frames_720)"
    echo "- ffmpeg drop_frames $(per_run ffmpeg dropped), dup_frames $(per_run ffmpeg dup)"
    echo "- camera frames decoded (Hawker): $(per_run hawker sources); (ffmpeg): $(per_run ffmpeg sources)"
    echo "- console frames drawn: $(per_run hawker console_frames); audience events: $(per_run hawker events)"
    echo "- other processes, CPU s per output s (median), not in the figures above: Hawker runs: Xvfb $(others_cpu hawker xvfb_ticks), audience $(others_cpu hawker sim_ticks), nginx $(others_cpu hawker nginx_ticks), 4 feeders $(others_cpu hawker feeder_ticks); ffmpeg runs: nginx $(others_cpu ffmpeg nginx_ticks), 4 feeders $(others_cpu ffmpeg feeder_ticks)"
    echo
    echo "Hawker's CPU by thread, CPU s per wall s over the measured window (median over the runs; the busiest first):"
    echo
    echo "| thread | CPU s per s |"
    echo "|---|---|"
    for ((r = 1; r <= RUNS; r++)); do sed -n 's/^thread:\(.*\)=.*/\1/p' "$WORK/hawker_$r.result"; done | sort -u \
        | while IFS= read -r name; do printf '%s\t%s\n' "$(med hawker "thread:$name")" "$name"; done \
        | sort -t $'\t' -k1,1gr | awk -F'\t' '$1 != "n/a" && $1 >= 0.005 { printf "| `%s` | %s |\n", $2, $1 }'
    echo
    echo "The reference's command (run 1):"
    echo
    echo '```'
    cat "$WORK/ffmpeg_1/cmdline.txt"
    echo '```'
} > "$REPORT"

echo
cat "$REPORT"
echo
log "written to $REPORT"
