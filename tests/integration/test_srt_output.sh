#!/usr/bin/env bash
# SRT output: MPEG-TS over SRT next to a recording. The receiver listens, as a
# platform's SRT ingest does, and Hawker calls it; ffprobe checks what arrived.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe ffmpeg ss

PORT=$(pick_port)
# listen_timeout is in microseconds so the receiver cannot hang when nothing arrives.
mpegts_output_test srt "srt://127.0.0.1:$PORT?mode=listener&listen_timeout=15000000" \
    "srt://127.0.0.1:$PORT?mode=caller&pkt_size=1316"
finish
