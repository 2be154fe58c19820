#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Read aloud, end to end: the real kiosk headless over the sample content, scripted taps, each
utterance written as a WAV file (--speech-wav) and listed in the state dump. Per language: the
Listen button on an article, WAVs that exist, are not silence, grow with the text and come
from the language's own voice; Back stops at once; the idle reset forgets the volume and the
queue; a language switched off has no Listen button; speech mode's key announces the screen
and reads the focused target; real SDL audio under the dummy driver; the sentence heard
highlighted (its words, in view) in es and ar; "read from here" (hold a paragraph, tap another
while reading, the paused bar's hint); every visitor screen heard, a fleet alert first, staff's
notices on home, in their list and opened; headphones plugged in start speech mode.
Usage: kiosk_speech.py BIN_DIR CASE (or BIN_DIR list)."""
import array
import json
import math
import os
import subprocess
import sys
import wave

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from e2e_cases import CaseList, Fail, check, main  # noqa: E402

SAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "content", "sample")
ARTICLE = "un-convention-1990"
# What to type in the search to find the article (its year), and the voice of each language.
LANGUAGES = {
    "es": ("1990", "es-419"),
    "ht": ("1990", "ht"),
    "fr": ("1990", "fr"),
    "pt": ("1990", "pt-br"),
    "en": ("1990", "en-us"),
    "ar": ("1990", "ar"),
}
RMS_FLOOR = 0.02  # of full scale; eSpeak's speech at 70 % volume is around 0.1

cases = CaseList()


class World:
    def __init__(self, workdir, bin_dir):
        self.dir = workdir
        self.kiosk = os.path.join(bin_dir, "guichet-kiosk")
        self.store = os.path.join(workdir, "sample.db")
        subprocess.run([os.path.join(bin_dir, "guichet-content"), "build", SAMPLE, "-o", self.store],
                       check=True, stdout=subprocess.DEVNULL)

    def run(self, name, script, *extra, env=None):
        """Runs the kiosk on `script`; returns the state dump and the WAV folder."""
        path = os.path.join(self.dir, name + ".txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(script)
        wavs = os.path.join(self.dir, name + "-wav")
        dump = os.path.join(self.dir, name + ".json")
        run_env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        run_env.update(env or {})
        state_dir = os.path.join(self.dir, "state-" + name)
        if "--state-dir-keep" in extra:  # a state folder prepared beforehand (alerts synced)
            state_dir = extra[extra.index("--state-dir-keep") + 1]
            extra = tuple(a for a in extra if a not in ("--state-dir-keep", state_dir))
        args = [self.kiosk, "--headless", "--size", "800x480", "--content", self.store,
                "--state-dir", state_dir, "--script", path,
                "--screenshots", os.path.join(self.dir, "shots-" + name), "--dump-state", dump]
        if "--no-wav" not in extra:
            args += ["--speech-wav", wavs]
        args += [a for a in extra if a != "--no-wav"]
        done = subprocess.run(args, env=run_env, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise Fail(f"kiosk failed on {name}: {done.stderr[-2000:]}")
        with open(dump, encoding="utf-8") as f:
            return json.load(f), wavs


def open_article(language):
    word = LANGUAGES[language][0]
    return (f"tap @welcome\ntap @lang.{language}\ntap @search\ntype {word}\n"
            f"tap @key.hide\ntap @item.{ARTICLE}\nexpect screen detail\n")


def read_wav(path):
    with wave.open(path) as w:
        check(w.getnchannels() == 1 and w.getsampwidth() == 2, f"{path}: not 16-bit mono")
        frames = w.readframes(w.getnframes())
        samples = array.array("h", frames)
        if sys.byteorder == "big":
            samples.byteswap()
        return samples, w.getframerate()


def rms(samples):
    return math.sqrt(sum(s * s for s in samples) / len(samples)) / 32768 if samples else 0


def check_reading(state, voice):
    said = [u for u in state["speech_utterances"] if u["reading"] == 1]
    check(len(said) >= 4, f"only {len(said)} lines spoken")
    lengths = []
    for u in said:
        check(u["voice"] == voice, f"line read by {u['voice']}, not {voice}: {u['text']!r}")
        check(os.path.exists(u["file"]), f"no WAV {u['file']}")
        samples, rate = read_wav(u["file"])
        check(rate == 22050, f"{u['file']}: {rate} Hz")
        check(len(samples) == u["samples"], f"{u['file']}: {len(samples)} samples, dump says {u['samples']}")
        level = rms(samples)
        check(level > RMS_FLOOR, f"{u['file']}: silence (RMS {level:.4f}) for {u['text']!r}")
        lengths.append((len(u["text"]), len(samples)))
    # Longer text, longer sound: the longest third of the lines against the shortest third.
    lengths.sort()
    third = max(1, len(lengths) // 3)
    short = sum(n for _, n in lengths[:third]) / third
    long_ = sum(n for _, n in lengths[-third:]) / third
    check(long_ > short * 1.5, f"sound does not grow with text: {short:.0f} vs {long_:.0f} samples")
    for u in said:
        check("*" not in u["text"] and "|" not in u["text"] and "http" not in u["text"],
              f"symbols spoken: {u['text']!r}")
    return said


def make_listen_case(language):
    def case(world):
        voice = LANGUAGES[language][1]
        state, _ = world.run(language, open_article(language) + (
            "expect speech_available true\ntap @listen\nwait 4000\nscreenshot listening\n"
            "expect speech_reading 1\nexpect layout_off_screen 0\nexpect layout_under_9mm 0\n"
            "expect layout_cut 0\n"))
        check(state["speech_voice"] == voice, f"voice {state['speech_voice']}, want {voice}")
        check(state["speech_sink"] == "wav", f"sink {state['speech_sink']}")
        check_reading(state, voice)
    case.__name__ = f"listen_{language}"
    return case


for _language in LANGUAGES:
    cases.case(make_listen_case(_language))


@cases.case
def back_stops_at_once(world):
    state, _ = world.run("back", open_article("es") + (
        "tap @listen\nwait 3000\nexpect speech_reading 1\ntap @back\n"
        "expect speech_reading 0\nexpect speech_queued 0\nwait 5000\nexpect speech_queued 0\n"))
    stopped = state["speech_stopped_ms"]
    check(stopped > 0, "no stop recorded")
    said = state["speech_utterances"]
    check(any(u["stopped"] for u in said), "no line was cut off by Back")
    # Nothing heard past the frame (16 ms) after the one that saw Back's tap.
    for u in [u for u in said if u["heard_samples"] > 0]:
        heard_until = u["start_ms"] + u["heard_samples"] * 1000 // 22050
        check(heard_until <= stopped + 16, f"heard {heard_until - stopped} ms after Back: {u['text']!r}")
    check(not [u for u in said if u["reading"] != 1], "a new reading started after Back")


@cases.case
def listen_reads_from_the_top_of_the_screen(world):
    # Scrolled down the body, Listen starts at the first paragraph on screen, not the title.
    state, _ = world.run("scrolled", open_article("es") + (
        "drag 400 320 400 170 400\ndrag 400 320 400 170 400\nwait 2000\n"
        "expect scroll.detail/un-convention-1990/body !0\ntap @listen\nwait 1000\n"))
    said = [u for u in state["speech_utterances"] if u["reading"] == 1]
    check(said, "nothing spoken")
    check(said[0]["line"] > 2, f"read from line {said[0]['line']}: {said[0]['text']!r}")
    check(not said[0]["text"].startswith("La Convención de la ONU de 1990 sobre"),
          "read from the title, not from the screen's top")


@cases.case
def idle_reset_clears_volume_and_queue(world):
    state, _ = world.run("idle", open_article("es") + (
        "tap @listen\nwait 1000\ntap @listen.louder\ntap @listen.louder\n"
        "expect speech_volume_step 2\ntap @listen.pause\nexpect speech_paused true\n"
        "expect speech_queued !0\nwait 40000\nexpect screen welcome\nexpect speech_volume_step 0\n"
        "expect speech_reading 0\nexpect speech_queued 0\n"), "--idle-timeout", "15",
        "--idle-countdown", "5")
    check(state["speech_stopped_ms"] > 0, "the reset did not stop the reading")


@cases.case
def louder_is_louder(world):
    state, _ = world.run("volume", open_article("es") + (
        "tap @listen\nwait 300\ntap @listen.stop\n"
        "tap @listen\ntap @listen.quieter\ntap @listen.quieter\ntap @listen.quieter\n"
        "tap @listen.quieter\ntap @listen.quieter\nwait 20000\n"))
    first = [u for u in state["speech_utterances"] if u["reading"] == 1]
    quiet = [u for u in state["speech_utterances"] if u["reading"] == 2 and u["line"] >= 4]
    check(first and quiet, "nothing spoken")
    # 5 steps of 3 dB down: about 15 dB, a factor of 5.6 in amplitude.
    loud_rms = max(u["rms"] for u in first)
    quiet_rms = max(u["rms"] for u in quiet)
    check(quiet_rms < loud_rms / 3, f"quieter did not lower the sound: {loud_rms:.3f} -> {quiet_rms:.3f}")


@cases.case
def voice_switched_off_has_no_listen_button(world):
    state, _ = world.run("off", open_article("ht") + "expect speech_available false\n",
                         "--speech-voices", "ht=off")
    check("listen" not in state["targets"], "a Listen button for a language switched off")
    check(state["speech_utterances"] == [], "something was spoken")


@cases.case
def language_list_in_each_voice(world):
    state, _ = world.run("languages", "tap @welcome\nexpect screen language\ntap @listen\nwait 8000\n")
    voices = {u["voice"] for u in state["speech_utterances"]}
    for voice in ("es-419", "fr", "pt-br", "ht", "ar"):
        check(voice in voices, f"no language name read by {voice}: {sorted(voices)}")


@cases.case
def speech_mode_announces_and_reads_focus(world):
    # F9 (speech_key) on home: the screen is announced. Tab reads the first target (Back), Return
    # presses it: the language list is announced, each name in its own voice; once it is read
    # (the listen bar gone), Left reads the last language's button in that language's voice.
    state, _ = world.run("mode", (
        "tap @welcome\ntap @lang.es\nexpect screen home\nkey F9\nexpect speech_mode true\n"
        "expect speech_reading !0\nwait 2000\nkey Tab\nexpect speech_focus 0\nwait 1500\n"
        "key Return\nexpect screen language\nwait 9000\nexpect speech_reading 0\nkey Left\n"
        "wait 1500\n"))
    said = state["speech_utterances"]
    by_reading = {}
    for u in said:
        by_reading.setdefault(u["reading"], []).append(u)
    readings = sorted(by_reading)
    check(len(readings) == 4, f"want 4 readings (home, Back, language list, last language): {readings}")
    home, focus, languages, last = (by_reading[r] for r in readings)
    check(home[0]["voice"] == "es-419" and len(home) > 3, f"home not announced: {home[:2]}")
    check(len(focus) == 1 and focus[0]["text"] == "Atrás", f"focus not read: {focus}")
    voices = {u["voice"] for u in languages}
    check({"es-419", "fr", "ar", "ht"} <= voices, f"language list voices: {sorted(voices)}")
    check(len(last) == 1 and last[0]["voice"] == "ar", f"last language not in its voice: {last}")


@cases.case
def sdl_audio_dummy_driver(world):
    state, _ = world.run("sdl", open_article("fr") + "tap @listen\nwait 1000\n", "--no-wav",
                         env={"SDL_AUDIODRIVER": "dummy"})
    check(state["speech_sink"] == "sdl:dummy", f"sink {state['speech_sink']}")
    said = state["speech_utterances"]
    check(said and said[0]["samples"] > 5000 and said[0]["rms"] > RMS_FLOOR,
          f"no sound queued to the device: {said[:1]}")


def no_space(text):
    return "".join(text.split())


def reading_lines(state, reading):
    return [u for u in state["speech_utterances"] if u["reading"] == reading]


@cases.case
def sentence_highlighted_and_kept_in_view(world):
    # Read for 40 s: the body scrolls by itself to keep the sentence heard in view; the state
    # dump's highlight is that sentence's words as drawn, inside the body's visible box.
    state, _ = world.run("highlight", open_article("es") + (
        "tap @listen\nwait 40000\nscreenshot highlight\nexpect speech_reading 1\n"
        "expect scroll.detail/un-convention-1990/body !0\n"))
    mark = state["speech_highlight"]
    check(mark is not None, "nothing highlighted while reading")
    check(mark["line"] == state["speech_line"], f"highlight on line {mark['line']}, heard {state['speech_line']}")
    heard = [u for u in reading_lines(state, 1) if u["line"] == state["speech_line"]]
    check(heard, f"line {state['speech_line']} not spoken")
    # Not the block: the sentence (its words as drawn; the article has no phone numbers).
    check(no_space(mark["text"]) == no_space(heard[-1]["text"]),
          f"highlight {mark['text']!r} is not the sentence heard {heard[-1]['text']!r}")
    check(mark["in_view"], f"sentence heard out of view: {mark['rect']} in {mark['view']}")
    blocks = {u["line"]: u for u in reading_lines(state, 1)}
    check(len(blocks) > 4, f"only {len(blocks)} lines heard in 40 s")


@cases.case
def sentence_highlighted_in_arabic(world):
    state, _ = world.run("highlight-ar", open_article("ar") + (
        "tap @listen\nwait 25000\nscreenshot highlight-ar\nexpect speech_reading 1\n"))
    mark = state["speech_highlight"]
    check(mark is not None, "nothing highlighted while reading Arabic")
    check(mark["in_view"], f"sentence heard out of view: {mark['rect']} in {mark['view']}")
    heard = [u for u in reading_lines(state, 1) if u["line"] == state["speech_line"]][-1]
    # Right-to-left pieces are highlighted whole: every word heard is among those marked.
    for word in heard["text"].rstrip(".").split():
        check(word.strip(".،:؟()") in mark["text"], f"{word!r} heard but not highlighted: {mark['text']!r}")


@cases.case
def read_from_here(world):
    # A short tap on a paragraph says nothing; holding it reads from it; paused, the bar says a
    # paragraph can be tapped, and a tap on another paragraph reads from there.
    state, _ = world.run("from-here", open_article("es") + (
        "tap @para.3\nwait 500\nexpect speech_reading 0\n"
        "hold @para.3 900\nexpect speech_reading 1\nwait 1500\n"
        "tap @listen.pause\nexpect speech_paused true\n"
        "expect speech_caption Toque un párrafo para escucharlo desde ahí.\nscreenshot from-here\n"
        "tap @para.5\nexpect speech_reading 2\nexpect speech_paused false\nwait 1500\n"))
    first, second = reading_lines(state, 1), reading_lines(state, 2)
    check(first and second, f"readings: {[u['reading'] for u in state['speech_utterances']]}")
    mark = state["speech_highlight"]
    check(mark and mark["block"] == 5, f"reading 2 not on block 5: {mark}")
    check(second[0]["line"] > first[0]["line"] > 2,
          f"held block 3 read from line {first[0]['line']}, tapped block 5 from {second[0]['line']}")
    check(first[0]["text"].startswith("Derechos de todo trabajador"), f"block 3 heard as {first[0]['text']!r}")
    check(any(u["stopped"] for u in first), "the first reading was not cut off by the tap")


@cases.case
def every_screen_can_be_heard(world):
    # Each visitor screen has a Listen button and says what it shows.
    walks = {
        "home": ("", ["Mapa", "Sus derechos"]),
        "list": ("tap @tile.rights\nexpect screen category\n", ["Sus derechos", "20 resultados"]),
        "directory": ("tap @tile.institutions\nexpect screen directory\n", ["Dónde pedir ayuda", "ACNUR Brasil", "Brasília, Brasil"]),
        "search": ("tap @search\ntype refugiados\ntap @key.hide\nexpect screen search\n", ["refugiados"]),
        "map": ("tap @tile.map\nexpect screen map\n", ["Mapa", "Lugares en el mapa: "]),
        "seasonal": ("tap @tile.map\ntap @map.layer_seasonal\nexpect map_layer seasonal\n", ["Canadá"]),
    }
    for name, (steps, wanted) in walks.items():
        state, _ = world.run("screen-" + name, "tap @welcome\ntap @lang.es\n" + steps + (
            "expect speech_available true\ntap @listen\nexpect speech_reading 1\nwait 12000\n"
            f"screenshot {name}\nexpect layout_off_screen 0\nexpect layout_under_9mm 0\n"))
        said = " ".join(u["text"] for u in reading_lines(state, 1))
        check(len(reading_lines(state, 1)) >= 2, f"{name}: only {said!r}")
        for word in wanted:
            check(word.lower() in said.lower(), f"{name}: {word!r} not heard in {said[:300]!r}")
        check("\x01" not in said and "→" not in said and "·" not in said,
              f"{name}: symbols spoken: {said[:200]!r}")


@cases.case
def headphones_start_speech_mode(world):
    # speech_on_headphones: a sound output plugged in (SDL_AUDIODEVICEADDED; the script stands
    # in for the board) starts speech mode on the welcome screen: the languages in their voices.
    state, _ = world.run("headphones", "audio-device-added\nexpect speech_mode true\n"
                         "expect speech_reading !0\nwait 8000\n", "--speech-on-headphones", "yes")
    voices = {u["voice"] for u in state["speech_utterances"]}
    check({"es-419", "fr", "ar", "ht"} <= voices, f"languages not announced in their voices: {sorted(voices)}")
    state, _ = world.run("no-headphones", "audio-device-added\nexpect speech_mode false\nwait 2000\n")
    check(state["speech_utterances"] == [], "speech started though speech_on_headphones is off")


@cases.case
def alerts_heard_first(world):
    # A fleet alert published with guichet-publish and fetched by guichet-sync: Listen on home
    # says it (its severity, title and body, in the visitor's language) before the tiles.
    bin_dir = os.path.dirname(world.kiosk)
    out = world.dir
    publish = os.path.join(bin_dir, "guichet-publish")
    key, repo, state_dir = (os.path.join(out, n) for n in ("publisher.key", "repo", "state-alerts"))

    def run(*args):
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)

    run(publish, "keygen", key)
    run(publish, "init", repo, "--key", key)
    run(publish, "push", repo, world.store, "--key", key, "--zstd-level", "1")
    run(publish, "alert", repo, "--key", key, "--id", "scam", "--severity", "warning", "--for", "86400",
        "--title", "es=Nadie cobra por una cita de asilo",
        "--body", "es=Si alguien le pide dinero, avise al personal.")
    os.makedirs(state_dir, exist_ok=True)
    conf = os.path.join(out, "sync.conf")
    with open(conf, "w", encoding="utf-8") as f:
        f.write(f"source = {repo}\nstate_dir = {state_dir}\ntrusted_root = {repo}/metadata/1.root.json\n"
                "min_free_bytes = 0\n")
    run(os.path.join(bin_dir, "guichet-sync"), "--config", conf, "--once")
    state, _ = world.run("alerts", "tap @welcome\ntap @lang.es\nexpect screen home\ntap @listen\n"
                         "wait 8000\n", "--state-dir-keep", state_dir)
    said = [u["text"] for u in reading_lines(state, 1)]
    check(len(said) >= 4, f"only {said}")
    check(said[1] == "Nadie cobra por una cita de asilo", f"the alert is not heard first: {said[:4]}")
    check(said[2].startswith("Si alguien le pide dinero"), f"the alert's body not heard: {said[:4]}")
    check(said[3] == "Inicio", f"home not read after the alert: {said[:5]}")


@cases.case
def notices_heard(world):
    # Staff writes a notice pinned to home; a visitor hears it on home, in the notices list and
    # opened.
    state_dir = os.path.join(world.dir, "state-notices")
    os.makedirs(state_dir, exist_ok=True)
    subprocess.run([world.kiosk, "--state-dir", state_dir, "--set-pin"], input="4826\n", text=True,
                   check=True, capture_output=True)
    staff = ("hold @staff.corner 3300\n" + "".join(f"tap @pin.{d}\n" for d in "4826") +
             "tap @pin.ok\nexpect staff_page status\ntap @staff.page.notices\ntap @notice.new\n"
             "type cerrado el lunes\ntap @notice.pin\ntap @notice.save\n"
             "expect staff_message staff.notice_saved\ntap @staff.leave\nexpect screen welcome\n")
    visitor = ("tap @welcome\ntap @lang.es\ntap @listen\nwait 20000\n"
               "tap @tile.notices\nexpect screen notices\ntap @listen\nwait 4000\n"
               "tap @notice.0\ntap @listen\nwait 4000\n")
    state, _ = world.run("notices", staff + visitor, "--state-dir-keep", state_dir)
    for reading in (1, 2, 3):
        said = " ".join(u["text"] for u in reading_lines(state, reading)).lower()
        check("cerrado el lunes" in said, f"reading {reading} has no notice: {said[:300]!r}")


if __name__ == "__main__":
    bin_dir = sys.argv[1] if len(sys.argv) > 1 else ""
    sys.exit(main(__doc__, cases, "kiosk-speech", lambda d: World(d, bin_dir), lambda w: None,
                  keep_variable="KEEP"))
