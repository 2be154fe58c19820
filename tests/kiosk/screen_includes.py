#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# The screens draw view models; they never touch SQL, the network or files. This check reads
# every file of the screen rooms (kiosk/visitor, kiosk/widgets, staff's screens), follows the
# kiosk's own headers they include ("kiosk/…", "widgets/…", …) to any depth, and fails on:
#   - SQLite, libcurl and file-system headers (<fstream>, <filesystem>, <dirent.h>, …);
#   - the modules and rooms that do reach them (content/, sync/, fleet/, providers/, input/,
#     platform's files and paths);
#   - file calls in the screen files themselves (fopen, std::ifstream, std::filesystem::…);
#   - a room leaning on another one sideways: visitor on staff, staff's screens on visitor,
#     widgets on either.
# Each finding is one line, FILE:LINE: what, with the chain of headers that brought it in.
# Usage: screen_includes.py KIOSK_DIR        check a tree (exit 1 on any finding)
#        screen_includes.py --self-test KIOSK_DIR
#            check that the checker fails: on a copy of the tree, plant each kind of bad
#            include (directly, and through a core header) and each file call, one at a time.
import contextlib
import io
import os
import re
import shutil
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')

FORBIDDEN_HEADERS = {
    "sqlite3.h": "SQLite",
    "curl/curl.h": "libcurl",
    "fstream": "file streams",
    "filesystem": "the file system",
    "dirent.h": "directory reading",
    "fcntl.h": "file descriptors",
    "sys/stat.h": "file status",
    "unistd.h": "POSIX file calls",
    "stdio.h": "C file calls (use <cstdio> for snprintf only)",
}
FORBIDDEN_PREFIXES = {
    "content/": "content/'s API (SQLite underneath): screens get view models",
    "sync/": "sync/ (network, files)",
    "fleet/": "fleet/ (network, files)",
    "providers/": "the providers (content store, sync): the main loop passes view models",
    "input/": "scripted input, the main loop's business",
    "platform/files.h": "platform's file helpers",
    "platform/paths.h": "platform's paths",
    "platform/settings_file.h": "platform's settings files",
}
FILE_CALLS = re.compile(
    r"\b(fopen|freopen|tmpfile|opendir|std::ifstream|std::ofstream|std::fstream|"
    r"std::filesystem|sqlite3_\w+|curl_\w+)\b")

# Which files are screens, and which rooms each may not include.
def screen_rooms(kiosk):
    rooms = []
    for folder, banned in (("visitor", ("staff/",)), ("widgets", ("visitor/", "staff/"))):
        for dirpath, _, names in os.walk(os.path.join(kiosk, folder)):
            for name in sorted(names):
                if name.endswith((".h", ".cpp")):
                    rooms.append((os.path.join(dirpath, name), banned))
    staff_screens = [os.path.join(kiosk, "staff", "include", "staff", "staff_screens.h"),
                     os.path.join(kiosk, "staff", "include", "staff", "staff_view.h")]
    for dirpath, _, names in os.walk(os.path.join(kiosk, "staff", "src", "screens")):
        staff_screens += [os.path.join(dirpath, n) for n in sorted(names)
                          if n.endswith((".h", ".cpp"))]
    rooms += [(f, ("visitor/",)) for f in staff_screens if os.path.exists(f)]
    return rooms


def include_dirs(kiosk):
    dirs = []
    for room in sorted(os.listdir(kiosk)):
        include = os.path.join(kiosk, room, "include")
        if os.path.isdir(include):
            dirs.append(include)
    return dirs


def resolve(name, including_file, dirs):
    for base in [os.path.dirname(including_file)] + dirs:
        candidate = os.path.join(base, name)
        if os.path.isfile(candidate):
            return os.path.normpath(candidate)
    return None


def findings_for(screen, banned_rooms, kiosk, dirs):
    found = []
    seen = set()
    # Depth-first through the kiosk's own headers; the chain says how each one came in.
    stack = [(screen, [])]
    while stack:
        path, chain = stack.pop()
        if path in seen:
            continue
        seen.add(path)
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
        where = os.path.relpath(path, os.path.dirname(kiosk))
        via = "" if not chain else " (via " + " → ".join(chain) + ")"
        for number, line in enumerate(lines, 1):
            match = INCLUDE.match(line)
            if match:
                name = match.group(2)
                why = FORBIDDEN_HEADERS.get(name)
                if why is None:
                    for prefix, reason in FORBIDDEN_PREFIXES.items():
                        if name.startswith(prefix):
                            why = reason
                if why is None:
                    for room in banned_rooms:
                        if name.startswith(room):
                            why = "another room (" + room.rstrip("/") + "): rooms meet in the main loop"
                if why is not None:
                    shown = f"<{name}>" if match.group(1) == "<" else f'"{name}"'
                    found.append(f"{where}:{number}: includes {shown} — {why}{via}")
                    continue
                if match.group(1) == '"':
                    target = resolve(name, path, dirs)
                    if target and target.startswith(os.path.abspath(kiosk)):
                        stack.append((target, chain + [name]))
            elif path == screen:
                code = line.split("//")[0]
                call = FILE_CALLS.search(code)
                if call:
                    found.append(f"{where}:{number}: calls {call.group(1)} — screens read no "
                                 "files, databases or network")
    return found


def check(kiosk):
    kiosk = os.path.abspath(kiosk)
    dirs = include_dirs(kiosk)
    rooms = screen_rooms(kiosk)
    if not rooms:
        print(f"{kiosk}: no screen files found (visitor/, widgets/, staff/src/screens/)")
        return 1
    findings = []
    for screen, banned in rooms:
        for finding in findings_for(screen, banned, kiosk, dirs):
            if finding not in findings:
                findings.append(finding)
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} forbidden include(s) or call(s) in the screen rooms")
        return 1
    print(f"screen includes: {len(rooms)} screen files, none reaches SQLite, curl or files")
    return 0


def self_test(kiosk):
    kiosk = os.path.abspath(kiosk)
    plants = [
        ("visitor/src/welcome.cpp", "#include <sqlite3.h>", "includes <sqlite3.h>"),
        ("visitor/src/home.cpp", "#include <curl/curl.h>", "includes <curl/curl.h>"),
        ("visitor/src/search.cpp", "#include <fstream>", "includes <fstream>"),
        ("widgets/src/chart.cpp", "#include <filesystem>", "includes <filesystem>"),
        ("staff/src/screens", "#include \"content/store.h\"", "includes \"content/store.h\""),
        ("visitor/src/detail.cpp", "#include \"staff/staff_mode.h\"", "another room (staff)"),
        ("widgets/src/ui.cpp", "#include \"visitor/screens.h\"", "another room (visitor)"),
        # Through a core header: the chain names it.
        ("core/include/kiosk/view_models.h", "#include <sqlite3.h>", "(via "),
        ("visitor/src/directory.cpp", "static void* f = fopen(\"x\", \"r\");", "calls fopen"),
    ]
    failures = 0
    with tempfile.TemporaryDirectory(prefix="screen-includes-") as tmp:
        clean = os.path.join(tmp, "kiosk")
        shutil.copytree(kiosk, clean)
        if check(clean) != 0:
            print("self-test: the clean copy of the tree does not pass")
            return 1
        for relative, line, expected in plants:
            copy = os.path.join(tmp, "planted")
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(kiosk, copy)
            target = os.path.join(copy, relative)
            if os.path.isdir(target):
                target = os.path.join(target, sorted(
                    n for n in os.listdir(target) if n.endswith(".cpp"))[0])
            with open(target, encoding="utf-8") as f:
                text = f.read().split("\n")
            text.insert(3, line)  # below the SPDX line and the first comment
            with open(target, "w", encoding="utf-8") as f:
                f.write("\n".join(text))
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                code = check(copy)
            report = out.getvalue()
            if code == 0 or expected not in report:
                print(f"self-test: planting {line!r} in {relative} was not caught:\n{report}")
                failures += 1
            else:
                print(f"caught: {report.splitlines()[0]}")
    if failures:
        print(f"self-test: {failures} planted include(s) not caught")
        return 1
    print(f"self-test: all {len(plants)} planted includes and calls caught")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--self-test":
        sys.exit(self_test(sys.argv[2]))
    if len(sys.argv) != 2:
        print("usage: screen_includes.py [--self-test] KIOSK_DIR", file=sys.stderr)
        sys.exit(2)
    sys.exit(check(sys.argv[1]))
