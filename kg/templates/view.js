// The network page: vis-network plus search, filters, tooltips and a details panel.
// Every text that comes from documents is put on screen with textContent, never as HTML.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const classes = data.classes;
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const state = { language: data.language || "ru", hidden: new Set(), from: "", to: "", connectedOnly: false,
    hideUndated: false };
  // The page's own words, one language at a time (the graph's labels come in both from Python).
  const TEXT = {
    ru: {
      search: "Поиск (по лемме и в предложениях)", searchPlaceholder: "КТК, путина, танкер…", language: "Язык",
      dates: "Период (ГГГГ-ММ-ДД)", dateFrom: "с", dateTo: "по", undated: "скрыть узлы без даты",
      connected: "только узлы со связями",
      hint: "Щёлкните узел или связь, чтобы увидеть, откуда они взяты.", links: "Связи",
      confidence: "уверенность", also: "также", sameAs: "то же, что", untyped: "без класса",
      more: (n) => `… ещё ${n} (щёлкните)`, reports: (n) => `сообщений: ${n}`, inSentence: "в предложении источника",
      hub: "Узел-хаб: остальные его связи не показаны", layingOut: "раскладка…",
      status: (a, b, c, d) => `показано узлов: ${a} из ${b}, связей: ${c} из ${d}`,
      timeline: "Хронология", timelineFilter: "фильтровать по этому периоду", timelineAll: "Все даты",
      reportDate: "серые, полые: дата сообщения (в тексте даты нет)", map: "Карта",
      mapFilter: "фильтровать по этой области", mapAll: "Вся карта",
    },
    en: {
      search: "Search (by lemma and in sentences)", searchPlaceholder: "КТК, Kazakhstan, tanker…", language: "Language",
      dates: "Date range (YYYY-MM-DD)", dateFrom: "from", dateTo: "to", undated: "hide nodes without a date",
      connected: "only nodes with links",
      hint: "Click a node or an edge to see where it comes from.", links: "Links",
      confidence: "confidence", also: "also", sameAs: "same as", untyped: "untyped",
      more: (n) => `… ${n} more (click)`, reports: (n) => `${n} reports`, inSentence: "in a source sentence",
      hub: "A hub: its other links are not shown", layingOut: "laying out…",
      status: (a, b, c, d) => `${a} of ${b} nodes, ${c} of ${d} edges shown`,
      timeline: "Timeline", timelineFilter: "filter by this period", timelineAll: "All dates",
      reportDate: "grey, hollow: the report's date (the text gives none)", map: "Map",
      mapFilter: "filter by this area", mapAll: "Whole map",
    },
  };
  const t = (key) => TEXT[state.language][key];
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
  // What the canvas shows: an event's class, date and main actor; an entity's label.
  const caption = (n) => (state.language === "en" ? n.kg.caption_en : n.kg.caption_ru) || label(n);
  const classLabel = (cls) => {
    const c = classes[cls || ""];
    return c && cls ? (state.language === "en" ? c.label_en : c.label_ru) : t("untyped");
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
    box.append(el(full ? "h2" : "div", caption(n), "labels"));
    box.append(el("div", classLabel(k.cls) + (k.kind === "event" && k.date_text ? ` · ${k.date_text}` : "") +
      (k.confidence != null ? ` · ${t("confidence")} ${k.confidence}` : "")));
    if (k.reports > 1) box.append(el("div", t("reports")(k.reports), "reports"));   // one event, several documents
    if (k.hub) box.append(el("div", t("hub"), "hint"));
    if (k.quote) box.append(el("blockquote", `«${k.quote}»`));
    if (k.alt && k.alt.length) box.append(el("div", `${t("also")}: ` + k.alt.join("; ")));
    if (k.same_as && k.same_as.length) box.append(el("div", `${t("sameAs")}: ` + k.same_as.join(" ")));
    for (const [ru, en, v] of k.facts || []) box.append(el("div", `${state.language === "en" ? en : ru}: ${v}`));
    const shown = full ? k.sources : (k.sources || []).slice(0, 2);
    for (const s of shown || []) box.append(sentence(s), sourceLine(s));
    if (!full && k.sources && k.sources.length > 2) box.append(el("div", t("more")(k.sources.length - 2), "hint"));
    box.append(el("div", k.iri, "iri"));
    return box;
  }
  function edgeSummary(e, full) {
    const box = el("div", null, full ? "" : "tip");
    const from = byId.get(e.from), to = byId.get(e.to);
    box.append(el(full ? "h2" : "div", `${caption(from)} → ${edgeLabel(e)} → ${caption(to)}`, "labels"));
    if (e.kg.sentence) box.append(el("blockquote", e.kg.sentence));
    box.append(el("div", e.kg.predicate, "iri"));
    return box;
  }

  // ------------------------------------------------------------ network
  const marked = (n) => (n.kg.focus ? { ...n, borderWidth: 4, font: { size: 16, bold: true } }
    : n.kg.hub ? { ...n, borderWidth: 3, shapeProperties: { borderDashes: [5, 4] } } : n);
  const nodes = new vis.DataSet(data.nodes.map(marked));
  const edges = new vis.DataSet(data.edges.map((e, i) => ({ ...e, id: i })));

  function inRange(n) {
    if (!state.from && !state.to) return true;
    const dates = n.kg.dates || [];
    // undated nodes stay unless asked: not known to be outside the range, but on undated articles they are most
    if (!dates.length) return !state.hideUndated;
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
  let drawn = false, stable = !data.options.physics.enabled, layouts = 0;
  let draws = 0;
  network.once("afterDrawing", () => { drawn = true; document.body.dataset.drawn = "true"; });
  network.on("afterDrawing", () => { draws += 1; });
  network.on("stabilizationIterationsDone", () => {
    network.setOptions({ physics: false });
    if (layouts) network.fit({ animation: false });
    stable = true;
    status();
  });

  function status() {
    document.getElementById("status").textContent = t("status")(nodeView.length, nodes.length, edgeView.length, edges.length) +
      (stable ? "" : ` · ${t("layingOut")}`);
  }
  // After a filter the shown nodes are laid out again, from where they stand: a small graph by vis-network's
  // physics (as at opening), a large one by layout.js's grid Fruchterman-Reingold, which takes a fraction of
  // a second where the physics took half a minute at 5,000 nodes; either way still again afterwards.
  function relayout() {
    layouts += 1;
    const n = nodeView.length;
    if (n <= data.physicsLimit) {
      stable = false;
      status();
      network.setOptions({ physics: { ...data.options.physics, enabled: true } });
      network.stabilize(250);
      return;
    }
    const ids = nodeView.getIds();
    const placed = window.kgLayout(network.getPositions(ids), edgeView.get().map((e) => [e.from, e.to]));
    // straight onto the drawn nodes: a DataSet update of 5,000 positions took 2.7 s, this a few ms
    for (const id of ids) Object.assign(network.body.nodes[id], placed[id]);
    fitTo(Object.values(placed));
    status();
  }
  // network.fit() reads the nodes' boxes as last drawn (the old places): drawing 5,000 nodes once more just
  // for it took 1.8 s, so the view is moved onto the new places' extent directly.
  function fitTo(points) {
    const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const scale = 0.9 * Math.min(container.clientWidth / ((x1 - x0) || 1), container.clientHeight / ((y1 - y0) || 1));
    network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale, animation: false });
  }
  function refresh() {
    nodeView.refresh(); edgeView.refresh(); relayout();
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
        box.append(el("h3", t("links")));
        const ul = el("ul");
        for (const e of links) {
          const other = byId.get(e.from === n.id ? e.to : e.from);
          ul.append(el("li", e.from === n.id ? `${edgeLabel(e)} → ${caption(other)}` : `${caption(other)} → ${edgeLabel(e)}`));
        }
        box.append(ul);
      }
      show(box);
    } else if (p.edges.length) {
      show(edgeSummary(edges.get(p.edges[0]), true));
    }
  });

  // ------------------------------------------------------------ search
  // Search: a query word meets a label or a sentence word when they share a lemma (data.forms, from
  // pymorphy3: «путина» -> путин) or the label contains the query as typed (partial words, Latin).
  const forms = data.forms || {};
  const WORD = /[\p{L}]+(?:-[\p{L}]+)*/gu;
  const wordsOf = (s) => fold(s).match(WORD) || [];
  const lemmasOf = (w) => [w, ...(forms[w] || [])];
  const nodeLemmas = new Map(data.nodes.map((n) => [n.id, new Set(n.kg.lemmas || [])]));
  let sentenceLemmas = null;      // node id -> one Set of lemmas per source sentence, made at the first search
  function sentenceIndex() {
    if (!sentenceLemmas) {
      sentenceLemmas = new Map(data.nodes.map((n) => [n.id, (n.kg.sources || []).map((s) =>
        new Set(wordsOf(s.sentence).flatMap(lemmasOf)))]));
    }
    return sentenceLemmas;
  }
  function searchHits(text) {
    const q = fold(text.trim());
    if (!q) return { labels: [], sentences: [] };
    const query = wordsOf(q).map(lemmasOf);
    const meets = (set) => query.length > 0 && query.every((ls) => ls.some((l) => set.has(l)));
    const labels = data.nodes.filter((n) => meets(nodeLemmas.get(n.id)) ||
      [n.kg.label_ru, n.kg.label_en, ...(n.kg.alt || [])].some((s) => fold(s).includes(q))).map((n) => n.id);
    const found = new Set(labels);
    const index = sentenceIndex();
    const sentences = data.nodes.filter((n) => !found.has(n.id) && (index.get(n.id).some(meets) ||
      (n.kg.sources || []).some((s) => fold(s.sentence).includes(q)))).map((n) => n.id);
    return { labels, sentences };
  }
  function search(text) {
    const hits = searchHits(text);
    return [...hits.labels, ...hits.sentences];
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
    tooltip.hidden = true;            // the view moves onto the hits: a tooltip left over would point at nothing
    const hits = searchHits(ev.target.value);
    const ids = [...hits.labels, ...hits.sentences];
    const inSentence = new Set(hits.sentences);
    results.replaceChildren(...ids.slice(0, 30).map((id) => {
      const li = el("li", `${label(byId.get(id))} — ${classLabel(byId.get(id).kg.cls)}` +
        (inSentence.has(id) ? ` (${t("inSentence")})` : ""));
      li.dataset.id = id;
      li.dataset.match = inSentence.has(id) ? "sentence" : "label";
      li.addEventListener("click", () => { select([id]); show(nodeSummary(byId.get(id), true)); });
      return li;
    }));
    select(ids);
  });

  // ------------------------------------------------------------ labels, legend and filters
  // Everything in one language: canvas labels, edge labels, legend, controls, status, title, open panels.
  function setLanguage(lang) {
    state.language = lang;
    document.getElementById("language").value = lang;
    nodes.update(data.nodes.map((n) => ({ id: n.id, label: caption(n) })));
    edges.update(data.edges.map((e, i) => ({ id: i, label: edgeLabel(e) })));
    drawChrome();
    drawLegend();
    status();
    tooltip.hidden = true;
    details.replaceChildren(el("p", t("hint"), "hint"));
    const results = document.getElementById("results");
    if (results.childElementCount) document.getElementById("search").dispatchEvent(new Event("input"));
  }
  function drawChrome() {
    document.documentElement.lang = state.language;
    const title = data.title[state.language] || data.title.en;
    document.title = title;
    document.querySelector("header h1").textContent = title;
    for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
    for (const e of document.querySelectorAll("[data-i18n-placeholder]")) e.placeholder = t(e.dataset.i18nPlaceholder);
    for (const e of document.querySelectorAll("[data-i18n-aria-label]")) e.setAttribute("aria-label", t(e.dataset.i18nAriaLabel));
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
      legend.append(el("h3", name[state.language]));
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
  const ISO = /^\d{4}-\d{2}-\d{2}$/;
  function setDateRange(from, to) {
    if ((from && !ISO.test(from)) || (to && !ISO.test(to))) return;   // half typed: wait for a whole date
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
  function setHideUndated(on) {
    state.hideUndated = on;
    document.getElementById("undated").checked = on;
    refresh();
  }
  document.getElementById("undated").addEventListener("change", (ev) => setHideUndated(ev.target.checked));

  drawChrome();
  drawLegend();              // canvas labels arrive in the page's language from Python: no relabelling pass
  document.getElementById("language").value = state.language;
  status();
  // For tests and for analysts at the browser console.
  window.kgView = {
    data, nodes, edges, network, search, searchHits, select, setClassVisible, setDateRange, setLanguage,
    language: () => state.language, label, classLabel, edgeLabel,   // the panels' words in the page's language
    setConnectedOnly, setHideUndated, relayout, layouts: () => layouts, draws: () => draws, setFilter, visibleExcept,
    visibleNodeIds: () => nodeView.getIds(), visibleEdgeIds: () => edgeView.getIds(),
    isDrawn: () => drawn, isStable: () => stable,
  };
})();
