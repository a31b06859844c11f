#!/usr/bin/env bash
# Installs every Debian 12 package Hawker needs to build, run, test and benchmark.
# Idempotent: when everything is already installed it only checks and returns.
set -euo pipefail

PACKAGES=(
    # toolchain
    build-essential cmake pkg-config clang-format
    # capture/: FFmpeg 5.1 libraries, plus the command-line tools the tests probe with
    libavformat-dev libavcodec-dev libavdevice-dev libavfilter-dev libavutil-dev
    libswscale-dev libswresample-dev ffmpeg
    # capture/: EBU R128 loudness meters
    libebur128-dev
    # studio/cli/: the hawker program's allocator (resident memory flat over a long show)
    libjemalloc-dev
    # overlay/: OpenCV 4.6 (+ contrib for cv::freetype) and the CJK font
    libopencv-dev libopencv-contrib-dev fonts-noto-cjk fonts-dejavu-core
    # studio/: show file, CLI, JSON, SQLite, HTTP, console
    libtomlplusplus-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libcpp-httplib-dev libssl-dev
    libcli11-dev libspdlog-dev
    # order exports: time zones (system tzdata), XLSX (zip + XML)
    libhowardhinnant-date-dev tzdata libzip-dev libxml2-dev
    libimgui-dev libstb-dev libglfw3-dev libgl-dev libx11-dev libxrandr-dev libgl1-mesa-dri libfreetype-dev
    # tests and benchmarks
    libgtest-dev libgmock-dev libbenchmark-dev xvfb xauth xdotool nginx libnginx-mod-rtmp libnginx-mod-stream openssl time procps iproute2 curl
    # hostile HTTP clients for the API tests
    python3
    # a microphone as a real sound device: a PulseAudio server with a null sink, on loopback
    pulseaudio pulseaudio-utils
    # the report checked in a real browser; the event parser fuzzed with libFuzzer
    chromium clang libclang-rt-14-dev
)

# Dear ImGui's GLFW and OpenGL3 backends ship as sources in libimgui-dev's doc
# folder. Images that drop /usr/share/doc (a dpkg path-exclude) lose them, so
# then they are unpacked from the same Debian package into a cache that
# CMake also looks in.
imgui_backends() {
    local backends=/usr/share/doc/libimgui-dev/examples/backends
    local cache="${XDG_CACHE_HOME:-$HOME/.cache}/hawker/libimgui-dev"
    [ -f "$backends/imgui_impl_glfw.cpp" ] && return 0
    [ -f "$cache$backends/imgui_impl_glfw.cpp" ] && return 0
    echo "setup: $backends is missing (documentation excluded?); unpacking libimgui-dev into $cache"
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && apt-get download libimgui-dev >/dev/null)
    mkdir -p "$cache"
    dpkg-deb -x "$tmp"/libimgui-dev_*.deb "$cache"
    rm -rf "$tmp"
    [ -f "$cache$backends/imgui_impl_glfw.cpp" ] || { echo "setup: no ImGui backends in libimgui-dev" >&2; exit 1; }
}

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    imgui_backends
    echo "setup: all ${#PACKAGES[@]} packages present"
    exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
# nginx is only used by the tests, on their own config and port; keep the
# system service from grabbing port 80 on machines where the package starts it.
if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl disable --now nginx >/dev/null 2>&1 || true; fi
imgui_backends
echo "setup: done"
