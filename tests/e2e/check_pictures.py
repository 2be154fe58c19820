#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check_pictures.py OUT LANG SAMPLE [broken] — after kiosk_pictures.sh: the asylum article's picture in
the layout reports of the scrolled page. In every report it is drawn (not the frame of a picture
that could not be shown), inside the screen's width, no wider than twice its 720 px nor taller
than 60 % of the screen, its caption the alt text of articles/asylum.LANG.md (which starts with
the words written here) beneath it and aligned to the start edge (the right in Arabic); in at
least one report it is whole in the article's scrolling view, and that screenshot's pixels inside it are the
picture's (its blue and its paper, read from the PNG). Every report clean: targets reachable,
>= 9 mm, no cut text. Read aloud (when run) says the picture as "Image: <alt text>" in LANG.
`broken`: the picture is drawn as its alt text inside a frame instead. Standard library only."""
import json
import pathlib
import re
import sys
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'support'))
from screenshots import layout_problems, read_png  # noqa: E402

PICTURE_WIDTH, PICTURE_HEIGHT = 720, 220  # content/sample/images/make-pictures.py
SOURCE = {'ar': '../images/asylum-steps-rtl.png'}
CAPTION_START = {'es': 'Los cuatro pasos', 'en': 'The four steps', 'fr': 'Les quatre étapes',
                 'ht': 'Kat etap yo', 'ar': 'الخطوات الأربع'}
BLUE, PAPER = (0, 84, 166), (250, 248, 243)
# "Image: " as read aloud says it (kiosk/po: speech.image), written here independently.
SAID = {'es': 'Imagen: ', 'en': 'Image: ', 'fr': 'Image : ', 'pt': 'Imagem: ', 'ht': 'Imaj: ',
        'ar': 'صورة: '}


def near(colour, wanted, slack=24):
    return all(abs(a - b) <= slack for a, b in zip(colour, wanted))


def check_listening(out, lang, alt, problems):
    """The page read aloud (listen.json, when the kiosk ran it): the picture heard as its alt
    text after the words for "Image", in LANG's voice, once."""
    listen = out / 'listen.json'
    if not listen.exists():
        return
    state = json.loads(listen.read_text(encoding='utf-8'))
    if not state.get('speech_available'):
        print(f'{lang}: no voice for read aloud here, the spoken picture not checked')
        return
    said = [u['text'] for u in state.get('speech_utterances', [])]
    heard = [t for t in said if t.startswith(SAID[lang])]
    if len(heard) != 1 or alt.split(':')[0] not in heard[0]:
        problems.append(f'read aloud: {len(said)} lines, picture lines {heard!r}')
    elif any('.png' in t for t in said):
        problems.append('read aloud says a picture\'s file name')
    else:
        print(f'{lang}: read aloud says {heard[0][:60]!r}… ({len(said)} lines)')


def check_broken(out, alt, problems):
    """A picture the kiosk cannot decode: its alt text in a frame, in the column, never a crash."""
    seen = False
    for shot in sorted((out / 'shots').glob('page-*.layout.json')):
        report = json.loads(shot.read_text(encoding='utf-8'))
        for p in report.get('pictures', []):
            seen = True
            x0, y0, x1, y1 = p['rect']
            cx0, cy0, cx1, cy1 = p['caption_rect']
            if not p['framed'] or p['caption'] != alt:
                problems.append(f'{shot.name}: framed {p["framed"]}, caption {p["caption"][:30]!r}')
            if not (x0 <= cx0 and cx1 <= x1 and y0 <= cy0 and cy1 <= y1):
                problems.append(f'{shot.name}: alt text {p["caption_rect"]} outside its frame {p["rect"]}')
            if x0 < 0 or x1 > report['width']:
                problems.append(f'{shot.name}: frame x {x0}..{x1} outside the screen')
    if not seen:
        problems.append('no picture in any report')
    else:
        print('broken picture: drawn as its alt text in a frame on every page')


def main(out, lang, sample, mode='whole'):
    out, problems = pathlib.Path(out), []
    article = (pathlib.Path(sample) / 'articles' / f'asylum.{lang}.md').read_text(encoding='utf-8')
    match = re.search(r'!\[([^\]]*)\]\(([^)]*)\)', article)
    if not match:
        raise SystemExit(f'articles/asylum.{lang}.md shows no picture')
    alt, source = match.group(1), match.group(2)
    if source != SOURCE.get(lang, '../images/asylum-steps.png'):
        problems.append(f'the {lang} article shows {source!r}')
    if not alt.startswith(CAPTION_START[lang]):
        problems.append(f'the {lang} alt text starts {alt[:20]!r}, not {CAPTION_START[lang]!r}')
    state = json.loads((out / 'state.json').read_text(encoding='utf-8'))
    if state.get('detail_type') != 'article':
        problems.append(f'last page is a {state.get("detail_type")!r}, not an article')
    if mode == 'broken':
        check_broken(out, alt, problems)
        for problem in problems:
            print('FAIL ' + problem)
        return 1 if problems else 0
    check_listening(out, lang, alt, problems)
    if not state.get('picture_textures', 0) >= 1:
        problems.append(f'picture textures held: {state.get("picture_textures")}')
    whole = None
    for shot in sorted((out / 'shots').glob('page-*.layout.json')):
        name = shot.name.split('.')[0]
        report = json.loads(shot.read_text(encoding='utf-8'))
        width, height, rtl = report['width'], report['height'], report['direction'] == 'rtl'
        problems += layout_problems(name, report)
        pictures = report.get('pictures', [])
        if len(pictures) != 1:
            problems.append(f'{name}: {len(pictures)} pictures in the report, want 1')
            continue
        p = pictures[0]
        x0, y0, x1, y1 = p['rect']
        cx0, cy0, cx1, cy1 = p['caption_rect']
        if p['framed']:
            problems.append(f'{name}: the picture is drawn as its alt text in a frame')
        if p['source'] != source or p['caption'] != alt:
            problems.append(f'{name}: picture {p["source"]!r} captioned {p["caption"][:30]!r}')
        if x0 < 0 or x1 > width:
            problems.append(f'{name}: picture x {x0}..{x1} outside the screen width {width}')
        if x1 - x0 > 2 * PICTURE_WIDTH + 1 or y1 - y0 > 0.6 * height + 1:
            problems.append(f'{name}: picture {x1 - x0}x{y1 - y0} px, past 2x or 60 % of the height')
        ratio = (x1 - x0) / max(1, y1 - y0)
        if abs(ratio - PICTURE_WIDTH / PICTURE_HEIGHT) > 0.05:
            problems.append(f'{name}: picture drawn at {x1 - x0}x{y1 - y0}, proportions lost')
        if cy0 < y1:
            problems.append(f'{name}: caption top {cy0} above the picture bottom {y1}')
        start_gap = (x1 - cx1) if rtl else (cx0 - x0)
        if abs(start_gap) > 2:
            problems.append(f'{name}: caption {cx0}..{cx1} not at the start edge of picture {x0}..{x1}')
        # Whole on screen: inside the article's scrolling view (under the top bar).
        views = [r for n, r in report['regions'].items() if n.endswith('/body')]
        top, bottom = (views[0][1], views[0][3]) if views else (0, height)
        if whole is None and y0 >= top and y1 <= bottom and cy1 <= bottom:
            whole = (name, p, width, height)
    if whole is None:
        problems.append('the picture and its caption were never whole on screen')
    else:
        name, p, width, height = whole
        x0, y0, x1, y1 = p['rect']
        rows = read_png(out / 'shots' / f'{name}.png', y1)
        inside = [rows[y][x] for y in range(y0 + 2, y1 - 2, 3) for x in range(x0 + 2, x1 - 2, 3)]
        blue = sum(near(c, BLUE) for c in inside) / len(inside)
        paper = sum(near(c, PAPER, 8) for c in inside) / len(inside)
        # The picture is about 5 % blue and a third paper (its margins and gaps).
        if not (blue > 0.02 and paper > 0.15):
            problems.append(f'{name}: inside the picture {blue:.1%} blue, {paper:.1%} paper')
        print(f'{lang} {width}x{height}: picture whole in {name} at {p["rect"]}, caption at '
              f'{p["caption_rect"]} ({"right" if rtl else "left"} edge), pixels {blue:.1%} blue, '
              f'{paper:.1%} paper')
    for problem in problems:
        print('FAIL ' + problem)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:5]))
