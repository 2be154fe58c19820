#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# guichet-content's PO files tell the truth about the sources (content/src/messages.h):
#   1. content/po/guichet-content.pot is what xgettext makes from content/src now
#      (scripts/update-po.sh --pot-to), apart from its creation date;
#   2. every language of content/po/LINGUAS (es fr pt en) translates every message of the POT,
#      none fuzzy, msgfmt --check accepts it, and each translation keeps the placeholders
#      {1}, {2}… of its source (a lost one would drop the value staff must see).
# Usage: po_check.py SOURCE_DIR  (exit 1 on any finding)
import importlib.util
import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1]
spec = importlib.util.spec_from_file_location("kiosk_po", os.path.join(root, "tests/kiosk/po_check.py"))
kiosk_po = importlib.util.module_from_spec(spec)
spec.loader.exec_module(kiosk_po)
po_dir = os.path.join(root, "content", "po")
findings = []
with tempfile.TemporaryDirectory() as tmp:
    fresh = os.path.join(tmp, "fresh.pot")
    run = subprocess.run(["bash", os.path.join(root, "scripts", "update-po.sh"), "--pot-to", fresh,
                          "guichet-content"], capture_output=True, text=True)
    if run.returncode != 0:
        findings.append(f"update-po.sh --pot-to failed: {run.stderr.strip()}")
    else:
        committed = open(os.path.join(po_dir, "guichet-content.pot"), encoding="utf-8").read()
        if kiosk_po.without_date(open(fresh, encoding="utf-8").read()) != kiosk_po.without_date(committed):
            findings.append("content/po/guichet-content.pot is stale: run scripts/update-po.sh")
pot = kiosk_po.parse_po(os.path.join(po_dir, "guichet-content.pot"))
placeholder = re.compile(r"\{[1-9]\}")
for lang in kiosk_po.linguas(po_dir):
    path = os.path.join(po_dir, f"{lang}.po")
    check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", path], capture_output=True, text=True)
    if check.returncode != 0:
        findings.append(f"{lang}.po: msgfmt --check: {check.stderr.strip()}")
    entries = kiosk_po.parse_po(path)
    done = 0
    for key in pot:
        msgstr, fuzzy = entries.get(key, ("", False))
        if not msgstr or fuzzy:
            findings.append(f"{lang}.po: '{key[1]}' is {'fuzzy' if fuzzy else 'untranslated'}")
        elif set(placeholder.findall(msgstr)) != set(placeholder.findall(key[1])):
            findings.append(f"{lang}.po: '{key[1]}' -> '{msgstr}' changes the placeholders")
        else:
            done += 1
    print(f"{lang}: {done}/{len(pot)} translated")
for f in findings:
    print("FINDING:", f)
sys.exit(1 if findings else 0)
