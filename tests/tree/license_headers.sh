#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source file of the project opens with its SPDX licence line (after a shebang, if any),
# and the licence and third-party list exist. Fails listing each file without the line.
set -euo pipefail
root=${1:?usage: license_headers.sh SOURCE_DIR}
cd "$root"
for f in LICENSE THIRD_PARTY.md; do
    [ -s "$f" ] || { echo "$f: missing"; exit 1; }
done
grep -q 'GNU GENERAL PUBLIC LICENSE' LICENSE || { echo "LICENSE: not the GNU GPL text"; exit 1; }
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    list() { git ls-files --cached --others --exclude-standard; }
else
    list() { find . -type f -not -path './build*' -not -path './.git/*' | sed 's|^\./||'; }
fi
missing=0
while IFS= read -r f; do
    case "$f" in
        *.cpp|*.h|*.c|*.sh|*.py|*.cmake|*CMakeLists.txt|.ci/run) ;;
        *) continue ;;
    esac
    [ -f "$f" ] || continue
    if ! head -n 2 "$f" | grep -q 'SPDX-License-Identifier: GPL-3.0-or-later'; then
        echo "$f:1: no 'SPDX-License-Identifier: GPL-3.0-or-later' line"
        missing=$((missing + 1))
    fi
done < <(list)
if [ "$missing" -gt 0 ]; then
    echo "$missing source file(s) without the SPDX line"
    exit 1
fi
echo "license headers: every source file carries the SPDX line"
