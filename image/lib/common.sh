# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by image/*.sh: messages, installing the tooling's own Debian packages, and the
# Debian mirror every root file system comes from.
# shellcheck shell=bash

image_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
repo_dir=$(cd "$image_dir/.." && pwd)
work_root=${GUICHET_IMAGE_WORK:-/var/tmp/guichet-image}
debian_mirror=${GUICHET_DEBIAN_MIRROR:-http://deb.debian.org/debian}
debian_suite=bookworm

say() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }
die() { say "error: $*"; exit 1; }

# Packages listed one a line (comments with #) in FILE, filtered by an optional grep pattern.
package_list() {  # FILE [PATTERN]
    sed -e 's/#.*//' -e 's/[[:space:]]//g' "$1" | grep -v '^$' | grep -E -e "${2:-.}" || true
}

# Installs the packages of image/packages.txt that are missing; apt needs root.
ensure_host_packages() {
    local missing=()
    local pkg
    for pkg in $(package_list "$image_dir/packages.txt"); do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' ||
            missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing build tools: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        "${missing[@]}" >&2
}

# qemu-user through binfmt_misc, needed to run arm64 maintainer scripts in mmdebstrap.
ensure_binfmt_arm64() {
    if [ ! -e /proc/sys/fs/binfmt_misc/status ]; then
        mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc ||
            die "binfmt_misc is not mounted and cannot be (run as root, or on a host with it)"
    fi
    [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || update-binfmts --enable qemu-aarch64 ||
        die "cannot register qemu-aarch64 with binfmt_misc"
}
