"""The spaCy glue around Natasha's models, two versions in one process, and Natasha's own Doc API beside them.

    PYTHONPATH=$PWD .venv/bin/python bench/natasha_glue.py OLD_EXPORT [REPEATS] [CORPORA_DIR]
    (OLD_EXPORT: another commit's tree, e.g. `git archive 3ebc46c | tar -x -C /tmp/old`)

Tokenizer, morphology, syntax and NER of this checkout ("new") and of OLD_EXPORT's morphology.py, syntax.py and
ner.py ("old"), and natasha.Doc's segment, tag_morph, parse_syntax and tag_ner ("native"), take turns on chunks
of 10 factru-dev texts (the order reversed every other chunk); CPU time (`process_time`) per document, each
repeat a pass over all texts (the first one cold: new words enter spaCy's vocabulary). OLD_EXPORT's stages run
on this checkout's extract/models.py, so it must call what that module has (`predict_by_length` since
2026-12-04, where older stages called `map_by_length`).
"""
import re, statistics, sys, time, types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / 'bench')]
from corpus import corpora_dir  # noqa: E402

OLD = Path(sys.argv[1])
CORPORA = Path(sys.argv[3]) if len(sys.argv) > 3 else corpora_dir()
import extract.pipeline  # env + registrations
from extract import models, tokens
import natasha

def load_old(name):
    src = (OLD / 'extract' / f'{name}.py').read_text()
    src = src.replace('from .morphology import sentence_tokens', 'from extract.old_morphology import sentence_tokens')
    src = re.sub(r'@Language\.factory\(.*?\)\n', '', src, flags=re.S)
    mod = types.ModuleType(f'extract.old_{name}'); mod.__package__ = 'extract'
    exec(compile(src, f'old_{name}', 'exec'), mod.__dict__)
    sys.modules[mod.__name__] = mod
    return mod
om, osy, on = load_old('morphology'), load_old('syntax'), load_old('ner')
from extract import morphology as nm, syntax as nsy, ner as nn
import spacy
nlp = spacy.blank("ru", config={"nlp": {"tokenizer": {"@tokenizers": "natasha_tokenizer.v1"}}})
tok = nlp.tokenizer
old = [om.NatashaMorphology(), osy.NatashaSyntax(), on.NatashaNER()]
new = [nm.NatashaMorphology(), nsy.NatashaSyntax(), nn.NatashaNER()]
paths = sorted((CORPORA / 'factru-dev').glob('*.txt'))
texts = [p.read_text(encoding='utf-8') for p in paths]
emb = models.embedding()   # natasha's own models, as natasha loads them (no kept word ids: extract/models.py)
steps = ((natasha.Doc.segment, natasha.Segmenter()), (natasha.Doc.tag_morph, natasha.NewsMorphTagger(emb)),
         (natasha.Doc.parse_syntax, natasha.NewsSyntaxParser(emb)), (natasha.Doc.tag_ner, natasha.NewsNERTagger(emb)))
def run_spacy(comps, part):
    for t in part:
        d = tok(t)
        for c in comps: d = c(d)
def run_native(part):
    for t in part:
        d = natasha.Doc(t)
        for s, m in steps: s(d, m)
runs = {'old': lambda p: run_spacy(old, p), 'new': lambda p: run_spacy(new, p), 'native': run_native}
for r in runs.values(): r(texts[:3])
res = {k: [] for k in runs}
for rep in range(int(sys.argv[2]) if len(sys.argv) > 2 else 3):
    tot = {k: 0.0 for k in runs}
    for i in range(0, len(texts), 10):
        part = texts[i:i+10]
        order = list(runs) if (i // 10 + rep) % 2 == 0 else list(runs)[::-1]
        for k in order:
            c = time.process_time(); runs[k](part); tot[k] += time.process_time() - c
    for k in runs: res[k].append(tot[k])
    print(rep, {k: round(v * 1000 / len(texts), 2) for k, v in tot.items()}, 'old/new', round(tot['old'] / tot['new'], 3), 'native/new', round(tot['native'] / tot['new'], 3), 'native/old', round(tot['native'] / tot['old'], 3), flush=True)
print('median ms/doc', {k: round(statistics.median(v) * 1000 / len(texts), 2) for k, v in res.items()})
