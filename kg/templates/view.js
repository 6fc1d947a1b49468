// The network page: vis-network plus search, filters, tooltips and a details panel.
// Every text that comes from documents is put on screen with textContent, never as HTML.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const classes = data.classes;
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const state = { language: "ru", hidden: new Set(), from: "", to: "", connectedOnly: false };
  const degree = new Map();
  for (const e of data.edges) for (const id of [e.from, e.to]) degree.set(id, (degree.get(id) || 0) + 1);

  // ------------------------------------------------------------ helpers
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  const fold = (s) => (s || "").toLocaleLowerCase().replace(/ё/g, "е");
  const label = (n) => (state.language === "en" ? n.kg.label_en : n.kg.label_ru) || n.kg.iri;
  const classLabel = (cls) => {
    const c = classes[cls || ""];
    return c ? (state.language === "en" ? c.label_en : c.label_ru) : "untyped";
  };
  const edgeLabel = (e) => (state.language === "en" ? e.kg.label_en : e.kg.label_ru) || e.kg.predicate;

  // A sentence with the mention or trigger marked, built from text nodes.
  function sentence(source) {
    const q = el("blockquote");
    const s = source.sentence || "";
    if (source.mark) {
      q.append(s.slice(0, source.mark[0]), el("mark", s.slice(source.mark[0], source.mark[1])), s.slice(source.mark[1]));
    } else {
      q.textContent = s;
    }
    return q;
  }
  function sourceLine(source) {
    // the article's address as text, never a link: it comes from the document (docs/DESIGN.md "The endpoint")
    return el("div", [source.headline || source.doc, source.date, source.url].filter(Boolean).join(" · "), "source");
  }

  function nodeSummary(n, full) {
    const box = el("div", null, full ? "" : "tip");
    const k = n.kg;
    box.append(el(full ? "h2" : "div", k.label_ru === k.label_en ? k.label_ru : `${k.label_ru} / ${k.label_en}`, "labels"));
    box.append(el("div", classLabel(k.cls) + (k.kind === "event" && k.date_text ? ` · ${k.date_text}` : "") +
      (k.confidence != null ? ` · confidence ${k.confidence}` : "")));
    if (k.quote) box.append(el("blockquote", `«${k.quote}»`));
    if (k.alt && k.alt.length) box.append(el("div", "also: " + k.alt.join("; ")));
    if (k.same_as && k.same_as.length) box.append(el("div", "same as: " + k.same_as.join(" ")));
    for (const [p, v] of k.facts || []) box.append(el("div", `${p}: ${v}`));
    const shown = full ? k.sources : (k.sources || []).slice(0, 2);
    for (const s of shown || []) box.append(sentence(s), sourceLine(s));
    if (!full && k.sources && k.sources.length > 2) box.append(el("div", `… ${k.sources.length - 2} more (click)`, "hint"));
    box.append(el("div", k.iri, "iri"));
    return box;
  }
  function edgeSummary(e, full) {
    const box = el("div", null, full ? "" : "tip");
    const from = byId.get(e.from), to = byId.get(e.to);
    box.append(el(full ? "h2" : "div", `${label(from)} → ${edgeLabel(e)} → ${label(to)}`, "labels"));
    if (e.kg.sentence) box.append(el("blockquote", e.kg.sentence));
    box.append(el("div", e.kg.predicate, "iri"));
    return box;
  }

  // ------------------------------------------------------------ network
  const nodes = new vis.DataSet(data.nodes.map((n) => (n.kg.focus ? { ...n, borderWidth: 4, font: { size: 16, bold: true } } : n)));
  const edges = new vis.DataSet(data.edges.map((e, i) => ({ ...e, id: i })));

  function inRange(n) {
    if (!state.from && !state.to) return true;
    const dates = n.kg.dates || [];
    if (!dates.length) return true;           // undated nodes stay: a filter on dates must not hide them
    const first = dates[0], last = dates[dates.length - 1];
    return (!state.to || first.slice(0, 10) <= state.to) && (!state.from || last.slice(0, 10) >= state.from);
  }
  // The map's filter and any other panel's (map.js): name -> node predicate. `except` leaves one part out, so
  // a panel shows what the other filters keep ("dates": the date range, which the timeline drives).
  const filters = new Map();
  const visibleExcept = (n, except) => !state.hidden.has(n.kg.cls || "") && (except === "dates" || inRange(n)) &&
    (!state.connectedOnly || degree.has(n.id)) && [...filters].every(([name, keep]) => name === except || keep(n));
  const visible = (n) => visibleExcept(n, null);
  const nodeView = new vis.DataView(nodes, { filter: visible });
  const edgeView = new vis.DataView(edges, {
    filter: (e) => visible(byId.get(e.from)) && visible(byId.get(e.to)),
  });
  const container = document.getElementById("network");
  const network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  // Physics only lays the graph out: once it settles it stops, so nodes stay where an analyst drags them.
  let drawn = false, stable = !data.options.physics.enabled;
  network.once("afterDrawing", () => { drawn = true; document.body.dataset.drawn = "true"; });
  if (!stable) {
    network.once("stabilizationIterationsDone", () => { network.setOptions({ physics: false }); stable = true; });
  }

  function status() {
    document.getElementById("status").textContent =
      `${nodeView.length} of ${nodes.length} nodes, ${edgeView.length} of ${edges.length} edges shown`;
  }
  function refresh() {
    nodeView.refresh(); edgeView.refresh(); status();
    document.dispatchEvent(new CustomEvent("kg-filter"));    // the timeline and the map follow
  }
  function setFilter(name, keep) {
    if (keep) filters.set(name, keep); else filters.delete(name);
    refresh();
  }

  // ------------------------------------------------------------ tooltip
  // Our own, built on hover: vis-network's popups would need an element per node made up front,
  // which costs seconds at 5,000 nodes.
  const tooltip = document.getElementById("tooltip");
  function showTip(box, pointer) {
    tooltip.replaceChildren(box);
    tooltip.style.left = `${pointer.x + 12}px`;
    tooltip.style.top = `${pointer.y + 12}px`;
    tooltip.hidden = false;
  }
  network.on("hoverNode", (p) => showTip(nodeSummary(byId.get(p.node), false), p.pointer.DOM));
  network.on("hoverEdge", (p) => showTip(edgeSummary(edges.get(p.edge), false), p.pointer.DOM));
  for (const ev of ["blurNode", "blurEdge", "dragStart", "zoom"]) network.on(ev, () => { tooltip.hidden = true; });

  // ------------------------------------------------------------ details panel
  const details = document.getElementById("details");
  function show(box) { details.replaceChildren(box); }
  network.on("click", (p) => {
    if (p.nodes.length) {
      const n = byId.get(p.nodes[0]);
      const box = nodeSummary(n, true);
      const links = network.getConnectedEdges(n.id).map((id) => edges.get(id));
      if (links.length) {
        box.append(el("h3", "Links"));
        const ul = el("ul");
        for (const e of links) {
          const other = byId.get(e.from === n.id ? e.to : e.from);
          ul.append(el("li", e.from === n.id ? `${edgeLabel(e)} → ${label(other)}` : `${label(other)} → ${edgeLabel(e)}`));
        }
        box.append(ul);
      }
      show(box);
    } else if (p.edges.length) {
      show(edgeSummary(edges.get(p.edges[0]), true));
    }
  });

  // ------------------------------------------------------------ search
  function search(text) {
    const q = fold(text.trim());
    if (!q) return [];
    return data.nodes.filter((n) => [n.kg.label_ru, n.kg.label_en, ...(n.kg.alt || [])].some((s) => fold(s).includes(q)))
      .map((n) => n.id);
  }
  function select(ids) {
    const shown = ids.filter((id) => nodeView.get(id));
    network.selectNodes(shown);
    if (shown.length === 1) network.focus(shown[0], { scale: 1.2, animation: false });
    else if (shown.length) network.fit({ nodes: shown, animation: false });
    return shown;
  }
  const results = document.getElementById("results");
  document.getElementById("search").addEventListener("input", (ev) => {
    const ids = search(ev.target.value);
    results.replaceChildren(...ids.slice(0, 30).map((id) => {
      const li = el("li", `${label(byId.get(id))} — ${classLabel(byId.get(id).kg.cls)}`);
      li.dataset.id = id;
      li.addEventListener("click", () => { select([id]); show(nodeSummary(byId.get(id), true)); });
      return li;
    }));
    select(ids);
  });

  // ------------------------------------------------------------ labels, legend and filters
  function setLanguage(lang) {
    state.language = lang;
    nodes.update(data.nodes.map((n) => ({ id: n.id, label: label(n) })));
    edges.update(data.edges.map((e, i) => ({ id: i, label: edgeLabel(e) })));
    drawLegend();
  }
  document.getElementById("language").addEventListener("change", (ev) => setLanguage(ev.target.value));

  function setClassVisible(cls, on) {
    if (on) state.hidden.delete(cls); else state.hidden.add(cls);
    const box = document.querySelector(`#legend input[data-class="${CSS.escape(cls)}"]`);
    if (box) box.checked = on;
    refresh();
  }
  function drawLegend() {
    const legend = document.getElementById("legend");
    legend.replaceChildren();
    for (const [category, name] of Object.entries(data.categories)) {
      const members = Object.entries(classes).filter(([, c]) => c.category === category);
      if (!members.length) continue;
      legend.append(el("h3", name));
      for (const [cls, c] of members) {
        const row = el("label");
        const box = el("input");
        box.type = "checkbox";
        box.checked = !state.hidden.has(cls);
        box.dataset.class = cls;
        box.addEventListener("change", () => setClassVisible(cls, box.checked));
        const swatch = el("span", null, "swatch " + c.shape);
        swatch.style.background = c.color;
        row.append(box, swatch, el("span", state.language === "en" ? c.label_en : c.label_ru), el("span", c.count, "count"));
        row.title = cls;
        legend.append(row);
      }
    }
  }
  function setDateRange(from, to) {
    state.from = from || ""; state.to = to || "";
    document.getElementById("date-from").value = state.from;
    document.getElementById("date-to").value = state.to;
    refresh();
  }
  for (const id of ["date-from", "date-to"]) {
    document.getElementById(id).addEventListener("change", () =>
      setDateRange(document.getElementById("date-from").value, document.getElementById("date-to").value));
  }

  function setConnectedOnly(on) {
    state.connectedOnly = on;
    document.getElementById("connected").checked = on;
    refresh();
  }
  document.getElementById("connected").addEventListener("change", (ev) => setConnectedOnly(ev.target.checked));

  drawLegend();              // labels arrive in Russian from Python: no relabelling pass at start
  status();
  // For tests and for analysts at the browser console.
  window.kgView = {
    data, nodes, edges, network, search, select, setClassVisible, setDateRange, setLanguage, setConnectedOnly,
    setFilter, visibleExcept,
    visibleNodeIds: () => nodeView.getIds(), visibleEdgeIds: () => edgeView.getIds(),
    isDrawn: () => drawn, isStable: () => stable,
  };
})();
