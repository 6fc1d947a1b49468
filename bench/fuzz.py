"""Random and adversarial texts through the whole pipeline and the graph: no input may crash a stage.

    .venv/bin/python bench/fuzz.py [--cases 1000] [--seed 1234]

Each case is a text made from real news sentences (the seed and the test texts) mangled one or more ways:
control characters, run-on sentences without punctuation, mixed scripts (Latin, CJK, Arabic, emoji, combining
marks), cuts mid-word or mid-phrase, punctuation alone, unbalanced quotes and brackets, garbage numbers and
dates, odd article dates. Each is extracted alone, written as N-Triples (kg.graph) and parsed back with
Oxigraph, which must give as many triples as were written, with no ill-typed literal (a date of 31 February).
The run ends with `cases N, crashes C` and exits 1 when C > 0. tests/test_fuzz.py runs 200 cases with seed 1234.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CONTROLS = [chr(c) for c in range(0x20) if c not in (0x0A,)] + ["\x7f", "\x85", "\u2028", "\u2029", "\ufeff",
                                                               "\u200b", "\u200d", "\u200e", "\u202e", "\ufffd"]
SCRIPTS = ["Gazprom", "Shell plc", "O'Neil", "中国石油", "中国石化", "天然气管道", "ＬＵＫ", "أرامكو السعودية",
           "النفط", "שלום", "🛢️", "🚢🔥", "👨‍👩‍👧", "🇷🇺", "é", "й", "ё", "и\u0306", "е\u0308", "a\u0301\u0302\u0303",
           "Ǆ", "ß", "ﬁ", "Ⅻ", "①", "𝔊𝔞𝔷", "𗍤", "газ𗀀", "\u0301", "\u0489", "Ꙁ", "ѣ", "ѳ", "ї", "ә", "ғ", "ү"]
PUNCT = list(".,;:!?…—–-()[]{}«»„“”\"'‹›/\\|*&%$#@^~`+=<>§№")
QUOTES = ["«", "»", "„", "“", "”", "\"", "'", "(", ")", "[", "]"]
NUMBERS = ["32.13.2024", "2024-02-30", "31 февраля", "в ночь на 45 марта", "0 января 0 года", "1e309",
           "99999999999999999999 года", "−0", "в 0 году", "с 5 по 1 марта", "в -3 веке", "в 10000 году",
           "ХХI века", "1/0", "NaN", "∞", "в 1812-м", "в ночь на", "вчера", "позавчера", "через 10000 лет",
           "12:61", "25.12.", "2024-W10-1", "20240301", "на 146 % больше", "0,000000001 барреля",
           "1 000 000 000 000 000 000 тонн"]
WORDS = ("газ нефть танкер поставки компания терминал заявил министр договор трубопровод цены рынок экспорт Россия "
         "Казахстан соглашение атака порт энергетика Газпром Роснефть президент Путин санкции беспилотник").split()
DATES = [None, None, "2024-02-29", "0001-01-01", "9999-12-31", "1970-01-01"]


def sentences() -> list[str]:
    """Sentences of the seed and the test texts (their `date` header lines dropped)."""
    out = []
    for folder in (ROOT / "seeds", ROOT / "tests" / "texts"):
        for path in sorted(folder.glob("*.txt")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip() and not line.startswith("date "):
                    out += [s.strip() + "." for s in line.split(". ") if s.strip()]
    return out


def sprinkle(rng, text: str, pool: list[str], k: int) -> str:
    """`text` with k items of `pool` inserted at random places."""
    chars = list(text)
    for _ in range(k):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(pool))
    return "".join(chars)


def run_on(rng, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def mangle(rng, text: str, kind: str) -> str:
    if kind == "controls":
        return sprinkle(rng, text, CONTROLS, rng.randint(1, 30))
    if kind == "scripts":
        return sprinkle(rng, text, [f" {s} " if rng.random() < 0.5 else s for s in SCRIPTS], rng.randint(1, 20))
    if kind == "cut":        # mid-word, or mid-phrase at a space
        i = rng.randrange(len(text) + 1)
        if rng.random() < 0.5 and " " in text[:i]:
            i = text[:i].rindex(" ")
        return text[:i]
    if kind == "punctuation":
        return "".join(rng.choice(PUNCT + [" ", "\n"]) for _ in range(rng.randint(1, 300)))
    if kind == "quotes":
        return sprinkle(rng, text, QUOTES, rng.randint(1, 15))
    if kind == "numbers":
        return sprinkle(rng, text, [f" {n} " for n in NUMBERS], rng.randint(1, 10))
    if kind == "run-on":     # a sentence without punctuation, up to past the parser's cut
        return run_on(rng, rng.choice([50, 400, 1500]))
    if kind == "no-punctuation":
        return "".join(c for c in text if c.isalnum() or c.isspace())
    if kind == "whitespace":
        spaces = [" ", "\n", "\t", "\u00a0", "\u3000", "\r", "\x0c"]
        return "".join(rng.choice(spaces) for _ in range(rng.randint(0, 50)))
    if kind == "repeat":     # one token many times: names, nouns, brackets
        return rng.choice(["Газпром ", "танкер ", "() ", "«", "Путин, ", "в ", "МИД России "]) * rng.randint(1, 400)
    if kind == "random":
        return "".join(chr(rng.choice([rng.randint(0x20, 0x7e), rng.randint(0x400, 0x4ff), rng.randint(0xa0, 0x2fff),
                                       rng.randint(0x3000, 0xd7ff), rng.randint(0xe000, 0x10ffff)]))
                       for _ in range(rng.randint(1, 400)))
    raise ValueError(kind)


KINDS = ("controls", "scripts", "cut", "punctuation", "quotes", "numbers", "run-on", "no-punctuation",
         "whitespace", "repeat", "random")


def fuzz_cases(seed: int, n: int) -> list[tuple[str, str, str | None]]:
    """n cases (kinds, text, article date), the same for the same seed."""
    rng = random.Random(seed)
    pool = sentences()
    cases = []
    for _ in range(n):
        text = " ".join(rng.sample(pool, rng.randint(1, 6)))
        if rng.random() < 0.3:
            text = text.replace(". ", ".\n\n", rng.randint(1, 3))
        kinds = rng.sample(KINDS, rng.choice([1, 1, 2, 3]))
        for kind in kinds:
            text = mangle(rng, text, kind)
        text = "".join(c for c in text if not 0xD800 <= ord(c) <= 0xDFFF)   # a decoded file holds no surrogates
        cases.append(("+".join(kinds), text, rng.choice(DATES)))
    return cases


XSD = "http://www.w3.org/2001/XMLSchema#"
LEXICAL = {XSD + "date": re.compile(r"-?\d{4,}-\d\d-\d\d"), XSD + "gYearMonth": re.compile(r"-?\d{4,}-(0[1-9]|1[0-2])"),
           XSD + "gYear": re.compile(r"-?\d{4,}"), XSD + "integer": re.compile(r"[+-]?\d+"),
           XSD + "decimal": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")}


def ill_typed(term) -> bool:
    """A typed literal whose text is not of its datatype (a date needs a real day: no 31 February, no year 0)."""
    import pyoxigraph as ox
    if not isinstance(term, ox.Literal) or term.datatype.value not in LEXICAL:
        return False
    if not LEXICAL[term.datatype.value].fullmatch(term.value):
        return True
    if term.datatype.value == XSD + "date":
        try:
            dt.date.fromisoformat(term.value)
        except ValueError:
            return True
    return term.datatype.value != XSD + "integer" and term.value.lstrip("-").startswith("0000")


def check(nlp, i: int, text: str, date: str | None) -> str | None:
    """None when the text goes through the pipeline, the graph and a parse-back; else the traceback."""
    import pyoxigraph as ox

    from extract.pipeline import extract_documents
    from extract.reader import SourceText
    from kg.graph import document_ntriples
    try:
        title = text.split("\n", 1)[0][:80] if i % 3 == 0 else ""
        source = SourceText(path=f"fuzz_{i}.txt", key=f"fuzz-{i}", title=title, date=date, text=text,
                            content_hash=str(i))
        [doc] = extract_documents(nlp, [source])
        nt = document_ntriples(doc)
        written = sum(1 for line in nt.split("\n") if line.strip())
        parsed = list(ox.parse(nt, ox.RdfFormat.N_TRIPLES))
        if len(parsed) != written:
            return f"{written} N-Triples lines written, {len(parsed)} triples parsed back"
        bad = [str(t.object) for t in parsed if ill_typed(t.object)]
        if bad:
            return f"ill-typed literals: {bad}"
    except Exception:
        return traceback.format_exc()
    return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1234)
    args = ap.parse_args(argv)
    from extract.pipeline import build_nlp
    nlp = build_nlp()
    started, crashes = time.perf_counter(), 0
    for i, (kinds, text, date) in enumerate(fuzz_cases(args.seed, args.cases)):
        error = check(nlp, i, text, date)
        if error:
            crashes += 1
            print(f"CRASH case {i} ({kinds}, {len(text)} chars, date {date}): {text[:120]!r}\n{error}", flush=True)
    print(f"cases {args.cases}, crashes {crashes}, seed {args.seed}, {time.perf_counter() - started:.0f} s")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
