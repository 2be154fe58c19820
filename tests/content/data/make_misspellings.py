#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes misspellings.csv: queries as visitors type them on a touchscreen, by ear and in a
# hurry, for words of the sample content, each with the items a correct search finds. The
# kinds of error are the ones seen on kiosks and in the issue (18): sounds written the way they
# are heard (s/c/z, j/g/h, v/b, ll/y, ou/u, qu/k, a silent h left out or added), doubled
# letters single and single ones doubled, a letter left out, two letters swapped, a
# neighbouring key, accents left out. Deterministic (seeded); run it again after changing the
# targets: /usr/bin/python3 make_misspellings.py > misspellings.csv
import random
import unicodedata

# lang, the word or words as the content writes them, the items that should come first.
TARGETS = [
    ("es", "asilo", "asylum"),
    ("es", "refugiado", "asylum"),
    ("es", "refugio", "asylum"),
    ("es", "regularización", "regularization"),
    ("es", "regularizar", "regularization"),
    ("es", "convención", "un-convention-1990"),
    ("es", "xenofobia", "xenophobia-abuse"),
    ("es", "abusos", "xenophobia-abuse"),
    ("es", "trata de personas", "trafficking-smuggling"),
    ("es", "tráfico", "trafficking-smuggling"),
    ("es", "directorio", "institutions-directory"),
    ("es", "acogida", "integration-first-steps;brazil-interiorization"),
    ("es", "invertir", "productive-investment"),
    ("es", "procesos regionales", "regional-processes"),
    ("es", "cifras", "sicremi"),
    ("es", "leyes migratorias", "milex"),
    ("es", "corte interamericana", "court-decisions"),
    ("es", "resoluciones", "resolutions-agreements"),
    ("es", "tratados", "resolutions-agreements"),
    ("es", "capital humano", "return-human-capital"),
    ("es", "segura", "regular-safe-migration"),
    ("es", "circulación", "caricom-free-movement"),
    ("es", "calificados", "caricom-free-movement"),
    ("es", "interiorización", "brazil-interiorization"),
    ("es", "raíces", "argentina-raices"),
    ("es", "reintegración", "iom-avrr"),
    ("es", "voluntario", "iom-avrr"),
    ("es", "cucayo", "ecuador-cucayo"),
    ("es", "refugiados", "comar;asylum;acnur-mexico"),
    ("es", "albergue", "hermanos-en-el-camino;albergue-belen-tapachula"),
    ("es", "tijuana", "casa-migrante-tijuana"),
    ("es", "guatemala", "igm-guatemala;conamigua;pdh-guatemala;casa-migrante-guatemala;iom-guatemala"),
    ("es", "consulado", "consulado-mexico-los-angeles;consulado-mexico-toronto"),
    ("es", "zacatecanos", "clubes-zacatecanos"),
    ("es", "agrícolas", "canada-sawp-caribbean;canada-sawp-mexico;canada-tfwp-agricultural"),
    ("es", "programa interamericano", "inter-american-program;oas-adopts-inter-american-program-2005"),
    ("es", "ayuda", "trafficking-smuggling"),
    ("es", "trabajo temporal", "minpet;us-h2b"),
    ("es", "derechos humanos", "cndh-mexico;pdh-guatemala;fray-matias"),
    ("es", "visa", "us-h2a;us-h2b"),
    ("en", "asylum", "asylum"),
    ("en", "refugee", "asylum"),
    ("en", "regularizing", "regularization"),
    ("en", "xenophobia", "xenophobia-abuse"),
    ("en", "trafficking", "trafficking-smuggling"),
    ("en", "smuggling", "trafficking-smuggling"),
    ("en", "directory", "institutions-directory"),
    ("en", "investing", "productive-investment"),
    ("en", "treaties", "resolutions-agreements"),
    ("en", "agreements", "resolutions-agreements"),
    ("en", "reintegration", "iom-avrr"),
    ("en", "voluntary", "iom-avrr"),
    ("en", "seasonal", "canada-sawp-caribbean;canada-sawp-mexico"),
    ("en", "interiorization", "brazil-interiorization"),
    ("en", "skilled", "caricom-free-movement"),
    ("en", "convention", "un-convention-1990"),
    ("en", "figures", "sicremi"),
    ("en", "contribution", "migrant-contributions"),
    ("en", "development", "migrant-contributions"),
    ("en", "safely", "regular-safe-migration"),
    ("fr", "asile", "asylum"),
    ("fr", "réfugié", "asylum"),
    ("fr", "régulariser", "regularization"),
    ("fr", "xénophobie", "xenophobia-abuse"),
    ("fr", "répertoire", "institutions-directory"),
    ("fr", "accueil", "integration-first-steps;brazil-interiorization"),
    ("fr", "chiffres", "sicremi"),
    ("fr", "traités", "resolutions-agreements"),
    ("fr", "réintégration", "iom-avrr"),
    ("fr", "saisonniers", "canada-sawp-caribbean;canada-sawp-mexico"),
    ("fr", "ressortissants", "caricom-free-movement"),
    ("fr", "qualifiés", "caricom-free-movement"),
    ("fr", "développement", "migrant-contributions"),
    ("fr", "travailleurs", "un-convention-1990;canada-sawp-caribbean;canada-sawp-mexico;canada-tfwp-agricultural"),
    ("fr", "coopération", "ricomi"),
    ("pt", "regularizar", "regularization"),
    ("pt", "situação", "regularization"),
    ("pt", "acolhida", "integration-first-steps;brazil-interiorization"),
    ("pt", "xenofobia", "xenophobia-abuse"),
    ("pt", "contrabando", "trafficking-smuggling"),
    ("pt", "diretório", "institutions-directory"),
    ("pt", "interiorização", "brazil-interiorization"),
    ("pt", "reintegração", "iom-avrr"),
    ("pt", "trabalhadores", "un-convention-1990"),
    ("pt", "segura", "regular-safe-migration"),
    ("ht", "azil", "asylum"),
    ("ht", "refijye", "asylum"),
    ("ht", "regilarize", "regularization"),
    ("ht", "sitiyasyon", "regularization"),
    ("ht", "ksenofobi", "xenophobia-abuse"),
    ("ht", "kontrebann", "trafficking-smuggling"),
    ("ht", "enstitisyon", "institutions-directory"),
    ("ht", "sezonye", "canada-sawp-caribbean"),
    ("ht", "reyentegrasyon", "iom-avrr"),
    ("ht", "konvansyon", "un-convention-1990"),
    ("ht", "sekirite", "regular-safe-migration"),
    ("ht", "pwoteksyon", "xenophobia-abuse"),
    ("ht", "kalifikasyon", "caricom-free-movement"),
]

# Sounds heard the same, in both directions, per language (a visitor writes what they hear).
SOUNDS = {
    "es": [("ci", "si"), ("ce", "se"), ("z", "s"), ("s", "z"), ("ll", "y"), ("y", "ll"),
           ("v", "b"), ("b", "v"), ("gi", "ji"), ("ge", "je"), ("j", "g"), ("qu", "k"),
           ("c", "k"), ("h", ""), ("", "h"), ("x", "ks")],
    "pt": [("ç", "ss"), ("ção", "sao"), ("ss", "s"), ("lh", "ly"), ("nh", "ni"), ("x", "ch"),
           ("ge", "je"), ("gi", "ji"), ("qu", "k"), ("v", "b"), ("h", ""), ("z", "s")],
    "fr": [("ou", "u"), ("qu", "k"), ("ph", "f"), ("é", "er"), ("ai", "è"), ("ss", "s"),
           ("c", "s"), ("g", "j"), ("h", ""), ("tion", "sion"), ("eu", "e")],
    "ht": [("ou", "u"), ("w", "ou"), ("k", "c"), ("s", "z"), ("y", "i"), ("j", "g"),
           ("an", "en"), ("en", "an"), ("è", "e")],
    "en": [("ph", "f"), ("c", "s"), ("ee", "i"), ("y", "i"), ("ck", "k"), ("tion", "shun")],
}

NEIGHBOURS = {
    "a": "qs", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj",
    "i": "uo", "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o",
    "q": "wa", "r": "et", "s": "ad", "t": "ry", "u": "yi", "v": "cb", "w": "qe", "x": "zc",
    "y": "tu", "z": "x",
}


def plain(text):
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if unicodedata.category(c) != "Mn")


def by_ear(rng, lang, word):
    options = [(a, b) for a, b in SOUNDS[lang] if a and a in word]
    if "" in [a for a, _ in SOUNDS[lang]] and word[0] in "aeiou":
        options.append(("", "h"))
    if not options:
        return None
    a, b = rng.choice(options)
    if a == "":
        return "h" + word
    spots = [i for i in range(len(word)) if word.startswith(a, i)]
    i = rng.choice(spots)
    return word[:i] + b + word[i + len(a):]


def doubled(rng, word):
    spots = [i for i in range(1, len(word)) if word[i] == word[i - 1]]
    if spots:
        i = rng.choice(spots)
        return word[:i] + word[i + 1:]
    i = rng.randrange(1, len(word) - 1)
    if not word[i].isalpha():
        return None
    return word[:i] + word[i] + word[i:]


def dropped(rng, word):
    i = rng.randrange(1, len(word))
    return word[:i] + word[i + 1:]


def swapped(rng, word):
    i = rng.randrange(1, len(word) - 1)
    if word[i] == word[i + 1]:
        return None
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def neighbour(rng, word):
    i = rng.randrange(1, len(word))
    c = word[i]
    if c not in NEIGHBOURS:
        return None
    return word[:i] + rng.choice(NEIGHBOURS[c]) + word[i + 1:]


KINDS = [("by ear", None), ("doubled", doubled), ("dropped", dropped), ("swapped", swapped),
         ("neighbour", neighbour)]


def main():
    rng = random.Random(18)
    print("lang,typed,correct,kind,expected")
    rows = set()
    for lang, correct, expected in TARGETS:
        words = correct.split(" ")
        # The longest word carries the mistake; short words stay as typed.
        target = max(range(len(words)), key=lambda i: len(words[i]))
        made = 0
        kinds = KINDS[:]
        rng.shuffle(kinds)
        kinds.sort(key=lambda k: k[0] != "by ear")  # a by-ear spelling first when one fits
        for name, make in kinds:
            if made == 3:
                break
            word = words[target]
            if len(plain(word)) < 4:
                continue
            wrong = by_ear(rng, lang, word) if make is None else make(rng, word)
            if not wrong or plain(wrong) == plain(word):
                continue
            # Half the visitors also leave the accents out.
            if rng.random() < 0.5:
                wrong = plain(wrong)
            typed = " ".join(words[:target] + [wrong] + words[target + 1:])
            if (lang, typed) in rows:
                continue
            rows.add((lang, typed))
            print(f"{lang},{typed},{correct},{name},{expected}")
            made += 1


main()
