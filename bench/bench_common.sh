# shellcheck shell=bash
# What the benchmarks share: the medians they report, scene A's on-air part of
# a Hawker show file (scene, encoder, product card and flash sale), written
# from the variables both sides of the comparison read, and the wait until
# its graphics are on air. Sourced after the shared scene A parameters (the
# show-file parts read them when called).

median() { # median of the numbers given as arguments ("n/a" if none)
    printf '%s\n' "$@" | median_in
}
median_in() { # median of the numbers on stdin, one per line
    { grep -E '^-?[0-9.]+$' || true; } | sort -g | awk '{ v[NR] = $1 }
        END { if (!NR) { print "n/a"; exit } if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# scene_a_on_air: cam1 full frame, cam2 as picture-in-picture scaled into its
# window like the reference's scale filter, the card and countdown slots, and
# the encoder with the reference's x264 and AAC settings.
scene_a_on_air() {
    cat <<EOF
[[scenes]]
id = "scene-a"
layers = [
  { kind = "source", source = "cam1", rect = [0, 0, $CANVAS_W, $CANVAS_H], fit = "cover" },
  { kind = "source", source = "cam2", rect = [$PIP_X, $PIP_Y, $PIP_W, $PIP_H], fit = "stretch" },
]
slots = [
  { name = "card", rect = [$CARD_X, $CARD_Y, $CARD_W, $CARD_H] },
  { name = "countdown", rect = [$TIMER_X, $TIMER_Y, 420, 200] },
]

[program]
scene = "scene-a"

[encoder]
preset = "$X264_PRESET"
tune = "$X264_TUNE"
profile = "$X264_PROFILE"
bitrate_kbps = $BITRATE_KBPS
keyint_s = $KEYINT_SEC
audio_kbps = $AUDIO_KBPS
audio_rate = $AUDIO_RATE
EOF
}

# scene_a_selling STOCK QUANTITY: the product on the card and its flash sale,
# both from the first frame (no approval gate: graphics only).
scene_a_selling() {
    cat <<EOF
[compliance]
approval_required = false # graphics only; the gate has its own tests

[[products]]
sku = "SERUM-50"
name = "小棕瓶精华液 修护抗初老 50ml"
price_cents = 29900
original_price_cents = 45900
image = "$REPO/assets/demo/serum.png"
selling_points = ["夜间修护 淡化细纹", "敏感肌可用", "买一送一 再送小样"]
stock = $1
link = 3

[[cues]]
at_s = 0
command = "card.show"
sku = "SERUM-50"

[[cues]]
at_s = 0
command = "offer.start"
sku = "SERUM-50"
price_cents = 9900
quantity = $2
prelaunch_s = 10
duration_s = 1200
EOF
}

# wait_scene_a_on_air API_BASE TOKEN STATE_FILE ERR_LOG: until GET /state shows
# the product and its flash sale (10 s at most); fails naming a refused cue
# otherwise, so a benchmark never measures a show without its graphics.
wait_scene_a_on_air() {
    local i
    for ((i = 0; i < 100; i++)); do
        curl -s -m 2 -H "Authorization: Bearer $2" "$1/state" > "$3" || true
        grep -q '"pre_launch"\|"on_sale"' "$3" && grep -q 'SERUM-50' "$3" && return 0
        sleep 0.1
    done
    echo "bench: the flash sale is not on air: $(grep -m1 refused "$4" || true)" >&2
    return 1
}
