#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kiosk numbers of issue 4, side by side in one run, under the X server named by $DISPLAY
(run through run_bench.sh, which starts Xvfb at 1920x1080):
  first frame   process start to the first presented frame (median of 5 starts), wall time
  CPU to first  CPU time the process used until then (user + sys, 10 ms ticks): what the
                program itself costs, unlike wall time on a loaded machine
  in a window   first frame of the kiosk in a borderless window of the screen's size, as the
                floor opens it (SDL's full-screen switch waits for a window manager that
                Xvfb does not have)
  PSS at rest   proportional set size after 5 s on the welcome screen
  CPU at rest   CPU time used over 30 s on the welcome screen, as % of one core
  scroll frame  median CPU time per frame while drag-scrolling the heaviest list
for the kiosk (sample content and the 100,000-item synthetic corpus) and the minimal
SDL2 + ImGui floor program, each with SDL's software renderer and its OpenGL renderer."""
import os, statistics, subprocess, sys, time

build, stores = sys.argv[1], sys.argv[2:]
kiosk = os.path.join(build, 'bin', 'guichet-kiosk')
floor = os.path.join(build, 'bin', 'guichet-kiosk-floor')
rest_seconds = int(os.environ.get('REST_SECONDS', '30'))
starts = int(os.environ.get('STARTS', '5'))
tick = os.sysconf('SC_CLK_TCK')


def command(program, renderer, store):
    if program == 'floor':
        return [floor, '--renderer', renderer]
    return [kiosk, '--content', store, '--state-dir', '/tmp/guichet-bench-state',
            '--fullscreen', 'yes', '--renderer', renderer]


def cpu_seconds(pid):
    fields = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick  # utime + stime


def pss_mb(pid):
    for line in open(f'/proc/{pid}/smaps_rollup'):
        if line.startswith('Pss:'):
            return int(line.split()[1]) / 1024
    return float('nan')


def threads(pid):
    return len(os.listdir(f'/proc/{pid}/task'))


def start(cmd):
    began = time.monotonic()
    proc = subprocess.Popen(cmd + ['--print-timing'], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    for line in proc.stdout:
        if 'first frame presented' in line:
            return proc, time.monotonic() - began, cpu_seconds(proc.pid)
    raise RuntimeError(f'no first frame from {cmd}')


def measure(program, renderer, store):
    cmd = command(program, renderer, store)
    firsts, cpu_firsts, windowed = [], [], []
    for _ in range(starts):
        proc, seconds, cpu = start(cmd)
        firsts.append(seconds)
        cpu_firsts.append(cpu)
        proc.terminate(); proc.wait()
    if program == 'kiosk':
        window_cmd = [arg if arg != 'yes' else 'no' for arg in cmd]  # --fullscreen no
        for _ in range(starts):
            proc, seconds, _ = start(window_cmd)
            windowed.append(seconds)
            proc.terminate(); proc.wait()
    proc, _, _ = start(cmd)
    time.sleep(5)
    pss, nthreads = pss_mb(proc.pid), threads(proc.pid)
    before = cpu_seconds(proc.pid)
    time.sleep(rest_seconds)
    rest = (cpu_seconds(proc.pid) - before) / rest_seconds * 100
    proc.terminate(); proc.wait()
    scroll_args = ['--bench-scroll', '200'] if program == 'floor' else ['--bench-scroll', 'list:200']
    out = subprocess.run(cmd + scroll_args, capture_output=True, text=True).stdout
    scroll = float(out.split('scroll-frame-cpu-ms')[1].split()[0])
    window = statistics.median(windowed) * 1000 if windowed else float('nan')
    return (statistics.median(firsts) * 1000, statistics.median(cpu_firsts) * 1000, window, pss,
            nthreads, rest, scroll)


rows = []
for store in stores:
    for renderer in ('software', 'opengl'):
        rows.append((f'kiosk {os.path.basename(store)}', renderer, measure('kiosk', renderer, store)))
for renderer in ('software', 'opengl'):
    rows.append(('floor (SDL2+ImGui, 6 tiles + 200 rows)', renderer, measure('floor', renderer, None)))

print(f'{"program":42} {"renderer":9} {"first frame":>12} {"CPU to first":>13} '
      f'{"in a window":>12} {"PSS at rest":>12} {"threads":>8} {"CPU at rest":>12} '
      f'{"scroll frame":>13}')
for name, renderer, (first, cpu_first, window, pss, nthreads, rest, scroll) in rows:
    print(f'{name:42} {renderer:9} {first:9.0f} ms {cpu_first:10.0f} ms {window:9.0f} ms '
          f'{pss:9.1f} MB {nthreads:8d} {rest:10.2f} % {scroll:10.2f} ms')
