#!/usr/bin/env bash
# Bad product data never stops the show: a missing picture, a text file named
# .png, an empty file, a truncated PNG, a 600-character name and more selling
# points than a card shows. The show runs to its exact frame count with placeholders, and every
# problem is a warning naming the product. A show file with an absurd price
# is refused before anything starts.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe ffmpeg

echo "not a picture" > "$T/notes.png"
: > "$T/empty.jpg"
ffmpeg -v error -nostdin -y -f lavfi -i "color=c=red:s=200x200" -frames:v 1 "$T/good.png"
head -c 300 "$T/good.png" > "$T/cut.png"
LONG=$(printf '超长名称Long Name %.0s' $(seq 1 40))

cat > "$T/show.toml" <<EOF
[canvas]
width = 540
height = 960
fps = 30

[[sources]]
id = "cam"
format = "lavfi"
url = "testsrc2=size=540x960:rate=30"

[[scenes]]
id = "main"
layers = [ { kind = "source", source = "cam", rect = [0, 0, 540, 960] } ]
slots = [ { name = "card", rect = [20, 600, 500, 170] } ]

$(encoder_block 800 1)

[[outputs]]
id = "record"
kind = "record"
path = "program.mkv"

[compliance]
approval_required = false # graphics only; the gate has its own tests

[[products]]
sku = "MISSING"
name = "缺图"
price_cents = 100
image = "nowhere.png"

[[products]]
sku = "TEXT"
name = "文本文件"
price_cents = 100
image = "notes.png"

[[products]]
sku = "EMPTY"
name = "空文件"
price_cents = 100
image = "empty.jpg"

[[products]]
sku = "CUT"
name = "截断的图片"
price_cents = 100
image = "cut.png"

[[products]]
sku = "LONG"
name = "$LONG"
price_cents = 999999999
selling_points = ["一", "二", "三", "四", "五"]

[[cues]]
at_s = 0.2
command = "card.show"
sku = "MISSING"
[[cues]]
at_s = 0.8
command = "card.show"
sku = "TEXT"
[[cues]]
at_s = 1.4
command = "card.show"
sku = "EMPTY"
[[cues]]
at_s = 2.0
command = "card.show"
sku = "CUT"
[[cues]]
at_s = 2.6
command = "card.show"
sku = "LONG"
EOF

hawker_fg hawker 60 run "$T/show.toml" --duration 4 --offline
check "show runs to the end (exit $HAWKER_RC)" test "$HAWKER_RC" -eq 0
frames=$(count_frames "$T/program.mkv")
check "exact frame count with bad pictures ($frames = 120)" test "${frames:-0}" = 120
for sku in MISSING TEXT EMPTY CUT; do
    check "warning names product $sku" grep -q "product $sku: .*placeholder" "$T/hawker.err"
done
check "warning about the long name" grep -q "product LONG: its name has" "$T/hawker.err"
check "warning about the extra selling points" grep -q "product LONG: cards show 3 of its 5" "$T/hawker.err"
# The card region changes between products: it really rendered each one.
a=$(ffmpeg -nostdin -v info -ss 1.2 -i "$T/program.mkv" -ss 3.5 -i "$T/program.mkv" \
    -filter_complex "[0:v]crop=500:170:20:600[a];[1:v]crop=500:170:20:600[b];[a][b]psnr" -frames:v 1 -f null - 2>&1 \
    | sed -n 's/.*PSNR.* average:\([0-9.inf]*\).*/\1/p' | tail -n1)
check "placeholder card and long-name card differ (PSNR ${a} dB < 30)" fcmp "${a/inf/99} < 30"

# An absurd price is a show-file error: nothing starts, nothing is written.
sed 's/price_cents = 999999999/price_cents = 99999999999/' "$T/show.toml" > "$T/absurd.toml"
rm -f "$T/program.mkv"
hawker_fg absurd 30 run "$T/absurd.toml" --duration 2 --offline
check "absurd price refused (exit $HAWKER_RC)" test "$HAWKER_RC" -ne 0 -a "$HAWKER_RC" -lt 128
check "the error names the field: $(hawker_error_line absurd)" bash -c "hawker_error_line() { grep -m1 '^hawker: error:' \"$T/absurd.err\"; }; hawker_error_line | grep -q 'products\[4\].price_cents'"
check "nothing recorded" test ! -e "$T/program.mkv"
finish
