#!/usr/bin/env bash
# The sound desk, with real tones and a real recording.
#
# Offline, a flash-and-beep sync pattern (a white flash and a 1 kHz beep at the
# start of every second) is recorded twice: once as it is, once with its strip
# delayed 200 ms in the show file. The beep must move 200 ms against the flash,
# within one AAC frame (1024 samples, 21.3 ms), measured on the recordings.
#
# Live, two inputs:
#   - "mic": a 440 Hz tone (-18 dBFS) pushed +24 dB on its fader, twice full scale:
#     the limiter must hold the program's true peak under -1 dBTP on Hawker's own meter,
#     and under full scale on ffmpeg's ebur128 meter of the recording; the strip counts overs, and
#     the audio_clipping alert goes red;
#   - "room": a -40 dBFS hum behind a noise gate at -30 dBFS: the gate stays shut.
# Then the operator, over the API: opens the gate, solos the room to the monitor
# (the program unchanged), delays the mic 120 ms, and mutes both. The program
# falls silent, and the audio_silent alert must go red 5 s after the mute, not
# sooner (both times from Hawker's own log). The strips' settings are in the
# state the show keeps for --resume, and bad values are refused and change nothing.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffmpeg ffprobe curl sqlite3 python3

# --- offline: the delay moves the sound, measured on the recording -------------------------
sync_pattern_check
declare -A OFFSET
for delay in 0 200; do
    sync_pattern_show "sync-$delay.mkv" "delay_ms = $delay" > "$T/sync-$delay.toml"
    hawker_fg "offline-$delay" 90 run "$T/sync-$delay.toml" --offline --duration 6
    check "offline run with delay_ms=$delay exits 0 (got $HAWKER_RC)" test "$HAWKER_RC" -eq 0
    read -r mean pairs lo hi < <(av_offset_ms "$T/sync-$delay.mkv")
    check "delay $delay: beeps paired with flashes ($pairs pairs)" test "${pairs:-0}" -ge 4
    OFFSET[$delay]=$mean
    info "delay_ms=$delay: audio - video = $mean ms (pairs $pairs, $lo..$hi ms)"
done
moved=$(calc "${OFFSET[200]} - ${OFFSET[0]}")
check "a 200 ms delay moves the beep by $moved ms (200 ± 21.3, one AAC frame)" \
    fcmp "$moved >= 200 - 21.4 && $moved <= 200 + 21.4"
check "the summary's audio line gives the strip's 200 ms delay" grep -q "^audio input=sync .*delay_ms=200" "$T/offline-200.out"

# --- live: limiter, gate, solo, delay, mute and the two alerts --------------------------------
PORT=$(pick_port)
export HAWKER_TEST_OPERATOR_TOKEN="$(random_token op)" HAWKER_TEST_MERCH_TOKEN="$(random_token me)"
OP=$HAWKER_TEST_OPERATOR_TOKEN
BASE="http://127.0.0.1:$PORT/api/v1"
cat > "$T/live.toml" <<EOF
[show]
name = "audio desk test"

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
gain_db = 24

[[audio]]
id = "room"
format = "lavfi"
url = "aevalsrc=exprs='0.01*sin(2*PI*120*t)':s=48000:c=stereo"
gate_db = -30

[[scenes]]
id = "main"
layers = [ { kind = "source", source = "cam1", rect = [0, 0, 360, 640] } ]

[program]
scene = "main"

[security]
source_protocols = ["lavfi"]

$(encoder_block 800 2)

[[outputs]]
id = "record"
kind = "record"
path = "live.mkv"

$(api_block "$PORT")
EOF
hawker_bg run run "$T/live.toml" --db "$T/live.db" --duration 22
wait_api || die "the API never answered ($(head -c 300 "$T/run.err"))"
sleep_until "$HAWKER_START" 4
py() { python3 -c 'import json,sys; d=json.load(sys.stdin); v=eval(sys.argv[1]); print("" if v is None else v)' "$1" <<< "$BODY"; }
strip() { py "[i for i in d['inputs'] if i['id']=='$1'][0]$2"; }
api "$OP" /audio
check "GET /audio answers 200 (got $CODE)" test "$CODE" = 200
mic_overs=$(strip mic "['overs']")
mic_peak=$(strip mic "['peak_dbfs']")
room_open=$(strip room "['gate']['open']")
room_m=$(strip room "['momentary_lufs']")
tp=$(py 'd["program"]["max_true_peak_dbfs"]')
reduction=$(py 'd["program"]["limiter"]["max_reduction_db"]')
check "the mic, +24 dB on -18 dBFS, peaks over full scale after its fader ($mic_peak dBFS) and counts overs ($mic_overs)" \
    fcmp "${mic_peak:-0} > 0 && ${mic_overs:-0} > 10"
check "live: the limiter holds the program's true peak at $tp dBTP, under -1" fcmp "${tp:-0} <= -1.0"
check "live: the limiter works ($reduction dB at most)" fcmp "${reduction:-0} < -3"
check "the room's gate at -30 dBFS stays shut on a -40 dBFS hum (open=$room_open)" test "$room_open" = False
check "a shut gate lets nothing through (momentary ${room_m:-none} LUFS)" fcmp "${room_m:--200} < -80"

# The operator's changes, each a command.
api "$OP" /audio/gate '{"input":"room","on":false}'
check "audio.gate off answers 200 (got $CODE: $BODY)" test "$CODE" = 200
api "$OP" /audio/solo '{"input":"room","solo":true}'
check "audio.solo answers 200 (got $CODE)" test "$CODE" = 200
api "$OP" /audio/delay '{"input":"mic","ms":120}'
check "audio.delay answers 200 (got $CODE)" test "$CODE" = 200
# Bad values are refused and change nothing.
api "$OP" /audio/delay '{"input":"mic","ms":900}'
check "a 900 ms delay is refused with 400 (got $CODE: $BODY)" test "$CODE" = 400
api "$OP" /audio/gate '{"input":"nope","on":true}'
check "a gate on an unknown input is refused with 400 (got $CODE)" test "$CODE" = 400
api "$OP" /audio/solo '{"input":"room","solo":"loud"}'
check "a solo that is not true/false is refused with 400 (got $CODE)" test "$CODE" = 400
# A camera added with its sound (a 660 Hz tone at -18 dBFS) gets a strip; one added without gets none.
PHONE="testsrc2=size=320x240:rate=30[out0];sine=frequency=660:sample_rate=48000[out1]"
api "$OP" /commands/source.add '{"source":"phone","url":"'"$PHONE"'","format":"lavfi","audio":true}'
check "source.add with audio answers 200 (got $CODE: ${BODY:0:160})" test "$CODE" = 200
api "$OP" /commands/source.add '{"source":"quiet","url":"'"$PHONE"'","format":"lavfi"}'
check "source.add without audio answers 200 (got $CODE)" test "$CODE" = 200
sleep 1.5
api "$OP" /audio
strips=$(py '",".join(i["id"] for i in d["inputs"])')
phone_m=$(strip phone "['momentary_lufs']")
check "the added camera brings a strip of its own, the silent one none (strips: $strips)" test "$strips" = mic,room,phone
check "the added camera's tone is heard on its strip (${phone_m:-none} LUFS, -18 dBFS at 660 Hz)" \
    fcmp "${phone_m:--200} > -22 && ${phone_m:--200} < -15"
api "$OP" /audio/gain '{"input":"phone","db":-60}'
check "its fader answers like any strip's (got $CODE)" test "$CODE" = 200
api "$OP" /commands/source.remove '{"source":"phone"}'
check "the added camera is removed (got $CODE)" test "$CODE" = 200
# The engine drops the strip on its next tick, after the command has answered: poll, bounded.
strips_now() { api "$OP" /audio; strips=$(py '",".join(i["id"] for i in d["inputs"])'); test "$strips" = "$1"; }
wait_until 2 strips_now mic,room
check "its strip goes with it within 2 s (strips: $strips)" test "$strips" = mic,room
api "$OP" /audio
room_m=$(strip room "['momentary_lufs']")
soloed=$(py '",".join(d["monitor"]["soloed"])')
monitor_m=$(py 'd["monitor"]["momentary_lufs"]')
mic_delay=$(strip mic "['delay_ms']")
program_m=$(py 'd["program"]["momentary_lufs"]')
check "with the gate open the room's hum is heard (${room_m:-none} LUFS, -40 dBFS at 120 Hz)" \
    fcmp "${room_m:--200} > -50 && ${room_m:--200} < -38"
check "the monitor carries the soloed room only ($soloed)" test "$soloed" = room
check "the monitor hears the room (${monitor_m:-none} LUFS, as its strip ${room_m:-none})" \
    fcmp "${monitor_m:--200} > ${room_m:--200} - 1 && ${monitor_m:--200} < ${room_m:--200} + 1"
check "solo leaves the program as it was: the mic dominates (${program_m:-none} LUFS)" fcmp "${program_m:--200} > -12"
check "the mic's delay reads 120 ms (got $mic_delay), unchanged by the refused 900" test "$mic_delay" = 120

api "$OP" /audio/mute '{"input":"mic","muted":true}'
check "muting the mic answers 200 (got $CODE)" test "$CODE" = 200
api "$OP" /audio/mute '{"input":"room","muted":true}'
check "muting the room answers 200 (got $CODE)" test "$CODE" = 200

wait_pid "$HAWKER_PID" 50
check "the live show exits 0 (got $WAIT_RC)" test "$WAIT_RC" -eq 0
MUTED_AT=$(log_times "$T/run.err" "command audio.mute by .*: ok" | tail -n1)
SILENT_AT=$(log_time "$T/run.err" "alert red audio-silent: " "${MUTED_AT:-0}")
clip_line=$(log_stamped "$T/run.err" "alert red audio-clipping: .*mic" | head -n1)
check "the clipping alert went red, naming the mic: ${clip_line:0:160}" test -n "$clip_line"
gap=$(calc "${SILENT_AT:-0} - ${MUTED_AT:-0}")
check "the silence alert went red $gap s after both inputs were muted (5 s of silence, judged once a second)" \
    test -n "$SILENT_AT" -a -n "$MUTED_AT" -a "$(fcmp "$gap >= 5 && $gap <= 8" && echo yes)" = yes

# Over the whole show, on Hawker's own meter of what goes to the encoders: every
# change above (a new strip, a delay's cross-fade, the gate) went through the limiter.
show_tp=$(sed -n 's/^audio program .*max_true_peak_dbfs=\(-\{0,1\}[0-9.]*\).*/\1/p' "$T/run.out")
check "the whole show's true peak is ${show_tp:-missing} dBTP on Hawker's meter: under -1" fcmp "${show_tp:-0} <= -1.0"
# The recording: ffmpeg's own true-peak meter over the loud first seconds. AAC at
# 128 kb/s does not give back the exact samples: on a steady limited tone it adds
# about 0.3 dB, and one CI run measured -0.4 dBTP (a transient, not reproduced
# here). The 1 dB under full scale is that codec headroom; the file must not clip.
ffmpeg -nostdin -v info -i "$T/live.mkv" -t 5 -af ebur128=peak=true -f null - 2> "$T/ebur128.txt"
file_tp=$(sed -n 's/^ *Peak: *\(-\{0,1\}[0-9.]*\) dBFS.*/\1/p' "$T/ebur128.txt" | tail -n1)
check "ffmpeg measures the recording's true peak at ${file_tp:-missing} dBTP: under full scale" \
    test -n "$file_tp" -a "$(fcmp "${file_tp:-0} < 0" && echo yes)" = yes

# What the show keeps for --resume: the strips as the operator left them.
sqlite3 "$T/live.db" "SELECT state_json FROM show_state ORDER BY rowid DESC LIMIT 1" > "$T/state.json" 2> "$T/state.err"
check "the kept state has the mic at 120 ms, muted (delay $(jx "$T/state.json" '$.audio.mic.delay_ms'), muted $(jx "$T/state.json" '$.audio.mic.muted'))" \
    test "$(jx "$T/state.json" '$.audio.mic.delay_ms')" = 120 -a "$(jx "$T/state.json" '$.audio.mic.muted')" = 1
check "the kept state has the room's gate off and its solo on" \
    test "$(jx "$T/state.json" '$.audio.room.gate')" = 0 -a "$(jx "$T/state.json" '$.audio.room.solo')" = 1
check "the summary says the limiter was on" grep -q "^audio program .*limiter=on" "$T/run.out"
finish
