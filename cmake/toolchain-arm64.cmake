# SPDX-License-Identifier: GPL-3.0-or-later
# Cross-build for arm64 (Raspberry Pi 4/5 class boards) on an amd64 Debian 12 machine:
# Debian's aarch64-linux-gnu compiler against an arm64 sysroot made with mmdebstrap
# (image/cross-build.sh makes it); tests run through qemu-user.
#   cmake -S . -B build-image-arm64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-arm64.cmake \
#         -DGUICHET_ARM64_SYSROOT=/var/tmp/guichet-image/sysroot-arm64
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

# try_compile() re-reads this file in a fresh project: carry the sysroot through the
# environment so it is set there too.
if(NOT GUICHET_ARM64_SYSROOT AND DEFINED ENV{GUICHET_ARM64_SYSROOT})
    set(GUICHET_ARM64_SYSROOT $ENV{GUICHET_ARM64_SYSROOT})
endif()
if(NOT GUICHET_ARM64_SYSROOT)
    set(GUICHET_ARM64_SYSROOT /var/tmp/guichet-image/sysroot-arm64)
endif()
if(NOT EXISTS ${GUICHET_ARM64_SYSROOT}/usr/include/aarch64-linux-gnu)
    message(FATAL_ERROR "No arm64 sysroot at ${GUICHET_ARM64_SYSROOT}: run image/cross-build.sh "
                        "(or pass -DGUICHET_ARM64_SYSROOT=DIR)")
endif()
set(GUICHET_ARM64_SYSROOT ${GUICHET_ARM64_SYSROOT} CACHE PATH "arm64 sysroot (mmdebstrap)")
set(ENV{GUICHET_ARM64_SYSROOT} ${GUICHET_ARM64_SYSROOT})
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES GUICHET_ARM64_SYSROOT)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_SYSROOT ${GUICHET_ARM64_SYSROOT})
set(CMAKE_FIND_ROOT_PATH ${GUICHET_ARM64_SYSROOT})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config must see the sysroot's .pc files only, and prefix their paths with the sysroot.
set(ENV{PKG_CONFIG_DIR} "")
set(ENV{PKG_CONFIG_LIBDIR}
    "${GUICHET_ARM64_SYSROOT}/usr/lib/aarch64-linux-gnu/pkgconfig:${GUICHET_ARM64_SYSROOT}/usr/lib/pkgconfig:${GUICHET_ARM64_SYSROOT}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_SYSROOT_DIR} ${GUICHET_ARM64_SYSROOT})

# Test programs (and doctest's test discovery at build time) run under qemu-user, finding the
# arm64 loader and libraries in the sysroot; no binfmt registration needed.
find_program(GUICHET_QEMU_AARCH64 NAMES qemu-aarch64-static qemu-aarch64)
if(GUICHET_QEMU_AARCH64)
    set(CMAKE_CROSSCOMPILING_EMULATOR ${GUICHET_QEMU_AARCH64} -L ${GUICHET_ARM64_SYSROOT})
endif()
