#!/usr/bin/env bash
# Clip budget: cutting every card showing's clip out of a 1-hour 1080×1920
# recording with 20 card showings must take under 60 s on two cores. The
# reference, paired run by run, is a plain ffmpeg re-encode of the same
# windows (libx264 veryfast, AAC), one after the other: what cutting them
# without Hawker's copy costs on this machine.
#
# The recording is made here with ffmpeg in the form Hawker records
# (Matroska, H.264 without B-frames, a keyframe every 2 s, AAC 48 kHz), and
# the session's timeline (the recording's row, 20 cards shown and hidden) is
# written into a fresh database; the clip count and each clip's frame count
# are checked so a fast failure cannot pass.
# usage: bench/clips.sh   env: BENCH_CLIP_SECONDS (recording, default 3600), BENCH_CLIP_WINDOW_S
#        (each card's time on air, default 30), BENCH_RUNS (default 1), HAWKER
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
HAWKER="${HAWKER:-$REPO/build/studio/hawker}"
SECONDS_LONG="${BENCH_CLIP_SECONDS:-3600}"
WINDOW_S="${BENCH_CLIP_WINDOW_S:-30}"
RUNS="${BENCH_RUNS:-1}"
SHOWINGS=20 PRE=2 POST=2 BUDGET_S=60
[[ -x "$HAWKER" ]] || { echo "bench: no hawker binary at $HAWKER" >&2; exit 1; }
for tool in ffmpeg ffprobe sqlite3 /usr/bin/time; do
    command -v "$tool" > /dev/null || { echo "bench: $tool missing (scripts/setup.sh installs it)" >&2; exit 1; }
done
(( SECONDS_LONG >= SHOWINGS * (WINDOW_S + PRE + POST + 10) )) ||
    { echo "bench: $SHOWINGS windows of ${WINDOW_S}s do not fit in ${SECONDS_LONG}s" >&2; exit 1; }
T="$(mktemp -d "${TMPDIR:-/tmp}/hawker-bench-clips.XXXXXX")"
trap 'rm -rf "$T"' EXIT
export HAWKER_HOME="$T/home"
mkdir -p "$HAWKER_HOME"
REC="$T/program.mkv"

echo "bench clips: making a ${SECONDS_LONG}s 1080x1920 recording (this takes a while)" >&2
ffmpeg -nostdin -v error -f lavfi -i "testsrc2=s=540x960:r=30,scale=1080:1920:flags=neighbor" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000" -t "$SECONDS_LONG" \
    -c:v libx264 -preset ultrafast -bf 0 -g 60 -keyint_min 60 -sc_threshold 0 -b:v 4500k -maxrate 4500k \
    -bufsize 4500k -pix_fmt yuv420p -c:a aac -b:a 128k -ac 2 "$REC"

# The session: started an hour ago, its recording's first frame at program time 0, a card every
# (SECONDS_LONG / SHOWINGS) seconds, on air for WINDOW_S.
DB="$T/hawker.db"
start=$(( $(date +%s) * 1000 - SECONDS_LONG * 1000 - 60000 ))
session=$("$HAWKER" session new --db "$DB" --title "clip bench" --start "$start")
{
    echo "BEGIN;"
    echo "INSERT INTO timeline (session_id, utc_ms, program_ms, event, detail, fields) VALUES ($session, $start, 0,
          'recording', 'record records to $REC', json_object('output', 'record', 'file', '$REC', 'base_ms', 0));"
    step=$(( SECONDS_LONG / SHOWINGS ))
    for i in $(seq 0 $((SHOWINGS - 1))); do
        sku=$(printf 'SKU-%02d' $((i + 1)))
        on=$(( (i * step + 5) * 1000 )) off=$(( (i * step + 5 + WINDOW_S) * 1000 ))
        echo "INSERT INTO timeline (session_id, utc_ms, program_ms, event, detail, fields) VALUES
              ($session, $start + $on, $on, 'card_shown', '$sku (slot card)', json_object('sku', '$sku', 'slot', 'card')),
              ($session, $start + $off, $off, 'card_hidden', '$sku (slot card)',
               json_object('graphic', 'card', 'offer', '', 'sku', '$sku', 'slot', 'card'));"
        echo "$on $off" >> "$T/windows"
    done
    echo "COMMIT;"
} | sqlite3 "$DB"
"$HAWKER" session end --db "$DB" --session "$session" --at $(( start + SECONDS_LONG * 1000 ))

wall() { awk '/^wall=/ { print substr($0, 6) }' "$1"; }
times=() refs=() ratios=()
for run in $(seq 1 "$RUNS"); do
    rm -rf "$T/clips" "$T/ref"
    mkdir -p "$T/ref"
    sync
    /usr/bin/time -f 'wall=%e' -o "$T/time" "$HAWKER" clips --db "$DB" --session "$session" --out "$T/clips" \
        --kind card --pre $PRE --post $POST > "$T/clips.out" 2> "$T/clips.err" ||
        { echo "bench: hawker clips failed: $(tail -n3 "$T/clips.err")" >&2; exit 1; }
    h=$(wall "$T/time")
    n=$(ls "$T/clips"/*.mp4 | wc -l)
    [[ "$n" -eq "$SHOWINGS" ]] || { echo "bench: $n clips, not $SHOWINGS" >&2; exit 1; }
    want=$(( (WINDOW_S + PRE + POST) * 30 ))
    for f in "$T/clips"/*.mp4; do
        got=$(ffprobe -v error -count_packets -select_streams v -show_entries stream=nb_read_packets -of csv=p=0 "$f")
        [[ "$got" -eq "$want" ]] || { echo "bench: $f has $got frames, not $want" >&2; exit 1; }
    done
    # The reference: the same windows re-encoded by ffmpeg, one after the other.
    sync
    /usr/bin/time -f 'wall=%e' -o "$T/time" bash -c '
        k=0
        while read -r on off; do
            k=$((k + 1))
            from=$(awk -v a="$on" -v p='"$PRE"' "BEGIN { printf \"%.3f\", a / 1000 - p }")
            len=$(awk -v a="$on" -v b="$off" -v p='"$((PRE + POST))"' "BEGIN { printf \"%.3f\", (b - a) / 1000 + p }")
            ffmpeg -nostdin -v error -ss "$from" -i "$1" -t "$len" -c:v libx264 -preset veryfast -bf 0 \
                -c:a aac -b:a 128k "$2/ref-$k.mp4" || exit 1
        done < "$3"' _ "$REC" "$T/ref" "$T/windows"
    r=$(wall "$T/time")
    times+=("$h") refs+=("$r")
    ratios+=("$(awk -v a="$h" -v b="$r" 'BEGIN { printf "%.3f", a / b }')")
    echo "run $run: hawker clips ${h}s, ffmpeg re-encode ${r}s, ratio ${ratios[-1]}" >&2
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mh=$(median "${times[@]}") mr=$(median "${refs[@]}") mq=$(median "${ratios[@]}")
verdict=$(awk -v h="$mh" -v b="$BUDGET_S" 'BEGIN { print (h < b) ? "meets" : "MISSES" }')
echo "clips: ${SHOWINGS} clips of $((WINDOW_S + PRE + POST)) s from a ${SECONDS_LONG} s 1080x1920 recording"
echo "hawker clips median ${mh} s (runs: ${times[*]}) — budget < ${BUDGET_S} s: $verdict"
echo "ffmpeg re-encode of the same windows median ${mr} s (runs: ${refs[*]})"
echo "paired ratio hawker ÷ ffmpeg median ${mq} (runs: ${ratios[*]})"
