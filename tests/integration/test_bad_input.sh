#!/usr/bin/env bash
# Bad input gets a clear error, changes nothing and never crashes: for each bad
# show file or command line, hawker must
#   - exit non-zero, with a status below 128 (no signal, no abort) and within 30 s;
#   - print a line starting "hawker: error:" on stderr that names the field or
#     the thing at fault;
#   - create no recording (the output would be rec/program.mkv).
source "$(dirname "$0")/lib.sh"
require_hawker

CASE=0

# A valid show, with hooks to break one part at a time. Each case writes
# $T/cN/show.toml from these variables (empty = default).
write_show() {   # write_show FILE
    cat > "$1" <<EOF
[show]
name = "bad input test"

[canvas]
width = ${CANVAS_W:-360}
height = 640
fps = 30

[[sources]]
id = "cam1"
format = "lavfi"
url = "testsrc2=size=360x640:rate=30"

${SOURCE2:-}

[[scenes]]
id = "main"
layers = [
  { kind = "source", source = "cam1", rect = [0, 0, 360, 640], fit = "cover" },
  ${LAYER2:-}
]

[program]
scene = "main"

[encoder]
bitrate_kbps = 800
keyint_s = 2

[[outputs]]
id = "record"
kind = "${OUT_KIND:-record}"
path = "rec/program.mkv"
${EXTRA_OUTPUT:-}
EOF
}

# expect_error DESCRIPTION NAMES_REGEX ARGS... : run hawker ARGS (in the case's
# folder) and check the rules above. NAMES_REGEX (extended, case-insensitive)
# must match the error line.
expect_error() {
    local what="$1" names="$2"; shift 2
    local d="$T/c$CASE" name="case$CASE" line rc
    hawker_fg "$name" 30 "$@"
    rc=$HAWKER_RC
    line=$(hawker_error_line "$name")
    local problems=()
    (( rc != 0 )) || problems+=("exit status 0")
    (( rc < 128 )) || problems+=("exit status $rc (crash or timeout)")
    [[ -n "$line" ]] || problems+=("no 'hawker: error:' line on stderr")
    if [[ -n "$line" ]] && ! grep -qiE -- "$names" <<< "$line"; then
        problems+=("error line does not name /$names/")
    fi
    if [[ -d "$d/rec" ]] && [[ -n "$(ls -A "$d/rec" 2>/dev/null)" ]]; then
        problems+=("recording created: $(ls "$d/rec" | tr '\n' ' ')")
    fi
    if (( ${#problems[@]} == 0 )); then
        ok "$what -> exit $rc, stderr: $line"
    else
        fail "$what -> ${problems[*]} | exit $rc | ${line:-stderr: $(tail -c 300 "$T/$name.err" | tr '\n' ' ')}"
    fi
}

# new_case: a fresh folder (and default hooks) for the next case.
new_case() {
    CASE=$((CASE + 1))
    mkdir -p "$T/c$CASE"
    unset CANVAS_W SOURCE2 LAYER2 OUT_KIND EXTRA_OUTPUT
    SHOW="$T/c$CASE/show.toml"
}

# --- the valid show really works (so the failures below are the bad part) ------
new_case
write_show "$SHOW"
hawker_fg case$CASE 60 run "$SHOW" --duration 1 --offline
if (( HAWKER_RC == 0 )) && [[ -s "$T/c$CASE/rec/program.mkv" ]]; then
    ok "baseline: the unbroken show records (exit 0, rec/program.mkv written)"
else
    fail "baseline: the unbroken show failed (exit $HAWKER_RC): $(head -c 300 "$T/case$CASE.err")"
fi

# --- sources that cannot be opened ----------------------------------------------------
new_case
SOURCE2='[[sources]]
id = "cam2"
url = "/nonexistent/dir/clip.mp4"'
LAYER2='{ kind = "source", source = "cam2", rect = [0, 0, 180, 320], fit = "cover" },'
write_show "$SHOW"
expect_error "nonexistent file source" 'clip\.mp4|cam2|sources\[1\]' run "$SHOW" --duration 2

new_case
SOURCE2='[[sources]]
id = "cam2"
url = "/dev/video99"'
LAYER2='{ kind = "source", source = "cam2", rect = [0, 0, 180, 320], fit = "cover" },'
write_show "$SHOW"
expect_error "nonexistent device /dev/video99" 'video99|cam2|sources\[1\]' run "$SHOW" --duration 2

new_case
SOURCE2='[[sources]]
id = "cam2"
url = "nosuchproto://127.0.0.1/x"'
LAYER2='{ kind = "source", source = "cam2", rect = [0, 0, 180, 320], fit = "cover" },'
write_show "$SHOW"
expect_error "unknown protocol URL" 'nosuchproto|cam2|sources\[1\]' run "$SHOW" --duration 2

new_case
SOURCE2='[[sources]]
id = "cam2"
format = "lavfi"
url = "nosuchfilter=size=320x240"'
LAYER2='{ kind = "source", source = "cam2", rect = [0, 0, 180, 320], fit = "cover" },'
write_show "$SHOW"
expect_error "unreadable lavfi graph" 'nosuchfilter|cam2|sources\[1\]' run "$SHOW" --duration 2

# --- show-file errors -------------------------------------------------------------------
new_case
SOURCE2='[[sources]]
id = "cam2"
format = "lavfi"'
LAYER2='{ kind = "source", source = "cam2", rect = [0, 0, 180, 320], fit = "cover" },'
write_show "$SHOW"
expect_error "source without url" 'sources\[1\]\.url' run "$SHOW" --duration 2

new_case
LAYER2='{ kind = "source", source = "cam1", rect = [0, 0, 180], fit = "cover" },'
write_show "$SHOW"
expect_error "rect with 3 numbers" 'scenes\[0\]\.layers\[1\]\.rect' run "$SHOW" --duration 2

new_case
LAYER2='{ kind = "source", source = "cam1", rect = [0, 0, -180, 320], fit = "cover" },'
write_show "$SHOW"
expect_error "rect with a negative width" 'scenes\[0\]\.layers\[1\]\.rect' run "$SHOW" --duration 2

new_case
LAYER2='{ kind = "source", source = "ghost", rect = [0, 0, 180, 320], fit = "cover" },'
write_show "$SHOW"
expect_error "layer naming an unknown source" 'ghost|scenes\[0\]\.layers\[1\]\.source' run "$SHOW" --duration 2

new_case
OUT_KIND="carrier-pigeon"
write_show "$SHOW"
expect_error "unknown output kind" 'outputs\[0\]\.kind' run "$SHOW" --duration 2

new_case
CANVAS_W=361
write_show "$SHOW"
expect_error "odd canvas width" 'canvas\.width' run "$SHOW" --duration 2

new_case
write_show "$SHOW"
printf '\n[[sources]\nid = "broken\n' >> "$SHOW"
expect_error "TOML syntax error" 'show\.toml|line|pars|toml' run "$SHOW" --duration 2

new_case
expect_error "nonexistent show file" 'no-such-show\.toml' run "$T/c$CASE/no-such-show.toml" --duration 2

new_case
unset HAWKER_KEY_UNSET_FOR_TEST
EXTRA_OUTPUT='
[[outputs]]
id = "push"
kind = "rtmp"
url = "rtmp://127.0.0.1:9/live"
key_env = "HAWKER_KEY_UNSET_FOR_TEST"'
write_show "$SHOW"
expect_error "rtmp output whose key_env variable is unset" 'HAWKER_KEY_UNSET_FOR_TEST' run "$SHOW" --duration 2

# --- command-line errors ---------------------------------------------------------------
new_case
write_show "$SHOW"
expect_error "unknown CLI flag" 'bogus' run "$SHOW" --duration 2 --bogus

new_case
write_show "$SHOW"
expect_error "--duration -1" 'duration' run "$SHOW" --duration -1

new_case
write_show "$SHOW"
expect_error "--duration not a number" 'duration' run "$SHOW" --duration abc

new_case
expect_error "unknown subcommand" 'frobnicate' frobnicate

finish
