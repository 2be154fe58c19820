#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check_directory.py OUT LANG — after kiosk_directory.sh: every field of the fixture
institution in the state dump, the layout reports of its page and QR codes (every target
reachable, >= 9 mm, no cut text, QR >= 4 px a module), and each QR code decoded from its
screenshot by zbarimg equal to the payload expected, written out here independently."""
import json
import pathlib
import subprocess
import sys
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'support'))
from screenshots import layout_problems  # noqa: E402

COUNTRY = {'es': 'México', 'en': 'Mexico', 'fr': 'Mexique', 'pt': 'México', 'ht': 'Mexique',
           'ar': 'المكسيك'}
OPEN = {'es': 'Abierto ahora, hasta las 17:00', 'en': 'Open now, until 17:00',
        'fr': "Ouvert maintenant, jusqu'à 17:00", 'pt': 'Aberto agora, até às 17:00',
        'ht': 'Louvri kounye a, jiska 17:00', 'ar': 'مفتوح الآن، حتى 17:00'}
MONDAY = {'es': 'Lunes', 'en': 'Monday', 'fr': 'Lundi', 'pt': 'Segunda-feira', 'ht': 'Lendi',
          'ar': 'الاثنين'}


def vcard(lang):
    lines = [
        'BEGIN:VCARD', 'VERSION:4.0', 'KIND:org',
        'FN:Centro de Ejemplo para Migrantes\\, A.C.',
        'ORG:Centro de Ejemplo para Migrantes\\, A.C.',
        'TEL;VALUE=uri;TYPE="work,voice":tel:+52-55-5555-0100',
        'TEL;VALUE=uri;TYPE="work,voice":tel:+52-55-5555-0101',
        'EMAIL;TYPE=work:contacto@example.org',
        f'ADR;TYPE=work:;;Calle Ejemplo 123\\, Col. Centro\\; piso 2;Ciudad de México;;;{COUNTRY[lang]}',
        'URL:https://www.example.org/centro',
        'NOTE:Mo-Fr 08:00-17:00\\; Sa 09:00-13:00',
        'END:VCARD']
    return ''.join(fold(line) for line in lines)


def fold(line):
    """RFC 6350 3.2: a line over 75 octets continues after CRLF and a space, never inside a
    UTF-8 character."""
    data, out, room = line.encode('utf-8'), b'', 75
    while len(data) > room:
        cut = room
        while data[cut] & 0xC0 == 0x80:
            cut -= 1
        out += data[:cut] + b'\r\n '
        data, room = data[cut:], 74
    return (out + data + b'\r\n').decode('utf-8')


def decode(png):
    """The QR codes zbarimg reads in a screenshot, as bytes (several joined by newlines)."""
    result = subprocess.run(['zbarimg', '--quiet', '--raw', '-Sbinary', str(png)],
                            capture_output=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f'{png}: zbarimg found no code ({result.stderr.decode(errors="replace")})')
    # With -Sbinary zbarimg writes the symbol's bytes as they are (no newline of its own, no
    # guess at a character set).
    return result.stdout


def main(out, lang):
    out = pathlib.Path(out)
    problems = []
    state = json.loads((out / 'state.json').read_text(encoding='utf-8'))
    page = state  # the script ends on the institution's page
    fields = page['detail_fields']
    expected = {
        'field.phone': '+52 55 5555 0100 | +52 55 5555 0101',
        'field.whatsapp': '+52 55 5555 0199',
        'field.email': 'contacto@example.org',
        'field.website': 'https://www.example.org/centro',
        'field.other_names': 'CEM · Centro Ejemplo',
        'open_status': OPEN[lang],
        'geo': 'geo:19.4326,-99.1332',
    }
    for key, value in expected.items():
        if fields.get(key) != value:
            problems.append(f'{key}: {fields.get(key)!r}, expected {value!r}')
    if page['detail_title'] != 'Centro de Ejemplo para Migrantes, A.C.':
        problems.append(f'title: {page["detail_title"]!r} (the name on the door)')
    for key in ('field.address', 'field.services', 'field.spoken_languages', 'field.cost',
                'field.bring', 'field.distance', 'field.hours', 'checked', 'source',
                'translated_name' if lang != 'es' else 'field.kind'):
        if not fields.get(key):
            problems.append(f'{key}: empty')
    if not fields.get('field.address', '').startswith('Calle Ejemplo 123'):
        problems.append(f'address: {fields.get("field.address")!r}')
    if not fields.get('hours_rows', '').startswith('*' + MONDAY[lang] + ' 08:00'):
        problems.append(f'hours: today (Monday) not first and marked: {fields.get("hours_rows")!r}')
    if not fields.get('field.distance', '').startswith(('450 m', '450 m')):
        problems.append(f'distance: {fields.get("field.distance")!r}')
    if page['detail_take_away'] != vcard(lang):
        problems.append('take-away in the state dump differs from the expected vCard:\n' +
                        page['detail_take_away'])
    near = json.loads((out / 'shots' / 'directory-near.layout.json').read_text(encoding='utf-8'))
    if not {'near_me', 'in_this_city'} <= {t['name'] for t in near['targets']}:
        problems.append('near me: no "Nearest first" / "In this city" buttons on the directory')

    shots = out / 'shots'
    for name in ('institution', 'contact-qr', 'phone-qr', 'website-qr', 'institution-2',
                 'institution-3', 'institution-4', 'directory-near'):
        report = json.loads((shots / f'{name}.layout.json').read_text(encoding='utf-8'))
        problems += layout_problems(name, report)
        if name.endswith('-qr') and not report['qr_module_px'] >= 4:
            problems.append(f'{name}: QR at {report["qr_module_px"]} px a module (want 4)')
        if name == 'contact-qr':
            print(f'contact QR: {report["qr_module_px"]:g} px a module at '
                  f'{report["width"]}x{report["height"]}')

    card = decode(shots / 'contact-qr.png')
    if card != vcard(lang).encode('utf-8'):
        problems.append(f'contact QR decodes to {card!r}')
    else:
        print(f'contact QR decoded by zbarimg: the expected vCard 4.0 ({len(card)} bytes)')
    for name, want in (('phone-qr', b'tel:+52-55-5555-0100'),
                       ('website-qr', b'https://www.example.org/centro')):
        got = decode(shots / f'{name}.png')
        if got != want:
            problems.append(f'{name} decodes to {got!r}, expected {want!r}')
        else:
            print(f'{name} decoded by zbarimg: {got.decode()}')
    for p in problems:
        print('FAIL ' + p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:3]))
