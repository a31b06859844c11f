# shellcheck shell=bash
# A small filesystem for the full-disk tests: an ext4 image loop-mounted
# inside the test's temp dir, filled and freed on cue. Sourced after lib.sh.
#
#   mount_small_fs DIR MEGABYTES   mount a fresh image on DIR (root only); the
#                                  EXIT trap stops the test's processes, then
#                                  unmounts it, then cleans up as lib.sh does.
#                                  Exits 77 (skip, with the reason) when this
#                                  machine cannot mount one.
#   fill_fs DIR                    a filler file takes every free block
#   free_fs DIR                    removes the filler
#   fs_free_kb DIR                 free space, KiB

SMALL_FS_MOUNTS=()

_small_fs_cleanup() {
    local rc=$? pid dir
    trap - EXIT
    # Nothing may hold a file on the image when it is unmounted.
    for pid in "${TRACKED_PIDS[@]}"; do
        stop_pid "$pid" TERM
    done
    for dir in "${SMALL_FS_MOUNTS[@]}"; do
        umount "$dir" 2>/dev/null || umount -l "$dir" 2>/dev/null \
            || echo "warning: could not unmount $dir"
    done
    (exit "$rc")
    _it_cleanup
}

_small_fs_skip() {
    echo "SKIP: $TEST_NAME needs a small loop-mounted filesystem: $1"
    exit 77
}

mount_small_fs() {
    local dir="$1" mb="$2" img out
    img="$T/$(basename "$dir").img"
    [[ "$(id -u)" == 0 ]] || _small_fs_skip "not running as root (mount needs it)"
    command -v mkfs.ext4 >/dev/null 2>&1 || _small_fs_skip "mkfs.ext4 is missing (e2fsprogs)"
    command -v mount >/dev/null 2>&1 || _small_fs_skip "mount is missing"
    mkdir -p "$dir"
    truncate -s "${mb}M" "$img" || _small_fs_skip "cannot create a ${mb} MB image in $T"
    # -m 0: no blocks reserved for root, so "full" is full for hawker too.
    out=$(mkfs.ext4 -q -F -m 0 "$img" 2>&1) || _small_fs_skip "mkfs.ext4 failed: $out"
    trap _small_fs_cleanup EXIT
    out=$(mount -o loop "$img" "$dir" 2>&1) || _small_fs_skip "mount -o loop failed: $out"
    SMALL_FS_MOUNTS+=("$dir")
    info "a ${mb} MB ext4 image is mounted on $dir ($(fs_free_kb "$dir") KiB free)"
}

fs_free_kb() { df -Pk "$1" | awk 'NR == 2 { print $4 }'; }

fill_fs() {
    # Big blocks first, then the last few KiB one by one (the image's blocks are 1 KiB).
    dd if=/dev/zero of="$1/filler" bs=64k status=none 2>/dev/null
    dd if=/dev/zero of="$1/filler-tail" bs=1k status=none 2>/dev/null
    sync -f "$1" 2>/dev/null
    return 0
}

free_fs() { rm -f "$1/filler" "$1/filler-tail"; sync -f "$1" 2>/dev/null; return 0; }
