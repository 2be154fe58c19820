#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The offline map, end to end: the real kiosk headless over the bundled sample (its base map
included), driven by scripts of taps. `walk`: open the map from the directory, drag it, zoom with
the buttons, open clusters until a single pin shows, tap it (its card), open its page, come back
to the map where it was. `from_institution`: an institution's "On the map" (UNHCR Brazil) opens the map on it
with its card. `back_to_me`: with the kiosk's location set the button centres the map there.
`from_home`: the home screen's map tile. `from_programme`: a seasonal-work programme's "On the map"
opens the seasonal layer framed on its arrows with its card, whose button leads back to its page.
`arrows`: the layer toggle draws the sample's seasonal-work programmes as origin -> host arrows
(state dump: map_arrows), a tap on an arrow's disc opens that programme's card, then its page.
`pinch`: two fingers zoom in and out (the script's `pinch`). `detail_without_seams`: the z9 detail
around São Paulo with no line between tile rows.
`labels_es`, `labels_ar`: country names from ICU in the visitor's language at low zoom, city
names of the directory's institutions closer in.
`layout_LANG_SIZE`: the map and a card, then the seasonal layer and a programme's card, with
nothing off screen, under 9 mm or cut.
Each step's targets come from the layout report of the run before (scripts are deterministic).
Usage: kiosk_map.py BIN_DIR CASE (or BIN_DIR list)."""
import json
import os
import pathlib
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from e2e_cases import CaseList, Fail, check, main  # noqa: E402
from screenshots import read_png  # noqa: E402

SAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "content", "sample")
cases = CaseList()


class World:
    def __init__(self, workdir, bin_dir):
        self.dir = workdir
        self.kiosk = os.path.join(bin_dir, "guichet-kiosk")
        self.store = os.path.join(workdir, "sample.db")
        subprocess.run([os.path.join(bin_dir, "guichet-content"), "build", SAMPLE, "-o", self.store],
                       check=True, stdout=subprocess.DEVNULL)
        self.runs = 0

    def run(self, script, size="800x480", extra=()):
        """Runs the kiosk on `script`; returns the state dump and the screenshots' folder."""
        self.runs += 1
        name = f"run{self.runs}"
        path = os.path.join(self.dir, name + ".txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(script)
        dump = os.path.join(self.dir, name + ".json")
        shots = os.path.join(self.dir, "shots-" + name)
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        args = [self.kiosk, "--headless", "--rasterize-only-screenshots", "--size", size, "--content", self.store,
                "--state-dir", os.path.join(self.dir, "state-" + name), "--script", path,
                "--screenshots", shots, "--dump-state", dump, *extra]
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise Fail(f"kiosk failed on {name}: {done.stderr[-2000:]}\nscript:\n{script}")
        with open(dump, encoding="utf-8") as f:
            return json.load(f), shots


def open_map(language="es"):
    return (f"tap @welcome\ntap @lang.{language}\ntap @tile.institutions\nexpect screen directory\n"
            "tap @open_map\nexpect screen map\n")


def targets(state, prefix):
    return sorted(name for name in state["targets"] if name.startswith(prefix))


def home_map(language="es"):
    return f"tap @welcome\ntap @lang.{language}\ntap @tile.map\nexpect screen map\n"


@cases.case
def from_home(world):
    state, _ = world.run(home_map() + "screenshot map\n", size="1920x1080")
    check(state["map_pins"] > 50, f"only {state['map_pins']} pins on the map from home")
    check(state["map_layer"] == "institutions", f"layer {state['map_layer']}")
    check("map.layer_seasonal" in state["targets"], "no layer toggle")
    check(state["history"][-1] == "home", f"not reached from home: {state['history']}")


@cases.case
def from_programme(world):
    script = ("tap @welcome\ntap @lang.es\ntap @tile.seasonal\ntap @item.canada-sawp-mexico\n"
              "expect screen detail\ntap @open_map\nexpect screen map\nexpect map_layer seasonal\n"
              "expect map_selected canada-sawp-mexico\nscreenshot programme\n")
    state, _ = world.run(script, size="1920x1080")
    check("canada-sawp-mexico:MX>CA" in state["map_arrows"], f"no Mexico -> Canada arrow: {state['map_arrows']}")
    # Framed on Mexico and Canada: the view's centre lies between them.
    check(20 < state["map_lat"] < 62 and -110 < state["map_lon"] < -90,
          f"map centred at {state['map_lat']},{state['map_lon']}, not between Mexico and Canada")
    script += "tap @map.open_place\nexpect screen detail\nexpect id canada-sawp-mexico\n"
    world.run(script, size="1920x1080")


@cases.case
def arrows(world):
    script = home_map() + "tap @map.layer_seasonal\nexpect map_layer seasonal\nscreenshot seasonal\n"
    state, _ = world.run(script, size="1920x1080")
    arrows = state["map_arrows"]
    check(state["map_pins"] > 50, "the pins went with the layer")  # still known, not drawn
    check(not targets(state, "pin.") and not targets(state, "cluster."), "pins drawn on the seasonal layer")
    check("canada-sawp-mexico:MX>CA" in arrows, f"no Mexico -> Canada arrow: {arrows}")
    check(any(a.startswith("canada-sawp-caribbean:") and a.endswith(">CA") for a in arrows),
          f"no Caribbean -> Canada arrow: {arrows}")
    # Programmes without origin countries (any country) mark their host.
    check("us-h2a:>US" in arrows and "canada-tfwp-agricultural:>CA" in arrows, f"host markers missing: {arrows}")
    for a in arrows:
        check(f"arrow.{a}" in state["targets"], f"arrow {a} has no tap target")
    tap = next(a for a in arrows if a.startswith("canada-sawp-caribbean:"))
    script += f"tap @arrow.{tap}\nexpect map_selected canada-sawp-caribbean\nscreenshot card\n"
    state, _ = world.run(script, size="1920x1080")
    check("map.open_place" in state["targets"], "the programme's card has no button to its page")
    script += "tap @map.open_place\nexpect screen detail\nexpect id canada-sawp-caribbean\n" \
              "tap @back\nexpect screen map\nexpect map_layer seasonal\nexpect map_selected canada-sawp-caribbean\n"
    world.run(script, size="1920x1080")
    # Back to the institutions: pins again, no arrows.
    state, _ = world.run(home_map() + "tap @map.layer_seasonal\ntap @map.layer_institutions\n", size="1920x1080")
    check(not state["map_arrows"] and (targets(state, "pin.") or targets(state, "cluster.")),
          "the institutions layer did not come back")


def make_labels_case(language, countries, on_arrows):
    def case(world):
        script = home_map(language) + "screenshot labels\n"
        state, _ = world.run(script, size="1920x1080")
        labels = state["map_labels"]
        for name in countries:
            check(name in labels, f"no label {name!r} in {labels}")
        # A name a pin would cover moves aside or is left out (Mexico's, under Monterrey's pin);
        # on the seasonal layer no pin covers it.
        state, _ = world.run(home_map(language) + "tap @map.layer_seasonal\nscreenshot seasonal\n", size="1920x1080")
        check(on_arrows in state["map_labels"], f"no label {on_arrows!r} on the seasonal layer: {state['map_labels']}")
        # Closer in (zoom 5 and more), the cities of the directory's institutions.
        script += "tap @map.zoom_in\ntap @map.zoom_in\nscreenshot cities\n"
        state, _ = world.run(script, size="1920x1080")
        check(state["map_zoom"] >= 5, f"zoom {state['map_zoom']}")
        check(len(state["map_labels"]) > 0, "no labels closer in")
        check(not set(state["map_labels"]) & set(countries) or state["map_zoom"] < 7,
              "country names past zoom 7")
    case.__name__ = f"labels_{language}"
    return case


cases["labels_es"] = make_labels_case("es", ["Brasil", "Canadá", "Estados Unidos", "Perú"], "México")
cases["labels_ar"] = make_labels_case("ar", ["البرازيل", "كندا", "الولايات المتحدة", "بيرو"], "المكسيك")


@cases.case
def walk(world):
    script = open_map() + "screenshot map\n"
    state, _ = world.run(script)
    check(state["map_pins"] > 50, f"only {state['map_pins']} pins on the map")
    check(state["map_textures"] > 0, "no tile drawn")
    check(targets(state, "cluster."), "no cluster of pins at the first zoom")
    zoom0, lon0 = state["map_zoom"], state["map_lon"]
    # A drag to the left moves the map east (the finger pulls the map).
    script += "drag 500 300 300 300 400\n"
    state, _ = world.run(script)
    check(state["map_lon"] > lon0 + 5, f"drag did not move the map: {lon0} -> {state['map_lon']}")
    check(state["map_zoom"] == zoom0, "a drag changed the zoom")
    script += "tap @map.zoom_in\ntap @map.zoom_in\ntap @map.zoom_out\n"
    state, _ = world.run(script)
    check(abs(state["map_zoom"] - (zoom0 + 1)) < 0.01, f"zoom {zoom0} -> {state['map_zoom']}, want +1")
    # Open clusters until a single pin can be tapped.
    for _ in range(8):
        pins = targets(state, "pin.")
        if pins:
            break
        clusters = targets(state, "cluster.")
        check(clusters, "neither pins nor clusters to tap")
        before = state["map_zoom"]
        script += f"tap @{clusters[0]}\n"
        state, _ = world.run(script)
        check(state["map_zoom"] > before, f"tapping {clusters[0]} did not zoom in ({before})")
    pins = targets(state, "pin.")
    check(pins, "no single pin after opening clusters")
    place = pins[0][len("pin."):]
    script += f"tap @pin.{place}\nscreenshot card\nexpect map_selected {place}\n"
    state, _ = world.run(script)
    check("map.open_place" in state["targets"], "the card has no button to the page")
    zoom_before = state["map_zoom"]
    script += f"tap @map.open_place\nexpect screen detail\nexpect id {place}\nexpect detail_type institution\n"
    state, _ = world.run(script)
    script += "tap @back\nexpect screen map\n"
    state, _ = world.run(script)
    check(state["map_zoom"] == zoom_before and state["map_selected"] == place,
          "Back from the page did not return to the map as it was")


@cases.case
def pinch(world):
    # Two fingers through the same pointer path as SDL's finger events: spreading them twice
    # as far apart zooms in one level about their midpoint, bringing them together zooms out.
    script = open_map() + "screenshot map\n"
    state, _ = world.run(script)
    zoom0 = state["map_zoom"]
    script += "pinch 400 300 100 200 400\nscreenshot pinched\n"
    state, _ = world.run(script)
    check(abs(state["map_zoom"] - (zoom0 + 1)) < 0.15,
          f"pinch out: zoom {zoom0} -> {state['map_zoom']}, want about +1")
    check(not state["map_selected"], "a pinch opened a card")
    script += "pinch 400 300 240 60 400\n"
    state, _ = world.run(script)
    check(abs(state["map_zoom"] - (zoom0 - 1)) < 0.15,
          f"pinch in by 4: zoom {zoom0} -> {state['map_zoom']}, want about -1 (+1 then -2)")
    check(state["screen"] == "map", f"a pinch left the map for {state['screen']}")


@cases.case
def from_institution(world):
    script = ("tap @welcome\ntap @lang.es\ntap @tile.institutions\n"
              "tap @item.acnur-brasil\nexpect screen detail\ntap @open_map\nexpect screen map\n"
              "expect map_selected acnur-brasil\nscreenshot map\n")
    state, _ = world.run(script)
    check(state["map_zoom"] >= 9, f"map opened at zoom {state['map_zoom']}, not on the place")
    check(abs(state["map_lat"] + 15.79) < 1 and abs(state["map_lon"] + 47.88) < 1,
          f"map centred at {state['map_lat']},{state['map_lon']}, not Brasília")


@cases.case
def detail_without_seams(world):
    # São Paulo at z9: the base map's detail tiles there and z7 drawn larger around them. Tile
    # rows must meet: a clip at a fractional y once left a white line between two rows.
    script = ("tap @welcome\ntap @lang.pt\ntap @tile.institutions\ntap @item.crai-sao-paulo\n"
              "tap @open_map\nexpect screen map\nscreenshot map\n")
    state, shots = world.run(script, size="1280x800")
    check(state["map_zoom"] >= 9, f"map opened at zoom {state['map_zoom']}")
    check(state["map_textures"] > 0, "no tile drawn")
    rows = read_png(pathlib.Path(shots) / "map.png", 420)
    top = 130  # below the top bar at 1280x800
    for y in range(top, len(rows)):
        row = rows[y]
        white = sum(1 for p in row if p == (255, 255, 255))
        check(white < 0.9 * len(row), f"row {y} of the map is a white line ({white} of {len(row)} px)")


@cases.case
def back_to_me(world):
    script = open_map() + "tap @map.back_to_me\n"
    state, _ = world.run(script, extra=("--location", "4.60,-74.08"))
    check(abs(state["map_lat"] - 4.6) < 0.05 and abs(state["map_lon"] + 74.08) < 0.05,
          f"back to me went to {state['map_lat']},{state['map_lon']}")
    check(state["map_zoom"] >= 9, "back to me did not zoom in")


def make_layout_case(language, size):
    def case(world):
        script = open_map(language) + "screenshot map\nexpect layout_off_screen 0\n" \
                 "expect layout_under_9mm 0\nexpect layout_cut 0\n"
        state, _ = world.run(script, size=size)
        clusters = targets(state, "cluster.") + targets(state, "pin.")
        check(clusters, f"no pin tappable at {size}")
        # A card: open clusters until a pin, then tap it.
        for _ in range(16):
            pins = targets(state, "pin.")
            if pins or state["map_selected"]:
                break
            script += f"tap @{targets(state, 'cluster.')[0]}\n"
            state, _ = world.run(script, size=size)
        pins = targets(state, "pin.")
        check(pins or state["map_selected"], "no single pin and no card")
        if pins:
            script += f"tap @{pins[0]}\n"
        script += "screenshot card\nexpect layout_off_screen 0\n" \
                  "expect layout_under_9mm 0\nexpect layout_cut 0\n"
        world.run(script, size=size)
        # The seasonal layer from home, and one programme's card.
        script = home_map(language) + "tap @map.layer_seasonal\nscreenshot seasonal\n" \
            "expect layout_off_screen 0\nexpect layout_under_9mm 0\nexpect layout_cut 0\n"
        state, _ = world.run(script, size=size)
        check(state["map_arrows"], f"no arrow tappable at {size}")
        script += f"tap @arrow.{state['map_arrows'][0]}\nscreenshot programme\n" \
                  "expect layout_off_screen 0\nexpect layout_under_9mm 0\nexpect layout_cut 0\n"
        state, _ = world.run(script, size=size)
        check(state["map_selected"], "no programme card")
    case.__name__ = f"layout_{language}_{size}"
    return case


for _language in ("es", "ht", "ar"):
    for _size in ("800x480", "480x800", "1920x1080"):
        _case = make_layout_case(_language, _size)
        cases[_case.__name__] = _case


if __name__ == "__main__":
    bin_dir = sys.argv[1] if len(sys.argv) > 1 else ""
    sys.exit(main(__doc__, cases, "kiosk-map", lambda d: World(d, bin_dir), lambda w: None,
                  keep_variable="KEEP"))
