# SPDX-License-Identifier: GPL-3.0-or-later
"""The frame of our Python end-to-end drivers: named cases, a failure that carries its reason,
and a `main` that runs one case (or lists them) in a fresh folder with a world the driver
builds, tearing both down whatever happens. ctest runs one process per case."""
import os
import shutil
import sys
import tempfile


class Fail(Exception):
    pass


def check(cond, message):
    if not cond:
        raise Fail(message)


class CaseList(dict):
    def case(self, fn):
        """Decorator: registers fn under its name."""
        self[fn.__name__] = fn
        return fn


def main(usage, cases, prefix, make_world, close_world, keep_variable=None):
    """argv: BIN_DIR CASE, or BIN_DIR list. Returns the exit status. When `keep_variable` is
    set to 1 in the environment the case's folder is kept for a post-mortem."""
    if len(sys.argv) != 3:
        print(usage)
        return 2
    name = sys.argv[2]
    if name == "list":
        print("\n".join(cases))
        return 0
    if name not in cases:
        print(f"{name}: no such case")
        return 2
    workdir = tempfile.mkdtemp(prefix=f"{prefix}-{name}-")
    world = None
    try:
        world = make_world(workdir)
        cases[name](world)
        print(f"{name}: ok")
        return 0
    except Fail as e:
        print(f"{name}: FAILED: {e}")
        return 1
    finally:
        if world:
            close_world(world)
        if keep_variable and os.environ.get(keep_variable) == "1":
            print("kept", workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
