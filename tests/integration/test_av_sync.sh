#!/usr/bin/env bash
# A/V sync with a known pattern: one lavfi source makes a white flash (video)
# and a 1 kHz beep (audio) during the first 100 ms of every second, and the
# source's own audio track is mixed into the program. In the recording, the
# flash onsets (first bright frame, signalstats YAVG) and the beep onsets
# (silencedetect's silence_end, sample-accurate) are paired and the offset
# audio - video of each pair is measured in ms (positive = audio late). The
# bound holds for the mean and for every single pair (the largest |offset|),
# so one second out of sync cannot hide in an average:
#   offline run: |offset| <= 45 ms (one video frame plus one AAC frame)
#   live (paced) run: |offset| <= 80 ms
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe ffmpeg

SECS=8
OFFLINE_MAX_MS=45
LIVE_MAX_MS=80

# The pattern, with the audio made per sample (aevalsrc) so the beep starts
# exactly on the second; the video flash is on for frames with t mod 1 < 0.1.
# A TOML multi-line literal string holds it unchanged (quotes and backslashes).
PATTERN="color=c=black:s=320x240:r=30,drawbox=c=white:t=fill:enable='lt(mod(t\\,1)\\,0.1)'[out0];aevalsrc=exprs='if(lt(mod(t\\,1)\\,0.1)\\,0.5*sin(2*PI*1000*t)\\,0)':s=48000:c=stereo[out1]"

# The pattern itself must be valid for ffmpeg (guards against a broken test).
ffmpeg -v error -nostdin -f lavfi -i "$PATTERN" -t 0.5 -f null - 2> "$T/pattern.log" \
    || die "the sync pattern is not a valid lavfi graph: $(head -n3 "$T/pattern.log")"

write_show() {   # write_show FILE
    cat > "$1" <<EOF
[show]
name = "av sync test"

[canvas]
width = 360
height = 640
fps = 30
background = "#000000"

[[sources]]
id = "sync"
format = "lavfi"
url = '''$PATTERN'''
audio = true

[[scenes]]
id = "main"
layers = [ { kind = "source", source = "sync", rect = [0, 0, 360, 640], fit = "stretch" } ]

[program]
scene = "main"

$(encoder_block 1000 2)

[[outputs]]
id = "record"
kind = "record"
path = "program.mkv"
EOF
}

# measure LABEL DIR MAX_MS
measure() {
    local label="$1" dir="$2" max="$3" res mean pairs lo hi
    if [[ ! -s "$dir/program.mkv" ]]; then
        fail "$label: no recording"
        return
    fi
    if [[ -z "$(probe_stream "$dir/program.mkv" a:0 codec_name)" ]]; then
        fail "$label: recording has no audio stream"
        return
    fi
    res=$(av_offset_ms "$dir/program.mkv") || { fail "$label: measuring failed"; return; }
    read -r mean pairs lo hi <<< "$res"
    info "$label: A/V offset mean ${mean} ms over $pairs flash/beep pairs (min ${lo}, max ${hi} ms; + = audio late)"
    if ! is_number "$mean" || ! is_number "$lo" || ! is_number "$hi" || (( pairs < SECS - 2 )); then
        fail "$label: only $pairs flash/beep pairs found (expected >= $((SECS - 2)))"
        return
    fi
    check "$label: |A/V offset| mean = |${mean}| ms <= $max ms" fcmp "$mean <= $max && $mean >= -$max"
    check "$label: every pair within $max ms (min ${lo}, max ${hi} ms)" \
        fcmp "$lo >= -$max && $lo <= $max && $hi >= -$max && $hi <= $max"
}

mkdir -p "$T/offline" "$T/live"
write_show "$T/offline/show.toml"
write_show "$T/live/show.toml"

hawker_fg offline 90 run "$T/offline/show.toml" --duration $SECS --offline
check "offline run exits 0 (got $HAWKER_RC)" test "$HAWKER_RC" -eq 0
measure "offline" "$T/offline" $OFFLINE_MAX_MS

hawker_fg live 60 run "$T/live/show.toml" --duration $SECS
check "live run exits 0 (got $HAWKER_RC)" test "$HAWKER_RC" -eq 0
# Paced: from "show started" to the recording's stop, by Hawker's own log stamps.
live_from=$(log_time "$T/live.err" 'show started')
live_to=$(log_time "$T/live.err" 'output record state=stopped')
live_s=$( [[ -n "$live_from" && -n "$live_to" ]] && span_s "$live_from" "$live_to")
check "live run is paced: ${live_s:-?} s from show start to the recording's stop (>= $SECS - 0.5)" \
    fcmp "${live_s:-0} >= $SECS - 0.5"
measure "live" "$T/live" $LIVE_MAX_MS

finish
