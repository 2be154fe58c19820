# SPDX-License-Identifier: GPL-3.0-or-later
# nlohmann/json.hpp costs ~2.3 s of compiler time per translation unit before any code of
# ours; about 50 units include it. Precompiling it once per target (or once for the sync
# programs, which share the library's flags) takes most of that off every build CI makes.
include_guard(GLOBAL)

# guichet_precompile_json(<target> [REUSE_FROM <target with identical flags>])
function(guichet_precompile_json target)
    cmake_parse_arguments(ARG "" "REUSE_FROM" "" ${ARGN})
    if(ARG_REUSE_FROM)
        target_precompile_headers(${target} REUSE_FROM ${ARG_REUSE_FROM})
    else()
        target_precompile_headers(${target} PRIVATE <nlohmann/json.hpp>)
    endif()
endfunction()
