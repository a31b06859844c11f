#!/usr/bin/env bash
# The audio meters (EBU R128, libebur128) against ffmpeg's own ebur128 filter
# on the same input: a lavfi sine through a -6 dB fader. While the show runs,
# GET /api/v1/audio gives the input's and the program's momentary loudness;
# at the end the summary gives their integrated loudness. Each must be within
# 0.5 LU of ffmpeg's reading of the same tone, and ffmpeg's reading of the
# recording agrees with the program meter.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffmpeg curl

PORT=$(pick_port)
export HAWKER_TEST_OPERATOR_TOKEN="$(random_token op)" HAWKER_TEST_MERCH_TOKEN="$(random_token me)"
OP=$HAWKER_TEST_OPERATOR_TOKEN
BASE="http://127.0.0.1:$PORT/api/v1"
camera_show "loudness test" 360 640 30 800 2 "program.mkv" | sed 's|^url = "sine=frequency=440:sample_rate=48000"|&\ngain_db = -6|' > "$T/show.toml"
api_block "$PORT" >> "$T/show.toml"
grep -q '^gain_db = -6' "$T/show.toml" || die "the show file has no fader setting for the tone"

# ffmpeg's own meter on the same tone: the same mono-to-stereo mix as the
# source's resampler, the same -6 dB.
ffmpeg -nostdin -v info -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=10" \
    -af "aformat=sample_fmts=fltp:channel_layouts=stereo,volume=-6dB,ebur128" -f null - 2> "$T/reference.txt"
expected=$(sed -n 's/^ *I: *\(-\{0,1\}[0-9.]*\) LUFS.*/\1/p' "$T/reference.txt" | tail -n1)
is_number "$expected" || die "ffmpeg's ebur128 gave no integrated loudness for the tone"
info "ffmpeg ebur128 of the tone at -6 dB: I = $expected LUFS"

hawker_bg hawker run "$T/show.toml" --duration 10
wait_api || die "the API never answered"
sleep_until "$HAWKER_START" 6
api "$OP" /audio
check "GET /audio answers 200 (got $CODE)" test "$CODE" = 200
jq_num() { python3 -c 'import json,sys; d=json.load(sys.stdin); v=eval(sys.argv[1]); print("" if v is None else v)' "$1" <<< "$BODY"; }
input_m=$(jq_num 'd["inputs"][0]["momentary_lufs"]')
input_id=$(jq_num 'd["inputs"][0]["id"]')
input_gain=$(jq_num 'd["inputs"][0]["gain_db"]')
program_m=$(jq_num 'd["program"]["momentary_lufs"]')
program_tp=$(jq_num 'd["program"]["true_peak_dbfs"]')
check "the input is the tone at -6 dB (id=$input_id gain_db=$input_gain)" test "$input_id" = tone -a "${input_gain%.*}" = -6
check "live: the tone's momentary loudness $input_m LUFS is within 0.5 LU of ffmpeg's $expected" \
    fcmp "${input_m:-99} - $expected <= 0.5 && $expected - ${input_m:-99} <= 0.5"
check "live: the program's momentary loudness $program_m LUFS is within 0.5 LU of ffmpeg's $expected" \
    fcmp "${program_m:-99} - $expected <= 0.5 && $expected - ${program_m:-99} <= 0.5"
check "live: the program's true peak $program_tp dBFS is below full scale" fcmp "${program_tp:-99} < 0"
wait_pid "$HAWKER_PID" 30
check "hawker exits 0 (got $WAIT_RC)" test "$WAIT_RC" -eq 0

line_value() { grep -E "^$1( |$)" "$T/hawker.out" | tail -n1 | tr ' ' '\n' | sed -n "s/^$2=//p"; }
input_i=$(line_value "audio input=tone" integrated_lufs)
program_i=$(line_value "audio program" integrated_lufs)
check "summary: the tone's integrated loudness $input_i LUFS is within 0.5 LU of ffmpeg's $expected" \
    fcmp "${input_i:-99} - $expected <= 0.5 && $expected - ${input_i:-99} <= 0.5"
check "summary: the program's integrated loudness $program_i LUFS is within 0.5 LU of ffmpeg's $expected" \
    fcmp "${program_i:-99} - $expected <= 0.5 && $expected - ${program_i:-99} <= 0.5"

# The recording, measured by ffmpeg, is what the program meter read.
ffmpeg -nostdin -v info -i "$T/program.mkv" -map 0:a -af ebur128 -f null - 2> "$T/recording.txt"
recorded=$(sed -n 's/^ *I: *\(-\{0,1\}[0-9.]*\) LUFS.*/\1/p' "$T/recording.txt" | tail -n1)
check "the recording measures $recorded LUFS, within 0.5 LU of the program meter's $program_i" \
    fcmp "${recorded:-99} - ${program_i:-0} <= 0.5 && ${program_i:-0} - ${recorded:-99} <= 0.5"
finish
