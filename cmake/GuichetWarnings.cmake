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

if(GUICHET_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()
