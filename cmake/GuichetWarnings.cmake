# SPDX-License-Identifier: GPL-3.0-or-later
# Warning and sanitizer flags, applied to our own targets only (never to ImGui's backends).
include_guard(GLOBAL)
function(guichet_target_defaults target)
    target_compile_features(${target} PUBLIC cxx_std_20)
    target_compile_options(${target} PRIVATE -Wall -Wextra)
    if(GUICHET_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

if(GUICHET_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang" OR NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "GUICHET_FUZZ needs clang (apt-get install clang libclang-rt-14-dev): "
                            "configure with CC=clang CXX=clang++ or the sanitize preset")
    endif()
    # Every library, not only the harnesses: libFuzzer is steered by the edges it sees, and a
    # harness alone has almost none, so a mutation that reaches a new branch of a parser went
    # unnoticed and was thrown away. fuzzer-no-link leaves main() alone, so the same objects
    # also make the ordinary test programs (tests/fuzz links the harnesses with the fuzzer).
    add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                        -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
elseif(GUICHET_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()
