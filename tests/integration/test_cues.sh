#!/usr/bin/env bash
# Program/preview buses, TAKE, CUT and fade, driven by [[cues]] on the program
# clock in an offline (deterministic) run. Three full-frame colour scenes make
# every frame classifiable by its mean colour (signalstats Y/U/V averages):
#   0-2 s red, TAKE (cut) -> 2-4 s blue, CUT green -> 4-6 s green,
#   preview red + TAKE with a 1 s fade at 6 s -> 6-7 s mixed, then red.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe ffmpeg

FPS=30 SECS=8

cat > "$T/show.toml" <<EOF
[show]
name = "cues test"

[canvas]
width = 360
height = 640
fps = $FPS

[[sources]]
id = "cam1"
format = "lavfi"
url = "testsrc2=size=360x640:rate=$FPS"

[[scenes]]
id = "red"
layers = [ { kind = "color", color = "#FF0000", rect = [0, 0, 360, 640] } ]

[[scenes]]
id = "blue"
layers = [ { kind = "color", color = "#0000FF", rect = [0, 0, 360, 640] } ]

[[scenes]]
id = "green"
layers = [ { kind = "color", color = "#00FF00", rect = [0, 0, 360, 640] } ]

[[scenes]]
id = "camera"
layers = [ { kind = "source", source = "cam1", rect = [0, 0, 360, 640], fit = "cover" } ]

[program]
scene = "red"
preview = "blue"
transition = "cut"
transition_ms = 0

$(encoder_block 800 2)

[[outputs]]
id = "record"
kind = "record"
path = "program.mkv"

[[cues]]
at_s = 2.0
command = "take"

[[cues]]
at_s = 4.0
command = "cut"
scene = "green"

[[cues]]
at_s = 5.0
command = "preview"
scene = "red"

[[cues]]
at_s = 5.5
command = "transition"
transition = "fade"
transition_ms = 1000

[[cues]]
at_s = 6.0
command = "take"
EOF

hawker_fg hawker 90 run "$T/show.toml" --duration $SECS --offline
check "hawker exits 0 (got $HAWKER_RC)" test "$HAWKER_RC" -eq 0
REC="$T/program.mkv"
[[ -s "$REC" ]] || die "no recording"

# One line per frame: "INDEX CLASS Y U V", CLASS = red|blue|green|mix (nearest
# pure colour within a distance of 30, BT.601 or BT.709 limited range).
ffmpeg -v error -nostdin -i "$REC" -map 0:v -vf "signalstats,metadata=print:file=$T/stats.txt" -f null - \
    || die "signalstats failed"
awk 'function d(a, b, c, x, y, z) { return sqrt((a - x) ^ 2 + (b - y) ^ 2 + (c - z) ^ 2) }
     /^frame:/ { split($1, f, ":"); n = f[2] }
     /YAVG=/ { split($0, kv, "="); Y[n] = kv[2] }
     /UAVG=/ { split($0, kv, "="); U[n] = kv[2] }
     /VAVG=/ { split($0, kv, "="); V[n] = kv[2]; last = n }
     END { for (i = 0; i <= last; i++) {
             y = Y[i]; u = U[i]; v = V[i]; best = "mix"; bd = 30
             # BT.601 and BT.709 limited-range values of pure red, green, blue
             if ((t = d(y, u, v, 81, 90, 240)) < bd) { bd = t; best = "red" }
             if ((t = d(y, u, v, 63, 102, 240)) < bd) { bd = t; best = "red" }
             if ((t = d(y, u, v, 145, 54, 34)) < bd) { bd = t; best = "green" }
             if ((t = d(y, u, v, 173, 42, 26)) < bd) { bd = t; best = "green" }
             if ((t = d(y, u, v, 41, 240, 110)) < bd) { bd = t; best = "blue" }
             if ((t = d(y, u, v, 32, 240, 118)) < bd) { bd = t; best = "blue" }
             printf "%d %s %.0f %.0f %.0f\n", i, best, y, u, v } }' "$T/stats.txt" > "$T/classes.txt"
runs=$(awk '{ if ($2 != c) { if (NR > 1) printf "%s[%d-%d] ", c, s, p; c = $2; s = $1 } p = $1 }
            END { printf "%s[%d-%d]", c, s, p }' "$T/classes.txt")
info "frames by colour: $runs"

# first_frame CLASS FROM: index of the first frame of CLASS at or after FROM.
first_frame() { awk -v c="$1" -v f="$2" '$1 >= f && $2 == c { print $1; exit }' "$T/classes.txt"; }
# all_in CLASS FROM TO: every frame FROM..TO is CLASS.
all_in() { awk -v c="$1" -v a="$2" -v b="$3" '$1 >= a && $1 <= b && $2 != c { bad++ } $1 >= a && $1 <= b { n++ }
                END { exit !(n == b - a + 1 && !bad) }' "$T/classes.txt"; }

total=$(wc -l < "$T/classes.txt")
check "recording has $total frames ($((SECS * FPS)))" test "$total" -eq $((SECS * FPS))
check "frames 0-58 show the starting program scene (red)" all_in red 0 58
b=$(first_frame blue 0)
check "TAKE at 2.0 s (cut): first blue frame ${b:-none} (frame 60 +/- 1)" test "${b:-0}" -ge 59 -a "${b:-0}" -le 61
check "frames 62-118 blue" all_in blue 62 118
g=$(first_frame green 0)
check "CUT to green at 4.0 s: first green frame ${g:-none} (frame 120 +/- 1)" test "${g:-0}" -ge 119 -a "${g:-0}" -le 121
check "frames 122-178 green (PREVIEW at 5.0 s does not touch the program)" all_in green 122 178
# A linear 1 s fade: frames 186-204 (20 %..80 % of the way) are far from both
# pure colours, and the luma walks from green's down to red's.
mixed=$(awk '$1 >= 186 && $1 <= 204 && $2 == "mix"' "$T/classes.txt" | wc -l)
check "fade over 6.0-7.0 s: $mixed of frames 186-204 are a mix of green and red (all 19)" test "$mixed" -eq 19
ys=$(awk '$1 == 180 || $1 == 186 || $1 == 195 || $1 == 204 || $1 == 210 { printf "%s ", $3 }' "$T/classes.txt")
check "luma during the fade goes from green to red: Y at frames 180/186/195/204/210 = $ys(strictly falling)" \
    awk -v s="$ys" 'BEGIN { n = split(s, y, " "); if (n != 5) exit 1; for (i = 2; i <= n; i++) if (y[i] >= y[i - 1]) exit 1 }'
check "frames 212-239 red after the fade" all_in red 212 239

finish
