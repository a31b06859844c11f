#!/usr/bin/env bash
# Builds Hawker's libFuzzer harnesses with clang (ASan + UBSan) and runs them
# for a bounded time: scripts/fuzz.sh [SECONDS] [events|api|all].
#   events  the viewer-event parser (the ingest endpoint, JSON Lines files)
#   api     the control API's request handling: request heads, the bearer
#           token, log-safe text, and every command's arguments executed
# "all" (the default) gives each harness SECONDS. With FUZZ_RUNS=N in the
# environment a harness stops after N inputs, SECONDS then being only a cap:
# the test suite runs a set amount of work, whatever else the machine is
# doing. The harnesses compile only the sources they need (objects are kept in the build folder between runs),
# so they need no separate build of the whole project.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_TO_RUN="${1:-30}"
WHICH="${2:-all}"
OUT="${HAWKER_BUILD_DIR:-$ROOT/build}/fuzz"
mkdir -p "$OUT/obj"
# -g1: line tables only, all a finding's stack needs; full debug information cost 10 s more of the
# harness's 2-minute build in the test suite.
FLAGS=(-std=c++20 -g1 -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
    -I"$ROOT/capture/include" -I"$ROOT/overlay/include")
for layer in base show store analytics engine report api; do FLAGS+=(-I"$ROOT/studio/$layer/include"); done
FLAGS+=(-I"$ROOT/studio/base/src") # translation_tables.hpp, for the generated tables
read -r -a OPENCV_FLAGS <<< "$(pkg-config --cflags opencv4)"
FLAGS+=("${OPENCV_FLAGS[@]}")
# The log (base/) is spdlog's compiled library, as CMake's spdlog::spdlog links it.
FLAGS+=(-DSPDLOG_COMPILED_LIB -DSPDLOG_SHARED_LIB -DSPDLOG_FMT_EXTERNAL)
FLAGS+=(-DHAWKER_ASSETS_DIR="\"$ROOT/assets\"") # the show file's platform profiles are read from there

# objects SOURCE...: compiles each source (relative to the root, or generated
# under $OUT/gen) that changed since its object, two at a time, and prints the
# object paths.
objects() {
    local src obj todo=()
    for src in "$@"; do
        obj="$OUT/obj/${src//\//_}.o"
        [[ "$obj" -nt "$(source_path "$src")" ]] || todo+=("$src")
    done
    if ((${#todo[@]} > 0)); then
        printf '%s\n' "${todo[@]}" | xargs -P 2 -I{} bash -c \
            'src="$1"; shift; path="'"$ROOT"'/$src"; [[ "$src" == gen/* ]] && path="'"$OUT"'/$src"
             clang++ "$@" -c "$path" -o "'"$OUT"'/obj/${src//\//_}.o"' _ {} "${FLAGS[@]}"
    fi
    for src in "$@"; do echo "$OUT/obj/${src//\//_}.o"; done
}
source_path() { [[ "$1" == gen/* ]] && echo "$OUT/$1" || echo "$ROOT/$1"; }

# translation_tables: the translation tables compiled in as the build does it
# (studio/base/cmake/embed_text.cmake); prints their sources (gen/...).
translation_tables() {
    local table language function
    mkdir -p "$OUT/gen"
    for table in en:enTableText zh-CN:zhCnTableText; do
        language="${table%%:*}" function="${table##*:}"
        if [[ ! "$OUT/gen/i18n_$function.cpp" -nt "$ROOT/assets/i18n/$language.toml" ]]; then
            cmake -DINPUT="$ROOT/assets/i18n/$language.toml" -DOUTPUT="$OUT/gen/i18n_$function.cpp" \
                -DNAME="assets/i18n/$language.toml" -DHEADER=translation_tables.hpp \
                -DNAMESPACE=hawker::studio::i18n -DFUNCTION="$function" \
                -P "$ROOT/studio/base/cmake/embed_text.cmake" >&2
        fi
        echo "gen/i18n_$function.cpp"
    done
}

# harness NAME SOURCES... -- LIBS...: links NAME from its sources.
harness() {
    local name="$1" sources=() libs=() objs
    shift
    while (($#)) && [[ "$1" != -- ]]; do sources+=("$1"); shift; done
    (($#)) && shift
    libs=("$@")
    mapfile -t objs < <(objects "${sources[@]}")
    clang++ -fsanitize=fuzzer,address,undefined "${objs[@]}" "${libs[@]}" -o "$OUT/$name"
}

# run NAME CORPUS_DIR MAX_LEN: runs a harness from a copy of its seed corpus.
run() {
    local name="$1" seeds="$2" max_len="$3"
    mkdir -p "$OUT/corpus-$name"
    cp -n "$seeds"/* "$OUT/corpus-$name/" 2>/dev/null || true
    # -timeout: a hang is a failure.
    local runs=()
    [[ -n "${FUZZ_RUNS:-}" ]] && runs=(-runs="$FUZZ_RUNS")
    "$OUT/$name" -max_total_time="$SECONDS_TO_RUN" "${runs[@]}" -max_len="$max_len" -timeout=10 \
        -print_final_stats=1 "$OUT/corpus-$name" 2>&1 | tail -n 12
}

if [[ "$WHICH" == events || "$WHICH" == all ]]; then
    harness fuzz_event_parser overlay/src/utf8.cpp studio/base/src/json_read.cpp studio/base/src/viewer_name.cpp \
        studio/base/src/viewer_hasher.cpp studio/store/src/viewer_event.cpp tests/fuzz/fuzz_event_parser.cpp -- -lcrypto
    # Batches are bounded by the API's body limit; 64 KiB covers the
    # parser's paths without slowing the search.
    run fuzz_event_parser "$ROOT/tests/fuzz/corpus" 65536
fi
if [[ "$WHICH" == api || "$WHICH" == all ]]; then
    # The whole show layer (commands, the command table, the show file) and
    # what it stands on in base/, plus the API's request and body parsers.
    mapfile -t SHOW_SOURCES < <(cd "$ROOT" && ls studio/show/src/*.cpp)
    # Commands answer in words of the translation tables (base/phrase).
    mapfile -t TABLES < <(translation_tables)
    harness fuzz_api_request overlay/src/utf8.cpp overlay/src/layout.cpp overlay/src/theme.cpp \
        studio/base/src/untrusted_text.cpp studio/base/src/assets.cpp \
        studio/base/src/phrase.cpp studio/base/src/translations.cpp "${TABLES[@]}" \
        studio/api/src/request_head.cpp studio/api/src/command_body.cpp "${SHOW_SOURCES[@]}" \
        studio/base/src/secret_mask.cpp studio/base/src/viewer_hasher.cpp \
        studio/base/src/viewer_name.cpp studio/base/src/log.cpp studio/base/src/log_file_sink.cpp \
        studio/base/src/csv_records.cpp studio/base/src/durable_file.cpp \
        capture/src/encoder_settings.cpp capture/src/ffmpeg_log.cpp capture/src/fitted_rect.cpp \
        tests/fuzz/fuzz_api_request.cpp -- -lcrypto -lavutil -lspdlog -lfmt
    # Heads are bounded by the gate (16 KiB) and bodies by the API's limit.
    run fuzz_api_request "$ROOT/tests/fuzz/corpus-api" 20000
fi
