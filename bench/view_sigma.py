"""sigma.js (WebGL) on the same generated networks and positions as bench/view.py: seconds until drawn and
one frame (refresh) of the whole network, to weigh a move away from vis-network (bench/RESULTS.md, "The view
at 5,000 nodes: reading it"). Not part of the project: it needs sigma and graphology from npm,

    cd /tmp/sigma && npm install sigma@3 graphology
    .venv/bin/python bench/view_sigma.py /tmp/sigma/node_modules
"""
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from view import CHROMIUM_ARGS, synthetic_network  # noqa: E402
from kg.style import node_size, weight  # noqa: E402
from kg.view import layout  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

NM = Path(sys.argv[1] if len(sys.argv) > 1 else "node_modules")


def page(g):
    pos = layout(g)
    nodes = [{"key": n, "attributes": {"x": pos[n][0], "y": -pos[n][1], "size": node_size(weight(g, n)) / 3,
              "label": g.nodes[n]["label_ru"], "color": "#1f77b3"}} for n in g]
    edges = [{"source": s, "target": o} for s, o in g.edges()]
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
<div id="c" style="width:1400px;height:900px"></div>
<script>{(NM / "graphology/dist/graphology.umd.min.js").read_text()}</script>
<script>{(NM / "sigma/dist/sigma.min.js").read_text()}</script>
<script>
const t0 = performance.now();
const g = new graphology.MultiDirectedGraph();
g.import({{nodes: {json.dumps(nodes)}, edges: {json.dumps(edges)}}});
const r = new Sigma(g, document.getElementById("c"), {{renderEdgeLabels: false}});
r.refresh(); requestAnimationFrame(() => {{ window.drawnAt = performance.now() - t0; window.drawn = true; }});
window.frame = () => {{
  const t = performance.now();
  for (let i = 0; i < 3; i++) r.refresh();
  return (performance.now() - t) / 3000;
}};
</script></body></html>"""


# vis-network's runs turn the GPU off; WebGL needs it on, here as SwiftShader (software, no GPU on this machine)
WEBGL_ARGS = [a for a in CHROMIUM_ARGS if a != "--disable-gpu"] + ["--use-angle=swiftshader", "--enable-unsafe-swiftshader"]

with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=WEBGL_ARGS)
    for n in (1000, 5000):
        html = NM.parent / f"sigma-{n}.html"
        html.write_text(page(synthetic_network(n)), encoding="utf-8")
        tab = browser.new_page(viewport={"width": 1400, "height": 900})
        errors = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        start = time.perf_counter()
        tab.goto(html.as_uri())
        tab.wait_for_function("window.drawn === true", timeout=60000, polling=50)
        usable = time.perf_counter() - start
        frame = tab.evaluate("frame()")
        print(f"sigma.js, generated {n}: usable {usable:.2f} s, frame {frame:.3f} s, "
              f"page {html.stat().st_size / 1e6:.1f} MB, errors {errors}")
        tab.close()
    browser.close()
