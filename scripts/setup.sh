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
    # overlay/: OpenCV 4.6 (+ contrib for cv::freetype) and the CJK font
    libopencv-dev libopencv-contrib-dev fonts-noto-cjk fonts-dejavu-core
    # studio/: show file, CLI, JSON, SQLite, HTTP, console
    libtomlplusplus-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libcpp-httplib-dev libssl-dev
    libimgui-dev libstb-dev libglfw3-dev libgl-dev libgl1-mesa-dri libfreetype-dev
    # tests and benchmarks
    libgtest-dev libgmock-dev libbenchmark-dev xvfb xauth xdotool nginx libnginx-mod-rtmp time procps iproute2 curl
    # the report checked in a real browser; the event parser fuzzed with libFuzzer
    chromium clang libclang-rt-14-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
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
echo "setup: done"
