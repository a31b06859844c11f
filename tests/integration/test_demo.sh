#!/usr/bin/env bash
# `hawker demo --out DIR --duration S --offline`: the built-in demo show (no
# show file, synthetic cameras) writes DIR/program.mkv at the default canvas
# (1080x1920 @ 30 fps) and prints its summary.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe

SECS=3
hawker_fg demo 120 demo --out "$T/demo" --duration $SECS --offline
check "hawker demo exits 0 (got $HAWKER_RC, wall ${HAWKER_WALL}s)" test "$HAWKER_RC" -eq 0
REC="$T/demo/program.mkv"
[[ -s "$REC" ]] || die "hawker demo did not write $REC ($(ls -la "$T/demo" 2>&1 | tr '\n' ' '))"
ok "demo wrote $REC ($(stat -c %s "$REC") bytes)"
frames=$(count_frames "$REC")
wh="$(probe_stream "$REC" v:0 width)x$(probe_stream "$REC" v:0 height)"
vc=$(probe_stream "$REC" v:0 codec_name)
ac=$(probe_stream "$REC" a:0 codec_name)
rate=$(probe_stream "$REC" v:0 r_frame_rate)
check "demo recording frames=$frames (exactly $((SECS * 30)))" test "${frames:-x}" = "$((SECS * 30))"
check "demo canvas ${wh} @ $rate (default 1080x1920 @ 30/1)" test "$wh@$rate" = "1080x1920@30/1"
check "demo codecs video=$vc audio=$ac (h264, aac)" test "$vc/$ac" = "h264/aac"
sframes=$(summary_value "$T/demo.out" frames)
check "demo summary frames=$sframes" test "${sframes:-x}" = "$((SECS * 30))"
check "demo prints where it wrote (target=$REC)" grep -q "target=$REC" "$T/demo.out"

finish
