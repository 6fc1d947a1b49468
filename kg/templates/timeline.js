// The timeline panel: every dated event on vis-timeline (vendored, kg/templates/vendor/), a period as a
// range, a day as a point; an event dated only by its article's date is drawn hollow and dashed.
// The period shown is the view's date range (kgView.setDateRange): moving or zooming the timeline filters
// the network and the map; the map's area and the legend filter which events the timeline shows.
// Labels are class names and dates put in with textContent: no document text becomes HTML.
(function () {
  "use strict";
  const view = window.kgView;
  const lib = window.visTimeline;
  const DAY = 86400000;
  const events = view.data.nodes.filter((n) => n.kg.kind === "event");
  const dated = events.filter((n) => n.kg.when);
  const byId = new Map(events.map((n) => [n.id, n]));
  const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
  const label = view.label;     // in the page's language
  // The panel's own words, in the page's language as the rest of it (view.js, eventtable.js).
  const TEXT = {
    ru: {
      reportDate: "дата сообщения: в тексте даты нет",
      precision: { day: "день", week: "неделя", month: "месяц", season: "сезон", year: "год", decade: "десятилетие" },
      given: (precision, words) => `${precision || "дата"}, по тексту${words ? `: «${words}»` : ""}`,
      status: (a, b, r, u) => `показано датированных событий: ${a} из ${b} (по дате сообщения: ${r})` +
        (u ? `; без даты: ${u}` : ""),
      cluster: "событий: {count}",
    },
    en: {
      reportDate: "dated by the report: the text gives no date",
      precision: {},
      given: (precision, words) => `${precision || "date"} given in the text${words ? `: «${words}»` : ""}`,
      status: (a, b, r, u) => `${a} of ${b} dated events shown (${r} by report date)` + (u ? `; ${u} without a date` : ""),
      cluster: "{count} events",
    },
  };
  const t = (key) => TEXT[view.language()][key];

  function content(n) {
    const w = n.kg.when;
    const span = document.createElement("span");
    span.textContent = `${label(n)} · ${w.begin === w.end ? w.begin : `${w.begin} – ${w.end}`}`;
    span.title = w.source === "report date" ? t("reportDate") :
      t("given")(t("precision")[w.precision] || w.precision, n.kg.date_text);
    return span;
  }
  function item(n) {
    const w = n.kg.when;
    const report = w.source === "report date";
    const it = { id: n.id, content: content(n), start: w.begin,
      className: report ? "report-date" : `precision-${w.precision}` };
    if (w.end > w.begin) {
      it.end = iso(Date.parse(w.end) + DAY);   // the last day included
      it.type = "range";
    } else {
      it.type = "point";
    }
    return it;
  }

  const items = new lib.DataSet(dated.map(item));
  let shown = new Set(dated.map((n) => n.id));
  const itemView = new lib.DataView(items, { filter: (it) => shown.has(it.id) });
  const options = {
    // dated by the text first, at the top; the many events dated by their report below them
    order: (a, b) => (a.className === "report-date") - (b.className === "report-date") ||
      new Date(a.start) - new Date(b.start),
    stack: true, verticalScroll: true, zoomKey: "ctrlKey", horizontalScroll: false, height: "100%",
    orientation: { axis: "top", item: "top" }, margin: { item: { horizontal: 2, vertical: 4 } },
    format: {   // ISO order, numbers only: the page reads the same in either language
      minorLabels: { weekday: "D", day: "D", week: "w", month: "MM", year: "YYYY" },
      majorLabels: { hour: "YYYY-MM-DD", weekday: "YYYY-MM", day: "YYYY-MM", week: "YYYY-MM", month: "YYYY", year: "" },
    },
    tooltip: { followMouse: false }, showCurrentTime: false, selectable: true, multiselect: false,
    cluster: dated.length > 400 ? { maxItems: 4, showStipes: false, titleTemplate: t("cluster") } : false,
  };
  // All the events in view, with room on the right for the labels of the last ones.
  function wholeWindow() {
    if (!dated.length) return null;
    const first = Math.min(...dated.map((n) => Date.parse(n.kg.when.begin)));
    const last = Math.max(...dated.map((n) => Date.parse(n.kg.when.end) + DAY));
    const span = Math.max(last - first, 30 * DAY);
    return { start: first - 0.05 * span, end: last + 0.3 * span };
  }
  const whole = wholeWindow();
  if (whole) Object.assign(options, whole);
  const container = document.getElementById("timeline");
  const timeline = new lib.Timeline(container, itemView, options);
  const filterBox = document.getElementById("timeline-filter");
  const statusBox = document.getElementById("timeline-status");
  const undated = events.length - dated.length;
  const reported = dated.filter((n) => n.kg.when.source === "report date").length;

  function status() {
    statusBox.textContent = t("status")(shown.size, dated.length, reported, undated);
  }

  // The network's date range follows the period shown, when the analyst moves it.
  let applied = { from: "", to: "" };
  function applyWindow() {
    if (!filterBox.checked) return;
    const w = timeline.getWindow();
    applied = { from: iso(w.start.getTime()), to: iso(w.end.getTime() - 1) };
    view.setDateRange(applied.from, applied.to);
  }
  timeline.on("rangechanged", (p) => { if (p.byUser) applyWindow(); });
  filterBox.addEventListener("change", () => {
    if (filterBox.checked) applyWindow(); else { applied = { from: "", to: "" }; view.setDateRange("", ""); }
  });
  document.getElementById("timeline-all").addEventListener("click", () => showAll());
  function showAll() {
    applied = { from: "", to: "" };
    view.setDateRange("", "");
    if (whole) timeline.setWindow(whole.start, whole.end, { animation: false });
  }

  // Which events show: those the other filters keep (classes, the map's area), whatever their dates.
  function follow() {
    shown = new Set(dated.filter((n) => view.visibleExcept(n, "dates")).map((n) => n.id));
    itemView.refresh();
    status();
    // a date range typed in the fields moves the timeline there
    const from = document.getElementById("date-from").value, to = document.getElementById("date-to").value;
    if (from && to && (from !== applied.from || to !== applied.to) && from <= to) {
      applied = { from, to };
      timeline.setWindow(from, iso(Date.parse(to) + DAY), { animation: false });
    }
  }
  document.addEventListener("kg-filter", follow);
  document.addEventListener("change", (ev) => {      // the language switch relabels the items and the status
    if (!ev.target || ev.target.id !== "language") return;
    items.update(dated.map((n) => ({ id: n.id, content: content(n) })));
    if (options.cluster) timeline.setOptions({ cluster: { ...options.cluster, titleTemplate: t("cluster") } });
    status();
  });
  timeline.on("select", (p) => { if (p.items.length) view.select(p.items.filter((id) => byId.has(id))); });

  let drawn = false;
  timeline.on("changed", () => { drawn = true; });
  status();

  // For tests and the browser console: move the period shown as an analyst's drag or zoom would.
  window.kgTimeline = {
    timeline, items, shownIds: () => [...shown],
    setWindow(from, to) { timeline.setWindow(from, to, { animation: false }); applyWindow(); },
    showAll, isDrawn: () => drawn,
  };
})();
