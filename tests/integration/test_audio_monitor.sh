#!/usr/bin/env bash
# The operator's headphones: [monitor] plays the monitor bus on a real sound
# device. The test starts its own PulseAudio server (a private runtime folder,
# a null sink "hawker_phones", no hardware) and listens to the sink's monitor
# with ffmpeg, as headphones would hear it.
#
# Two inputs with tones apart: "mic" 440 Hz (mono, -21 dBFS a channel), "room" 1 kHz at -20 dBFS.
#   1. Nothing soloed: the headphones hear the program, both tones, at their levels.
#   2. The room soloed over the API: the headphones hear the room alone.
#   3. The sound server dies mid-show: the program goes on (every frame encoded,
#      none dropped), the log says the monitor is not playing; the server comes
#      back and the monitor plays again by itself, still the room alone.
# The same through ALSA's library, to an ALSA device that writes a file. A sink
# that does not exist is an error in the log, never a stopped show; a
# [monitor] of an unknown kind is refused when the show file is read.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffmpeg curl python3
command -v pulseaudio >/dev/null 2>&1 \
    || skip "pulseaudio is not installed (scripts/setup.sh installs it): no sound server to play to"
command -v pactl >/dev/null 2>&1 || skip "pactl is not installed (scripts/setup.sh installs pulseaudio-utils)"
ffmpeg -hide_banner -devices 2>/dev/null | grep -q ' pulse ' || skip "this ffmpeg has no pulse device"

start_pulse hawker_phones

# listen NAME SECONDS: what the headphones hear for SECONDS, into $T/NAME.wav.
listen() {
    timeout 20 ffmpeg -nostdin -v error -y -f pulse -i hawker_phones.monitor -t "$2" -ar 48000 -ac 2 \
        -c:a pcm_f32le "$T/$1.wav" 2> "$T/$1.listen.err"
}
# tone_db NAME HZ [SKIP_S]: the level of the HZ tone in $T/NAME.wav (left channel, after its first
# SKIP_S s, 0.2 by default), in dBFS of the tone's peak: a Goertzel filter over each 100 ms (a whole
# number of periods of 440 Hz and 1 kHz), the median of them. A tone that is not there reads far down;
# a window with a gap or a jump of the input's own reads low, and the median passes over it.
tone_db() {
    python3 - "$T/$1.wav" "$2" "${3:-0.2}" <<'EOF'
import math, struct, sys
path, hz, skip = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
data = open(path, 'rb').read()
# A WAV of 32-bit floats: find the "data" chunk and read interleaved stereo.
at = data.find(b'data')
if at < 0:
    print('none'); sys.exit()
size = struct.unpack('<I', data[at + 4:at + 8])[0]
body = data[at + 8:at + 8 + size]
samples = struct.unpack('<%df' % (len(body) // 4), body[:len(body) // 4 * 4])
left = samples[0::2][int(skip * 48000):]
w = 2 * math.pi * hz / 48000
cosines = [math.cos(w * i) for i in range(4800)]
sines = [math.sin(w * i) for i in range(4800)]
levels = []
for start in range(0, len(left) - 4800 + 1, 4800):
    block = left[start:start + 4800]
    re = sum(x * c for x, c in zip(block, cosines))
    im = sum(x * s for x, s in zip(block, sines))
    amplitude = 2 * math.hypot(re, im) / 4800
    levels.append(20 * math.log10(amplitude) if amplitude > 0 else -200.0)
if len(levels) < 5:
    print('none'); sys.exit()
levels.sort()
print('%.2f' % levels[len(levels) // 2])
EOF
}

PORT=$(pick_port)
export HAWKER_TEST_OPERATOR_TOKEN="$(random_token op)" HAWKER_TEST_MERCH_TOKEN="$(random_token me)"
OP=$HAWKER_TEST_OPERATOR_TOKEN
BASE="http://127.0.0.1:$PORT/api/v1"
write_show() {   # write_show SINK [API_PORT]
    cat <<EOF
[show]
name = "headphones test"

[canvas]
width = 360
height = 640
fps = 30

[[sources]]
id = "cam1"
format = "lavfi"
url = "testsrc2=size=360x640:rate=30"

[[audio]]
id = "mic"
format = "lavfi"
url = "sine=frequency=440:sample_rate=48000"

[[audio]]
id = "room"
format = "lavfi"
url = "aevalsrc=exprs='0.1*sin(2*PI*1000*t)':s=48000:c=stereo"

[[scenes]]
id = "main"
layers = [ { kind = "source", source = "cam1", rect = [0, 0, 360, 640] } ]

[program]
scene = "main"

[monitor]
format = "pulse"
device = "$1"

[security]
source_protocols = ["lavfi"]

$(encoder_block 600 2)

[[outputs]]
id = "record"
kind = "record"
path = "phones.mkv"

$([[ -n "${2:-}" ]] && api_block "$2")
EOF
}

# --- a show file that names a sound output Hawker does not have --------------------------------
write_show hawker_phones | sed 's/^format = "pulse"$/format = "jack"/' > "$T/jack.toml"
hawker_fg jack 30 run "$T/jack.toml" --duration 1
check "a [monitor] of format jack is refused (exit $HAWKER_RC)" test "$HAWKER_RC" -ne 0
check "the refusal names the field: $(hawker_error_line jack)" grep -q 'monitor.*format.*pulse' "$T/jack.err"

# --- a sink that is not there: the show runs, the log says why there is no monitor ----------
write_show no_such_sink > "$T/missing.toml"
hawker_fg missing 40 run "$T/missing.toml" --duration 3
check "a show whose headphones are missing still runs and exits 0 (got $HAWKER_RC)" test "$HAWKER_RC" -eq 0
check "its log says the monitor is not playing, naming the device" \
    grep -q "audio monitor pulse:no_such_sink is not playing" "$T/missing.err"
check "its summary: the monitor did not play" grep -q "^audio monitor device=pulse:no_such_sink playing=0" "$T/missing.out"
check "its program is whole: 90 frames, none dropped" \
    test "$(summary_value "$T/missing.out" frames)" = 90 -a "$(summary_value "$T/missing.out" dropped)" = 0

# --- ALSA: the same monitor through ALSA's library, to a PCM that writes a file ----------------
# (ALSA's own "file" plugin over its "null" device, defined in this test's ~/.asoundrc: no sound card.)
mkdir -p "$T/alsa-home"
cat > "$T/alsa-home/.asoundrc" <<EOF
pcm.hawker_file {
    type file
    slave.pcm "null"
    file "$T/alsa.raw"
    format "raw"
}
EOF
write_show hawker_file | sed 's/^format = "pulse"$/format = "alsa"/' > "$T/alsa.toml"
HOME="$T/alsa-home" hawker_fg alsa 40 run "$T/alsa.toml" --duration 5
check "a show with ALSA headphones exits 0 (got $HAWKER_RC: $(hawker_error_line alsa))" test "$HAWKER_RC" -eq 0
check "its log says the monitor plays on alsa:hawker_file" grep -q "audio monitor plays on alsa:hawker_file" "$T/alsa.err"
ffmpeg -nostdin -v error -y -f s16le -ar 48000 -ac 2 -i "$T/alsa.raw" -c:a pcm_f32le "$T/alsa.wav" 2> /dev/null
mic=$(tone_db alsa 440 1.5) room=$(tone_db alsa 1000 1.5)
check "through ALSA the headphones get the program: 440 Hz at $mic dBFS (-21 ± 1.5), 1 kHz at $room (-20 ± 1.5)" \
    fcmp "${mic:--200} > -22.5 && ${mic:--200} < -19.5 && ${room:--200} > -21.5 && ${room:--200} < -18.5"

# --- the live show ----------------------------------------------------------------------------
write_show hawker_phones "$PORT" > "$T/live.toml"
hawker_bg run run "$T/live.toml" --duration 26
wait_api || die "the API never answered ($(head -c 300 "$T/run.err"))"
# Past the show's first seconds: its first ticks come in a burst (the sources starting), more than
# the monitor's 200 ms queue holds, and the headphones rightly lose the oldest of it.
sleep_until "$HAWKER_START" 4
# audio_field PATH: PATH (a JSON path) of GET /audio's answer now.
audio_field() {
    api "$OP" /audio
    printf '%s' "$BODY" > "$T/audio.json"
    jx "$T/audio.json" "$1"
}
monitor_dropped() { audio_field '$.monitor.device.dropped_samples'; }
dropped_before=$(monitor_dropped)

# 1. Nothing soloed: the program.
listen program 2.5
dropped_after=$(monitor_dropped)
check "while the device plays, no headphone sound is dropped ($dropped_before, then $dropped_after)" \
    test -n "$dropped_before" -a "$dropped_before" = "$dropped_after"
mic=$(tone_db program 440) room=$(tone_db program 1000)
# The mic's tone is mono at -18 dBFS; a mono input goes to both channels 3 dB down (FFmpeg's centre mix).
check "unsoloed, the headphones hear the mic's 440 Hz at $mic dBFS (-21 ± 1.5)" fcmp "${mic:--200} > -22.5 && ${mic:--200} < -19.5"
check "and the room's 1 kHz at $room dBFS (-20 ± 1.5)" fcmp "${room:--200} > -21.5 && ${room:--200} < -18.5"
device=$(audio_field '$.monitor.device')
check "GET /audio: the monitor's device plays (got $device)" \
    test "$(jx "$T/audio.json" '$.monitor.device.playing')" = 1 \
    -a "$(jx "$T/audio.json" '$.monitor.device.played_samples')" -gt 0 \
    -a "$(jx "$T/audio.json" '$.monitor.device.device')" = hawker_phones \
    -a "$(jx "$T/audio.json" '$.monitor.device.error')" = null

# 2. The room soloed: the room alone.
api "$OP" /audio/solo '{"input":"room","solo":true}'
check "soloing the room answers 200 (got $CODE)" test "$CODE" = 200
sleep 0.7
listen solo 2.5
mic=$(tone_db solo 440) room=$(tone_db solo 1000)
check "soloed, the room's 1 kHz is heard at $room dBFS (-20 ± 1.5)" fcmp "${room:--200} > -21.5 && ${room:--200} < -18.5"
check "and the mic's 440 Hz is not ($mic dBFS, under -60)" fcmp "${mic:-0} < -60"

# 3. The sound server dies: the show goes on; it comes back: the monitor plays again.
kill -KILL "$PULSE_PID" 2>/dev/null
wait "$PULSE_PID" 2>/dev/null
wait_until 8 grep -q "audio monitor pulse:hawker_phones is not playing" "$T/run.err"
check "the log says the monitor stopped playing when the sound server died" \
    grep -q "audio monitor pulse:hawker_phones is not playing" "$T/run.err"
sleep 1
start_pulse hawker_phones
plays_again() { [[ "$(grep -c "audio monitor plays on pulse:hawker_phones" "$T/run.err")" -ge 2 ]]; }
wait_until 10 plays_again
check "the monitor plays again once the server is back, by itself" plays_again
sleep 0.7
listen back 2
mic=$(tone_db back 440) room=$(tone_db back 1000)
check "back, the headphones hear the soloed room at $room dBFS, the mic not ($mic)" \
    fcmp "${room:--200} > -21.5 && ${room:--200} < -18.5 && ${mic:-0} < -60"
DOWN_AT=$(log_time "$T/run.err" "audio monitor pulse:hawker_phones is not playing")
BACK_AT=$(log_times "$T/run.err" "audio monitor plays on pulse:hawker_phones" | sed -n 2p)
info "from Hawker's log: not playing at $DOWN_AT, playing again at $BACK_AT"

wait_pid "$HAWKER_PID" 40
check "the live show exits 0 (got $WAIT_RC)" test "$WAIT_RC" -eq 0
check "the program is whole through it all: 780 frames, none dropped" \
    test "$(summary_value "$T/run.out" frames)" = 780 -a "$(summary_value "$T/run.out" dropped)" = 0
check "the recording dropped nothing either ($(item_value "$T/run.out" output record dropped))" \
    test "$(item_value "$T/run.out" output record dropped)" = 0
line=$(grep '^audio monitor ' "$T/run.out")
played=$(tr ' ' '\n' <<< "$line" | sed -n 's/^played_samples=//p')
check "the summary gives the monitor's device and what it played, over 10 s of sound: $line" \
    test "${played:-0}" -gt 480000
finish
