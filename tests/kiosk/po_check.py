#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# The kiosk's PO files tell the truth about the sources (kiosk/README.md, "A new UI string"):
#   1. kiosk/po/guichet-kiosk.pot is what xgettext makes from the sources now
#      (scripts/update-po.sh --pot-to), apart from its creation date;
#   2. every UI key the kiosk's code names (t("key"), tr("key"…), tr_or("key"…), a detail
#      field's add("field.x"…)) is in the POT;
#   3. every language of kiosk/po/LINGUAS has a PO file that msgfmt --check accepts, holds every
#      message of the POT, keeps each "{}" placeholder, and — for the six languages the kiosk
#      promises (es en fr pt ht ar) — leaves none untranslated or fuzzy. Others are reported.
# Prints a coverage table (language, translated, fuzzy, untranslated).
# Usage: po_check.py SOURCE_DIR              check the tree (exit 1 on any finding)
#        po_check.py --self-test SOURCE_DIR  plant each kind of fault in a copy; each must fail
import os
import re
import shutil
import subprocess
import sys
import tempfile

DOMAIN = "guichet-kiosk"
PROMISED = ["es", "en", "fr", "pt", "ht", "ar"]
# A whole key passed to a lookup ("kind." + code builds keys at run time: not a whole key), and
# the detail screen's field labels (add("field.x", value)).
CALL = re.compile(r'\b(?:t|tr|tr_or)\(\s*"([^"\\]*[^".\\])"')
LABEL = re.compile(r'\badd\(\s*"(field\.[^"\\]+)"')
SOURCE_DIRS = ["kiosk"]


def parse_po(path):
    """(msgctxt, msgid) -> (msgstr, fuzzy) for every entry but the header."""
    entries = {}
    ctxt = msgid = msgstr = None
    field = None
    fuzzy = False

    def flush():
        nonlocal ctxt, msgid, msgstr, fuzzy
        if msgid is not None and msgid != "":
            entries[(ctxt, msgid)] = (msgstr or "", fuzzy)
        ctxt = msgid = msgstr = None
        fuzzy = False

    def unquote(text):
        escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
        return re.sub(r'\\(.)', lambda m: escapes.get(m.group(1), m.group(1)), text[1:-1])

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                field = None
                continue
            if line.startswith("#,") and "fuzzy" in line:
                if msgid is not None:
                    flush()
                fuzzy = True
                continue
            if line.startswith("#"):
                continue
            m = re.match(r'(msgctxt|msgid|msgstr)\s+(".*")$', line)
            if m:
                if m.group(1) == "msgctxt" or (m.group(1) == "msgid" and msgstr is not None):
                    if msgid is not None:
                        keep = fuzzy
                        flush()
                        fuzzy = keep if m.group(1) == "msgctxt" else False
                field = m.group(1)
                value = unquote(m.group(2))
                if field == "msgctxt":
                    ctxt = value
                elif field == "msgid":
                    msgid = value
                else:
                    msgstr = value
                continue
            if line.startswith('"') and field:
                value = unquote(line)
                if field == "msgctxt":
                    ctxt += value
                elif field == "msgid":
                    msgid += value
                else:
                    msgstr += value
    flush()
    return entries


def without_date(text):
    return "\n".join(l for l in text.splitlines() if not l.startswith('"POT-Creation-Date:'))


def linguas(po_dir):
    with open(os.path.join(po_dir, "LINGUAS"), encoding="utf-8") as f:
        return [w for line in f for w in line.split("#")[0].split()]


def check(root, out=sys.stdout):
    findings = []
    po_dir = os.path.join(root, "kiosk", "po")
    pot_path = os.path.join(po_dir, DOMAIN + ".pot")

    # 1. The POT is current.
    with tempfile.TemporaryDirectory() as tmp:
        fresh = os.path.join(tmp, DOMAIN + ".pot")
        run = subprocess.run(["bash", os.path.join(root, "scripts", "update-po.sh"), "--pot-to",
                              fresh, DOMAIN], cwd=root, capture_output=True, text=True)
        if run.returncode != 0:
            findings.append(f"scripts/update-po.sh --pot-to failed: {run.stderr.strip()}")
            fresh_entries = {}
        else:
            with open(fresh, encoding="utf-8") as f:
                fresh_text = f.read()
            with open(pot_path, encoding="utf-8") as f:
                committed_text = f.read()
            fresh_entries = parse_po(fresh)
            committed = parse_po(pot_path)
            for key in fresh_entries:
                if key not in committed:
                    findings.append(f"kiosk/po/{DOMAIN}.pot: no msgctxt '{key[0]}' msgid "
                                    f"'{key[1]}' (the sources have it): run scripts/update-po.sh")
            for key in committed:
                if key not in fresh_entries:
                    findings.append(f"kiosk/po/{DOMAIN}.pot: msgctxt '{key[0]}' msgid '{key[1]}'"
                                    " is no longer in the sources: run scripts/update-po.sh")
            if not findings and without_date(fresh_text) != without_date(committed_text):
                findings.append(f"kiosk/po/{DOMAIN}.pot: differs from what xgettext makes now "
                                "(comments or order): run scripts/update-po.sh")
    pot = parse_po(pot_path)
    keys = {ctxt for ctxt, _ in pot}

    # 2. Every key the code names is in the POT.
    for base in SOURCE_DIRS:
        for dirpath, _, files in os.walk(os.path.join(root, base)):
            for name in sorted(files):
                if not name.endswith((".cpp", ".h")):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                with open(path, encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        for m in list(CALL.finditer(line)) + list(LABEL.finditer(line)):
                            key = m.group(1)
                            if key not in keys and not rel.endswith("ui_messages.cpp"):
                                findings.append(f"{rel}:{number}: UI string '{key}' is not in "
                                                f"kiosk/po/{DOMAIN}.pot: add it to "
                                                "kiosk/core/src/ui_messages.cpp")

    # 3. Every language's PO.
    out.write(f"{'language':<10}{'translated':>12}{'fuzzy':>8}{'untranslated':>14}\n")
    for lang in linguas(po_dir):
        path = os.path.join(po_dir, lang + ".po")
        rel = f"kiosk/po/{lang}.po"
        if not os.path.exists(path):
            findings.append(f"{rel}: missing (kiosk/po/LINGUAS lists {lang})")
            continue
        run = subprocess.run(["msgfmt", "--check", "-o", os.devnull, path], capture_output=True,
                             text=True)
        if run.returncode != 0:
            findings.append(f"{rel}: msgfmt --check: {run.stderr.strip()}")
        po = parse_po(path)
        translated = fuzzy = untranslated = 0
        for key, source in pot.items():
            if key not in po:
                untranslated += 1
                if lang in PROMISED:
                    findings.append(f"{rel}: no entry for msgctxt '{key[0]}': run "
                                    "scripts/update-po.sh")
                continue
            text, is_fuzzy = po[key]
            if is_fuzzy:
                fuzzy += 1
            elif not text:
                untranslated += 1
            else:
                translated += 1
                if text.count("{}") != key[1].count("{}"):
                    findings.append(f"{rel}: msgctxt '{key[0]}': the translation has "
                                    f"{text.count('{}')} '{{}}', the source {key[1].count('{}')}")
            if lang in PROMISED and (is_fuzzy or not text):
                findings.append(f"{rel}: msgctxt '{key[0]}' is "
                                f"{'fuzzy' if is_fuzzy else 'untranslated'}")
        out.write(f"{lang:<10}{translated:>12}{fuzzy:>8}{untranslated:>14}\n")
    for finding in findings:
        out.write(finding + "\n")
    return not findings


def self_test(root):
    """Each planted fault must make the check fail."""
    def copy_tree(tmp):
        dest = os.path.join(tmp, "src")
        shutil.copytree(os.path.join(root, "kiosk"), os.path.join(dest, "kiosk"),
                        ignore=shutil.ignore_patterns("build*"))
        os.makedirs(os.path.join(dest, "scripts"))
        shutil.copy(os.path.join(root, "scripts", "update-po.sh"), os.path.join(dest, "scripts"))
        return dest

    def edit(path, old, new):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        assert old in text, (path, old)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new, 1))

    plants = {
        "a new source string missing from the POT": lambda d: edit(
            os.path.join(d, "kiosk/core/src/ui_messages.cpp"), "constexpr UiMessage kMessages[] = {\n",
            'constexpr UiMessage kMessages[] = {\n    ui_string("planted", "Planted"),\n'),
        "a key used in a screen but never declared": lambda d: edit(
            os.path.join(d, "kiosk/visitor/src/welcome.cpp"), "#include",
            'static const char* planted = t("planted.key");\n#include'),
        "an untranslated string in a promised language": lambda d: edit(
            os.path.join(d, "kiosk/po/ht.po"), 'msgstr "Retounen"', 'msgstr ""'),
        "a placeholder lost in a translation": lambda d: edit(
            os.path.join(d, "kiosk/po/fr.po"), 'msgstr "{} résultats"', 'msgstr "résultats"'),
        "a language listed without its PO file": lambda d: os.remove(
            os.path.join(d, "kiosk/po/pt.po")),
    }
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        base = copy_tree(tmp)
        if not check(base, out=open(os.devnull, "w")):
            print("self-test: the unchanged copy fails the check")
            return False
        for name, plant in plants.items():
            trial = os.path.join(tmp, "trial")
            shutil.copytree(base, trial)
            plant(trial)
            failed = not check(trial, out=open(os.devnull, "w"))
            print(f"self-test: {name}: {'fails as it must' if failed else 'NOT CAUGHT'}")
            ok = ok and failed
            shutil.rmtree(trial)
    return ok


def main():
    args = sys.argv[1:]
    if args and args[0] == "--self-test":
        return 0 if self_test(args[1]) else 1
    if len(args) != 1:
        print(__doc__ or "usage: po_check.py [--self-test] SOURCE_DIR", file=sys.stderr)
        return 2
    return 0 if check(args[0]) else 1


if __name__ == "__main__":
    sys.exit(main())
