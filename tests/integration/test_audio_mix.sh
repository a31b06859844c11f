#!/usr/bin/env bash
# The program mix follows the show state: an audio input muted and its gain
# changed by commands (cues here) changes the recording's audio at those times.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe ffmpeg

camera_show "audio mix test" 360 640 30 800 2 "program.mkv" > "$T/show.toml"
cat >> "$T/show.toml" <<EOF

[[cues]]
at_s = 2.0
command = "audio.mute"
input = "tone"
muted = "true"

[[cues]]
at_s = 4.0
command = "audio.gain"
input = "tone"
db = "-20"

[[cues]]
at_s = 4.0
command = "audio.mute"
input = "tone"
muted = "false"
EOF

hawker_fg hawker 60 run "$T/show.toml" --duration 6 --offline
check "hawker exits 0 (got $HAWKER_RC)" test "$HAWKER_RC" -eq 0

# rms_db FROM TO: the recording's RMS level (dBFS) between two program times.
rms_db() {
    ffmpeg -nostdin -v info -i "$T/program.mkv" -af "atrim=$1:$2,astats=measure_perchannel=none" -f null - 2>&1 \
        | sed -n 's/.*RMS level dB: \(-\{0,1\}[0-9.inf]*\).*/\1/p' | tail -n1
}
loud=$(rms_db 0.5 1.5)
muted=$(rms_db 2.5 3.5)
quiet=$(rms_db 4.5 5.5)
info "RMS: before mute ${loud} dBFS, muted ${muted} dBFS, at -20 dB ${quiet} dBFS"
check "tone audible before the mute (${loud} dBFS > -40; lavfi sine is -24 dBFS)" fcmp "${loud:--999} > -40"
check "silent while muted (${muted} dBFS < -80)" fcmp "${muted/-inf/-999} < -80"
drop=$(calc "${loud:-0} - ${quiet:-0}")
check "20 dB quieter after audio.gain -20 (drop ${drop} dB, 19..21)" fcmp "$drop >= 19 && $drop <= 21"
finish
