"""Peak memory of the whole pipeline on very long input: one sentence without a stop, and a long article.

    .venv/bin/python bench/long_text.py [--sizes 10000,50000,100000] [--article 1095332]

Each case runs in a fresh process (models loaded, then one text extracted and turned into N-Triples) and its
peak resident memory is read from the kernel (wait4, as `/usr/bin/time -v` reports it). The first line is one
ordinary sentence: the models' own share. A sentence is cut into pieces of at most `extract.tokens.MAX_SENTENCE`
words, so the parser's work, and memory, stay flat whatever the sentence's length; `--no-cut` shows the old
behaviour.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("газ нефть танкер поставки компания терминал заявил министр договор трубопровод цены рынок экспорт "
         "Россия Казахстан соглашение атака порт энергетика").split()
SENTENCE = ("Министр энергетики заявил, что поставки газа по трубопроводу в Европу возобновятся в марте, а "
            "компания «Газпром» подписала договор с Казахстаном о строительстве нового терминала в порту. ")

CHILD = """
import sys
import extract.tokens
if sys.argv[1] == "no-cut":
    extract.tokens.MAX_SENTENCE = 10 ** 9
from extract.pipeline import build_nlp, extract_documents
from extract.reader import SourceText
from kg.graph import document_ntriples
text = sys.stdin.read()
nlp = build_nlp()
[doc] = extract_documents(nlp, [SourceText(path="long.txt", key="long", title="", date=None, text=text,
                                           content_hash="0")])
print(len(doc.sentences), len(document_ntriples(doc)))
"""


def one_sentence(chars: int) -> str:
    """Words with no punctuation at all, `chars` characters long."""
    out, n, i = [], 0, 0
    while n < chars:
        word = WORDS[i * 7 % len(WORDS)]
        out.append(word)
        n += len(word) + 1
        i += 1
    return " ".join(out)[:chars]


def article(chars: int) -> str:
    """Ordinary sentences in paragraphs of five, `chars` characters long."""
    para = SENTENCE * 5 + "\n\n"
    return (para * (chars // len(para) + 1))[:chars]


def measure(text: str, cut: bool = True) -> tuple[float, float, str]:
    """(peak RSS in MB, seconds, the child's output) of one extraction in a fresh process, reaped here with
    wait4 so that the figures are that child's own."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-c", CHILD, "cut" if cut else "no-cut"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=err, env=env, cwd=ROOT)
        proc.stdin.write(text.encode("utf-8"))
        proc.stdin.close()
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = status
        if status:
            err.seek(0)
            raise RuntimeError(err.read().decode("utf-8", "replace")[-2000:])
    return usage.ru_maxrss / 1024, time.perf_counter() - started, out.decode().strip()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,50000,100000", help="characters of the one-sentence texts")
    ap.add_argument("--article", type=int, default=1_095_332, help="characters of the long article (0: none)")
    ap.add_argument("--no-cut", action="store_true", help="do not cut long sentences (the old behaviour)")
    args = ap.parse_args(argv)
    cases = [("one short sentence", SENTENCE)]
    cases += [(f"one sentence, {n:,} chars", one_sentence(n)) for n in map(int, args.sizes.split(","))]
    if args.article:
        cases.append((f"article, {args.article:,} chars", article(args.article)))
    print(f"{'case':34} {'peak RSS MB':>12} {'s':>7}  sentences, N-Triples chars")
    for name, text in cases:
        rss, seconds, out = measure(text, cut=not args.no_cut)
        print(f"{name:34} {rss:12.0f} {seconds:7.1f}  {out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
