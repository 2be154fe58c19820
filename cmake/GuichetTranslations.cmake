# SPDX-License-Identifier: GPL-3.0-or-later
# guichet_add_translations(<target> DOMAIN <domain> PO_DIR <dir> [SYMBOL <name>])
# The project's one way to ship translations (platform/include/platform/i18n.h says how a program
# reads them): every language listed in <dir>/LINGUAS has <dir>/<lang>.po; each is compiled by
# `msgfmt --check` (a broken PO stops the build with msgfmt's file:line message) and the .mo
# bytes are embedded in <target> as `<domain>_catalogs()` (domain's '-' turned to '_'), declared
# in the generated header `<domain>_catalogs.h`. SYMBOL names the function and header otherwise
# (`<name>_catalogs()`), for a second target embedding another's domain in the same program
# (guichet-content reads the kiosk's service and kind labels to suggest codes by their names).
# The .mo files stay in the build folder too (po/<domain>/<lang>.mo, po/<name>/ with SYMBOL), for
# Translator::load_dir and for inspection.
include_guard(GLOBAL)

find_program(GUICHET_MSGFMT msgfmt)
if(NOT GUICHET_MSGFMT)
    message(FATAL_ERROR "msgfmt not found: apt-get install gettext (or run scripts/install-deps.sh)")
endif()

function(guichet_add_translations target)
    cmake_parse_arguments(ARG "" "DOMAIN;PO_DIR;SYMBOL" "" ${ARGN})
    if(NOT ARG_DOMAIN OR NOT ARG_PO_DIR)
        message(FATAL_ERROR "guichet_add_translations: DOMAIN and PO_DIR are required")
    endif()
    get_filename_component(po_dir "${ARG_PO_DIR}" ABSOLUTE)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${po_dir}/LINGUAS")
    file(STRINGS "${po_dir}/LINGUAS" lines)
    set(languages "")
    foreach(line ${lines})
        string(REGEX REPLACE "#.*" "" line "${line}")
        string(REGEX MATCHALL "[^ \t]+" words "${line}")
        list(APPEND languages ${words})
    endforeach()
    string(REPLACE "-" "_" symbol "${ARG_DOMAIN}")
    if(ARG_SYMBOL)
        set(symbol "${ARG_SYMBOL}")
    endif()
    set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/po/${ARG_DOMAIN}")
    if(ARG_SYMBOL)
        set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/po/${ARG_SYMBOL}")
    endif()
    set(mo_files "")
    foreach(language ${languages})
        set(mo "${out_dir}/${language}.mo")
        add_custom_command(OUTPUT "${mo}"
            COMMAND ${CMAKE_COMMAND} -E make_directory "${out_dir}"
            COMMAND ${GUICHET_MSGFMT} --check --output-file=${mo} ${po_dir}/${language}.po
            DEPENDS "${po_dir}/${language}.po"
            COMMENT "msgfmt ${ARG_DOMAIN}: ${language}.po"
            VERBATIM)
        list(APPEND mo_files "${mo}")
    endforeach()
    set(source "${out_dir}/${symbol}_catalogs.cpp")
    set(header "${out_dir}/include/${symbol}_catalogs.h")
    add_custom_command(OUTPUT "${source}" "${header}"
        COMMAND ${CMAKE_COMMAND} -DSYMBOL=${symbol} "-DLANGUAGES=${languages}"
                -DMO_DIR=${out_dir} -DSOURCE=${source} -DHEADER=${header}
                -P ${PROJECT_SOURCE_DIR}/cmake/embed_catalogs.cmake
        DEPENDS ${mo_files} ${PROJECT_SOURCE_DIR}/cmake/embed_catalogs.cmake
        COMMENT "Embedding the ${ARG_DOMAIN} catalogues"
        VERBATIM)
    target_sources(${target} PRIVATE "${source}" "${header}")
    # Each embedded catalogue names its arrays alike; a unity batch must not put two together.
    set_source_files_properties("${source}" PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
    target_include_directories(${target} PUBLIC "${out_dir}/include")
endfunction()
