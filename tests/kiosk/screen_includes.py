#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# The kiosk's rooms (kiosk/README.md) and the direction of their links, read from includes.
# Every file of a room is read, and the kiosk's own headers it includes ("kiosk/…",
# "widgets/…", …) are followed to any depth; a finding is one line, FILE:LINE: what, with the
# chain of headers that brought it in. It fails on:
#   - screens (kiosk/visitor, kiosk/widgets, staff's screens) reaching SQLite, libcurl or a
#     file-system header (<fstream>, <filesystem>, <dirent.h>, …), the modules and rooms that
#     reach them (content/, sync/, fleet/, providers/, input/, platform's files and paths), or
#     calling a file API themselves (fopen, std::ifstream, std::filesystem::…);
#   - a room including one it may not: visitor and staff never each other, widgets neither,
#     core none at all (app/'s headers are on no other room's include path);
#   - SDL or ImGui in the rooms that do not draw (core, input, providers, staff's controller);
#     speech (read aloud) may use SDL's audio, never ImGui or the display.
# Usage: screen_includes.py KIOSK_DIR        check a tree (exit 1 on any finding)
#        screen_includes.py --self-test KIOSK_DIR
#            check that the checker fails: on a copy of the tree, plant each kind of bad
#            include (directly, and through a core header) and a file call, one at a time.
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

NO_DRAWING = ("SDL.h", "SDL2/SDL.h", "imgui.h", "imgui_impl_sdl.h", "imgui_impl_sdlrenderer.h",
              "platform/display/")
# Each room's include prefix (core's headers are "kiosk/…"; app/ has none another room can see).
ROOMS = ("kiosk/", "widgets/", "visitor/", "staff/", "input/", "providers/", "speech/")


def banned(*allowed):
    return tuple(room for room in ROOMS if room not in allowed)


# (folder or file under kiosk/, is it a screen, the includes it may not have besides those)
RULES = [
    ("visitor", True, banned("kiosk/", "widgets/", "visitor/")),
    ("widgets", True, banned("kiosk/", "widgets/")),
    ("staff/src/screens", True, banned("kiosk/", "widgets/", "staff/")),
    ("staff/include/staff/staff_screens.h", True, banned("kiosk/", "widgets/", "staff/")),
    ("staff/include/staff/staff_view.h", True, banned("kiosk/", "staff/") + NO_DRAWING),
    ("staff/include/staff/staff_mode.h", False, banned("kiosk/", "staff/") + NO_DRAWING),
    ("staff/src/staff_mode.cpp", False, banned("kiosk/", "staff/") + NO_DRAWING),
    ("staff/include/staff/pin_lock.h", False, banned("staff/") + NO_DRAWING),
    ("staff/src/pin_lock.cpp", False, banned("staff/") + NO_DRAWING),
    ("core", False, banned("kiosk/") + NO_DRAWING),
    ("input", False, banned("kiosk/", "input/") + NO_DRAWING),
    ("providers", False, banned("kiosk/", "providers/") + NO_DRAWING),
    # Read aloud plays through SDL audio, but never draws.
    ("speech", False, banned("kiosk/", "speech/") + ("imgui.h", "imgui_impl_sdl.h",
                                                      "imgui_impl_sdlrenderer.h",
                                                      "platform/display/")),
]


def room_files(kiosk):
    files = []
    for place, screen, never in RULES:
        path = os.path.join(kiosk, place)
        if os.path.isfile(path):
            files.append((path, screen, never))
        for dirpath, _, names in sorted(os.walk(path)):
            for name in sorted(names):
                if name.endswith((".h", ".cpp")):
                    files.append((os.path.join(dirpath, name), screen, never))
    return files


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


def findings_for(screen, is_screen, never, kiosk, dirs):
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
                why = FORBIDDEN_HEADERS.get(name) if is_screen else None
                if why is None and is_screen:
                    for prefix, reason in FORBIDDEN_PREFIXES.items():
                        if name.startswith(prefix):
                            why = reason
                if why is None:
                    for room in never:
                        if name.startswith(room) or name == room:
                            why = ("SDL or ImGui in a room that does not draw" if room in NO_DRAWING
                                   else "room " + room.rstrip("/") + ", which this room may not "
                                   "include (kiosk/README.md)")
                if why is not None:
                    shown = f"<{name}>" if match.group(1) == "<" else f'"{name}"'
                    found.append(f"{where}:{number}: includes {shown} — {why}{via}")
                    continue
                if match.group(1) == '"':
                    target = resolve(name, path, dirs)
                    if target and target.startswith(os.path.abspath(kiosk)):
                        stack.append((target, chain + [name]))
            elif path == screen and is_screen:
                code = line.split("//")[0]
                call = FILE_CALLS.search(code)
                if call:
                    found.append(f"{where}:{number}: calls {call.group(1)} — screens read no "
                                 "files, databases or network")
    return found


def check(kiosk):
    kiosk = os.path.abspath(kiosk)
    dirs = include_dirs(kiosk)
    files = room_files(kiosk)
    if not files:
        print(f"{kiosk}: none of the kiosk's rooms found")
        return 1
    findings = []
    for path, is_screen, never in files:
        for finding in findings_for(path, is_screen, never, kiosk, dirs):
            if finding not in findings:
                findings.append(finding)
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} forbidden include(s) or call(s) in the kiosk's rooms")
        return 1
    screens = sum(1 for _, is_screen, _ in files if is_screen)
    print(f"kiosk rooms: {len(files)} files ({screens} of screens) follow the rooms' directions; "
          "no screen reaches SQLite, curl or files")
    return 0


def self_test(kiosk):
    kiosk = os.path.abspath(kiosk)
    plants = [
        ("visitor/src/welcome.cpp", "#include <sqlite3.h>", "includes <sqlite3.h>"),
        ("visitor/src/home.cpp", "#include <curl/curl.h>", "includes <curl/curl.h>"),
        ("visitor/src/search.cpp", "#include <fstream>", "includes <fstream>"),
        ("widgets/src/chart.cpp", "#include <filesystem>", "includes <filesystem>"),
        ("staff/src/screens", "#include \"content/store.h\"", "includes \"content/store.h\""),
        ("visitor/src/detail.cpp", "#include \"staff/staff_mode.h\"", "room staff"),
        ("staff/src/screens", "#include \"visitor/screens.h\"", "room visitor"),
        ("widgets/src/ui.cpp", "#include \"visitor/screens.h\"", "room visitor"),
        ("core/src/actions.cpp", "#include \"widgets/ui.h\"", "room widgets"),
        ("core/src/dates.cpp", "#include <imgui.h>", "SDL or ImGui"),
        ("providers/src/content_source.cpp", "#include <SDL.h>", "SDL or ImGui"),
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
