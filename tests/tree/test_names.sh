#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# No doctest case name may hold a ';': CTest reads the discovered names as a CMake list, so a
# case named "a; b" becomes two tests, "a" and " b", that each match no case, run nothing and
# pass. 20 cases had hidden that way.
set -euo pipefail
root=$1
if found=$(grep -rn --include='*.cpp' -E '(TEST_CASE|SUBCASE)\("[^"]*;' "$root/tests"); then
    echo "test names with ';' (CTest splits them and runs nothing):"
    echo "$found"
    exit 1
fi
echo "ok: no test name holds a ';'"
