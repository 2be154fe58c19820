#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check_publications.py OUT LANG — after kiosk_publications.sh: the document's fields in the
state dump (in LANG, its source line too, nothing appended in another language), every screen's layout report clean
(targets reachable, >= 9 mm, no cut text), the QR code >= 4 px a module, and zbarimg decoding it
to the report's full-text address, written here independently of the sample."""
import json
import pathlib
import subprocess
import sys
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'support'))
from screenshots import layout_problems  # noqa: E402

URL = b'https://migracionoea.org/es/prefacio'
FRENCH = {'es': 'francés', 'en': 'French', 'fr': 'français', 'pt': 'francês', 'ht': 'français',
          'ar': 'الفرنسية'}
YEAR_LABEL = 'field.year'
# The CAM framework's source line, as a visitor of each language reads it (the start of it).
SOURCE = {'es': 'OEA, CIDI/CAM: XXXVIII reunión ordinaria', 'en': 'OAS, CIDI/CAM: XXXVIII regular',
          'fr': 'OEA/CIDI/CAM, XXXVIII Réunion ordinaire', 'pt': 'OEA, CIDI/CAM: XXXVIII reunião',
          'ht': 'OEA, CIDI/CAM: XXXVIII reyinyon òdinè', 'ar': 'منظمة الدول الأمريكية، CIDI/CAM'}


def main(out, lang):
    out = pathlib.Path(out)
    problems = []
    state = json.loads((out / 'state.json').read_text(encoding='utf-8'))
    fields = state.get('detail_fields', {})
    if state.get('detail_type') != 'publication':
        problems.append(f'last page is a {state.get("detail_type")!r}, not a publication')
    if fields.get(YEAR_LABEL) != '2014':
        problems.append(f'year: {fields.get(YEAR_LABEL)!r}')
    if fields.get('field.language') != FRENCH[lang]:
        problems.append(f'language: {fields.get("field.language")!r}, expected {FRENCH[lang]!r}')
    source = fields.get('field.source', '')
    if not source.startswith(SOURCE[lang]):
        problems.append(f'source: {source!r}, expected it to start {SOURCE[lang]!r}')
    if lang != 'fr' and 'Réunion' in source:
        problems.append(f'source: the French line appended: {source!r}')
    shots = out / 'shots'
    for name in ('home', 'list', 'report', 'report-qr', 'document', 'document-2', 'document-3'):
        report = json.loads((shots / f'{name}.layout.json').read_text(encoding='utf-8'))
        problems += layout_problems(name, report)
        if name == 'home' and 'tile.publications' not in {t['name'] for t in report['targets']}:
            problems.append('home: no publications tile')
        if name == 'report-qr':
            if not report['qr_module_px'] >= 4:
                problems.append(f'report QR at {report["qr_module_px"]} px a module (want 4)')
            else:
                print(f'report QR: {report["qr_module_px"]:g} px a module at '
                      f'{report["width"]}x{report["height"]}')
    result = subprocess.run(['zbarimg', '--quiet', '--raw', '-Sbinary', str(shots / 'report-qr.png')],
                            capture_output=True, check=False)
    if result.stdout != URL:
        problems.append(f'report QR decodes to {result.stdout!r}, expected {URL!r}')
    else:
        print(f'report QR decoded by zbarimg: {URL.decode()}')
    for p in problems:
        print('FAIL ' + p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:3]))
