#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check_chart.py OUT VALUES_CSV SERIES YEAR — after kiosk_chart.sh: the last frame shows the
chart with YEAR chosen, a figure per country in the legend equal to the source table's (digits
compared, whatever the language's separators), a tap target per year; every screenshot's layout
report clean (targets reachable, >= 9 mm, no cut text).
check_chart.py --years VALUES_CSV SERIES — prints the series' years, comma-separated."""
import csv
import json
import pathlib
import re
import sys

SHOTS = ('page', 'table', 'table-2', 'chart-year', 'chart-year-2', 'chart-year-3')


def read_series(values_csv, series):
    rows = {}
    with open(values_csv, encoding='utf-8', newline='') as f:
        for row in csv.DictReader(f):
            if row['series'] == series:
                rows.setdefault(row['country'], {})[int(row['year'])] = float(row['value'])
    return rows


def years_of(rows):
    return sorted({y for by_year in rows.values() for y in by_year})


def main(out, values_csv, series, year):
    out = pathlib.Path(out)
    year = int(year)
    rows = read_series(values_csv, series)
    years = years_of(rows)
    problems = []
    state = json.loads((out / 'state.json').read_text(encoding='utf-8'))
    if state.get('chart_year') != year:
        problems.append(f'chart_year {state.get("chart_year")!r}, expected {year}')
    if state.get('chart_year_targets') != years:
        problems.append(f'year targets {state.get("chart_year_targets")}, expected {years}')
    if not str(state.get('chart_heading', '')).startswith(str(year)):
        problems.append(f'heading {state.get("chart_heading")!r} does not name {year}')
    legend = state.get('chart_legend', [])
    if len(legend) != len(rows):
        problems.append(f'{len(legend)} legend entries for {len(rows)} countries')
    # Each country's figure that year, digits only: "51.600", "51,600", "51 600" all read 51600.
    wanted = sorted(str(round(by_year[year])) for by_year in rows.values() if year in by_year)
    shown = sorted(re.sub(r'\D', '', entry.rsplit(':', 1)[-1]) for entry in legend)
    if shown != wanted:
        problems.append(f'legend figures {shown}, expected {wanted} ({legend})')
    if state.get('chart_points') != sum(len(v) for v in rows.values()):
        problems.append(f'{state.get("chart_points")} points drawn')
    for name in SHOTS:
        report = json.loads((out / 'shots' / f'{name}.layout.json').read_text(encoding='utf-8'))
        for t in report['targets']:
            if t['under_9mm']:
                problems.append(f'{name}: @{t["name"]} {t["mm"]} mm')
            if not t['on_screen']:
                problems.append(f'{name}: @{t["name"]} off screen')
        if report['cut_texts']:
            problems.append(f'{name}: cut texts {report["cut_texts"]}')
        if name == 'chart-year':
            chart_targets = sorted(t['name'] for t in report['targets'] if t['name'].startswith('chart.year.'))
            if chart_targets != [f'chart.year.{y}' for y in years]:
                problems.append(f'{name}: year targets in the layout report {chart_targets}')
    print(f'chart: {len(years)} years ({years[0]}-{years[-1]}), {len(rows)} countries, '
          f'{year} tapped: {legend}')
    for p in problems:
        print('FAIL ' + p)
    return 1 if problems else 0


if __name__ == '__main__':
    if sys.argv[1] == '--years':
        print(','.join(str(y) for y in years_of(read_series(sys.argv[2], sys.argv[3]))))
        sys.exit(0)
    sys.exit(main(*sys.argv[1:5]))
