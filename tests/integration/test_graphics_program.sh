#!/usr/bin/env bash
# On-air graphics in the program: an offline show with a product card and a
# flash-sale countdown over a camera layer. Frames are decoded from the
# recording at known times and the graphics' regions are compared with the
# committed golden bitmaps (composited over the same background) and with
# each other: the card appears when shown, the countdown's digits change once
# a second and not in between.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe ffmpeg

GOLDEN="$HAWKER_SOURCE_DIR/tests/golden"
BG=0x336699
mkdir -p "$T/ref"

cat > "$T/show.toml" <<EOF
[canvas]
width = 1080
height = 1920
fps = 30

[[sources]]
id = "cam"
format = "lavfi"
url = "color=c=$BG:size=1080x1920:rate=30"

[[scenes]]
id = "main"
layers = [ { kind = "source", source = "cam", rect = [0, 0, 1080, 1920] } ]
slots = [
  { name = "countdown", rect = [40, 240, 420, 200] },
  { name = "card", rect = [90, 1060, 900, 300] },
]

$(encoder_block 6000 2)

[[outputs]]
id = "record"
kind = "record"
path = "program.mkv"

# Matches tests/golden/card_missing_image.png: no picture, 56 left, link 3.
[compliance]
approval_required = false # graphics only; the gate has its own tests

[[products]]
sku = "S1"
name = "缺图商品 😀 emoji 与生僻字 𠀀"
price_cents = 29900
original_price_cents = 45900
selling_points = ["夜间修护 淡化细纹", "敏感肌可用", "买一送一 再送小样"]
stock = 56
link = 3

[[cues]]
at_s = 1.0
command = "offer.start"
sku = "S1"
price_cents = 9900
quantity = 200
prelaunch_s = 100
duration_s = 600

[[cues]]
at_s = 2.0
command = "card.show"
sku = "S1"
EOF

hawker_fg hawker 120 run "$T/show.toml" --duration 9 --offline
check "hawker exits 0 (got $HAWKER_RC)" test "$HAWKER_RC" -eq 0
REC="$T/program.mkv"
[[ -s "$REC" ]] || die "no recording"

# reference NAME W H: the golden PNG over the camera's colour.
reference() {
    ffmpeg -v error -nostdin -y -f lavfi -i "color=c=$BG:s=$2x$3" -i "$GOLDEN/$1.png" \
        -filter_complex "[0][1]overlay=format=auto,format=rgb24" -frames:v 1 "$T/ref/$1.png"
}
# psnr_at T X Y W H OTHER: PSNR (dB, average over Y/U/V) between the region
# of the program at time T and OTHER: a PNG of the region's size, or
# "frame:T2" for the same region at another time.
psnr_at() {
    local t="$1" x="$2" y="$3" w="$4" h="$5" other="$6" second filt
    if [[ "$other" == frame:* ]]; then
        second=(-ss "${other#frame:}" -i "$REC")
        filt="[1:v]crop=$w:$h:$x:$y,format=yuv420p[b]"
    else
        second=(-i "$other")
        filt="[1:v]scale=out_color_matrix=bt709:out_range=tv,format=yuv420p[b]"
    fi
    ffmpeg -nostdin -v info -ss "$t" -i "$REC" "${second[@]}" \
        -filter_complex "[0:v]crop=$w:$h:$x:$y,format=yuv420p[a];$filt;[a][b]psnr" -frames:v 1 -f null - 2>&1 \
        | sed -n 's/.*PSNR.* average:\([0-9.inf]*\).*/\1/p' | tail -n1
}
as_number() { if [[ "${1:-}" == inf ]]; then echo 99; else echo "${1:-0}"; fi; }

reference card_missing_image 900 300
reference countdown_prelaunch 420 200
reference countdown_on_sale 420 200

card_before=$(as_number "$(psnr_at 1.5 90 1060 900 300 "$T/ref/card_missing_image.png")")
card_after=$(as_number "$(psnr_at 3.0 90 1060 900 300 "$T/ref/card_missing_image.png")")
info "card region vs its golden: before card.show ${card_before} dB, after ${card_after} dB"
check "card on air matches its golden bitmap (${card_after} dB >= 30)" fcmp "$card_after >= 30"
check "before card.show the region is camera only (${card_before} dB < 20)" fcmp "$card_before < 20"

# At 6.5 s the sale launches in 94.5 s: the countdown reads 01:35, as in the golden.
cd_match=$(as_number "$(psnr_at 6.5 40 240 420 200 "$T/ref/countdown_prelaunch.png")")
cd_other=$(as_number "$(psnr_at 6.5 40 240 420 200 "$T/ref/countdown_on_sale.png")")
info "countdown at 6.5 s vs pre-launch golden ${cd_match} dB, vs on-sale golden ${cd_other} dB"
check "countdown matches the pre-launch golden (${cd_match} dB >= 30)" fcmp "$cd_match >= 30"
check "and not another state's (${cd_other} dB, at least 5 dB lower)" fcmp "$cd_match - $cd_other >= 5"

same_second=$(as_number "$(psnr_at 6.2 40 240 420 200 frame:6.8)")
next_second=$(as_number "$(psnr_at 6.8 40 240 420 200 frame:7.2)")
info "countdown region 6.2 s vs 6.8 s: ${same_second} dB; 6.8 s vs 7.2 s: ${next_second} dB"
check "digits hold within a second (${same_second} dB >= 40)" fcmp "$same_second >= 40"
check "digits change at the second (${next_second} dB < ${same_second} - 5)" fcmp "$next_second < $same_second - 5"

finish
