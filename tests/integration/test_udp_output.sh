#!/usr/bin/env bash
# UDP output: MPEG-TS to udp://127.0.0.1:PORT next to a recording. An ffmpeg
# receiver gets it and ffprobe checks what arrived.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe ffmpeg ss

PORT=$(pick_port)
# -timeout is in microseconds so the receiver cannot hang when nothing arrives.
mpegts_output_test udp "udp://127.0.0.1:$PORT?fifo_size=1000000&overrun_nonfatal=1&timeout=15000000" \
    "udp://127.0.0.1:$PORT?pkt_size=1316"
finish
