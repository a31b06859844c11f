#!/usr/bin/env bash
# The console's language (hawker gui --lang) on a virtual X display: the operator's desk in zh-CN and in en.
# The menu bar must differ between the two, and in zh-CN its Settings menu must read 设置 as real glyphs
# (compared with the string drawn by the font, and with the same string drawn as boxes). Then the choice:
# --lang fr is refused, the language saved in the login's settings is used without --lang, --lang wins
# over it, and without either a Chinese locale picks zh-CN. Last, a comment in characters the font atlas
# was not built with arrives over the API: they are added while the console runs and drawn as glyphs. And
# Settings ▸ Language, clicked with xdotool, switches a running console to English and saves the choice.
#
# Screenshots and logs stay in $T (HAWKER_KEEP_TMP=1 keeps it).
source "$(dirname "$0")/lib.sh"
require_hawker
# Without Xvfb the test cannot run at all: it says so and exits 77, reported as skipped, never passed.
command -v Xvfb >/dev/null 2>&1 || skip "Xvfb is not installed (apt-get install xvfb): the console needs an X display"
require_tools curl xdotool
require_png_probe
FONT=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
[[ -r "$FONT" ]] || die "CJK font missing: $FONT (fonts-noto-cjk)"
STARTED=$EPOCHREALTIME

export HAWKER_CONFIG_DIR="$T/config"
# The locale is the test's to set: none of the runs below inherits the machine's.
unset LC_ALL LC_MESSAGES LANGUAGE
export LANG=C.UTF-8

cat > "$T/show.toml" <<TOML
[show]
name = "language"

[canvas]
width = 640
height = 360
fps = 30

[[sources]]
id = "cam1"
format = "lavfi"
url = "color=c=0x1e50a0:size=640x360:rate=30"

[[scenes]]
id = "one"
layers = [ { kind = "source", source = "cam1", rect = [0, 0, 640, 360], fit = "cover" } ]

[program]
scene = "one"
transition = "cut"

$(encoder_block 600 1)

[[outputs]]
id = "record"
kind = "record"
path = "$T/program.mkv"
TOML

probe() { "$PROBE" "$@" 2>> "$T/probe.log"; }
no_gl_or_assert_errors() { ! grep -qiE 'GL error|Assertion|IM_ASSERT|imgui[a-z_]*\.(cpp|h):' "$1"; }

start_xvfb

# shot NAME [ARGS...]: the operator's desk 20 frames after the show started, in a settings folder of its own.
shot() {
    local name="$1"; shift
    hawker_fg "$name" 90 gui "$T/show.toml" --overwrite --who tester --screenshot "$T/$name.png" --after-frames 20 "$@"
    check "$name: the console wrote its screenshot (exit $HAWKER_RC)" test "$HAWKER_RC" -eq 0 -a -s "$T/$name.png"
}

# --- 1. the same desk in zh-CN and in en ------------------------------------------------------
HAWKER_CONFIG_DIR="$T/config-zh" shot zh --lang zh-CN
HAWKER_CONFIG_DIR="$T/config-en" shot en --lang en
check "zh: the console says which language it speaks" grep -q 'console language zh-CN' "$T/zh.err"
check "en: the console says which language it speaks" grep -q 'console language en' "$T/en.err"

BAR_ZH=$(region "$T/zh.out" menu_bar); BAR_EN=$(region "$T/en.out" menu_bar)
SET_ZH=$(region "$T/zh.out" menu_settings); SET_EN=$(region "$T/en.out" menu_settings)
if [[ -z "$BAR_ZH" || -z "$BAR_EN" || -z "$SET_ZH" || -z "$SET_EN" ]]; then
    fail "no menu_bar/menu_settings region in the console's output (zh '$BAR_ZH' '$SET_ZH', en '$BAR_EN' '$SET_EN')"
else
    # The menu bar's left half: the menus' words (the clock at the right moves with the show).
    d_bar=$(probe diff "$T/zh.png" $BAR_ZH "$T/en.png" $BAR_EN)
    check "the menu bars differ between zh-CN and en (mean difference ${d_bar:-?} > 2)" fcmp "${d_bar:--1} > 2"
    check "and the Settings menus are not where they were (zh '$SET_ZH', en '$SET_EN')" test "$SET_ZH" != "$SET_EN"
    real=$(probe text-similarity "$T/zh.png" $SET_ZH "设置" "$FONT" 17)
    tofu=$(probe text-similarity "$T/zh.png" $SET_ZH --boxes "设置" "$FONT" 17)
    check "zh: the Settings menu reads 设置 (similarity ${real:-?} > 0.5)" fcmp "${real:--1} > 0.5"
    check "zh: and looks nothing like boxes (boxes ${tofu:-?}, at least 0.3 lower)" fcmp "${real:--1} - ${tofu:-1} >= 0.3"
    en_as_zh=$(probe text-similarity "$T/en.png" $SET_EN "设置" "$FONT" 17)
    check "en: the Settings menu is not 设置 (similarity ${en_as_zh:-?} < ${real:-?} - 0.3)" \
        fcmp "${en_as_zh:-1} <= ${real:--1} - 0.3"
fi
check "zh: no GL error or assertion" no_gl_or_assert_errors "$T/zh.err"

# --- 2. what is refused ---------------------------------------------------------------------
hawker_fg fr 20 gui "$T/show.toml" --lang fr
check "--lang fr is a usage error (exit $HAWKER_RC, 2)" test "$HAWKER_RC" -eq 2
check "which names the languages ($(hawker_error_line fr))" \
    grep -q "^hawker: error: --lang must be zh-CN or en, not 'fr'" "$T/fr.err"
check "and opens no window (no screenshot line)" bash -c "! grep -q '^screenshot' '$T/fr.out'"

# --- 3. the saved choice, --lang over it, the locale without either ------------------------
mkdir -p "$T/config-saved"
printf '[Hawker][Settings]\nLanguage=zh-CN\n\n' > "$T/config-saved/console-operator.ini"
HAWKER_CONFIG_DIR="$T/config-saved" shot saved
check "without --lang the saved zh-CN is used" grep -q 'console language zh-CN' "$T/saved.err"
SET_SAVED=$(region "$T/saved.out" menu_settings)
if [[ -n "$SET_SAVED" ]]; then
    saved_sim=$(probe text-similarity "$T/saved.png" $SET_SAVED "设置" "$FONT" 17)
    check "and its Settings menu reads 设置 (similarity ${saved_sim:-?} > 0.5)" fcmp "${saved_sim:--1} > 0.5"
else
    fail "no menu_settings region in the saved run's output"
fi
check "the saved choice is still in the settings after the run" \
    grep -q '^Language=zh-CN$' "$T/config-saved/console-operator.ini"
HAWKER_CONFIG_DIR="$T/config-saved" shot override --lang en
check "--lang en wins over the saved zh-CN" grep -q 'console language en' "$T/override.err"
check "and --lang is for that run only: the saved choice stays zh-CN" \
    grep -q '^Language=zh-CN$' "$T/config-saved/console-operator.ini"
HAWKER_CONFIG_DIR="$T/config-locale" LANG=zh_CN.UTF-8 shot locale
check "without --lang or a saved choice a zh_CN locale picks zh-CN" grep -q 'console language zh-CN' "$T/locale.err"
HAWKER_CONFIG_DIR="$T/config-c" shot clocale
check "and a C locale picks en" grep -q 'console language en' "$T/clocale.err"

# --- 4. a comment in characters the atlas was not built with ---------------------------------
# 龘靐齉 are in the font but in no table, show text or common-character range: they must reach the
# atlas while the console runs (built off the UI thread, swapped in between frames) and be drawn, not '?'.
RARE="龘靐齉"
export HAWKER_TEST_INGEST_TOKEN="$(random_token in)"
{ cat "$T/show.toml"; cat <<TOML

[api]
bind = "127.0.0.1"
port = 0
tokens = [ { name = "shop", role = "ingest", token_env = "HAWKER_TEST_INGEST_TOKEN" } ]
TOML
} > "$T/show-api.toml"
HAWKER_CONFIG_DIR="$T/config-glyph" hawker_bg glyph gui "$T/show-api.toml" --overwrite --who tester \
    --db "$T/glyph.db" --lang zh-CN --screenshot "$T/glyph.png" --after-frames 240
wait_until 30 grep -qs '^api http' "$T/glyph.out" || fail "the console's API did not start within 30 s"
wait_until 30 grep -qs '^session [0-9]*$' "$T/glyph.out" || fail "no 'session N' line within 30 s"
API=$(sed -n 's/^api \(http[^ ]*\)$/\1/p' "$T/glyph.out" | head -n1)
SID=$(sed -n 's/^session \([0-9]*\)$/\1/p' "$T/glyph.out" | head -n1)
sleep 1 # the comment's time inside the session, not before its start
# A comment in common characters comes right after it: the body font, which comments are drawn in, has
# them all, so it must not add to the new atlas (the big fonts, which comments never use, lack them).
COMMON="这件羊绒衫起球吗"
NOW_MS=$(date +%s%3N)
EVENT="{\"events\":[{\"id\":\"rare-1\",\"type\":\"comment\",\"ts\":$NOW_MS,\"viewer\":\"u1\",\"text\":\"$RARE\"},
  {\"id\":\"common-1\",\"type\":\"comment\",\"ts\":$((NOW_MS + 1)),\"viewer\":\"u2\",\"text\":\"$COMMON\"}]}"
CODE=$(curl -s -m 10 -o "$T/ingest.json" -w '%{http_code}' -H "Authorization: Bearer $HAWKER_TEST_INGEST_TOKEN" \
    -H 'Content-Type: application/json' -X POST --data-binary "$EVENT" "${API}sessions/$SID/events")
check "the comment was taken (HTTP $CODE: $(cat "$T/ingest.json" 2>/dev/null))" test "$CODE" = 200
wait_pid "$HAWKER_PID" 120
check "the console wrote its screenshot (exit $WAIT_RC)" test "$WAIT_RC" -eq 0 -a -s "$T/glyph.png"
check "the atlas was rebuilt with the comment's characters ($(grep -o 'font atlas rebuilt[^(]*' "$T/glyph.err" | head -n1))" \
    grep -q 'font atlas rebuilt with [1-9]' "$T/glyph.err"
check "  with the 3 rare characters only, not the common ones ($(grep -o 'font atlas rebuilt with [0-9]*' "$T/glyph.err" | tr '\n' ';'))" \
    test "$(grep -c 'font atlas rebuilt' "$T/glyph.err")" = 1 -a -n "$(grep 'font atlas rebuilt with 3 more characters' "$T/glyph.err")"
check "and no character was missing from the font" bash -c "! grep -q 'not in the font' '$T/glyph.err'"
BOX=$(region "$T/glyph.out" comment_text:0)
if [[ -n "$BOX" ]]; then
    rare_real=$(probe text-similarity "$T/glyph.png" $BOX "$RARE" "$FONT" 17)
    rare_tofu=$(probe text-similarity "$T/glyph.png" $BOX --boxes "$RARE" "$FONT" 17)
    check "the comment reads $RARE (similarity ${rare_real:-?} > 0.5)" fcmp "${rare_real:--1} > 0.5"
    check "and looks nothing like boxes (boxes ${rare_tofu:-?}, at least 0.3 lower)" \
        fcmp "${rare_real:--1} - ${rare_tofu:-1} >= 0.3"
else
    fail "no comment_text:0 region in the console's output"
fi
check "glyph: no GL error or assertion" no_gl_or_assert_errors "$T/glyph.err"

# --- 5. Settings ▸ Language switches a running console, and the choice is saved -------------------------
# The menus' places are learnt run by run (a run prints where it drew them when it writes its screenshot):
# the Settings menu from the zh run above, its Language item once Settings is open, then English in it.
hold_click() { timeout 5 xdotool mousemove $1 $2; sleep 0.3; timeout 5 xdotool click 1; sleep 0.6; }
# switch_run NAME: a zh-CN desk whose menus are clicked at the places known so far, in the order given.
switch_run() {
    local name="$1"; shift
    HAWKER_CONFIG_DIR="$T/config-switch" hawker_bg "$name" gui "$T/show.toml" --overwrite --who tester \
        --screenshot "$T/$name.png" --after-frames 300
    local pid=$HAWKER_PID place
    wait_until 30 grep -q 'console: OpenGL' "$T/$name.err"
    sleep 2
    for place in "$@"; do
        # shellcheck disable=SC2086 # "x y" are two arguments
        hold_click $place
    done
    wait_pid "$pid" 90
    check "$name: the console wrote its screenshot (exit $WAIT_RC)" test "$WAIT_RC" -eq 0 -a -s "$T/$name.png"
}
mkdir -p "$T/config-switch"
printf '[Hawker][Settings]\nLanguage=zh-CN\n\n' > "$T/config-switch/console-operator.ini"
SETTINGS_AT=$(center_in "$T/zh.out" menu_settings)
switch_run switch1 "$SETTINGS_AT"
LANGUAGE_AT=$(center_in "$T/switch1.out" menu_language)
check "with Settings open the console drew its Language item ('$LANGUAGE_AT')" test -n "$LANGUAGE_AT"
switch_run switch2 "$SETTINGS_AT" "$LANGUAGE_AT"
ENGLISH_AT=$(center_in "$T/switch2.out" menu_lang:en)
check "and in it English ('$ENGLISH_AT')" test -n "$ENGLISH_AT"
if [[ -n "$LANGUAGE_AT" && -n "$ENGLISH_AT" ]]; then
    switch_run switch3 "$SETTINGS_AT" "$LANGUAGE_AT" "$ENGLISH_AT"
    check "a click on English switched the running console" grep -q 'console language switched to en' "$T/switch3.err"
    check "it started in zh-CN (the saved choice)" grep -q 'console language zh-CN' "$T/switch3.err"
    check "the choice is saved in the settings" grep -q '^Language=en$' "$T/config-switch/console-operator.ini"
    SET_SWITCHED=$(region "$T/switch3.out" menu_settings)
    check "and the menu bar is drawn in English since (Settings at '$SET_SWITCHED', as in the en run: '$SET_EN')" \
        test "$SET_SWITCHED" = "$SET_EN"
    check "the layout survived the switch: the switcher window is saved under its one ID" \
        test "$(grep -cE '^\[Window\]\[(.*###)?Switcher\]$' "$T/config-switch/console-operator.ini")" -eq 1
fi
check "switch3: no GL error or assertion" no_gl_or_assert_errors "$T/switch3.err"

info "screenshots zh.png en.png saved.png glyph.png switch3.png in $T; $(elapsed_since "$STARTED") s in all"
finish
