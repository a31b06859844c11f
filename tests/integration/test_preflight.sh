#!/usr/bin/env bash
# `hawker preflight`: the show's program is encoded for every output into local
# files, measured, and checked against each output's platform profile.
#   - a show with a 6 s keyframe interval fails the YouTube profile's
#     documented 4 s rule: exit 1, the row names the rule and the measured 6 s,
#     and the JSON says the same;
#   - the measured figures are the file's own: size, frames and keyframes
#     equal what ffprobe reads from the kept file, the bitrate is within 10 %
#     of the encoder's;
#   - the same show with a 2 s interval passes (exit 0);
#   - a card slot in the bottom 25 % is flagged against Douyin's safe area: a
#     warning from its secondary source, a failure once the show file states the
#     rule itself;
#   - an unknown profile is refused when the show file is read.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe sqlite3

# check_row FILE OUTPUT RULE: the JSON row of that output's rule, as "verdict|measured".
check_row() {
    sqlite3 :memory: "SELECT json_extract(c.value, '$.verdict') || '|' || json_extract(c.value, '$.measured')
        FROM json_each(readfile('$1'), '$.outputs') o, json_each(o.value, '$.checks') c
        WHERE json_extract(o.value, '$.id') = '$2' AND json_extract(c.value, '$.rule') = '$3' LIMIT 1"
}

# show KEYINT_S [EXTRA]: a 1080x1920 show with a YouTube and a Douyin output, a card slot low on the picture.
show() {
    camera_show "preflight test" 1080 1920 30 4500 "$1" rec.mkv \
        | sed 's|^layers = \(.*\)$|layers = \1\nslots = [ { name = "card", rect = [60, 1500, 900, 300] } ]|'
    cat <<EOF

[[outputs]]
id = "yt"
kind = "rtmp"
url = "rtmp://127.0.0.1:1/live"
profile = "youtube"

[[outputs]]
id = "dy"
kind = "rtmp"
url = "rtmps://127.0.0.1:1/live"
profile = "douyin"
${2:-}
EOF
}

# --- a keyframe every 6 s breaks YouTube's rule ----------------------------------------------------
show 6 > "$T/bad.toml"
"$HAWKER" preflight "$T/bad.toml" --seconds 13 --keep "$T/kept" > "$T/bad.out" 2> "$T/bad.err"
rc=$?
check "preflight of a 6 s keyframe interval exits 1 (rc $rc)" test "$rc" = 1
row=$(grep -E '^yt +youtube +keyint_s ' "$T/bad.out")
info "$row"
check "  the table's row names the rule, FAIL and the measured 6 s" \
    bash -c '[[ "$1" == *FAIL* && "$1" == *"6.00 s longest"* && "$1" == *"at most 4 s"* ]]' _ "$row"
check "  stderr says it failed" grep -q "hawker: error: preflight failed: 1 rule(s) broken" "$T/bad.err"
"$HAWKER" preflight "$T/bad.toml" --seconds 13 --json > "$T/bad.json" 2> /dev/null
check "  the JSON: verdict fail, keyint_s $(check_row "$T/bad.json" yt keyint_s)" \
    bash -c '[[ "$1" == fail && "$2" == "fail|6.00 s longest"* ]]' _ "$(jx "$T/bad.json" '$.verdict')" \
    "$(check_row "$T/bad.json" yt keyint_s)"
check "  Douyin's keyframe rule is only assumed: a warning ($(check_row "$T/bad.json" dy keyint_s))" \
    bash -c '[[ "$1" == warn* ]]' _ "$(check_row "$T/bad.json" dy keyint_s)"
check "  the protocol of an rtmps:// output is rtmps ($(check_row "$T/bad.json" dy protocol))" \
    test "$(check_row "$T/bad.json" dy protocol)" = "pass|rtmps"

# --- the figures are the file's own ------------------------------------------------------------
kept="$T/kept/preflight-yt.mkv"
check "--keep kept the measured file" test -s "$kept"
if [[ -s "$kept" ]]; then
    size="$(probe_stream "$kept" v:0 width)x$(probe_stream "$kept" v:0 height)"
    frames=$(count_frames "$kept")
    keys=$(keyframe_pts "$kept" | wc -l)
    check "  size $(jx "$T/bad.json" '$.outputs[0].measured.width')x$(jx "$T/bad.json" '$.outputs[0].measured.height') = ffprobe's $size" \
        test "$(jx "$T/bad.json" '$.outputs[0].measured.width')x$(jx "$T/bad.json" '$.outputs[0].measured.height')" = "$size"
    check "  frames $(jx "$T/bad.json" '$.outputs[0].measured.frames') = ffprobe's $frames = 13 s x 30" \
        test "$(jx "$T/bad.json" '$.outputs[0].measured.frames') $frames" = "390 390"
    check "  keyframes $(jx "$T/bad.json" '$.outputs[0].measured.keyframes') = ffprobe's $keys (0, 6, 12 s)" \
        test "$(jx "$T/bad.json" '$.outputs[0].measured.keyframes') $keys" = "3 3"
    kbps=$(jx "$T/bad.json" '$.outputs[0].measured.video_kbps')
    check "  video bitrate $kbps kbps within 10 % of the encoder's 4500" fcmp "$kbps >= 4050 && $kbps <= 4950"
    profile=$(probe_stream "$kept" v:0 profile | tr 'A-Z' 'a-z')
    check "  profile $(jx "$T/bad.json" '$.outputs[0].measured.video_profile') = ffprobe's $profile" \
        test "$(jx "$T/bad.json" '$.outputs[0].measured.video_profile')" = "$profile"
fi

# --- fixed: a keyframe every 2 s -----------------------------------------------------------------
show 2 > "$T/good.toml"
"$HAWKER" preflight "$T/good.toml" --json > "$T/good.json" 2> "$T/good.err"
rc=$?
check "the same show with a 2 s interval passes (rc $rc, verdict $(jx "$T/good.json" '$.verdict'))" \
    bash -c '[[ "$1" == 0 && "$2" != fail ]]' _ "$rc" "$(jx "$T/good.json" '$.verdict')"
check "  keyint_s passes: $(check_row "$T/good.json" yt keyint_s)" \
    bash -c '[[ "$1" == "pass|2.00 s longest"* ]]' _ "$(check_row "$T/good.json" yt keyint_s)"

# --- the safe area ------------------------------------------------------------------------------
safe=$(check_row "$T/good.json" dy safe_area)
check "the card slot in the bottom 25 % is flagged against Douyin's safe area ($safe)" \
    bash -c '[[ "$1" == "warn|scene main slot card [60, 1500, 900, 300] reaches into the bottom"* ]]' _ "$safe"
check "  YouTube has no app over the picture: no safe-area row ($(check_row "$T/good.json" yt safe_area))" \
    test -z "$(check_row "$T/good.json" yt safe_area)"
show 2 '[outputs.rules.safe_area]
bottom = 0.25' > "$T/strict.toml"
"$HAWKER" preflight "$T/strict.toml" --json > "$T/strict.json" 2> "$T/strict.err"
rc=$?
check "the show file's own safe area is the user's word: the slot fails it (rc $rc, $(check_row "$T/strict.json" dy safe_area | cut -c1-40))" \
    bash -c '[[ "$1" == 1 && "$2" == fail* ]]' _ "$rc" "$(check_row "$T/strict.json" dy safe_area)"
check "  its source is the show file" \
    test "$(sqlite3 :memory: "SELECT json_extract(c.value, '$.source') FROM json_each(readfile('$T/strict.json'), '$.outputs') o, json_each(o.value, '$.checks') c WHERE json_extract(c.value, '$.rule') = 'safe_area' LIMIT 1")" = "the show file"

# --- refusals ------------------------------------------------------------------------------------
show 2 | sed 's/profile = "douyin"/profile = "nope"/' > "$T/unknown.toml"
"$HAWKER" preflight "$T/unknown.toml" > /dev/null 2> "$T/unknown.err"
rc=$?
check "an unknown profile is refused (rc $rc): $(head -c 160 "$T/unknown.err")" \
    bash -c '[[ "$1" == 1 ]] && grep -q "outputs\[2\].profile: no platform profile .nope. (known: bilibili, douyin" "$2"' _ "$rc" "$T/unknown.err"
show 2 | sed 's/profile = "douyin"/profile = "..\/..\/etc\/passwd"/' > "$T/path.toml"
"$HAWKER" preflight "$T/path.toml" > /dev/null 2> "$T/path.err"
check "a profile name is never a path" grep -q "is not a platform profile name" "$T/path.err"
"$HAWKER" preflight "$T/good.toml" --seconds 1 > /dev/null 2> "$T/seconds.err"
check "--seconds 1 is refused as a usage error (rc $?)" grep -q "between 2 and 120" "$T/seconds.err"
finish
