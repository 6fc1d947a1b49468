"""Benchmark of the HTML view: seconds until the page is usable in headless chromium.

    .venv/bin/python bench/view.py [--sizes 1000 5000] [--cap 120]

For each size, a generated network shaped like the built graph (entities and events, ~1.5 edges per
node, a source sentence each) is rendered twice in the same run: as `kg view` renders it (layout
computed in Python above PHYSICS_LIMIT nodes, physics off) and as the baseline, vis-network's own
physics with pyvis's defaults (improvedLayout on), which must settle before the page is usable.
"Usable" = drawn and no longer moving. A baseline that has not settled after --cap seconds is shown
as ">cap". The seed's graph, when a store is given, is timed the same way. "Relayout" is, on the
page as `kg view` renders it, the seconds from ticking "only nodes with links" until the nodes left
are laid out again, still and drawn (the generated networks have no isolated node: all of them are laid out).
"Frame" is one step of a pan on that page: the view moved, the whole network drawn and painted (a pixel read
back from the canvas, which waits until chromium has really rasterised what vis-network drew); "draw" is the
same step until `network.redraw()` returns, what this script timed as "redraw" before 2026-12-03 08:30.
"""
from __future__ import annotations

import argparse
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.view import PHYSICS_LIMIT, render_html  # noqa: E402
from ontology.terms import EKG, Category  # noqa: E402

CLASSES = {EKG.Person: Category.ACTOR, EKG.State: Category.ACTOR, EKG.Company: Category.ACTOR,
           EKG.Tanker: Category.ASSET, EKG.Terminal: Category.ASSET, EKG.City: Category.PLACE,
           EKG.Attack: Category.EVENT, EKG.Statement: Category.EVENT}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# One step of a pan, three times: the view moves, vis-network draws every shown node and edge on its 2D canvas,
# and a pixel read back waits until the canvas is really painted: chromium records a 2D canvas's drawing and
# rasterises it later, so `redraw()` returning ("draw") is not the frame seen. Seconds a step, [draw, painted].
FRAME_JS = """() => { const n = kgView.network, at = n.getViewPosition(), scale = n.getScale();
    const canvases = [...document.querySelectorAll("#network canvas")];
    const paint = () => { for (const c of canvases) c.getContext("2d").getImageData(0, 0, 1, 1); };
    let drawn = 0, t = 0;
    for (let i = 0; i <= 3; i++) {     // step 0 untimed: the canvas's first read backs may change how it paints
        if (i === 1) { drawn = 0; t = performance.now(); }
        const s = performance.now();
        n.moveTo({ position: { x: at.x + 20 * i, y: at.y }, scale, animation: false });
        n.redraw();
        drawn += performance.now() - s;
        paint();
    }
    const painted = performance.now() - t;
    n.moveTo({ position: at, scale, animation: false });
    return [drawn / 3000, painted / 3000]; }"""


def synthetic_network(n: int, seed: int = 1) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    classes = list(CLASSES)
    g = nx.MultiDiGraph()
    for i in range(n):
        cls = rnd.choice(classes)
        g.add_node(f"urn:n{i}", iri=f"urn:n{i}", kind="event" if CLASSES[cls] == "event" else "entity",
                   cls=cls, category=CLASSES[cls], types=[cls], label_ru=f"узел {i}", label_en=f"node {i}",
                   alt=[], same_as=[], dates=[f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}"], date_text=None,
                   quote=None, confidence=0.8,
                   sources=[{"doc": f"urn:doc{i // 20}", "headline": f"Статья {i // 20}", "date": "2026-01-01",
                             "sentence": f"Предложение об узле {i}, достаточно длинное, как в новостях.",
                             "mark": [14, 18]}])
    for i, data in g.nodes(data=True):        # what the timeline and the map draw (kg/spacetime.py)
        if data["kind"] == "event":
            day = data["dates"][0]
            data["when"] = {"begin": day, "end": day, "precision": "day",
                            "source": "report date" if rnd.random() < 0.6 else "text"}
        if data["cls"] == EKG.City or (data["kind"] == "event" and rnd.random() < 0.5):
            data["geo"] = [round(rnd.uniform(35, 65), 3), round(rnd.uniform(20, 90), 3)]
    for i in range(1, n):                      # a connected backbone plus random links, ~1.5 edges per node
        g.add_edge(f"urn:n{i}", f"urn:n{rnd.randrange(i)}", key="agent", predicate=EKG.agent,
                   label_en="agent", label_ru="агенс", sentence=None)
    for _ in range(n // 2):
        a, b = rnd.sample(range(n), 2)
        g.add_edge(f"urn:n{a}", f"urn:n{b}", key="target", predicate=EKG.target,
                   label_en="target", label_ru="объект", sentence=None)
    g.graph["classes"] = {c: {"label_en": c.rsplit("#")[-1], "label_ru": c.rsplit("#")[-1], "category": k,
                              "count": 0} for c, k in CLASSES.items()}
    return g


def time_page(browser, html: Path, cap: float, relayout: bool = False) -> tuple[float | None, ...]:
    """Seconds from navigation until the network is drawn and still, and (with `relayout`) one redraw of
    the whole network (what each step of a pan or zoom costs: until `redraw()` returns, and until painted) and
    from the links-only filter until it is still and drawn again; None past `cap`."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    start = time.perf_counter()
    usable = again = draw = frame = None
    try:   # a page of vis-network's physics over a large graph may not even finish loading within the cap
        page.goto(html.as_uri(), wait_until="load", timeout=cap * 1000)
        page.wait_for_function("window.kgView && kgView.isDrawn() && kgView.isStable() && "
                               "(!window.kgTimeline || kgTimeline.isDrawn())",
                               timeout=max(1.0, cap - (time.perf_counter() - start)) * 1000, polling=100)
        usable = time.perf_counter() - start
        if relayout:
            draw, frame = page.evaluate(FRAME_JS)
            draws = page.evaluate("kgView.draws()")
            start = time.perf_counter()
            page.evaluate("kgView.setConnectedOnly(true)")
            page.wait_for_function(f"kgView.layouts() === 1 && kgView.isStable() && kgView.draws() > {draws}",
                                   timeout=cap * 1000, polling=100)
            again = time.perf_counter() - start
    except Exception as error:  # playwright's TimeoutError (shown as >cap), or the page failed
        print(f"  {html.name}: {str(error).splitlines()[0]}", file=sys.stderr)
    finally:
        page.close()
    return usable, draw, frame, again


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--cap", type=float, default=120.0, help="seconds before a page counts as never usable")
    ap.add_argument("--store", default=None, help="also time the view of this store (e.g. one built from seeds/)")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    cases = []
    if args.store:
        from kg.network import read_network
        from kg.stores import open_store
        cases.append((f"store {args.store}", read_network(open_store(args.store, read_only=True))))
    cases += [(f"generated, {n} nodes", synthetic_network(n)) for n in args.sizes]
    print(f"machine: {platform.processor() or platform.machine()}, {__import__('os').cpu_count()} cores; "
          f"PHYSICS_LIMIT={PHYSICS_LIMIT}; cap {args.cap:.0f} s")
    print(f"{'graph':<28} {'nodes':>6} {'edges':>6} {'render s':>9} {'usable s':>9} {'baseline s':>11} {'ratio':>6} "
          f"{'draw s':>7} {'frame s':>8} {'relayout s':>10} {'page MB':>8}")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        for name, graph in cases:
            t = time.perf_counter()
            ours = render_html(graph)
            render = time.perf_counter() - t
            (Path(tmp) / "ours.html").write_text(ours, encoding="utf-8")
            (Path(tmp) / "base.html").write_text(render_html(graph, physics_limit=10 ** 9), encoding="utf-8")
            usable, draw, frame, again = time_page(browser, Path(tmp) / "ours.html", args.cap, relayout=True)
            base, *_ = time_page(browser, Path(tmp) / "base.html", args.cap)
            fmt = lambda s, d=2: f"{s:.{d}f}" if s is not None else f">{args.cap:.0f}"  # noqa: E731
            ratio = (f"{base / usable:.1f}x" if base else f">{args.cap / usable:.1f}x") if usable else "-"
            print(f"{name:<28} {graph.number_of_nodes():>6} {graph.number_of_edges():>6} {render:>9.2f} "
                  f"{fmt(usable):>9} {fmt(base):>11} {ratio:>6} {fmt(draw, 3):>7} {fmt(frame, 3):>8} {fmt(again):>10} "
                  f"{len(ours.encode()) / 1e6:>8.1f}",
                  flush=True)
        browser.close()
    print("usable = drawn and still; baseline = vis-network physics with pyvis defaults; ratio = baseline / usable; "
          "draw / frame = one step of a pan until redraw() returns / until the canvas is painted; "
          "relayout = links-only filter until still and drawn again")
    return 0


if __name__ == "__main__":
    sys.exit(main())
