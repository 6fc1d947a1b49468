// The event table under the timeline and the map: one row per event the other panels keep (classes, dates, the
// map's area), sortable by any column, a row selects its event in the network, and "CSV" saves the rows shown.
// Its columns are those of `kg events` that the page has: date, class, actors, other roles, place, source, and
// how many reports (documents) an event merged across documents has (kg.network folds them into one node).
// Every text from the documents goes in with textContent.
(function () {
  "use strict";
  const view = window.kgView;
  const data = view.data;
  const HAS_PLACE = "http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace";
  const AGENT = "https://w3id.org/energy-kg/ont#agent";
  const events = data.nodes.filter((n) => n.kg.kind === "event");
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const roles = new Map(events.map((n) => [n.id, []]));
  for (const e of data.edges) if (roles.has(e.from)) roles.get(e.from).push(e);

  const TEXT = {
    ru: { title: "События", csv: "CSV", date: "Дата", cls: "Класс", actors: "Кто", others: "Кого / с кем",
      place: "Где", source: "Источник", sentence: "Предложение", reports: "Сообщений", reportDate: "дата сообщения",
      status: (a, b) => `показано событий: ${a} из ${b}` },
    en: { title: "Events", csv: "CSV", date: "Date", cls: "Class", actors: "Who", others: "Whom / with whom",
      place: "Where", source: "Source", sentence: "Sentence", reports: "Reports", reportDate: "report date",
      status: (a, b) => `${a} of ${b} events shown` },
  };
  const COLUMNS = ["date", "cls", "actors", "others", "place", "source", "sentence", "reports"];
  const t = (key) => TEXT[view.language()][key];
  const label = view.label;                    // the page's language, as the network's panels have it
  const roleLabel = view.edgeLabel;
  const classLabel = (n) => view.classLabel(n.kg.cls);
  const names = (edges) => [...new Set(edges.map((e) => label(byId.get(e.to))))].join("; ");

  // "target: Дельта Хармони, Матильда; topic: Атака": each role once, with its fillers
  function byRole(edges) {
    const groups = new Map();
    for (const e of edges) {
      const role = roleLabel(e);
      if (!groups.has(role)) groups.set(role, new Set());
      groups.get(role).add(label(byId.get(e.to)));
    }
    return [...groups].map(([role, fillers]) => `${role}: ${[...fillers].join(", ")}`).join("; ");
  }

  // One row's cells as plain strings (what the table shows, sorts and saves), in the page's language.
  function cells(n) {
    const w = n.kg.when;
    const edges = roles.get(n.id);
    const source = (n.kg.sources || []).find((s) => s.sentence) || (n.kg.sources || [])[0] || {};
    return {
      date: w ? (w.begin === w.end ? w.begin : `${w.begin} – ${w.end}`) : "",
      cls: classLabel(n),
      actors: names(edges.filter((e) => e.kg.predicate === AGENT)),
      others: byRole(edges.filter((e) => e.kg.predicate !== AGENT && e.kg.predicate !== HAS_PLACE)),
      place: names(edges.filter((e) => e.kg.predicate === HAS_PLACE)),
      source: [source.date, source.headline].filter(Boolean).join(" · "),
      url: source.url || "",
      sentence: source.sentence || "",
      reports: String(n.kg.reports || 1),
      report: Boolean(w && w.source === "report date"),
    };
  }

  const table = document.getElementById("event-table");
  const statusBox = document.getElementById("events-status");
  const sort = { column: "date", descending: false };
  let rows = [];            // [node, cells] of the events shown, in the order shown

  function header() {
    const tr = document.createElement("tr");
    for (const column of COLUMNS) {
      const th = document.createElement("th");
      th.textContent = t(column) + (sort.column === column ? (sort.descending ? " ▼" : " ▲") : "");
      th.dataset.column = column;
      th.setAttribute("aria-sort", sort.column === column ? (sort.descending ? "descending" : "ascending") : "none");
      th.addEventListener("click", () => {
        sort.descending = sort.column === column ? !sort.descending : false;
        sort.column = column;
        draw();
      });
      tr.append(th);
    }
    return tr;
  }
  function row(n, c) {
    const tr = document.createElement("tr");
    tr.dataset.id = n.id;
    for (const column of COLUMNS) {
      const td = document.createElement("td");
      if (column === "source" && /^https?:\/\//i.test(c.url)) {   // a link only to a web page, never javascript:
        const a = document.createElement("a");
        a.href = c.url;
        a.rel = "noopener noreferrer";
        a.target = "_blank";
        a.textContent = c.source;
        td.append(a);
      } else {
        td.textContent = c[column];
      }
      if (column === "date" && c.report) {
        td.className = "report-date";
        td.title = t("reportDate");
      }
      tr.append(td);
    }
    tr.addEventListener("click", () => {
      for (const other of table.querySelectorAll("tr.selected")) other.classList.remove("selected");
      tr.classList.add("selected");
      view.select([n.id]);
    });
    return tr;
  }
  const collator = new Intl.Collator(["ru", "en"], { numeric: true, sensitivity: "base" });
  function draw() {
    rows = events.filter((n) => view.visibleExcept(n, null)).map((n) => [n, cells(n)]);
    // empty cells last in either direction: an undated event is not the earliest one
    rows.sort((a, b) => (!a[1][sort.column]) - (!b[1][sort.column]) ||
      (sort.descending ? -1 : 1) * collator.compare(a[1][sort.column], b[1][sort.column]));
    const body = document.createElement("tbody");
    body.append(...rows.map(([n, c]) => row(n, c)));
    const head = document.createElement("thead");
    head.append(header());
    table.replaceChildren(head, body);
    statusBox.textContent = t("status")(rows.length, events.length);
    document.getElementById("events-title").textContent = t("title");
  }

  // RFC 4180: every field quoted, quotes doubled; UTF-8 with a BOM so spreadsheet programs read Cyrillic.
  function csv() {
    const quote = (s) => `"${String(s).replace(/"/g, '""')}"`;
    const lines = [[...COLUMNS.map(t), "url", "iri"].map(quote).join(",")];
    for (const [n, c] of rows) lines.push([...COLUMNS.map((k) => c[k]), c.url, n.kg.iri].map(quote).join(","));
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }
  document.getElementById("events-csv").addEventListener("click", () => {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([csv()], { type: "text/csv;charset=utf-8" }));
    a.download = "events.csv";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  document.addEventListener("kg-filter", draw);
  document.addEventListener("change", (ev) => { if (ev.target && ev.target.id === "language") draw(); });
  draw();

  // For tests and the browser console.
  window.kgEvents = { rows: () => rows.map(([n, c]) => ({ id: n.id, ...c })), csv, draw, sort };
})();
