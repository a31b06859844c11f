#!/usr/bin/env bash
# A network camera's sound reaches the program whole, even when ticks run late.
#
# Two things cut it before:
#   - its MPEG-TS packs about 170 ms of sound into one packet, sent once the
#     last of it is made, so the first of that sound comes after the pictures
#     of its time. The program, which played the sound 50 ms behind the
#     picture, had passed the packet's start when it came: it skipped that
#     part and played silence until the next packet (40-60 % of the sound
#     lost, with or without load). Now the pictures wait for their sound;
#   - on a loaded machine the compositor's thread is now and then put aside
#     by the scheduler. The sound was lined up with the time the tick ran, not
#     the tick's own time as the picture is: a late tick skipped as much sound
#     as it was late and the next one filled as much with silence.
# Show B (four network cameras on two cores) lost 22 s of its 40 s of sound
# that way, and was silent for 5 s at a stretch.
#
# Here one network camera (MPEG-TS over UDP from an ffmpeg feeder, with a
# steady 440 Hz tone, as a camera with a microphone sends it) is the program,
# and every third tick is made 25 ms late (HAWKER_INJECT_FAULTS
# "compositor.tick~25/3": less than a frame, so no picture is repeated).
# Checked, after the first 2 s of the 12 s live show (its start skips the sound
# the camera sent before the show began):
#   - Hawker skipped no more than one tick of the camera's sound from then to
#     2 s before the end (GET /audio, read twice);
#   - the recording's sound has no gap up to its last half second:
#     silencedetect finds no stretch of 5 ms or more below -40 dB (a 440 Hz
#     tone is never that quiet for that long);
#   - the picture went on: the recording holds every frame;
#   - the camera's pictures were held back for their sound, and the
#     capture-to-packet latency shows it: it counts from the pictures on air,
#     not from a second camera's, which is only in the multiview;
#   - that second camera, which sends no sound, waits as long (cameras shown
#     together keep time with each other).
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffmpeg ffprobe ss

W=360 H=640 FPS=30 SECS=12 SETTLE_S=2
PORT=$(pick_port)

# The camera: pictures and a tone, sent in real time as a network camera sends them (bounded: -t).
ffmpeg -hide_banner -v error -nostdin -re -f lavfi -i "testsrc2=size=${W}x${H}:rate=$FPS" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000" -t $((SECS + 30)) \
    -c:v libx264 -preset ultrafast -tune zerolatency -g $FPS -pix_fmt yuv420p -c:a aac -b:a 128k -ac 2 \
    -f mpegts "udp://127.0.0.1:$PORT?pkt_size=1316" > "$T/feeder.log" 2>&1 &
FEEDER_PID=$!
track_pid "$FEEDER_PID"
sleep 1
kill -0 "$FEEDER_PID" 2>/dev/null || die "the camera's feeder did not start: $(tail -n3 "$T/feeder.log")"

export HAWKER_TEST_OPERATOR_TOKEN="$(random_token op)" HAWKER_TEST_MERCH_TOKEN="$(random_token me)"
OP=$HAWKER_TEST_OPERATOR_TOKEN
{
    camera_show "late ticks" $W $H $FPS 800 1 "$T/program.mkv" |
        sed -e '0,/^format = "lavfi"$/s//format = "mpegts"/' \
            -e "s|^url = \"testsrc2=.*|url = \"udp://127.0.0.1:$PORT\"\naudio = true|" \
            -e '/^\[\[audio\]\]$/,/^$/d'
    # A second camera, only in the multiview: its pictures are not held back, and must not hide the
    # hold of the one on air from the latency figure.
    cat <<EOF

[[sources]]
id = "side"
format = "lavfi"
url = "testsrc2=size=${W}x${H}:rate=$FPS"

[[scenes]]
id = "side"
layers = [ { kind = "source", source = "side", rect = [0, 0, $W, $H], fit = "cover" } ]
EOF
    echo
    api_block 0
} > "$T/show.toml"
grep -q "^url = \"udp://127.0.0.1:$PORT\"" "$T/show.toml" || die "the show does not name the camera"
grep -q '^\[\[audio\]\]' "$T/show.toml" && die "the show still has the lavfi tone: the sound must be the camera's"

# dropped_now: the samples of the camera's sound Hawker has skipped so far (GET /audio).
dropped_now() {
    api "$OP" /audio
    [[ "$CODE" == 200 ]] || { echo "none"; return; }
    printf '%s' "$BODY" > "$T/audio.json"
    sqlite3 :memory: "SELECT json_extract(value, '$.dropped_samples') FROM json_each(readfile('$T/audio.json'), '$.inputs')
                      WHERE json_extract(value, '$.id') = 'cam1'"
}

export HAWKER_INJECT_FAULTS="compositor.tick~25/3"
start_live_show "$T/show.toml" "$T/show.db" $SECS
unset HAWKER_INJECT_FAULTS
# The show's start skips the sound the camera sent before its picture went on the program; from
# SETTLE_S on, nothing more may be skipped.
wait_until 20 grep -qs 'show started' "$T/show.err" || die "the show did not start"
sleep $SETTLE_S
dropped_from=$(dropped_now)
sleep $((SECS - SETTLE_S - 2))
dropped_to=$(dropped_now)
wait_pid "$HAWKER_PID" 60
check "the live show exits 0 (rc $WAIT_RC)" test "$WAIT_RC" -eq 0
[[ -s "$T/program.mkv" ]] || die "no recording"
info "the camera's sound skipped: ${dropped_from} samples at ${SETTLE_S} s, ${dropped_to} at $((SECS - 2)) s"
check "Hawker skipped at most one tick of the camera's sound after ${SETTLE_S} s: $((dropped_to - dropped_from)) samples (a tick is 1600)" \
    test "$((dropped_to - dropped_from))" -le 1600

frames=$(count_frames "$T/program.mkv")
check "the recording holds every frame: ${frames:-none} of $((SECS * FPS))" test "${frames:-0}" -eq $((SECS * FPS))
# The camera on air is held back for its sound, and the capture-to-packet figure counts from its
# pictures, not from the off-air camera's newer ones.
hold=$(item_value "$T/show.out" source cam1 hold_ms)
latency=$(summary_value "$T/show.out" latency_ms_median)
check "the camera on air was held back for its sound (hold ${hold:-none} ms, at least 100)" fcmp "${hold:-0} >= 100"
# Cameras wait alike: the one without sound keeps time with the one held back for its sound.
side_hold=$(item_value "$T/show.out" source side hold_ms)
check "the camera without sound waits as long (hold ${side_hold:-none} ms, the other's ${hold:-none})" \
    test -n "$side_hold" -a "$side_hold" = "$hold"
check "the latency figure counts from the pictures on air: median ${latency:-none} ms, at least the hold" \
    fcmp "${latency:--1} >= ${hold:-1000}"
audio=$(probe_stream "$T/program.mkv" a:0 codec_name)
check "the recording has sound (${audio:-none})" test "$audio" = aac

# Gaps in the sound after the camera has settled, up to the last half second (the encoder's flush).
ffmpeg -v info -nostdin -i "$T/program.mkv" -map 0:a:0 -af "silencedetect=noise=-40dB:d=0.005" -f null - \
    2> "$T/silence.txt" || die "silencedetect failed: $(tail -n3 "$T/silence.txt")"
END_S=$(calc "$SECS - 0.5")
gaps=$(awk -v from=$SETTLE_S -v to="$END_S" '/silence_start:/ { t = $NF + 0; if (t >= from && t < to) n++ } END { print n + 0 }' "$T/silence.txt")
first_gap=$(awk -v from=$SETTLE_S '/silence_start:/ { t = $NF + 0; if (t >= from) { print t; exit } }' "$T/silence.txt")
check "no gap in the sound from ${SETTLE_S} s to ${END_S} s: ${gaps} gaps of 5 ms or more (the first at ${first_gap:-none} s)" \
    test "$gaps" -eq 0

finish
