#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""sync/TUF-CONFORMANCE.md names real tests: every `sync_tests:...`, `tuf_independent: ...`,
`sync_e2e: ...` and `fuzz replay: ...` it cites is a doctest case of tests/sync, a case of
tuf_independent.py or e2e_sync.py, or a fuzz target. And no doctest case of tests/sync has a
';' in its name: CTest's doctest discovery splits such a name in two entries that each run no
case at all, so the test would never run under ctest.

usage: tuf_conformance_names.py SOURCE_DIR"""

import glob
import os
import re
import sys


def main():
    root = sys.argv[1]
    table = open(os.path.join(root, "sync", "TUF-CONFORMANCE.md"), encoding="utf-8").read()
    cases = set()
    for path in glob.glob(os.path.join(root, "tests", "sync", "*.cpp")):
        text = open(path, encoding="utf-8").read()
        cases.update(re.findall(r'TEST_CASE\(\s*"((?:[^"\\]|\\.)*)"', text))
    py_cases = {}
    for name in ("tuf_independent", "e2e_sync"):
        text = open(os.path.join(root, "tests", "sync", name + ".py"), encoding="utf-8").read()
        py_cases[name] = set(re.findall(r"@case\s*\ndef (\w+)", text))
    fuzz = {os.path.basename(p) for p in glob.glob(os.path.join(root, "tests", "fuzz", "corpus", "*"))}

    problems = []
    cited = re.findall(r"`((?:sync_tests:|tuf_independent: |sync_e2e: |fuzz replay: )[^`]+)`", table)
    for name in cited:
        if name.startswith("sync_tests:"):
            ok = name[len("sync_tests:"):] in cases
        elif name.startswith("tuf_independent: "):
            ok = name[len("tuf_independent: "):] in py_cases["tuf_independent"]
        elif name.startswith("sync_e2e: "):
            ok = name[len("sync_e2e: "):] in py_cases["e2e_sync"]
        else:
            ok = name[len("fuzz replay: "):] in fuzz
        if not ok:
            problems.append(f"sync/TUF-CONFORMANCE.md cites {name!r}, which is no test")
    for case in sorted(cases):
        if ";" in case:
            problems.append(f"tests/sync: TEST_CASE({case!r}) has a ';': ctest would run none of it")
    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"sync/TUF-CONFORMANCE.md: {len(cited)} citations of {len(set(cited))} tests, all real")
    return 0


if __name__ == "__main__":
    sys.exit(main())
