#!/usr/bin/env bash
# A microphone from a real sound device. The test starts its own PulseAudio
# server (a private runtime folder, a null sink, no hardware) and plays a
# 1 kHz tone at -30 dBFS on both channels into the sink with ffmpeg; the show's [[audio]] input
# reads the sink's monitor through FFmpeg's pulse input, as it would a USB
# microphone. The input's integrated loudness must match ffmpeg's own ebur128
# reading of the same tone within 0.5 LU, and the recording must carry it.
# A device that is not there is a clear startup error naming the input.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffmpeg
command -v pulseaudio >/dev/null 2>&1 \
    || skip "pulseaudio is not installed (scripts/setup.sh installs it): no sound server to read from"
ffmpeg -hide_banner -devices 2>/dev/null | grep -q ' pulse ' || skip "this ffmpeg has no pulse device"

command -v pactl >/dev/null 2>&1 || skip "pactl is not installed (scripts/setup.sh installs pulseaudio-utils)"
start_pulse hawker_test

# The tone, into the sink, in real time for the whole show.
timeout 30 ffmpeg -nostdin -v error -re -f lavfi -i "sine=frequency=1000:sample_rate=48000" \
    -af "volume=-12dB,pan=stereo|c0=c0|c1=c0" -f pulse -device hawker_test "hawker test tone" > "$T/feeder.log" 2>&1 &
track_pid $!
# ffmpeg's reading of the same tone.
ffmpeg -nostdin -v info -f lavfi -i "sine=frequency=1000:sample_rate=48000:duration=6" \
    -af "volume=-12dB,pan=stereo|c0=c0|c1=c0,ebur128" -f null - 2> "$T/reference.txt"
expected=$(sed -n 's/^ *I: *\(-\{0,1\}[0-9.]*\) LUFS.*/\1/p' "$T/reference.txt" | tail -n1)
is_number "$expected" || die "ffmpeg's ebur128 gave no integrated loudness for the tone"

write_show() {   # write_show DEVICE
    cat <<EOF
[show]
name = "sound device test"

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
format = "pulse"
url = "$1"

[[scenes]]
id = "main"
layers = [ { kind = "source", source = "cam1", rect = [0, 0, 360, 640] } ]

[program]
scene = "main"

$(encoder_block 600 2)

[[outputs]]
id = "record"
kind = "record"
path = "device.mkv"
EOF
}
write_show hawker_test.monitor > "$T/show.toml"
hawker_fg run 40 run "$T/show.toml" --duration 8
check "the show with a PulseAudio microphone exits 0 (got $HAWKER_RC: $(hawker_error_line run))" test "$HAWKER_RC" -eq 0
line=$(grep -E '^audio input=mic ' "$T/run.out" | tail -n1)
got=$(tr ' ' '\n' <<< "$line" | sed -n 's/^integrated_lufs=//p')
info "ffmpeg: $expected LUFS; hawker's mic strip: $line"
check "the device's tone reads $got LUFS on the mic's meter, within 0.5 LU of ffmpeg's $expected" \
    fcmp "${got:-99} - $expected <= 0.5 && $expected - ${got:-99} <= 0.5"
ffmpeg -nostdin -v info -ss 2 -t 4 -i "$T/device.mkv" -af ebur128 -f null - 2> "$T/recorded.txt"
recorded=$(sed -n 's/^ *I: *\(-\{0,1\}[0-9.]*\) LUFS.*/\1/p' "$T/recorded.txt" | tail -n1)
check "the recording carries the device's tone ($recorded LUFS from 2 s to 6 s, ffmpeg $expected)" \
    fcmp "${recorded:-99} - $expected <= 1 && $expected - ${recorded:-99} <= 1"

# A device that does not exist: a clear error naming the input, and no show.
write_show no_such_device > "$T/missing.toml"
hawker_fg missing 40 run "$T/missing.toml" --duration 3
err=$(hawker_error_line missing)
check "a missing device stops the start with exit 1 (got $HAWKER_RC)" test "$HAWKER_RC" -eq 1
check "the error names the input and the device: ${err:0:200}" grep -q "source mic (no_such_device)" <<< "$err"
finish
