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

# The pattern (lib.sh): a white flash and a 1 kHz beep at the start of every second.
sync_pattern_check
write_show() {   # write_show FILE
    sync_pattern_show program.mkv > "$1"
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
