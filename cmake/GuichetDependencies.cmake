# SPDX-License-Identifier: GPL-3.0-or-later
# Finds every third-party library from Debian 12's packages. A missing one stops the
# configure step with the name of the package that provides it.
include_guard(GLOBAL)
find_package(PkgConfig QUIET)
if(NOT PKG_CONFIG_FOUND)
    message(FATAL_ERROR "pkg-config not found: apt-get install pkg-config (or run scripts/install-deps.sh)")
endif()

# guichet_require_pkg(<target-name> <pkg-config module> <debian package>)
function(guichet_require_pkg target module debian_package)
    if(TARGET PkgConfig::${target})
        return()
    endif()
    pkg_check_modules(${target} QUIET IMPORTED_TARGET GLOBAL ${module})
    if(NOT ${target}_FOUND)
        message(FATAL_ERROR "Missing dependency '${module}': apt-get install ${debian_package} "
                            "(or run scripts/install-deps.sh)")
    endif()
endfunction()

guichet_require_pkg(sqlite3 sqlite3 libsqlite3-dev)
guichet_require_pkg(icu "icu-uc;icu-i18n" libicu-dev)
guichet_require_pkg(curl libcurl libcurl4-openssl-dev)
guichet_require_pkg(sodium libsodium libsodium-dev)
guichet_require_pkg(openssl libcrypto libssl-dev)
guichet_require_pkg(zstd libzstd libzstd-dev)
guichet_require_pkg(md4c md4c libmd4c-dev)
guichet_require_pkg(libzip libzip libzip-dev)
guichet_require_pkg(expat expat libexpat1-dev)
guichet_require_pkg(stb stb libstb-dev)
guichet_require_pkg(systemd libsystemd libsystemd-dev)
# Map tiles (platform/image_decode.h)
guichet_require_pkg(libpng libpng libpng-dev)
guichet_require_pkg(turbojpeg libturbojpeg libturbojpeg0-dev)
guichet_require_pkg(libwebp libwebp libwebp-dev)

find_package(nlohmann_json 3 QUIET)
if(NOT nlohmann_json_FOUND)
    message(FATAL_ERROR "Missing dependency nlohmann_json: apt-get install nlohmann-json3-dev")
endif()

find_package(doctest QUIET)
if(GUICHET_BUILD_TESTS AND NOT doctest_FOUND)
    message(FATAL_ERROR "Missing dependency doctest: apt-get install doctest-dev")
endif()

if(GUICHET_BUILD_KIOSK)
    guichet_require_pkg(sdl2 sdl2 libsdl2-dev)
    guichet_require_pkg(libdrm libdrm libdrm-dev)
    guichet_require_pkg(qrencode libqrencode libqrencode-dev)
    guichet_require_pkg(espeak espeak-ng libespeak-ng-dev)
    # Dear ImGui 1.86 from libimgui-dev: the library is prebuilt, the SDL backends ship as
    # sources under the package's doc folder and are compiled here, never copied in.
    find_library(GUICHET_IMGUI_LIB NAMES libimgui.a imgui)
    find_path(GUICHET_IMGUI_INCLUDE imgui.h PATH_SUFFIXES imgui)
    set(GUICHET_IMGUI_BACKENDS /usr/share/doc/libimgui-dev/examples/backends)
    if(NOT GUICHET_IMGUI_LIB OR NOT GUICHET_IMGUI_INCLUDE
       OR NOT EXISTS ${GUICHET_IMGUI_BACKENDS}/imgui_impl_sdlrenderer.cpp)
        message(FATAL_ERROR "Missing Dear ImGui 1.86: apt-get install libimgui-dev")
    endif()
    add_library(guichet_imgui STATIC
        ${GUICHET_IMGUI_BACKENDS}/imgui_impl_sdl.cpp
        ${GUICHET_IMGUI_BACKENDS}/imgui_impl_sdlrenderer.cpp)
    target_include_directories(guichet_imgui SYSTEM PUBLIC
        ${GUICHET_IMGUI_INCLUDE} ${GUICHET_IMGUI_INCLUDE}/backends)
    target_link_libraries(guichet_imgui PUBLIC ${GUICHET_IMGUI_LIB} PkgConfig::sdl2 PkgConfig::stb)
    # Third-party sources: not ours to warn about.
    target_compile_options(guichet_imgui PRIVATE -w)
    add_library(guichet::imgui ALIAS guichet_imgui)
endif()
