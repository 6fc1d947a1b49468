// The map panel: places and events at their points (geo:lat / geo:long, kg/geo.py) on Natural Earth's country
// shapes, drawn by Leaflet as a GeoJSON layer: no tiles, nothing fetched. One circle per point, sized by how
// many nodes stand there, orange when events do. The area shown filters the network and the timeline
// (kgView.setFilter("map", ...)); nodes without a point are never hidden by it. The timeline's period and the
// legend filter which points show. Tooltips are DOM nodes built with textContent, never HTML.
(function () {
  "use strict";
  const view = window.kgView;
  const basemap = JSON.parse(document.getElementById("kg-basemap").textContent);
  const placed = view.data.nodes.filter((n) => n.kg.geo);
  const byIri = new Map(view.data.nodes.map((n) => [n.kg.iri, n]));
  const label = view.label;     // in the page's language
  // The panel's own words, in the page's language as the rest of it (view.js, eventtable.js).
  const TEXT = {
    ru: { events: (n) => `событий: ${n}`, country: (p) => p.name_ru || p.name, zoomIn: "Приблизить", zoomOut: "Отдалить",
      status: (a, b, c) => `узлов с координатами: ${a} из ${b}, точек: ${c}` },
    en: { events: (n) => `${n} event${n > 1 ? "s" : ""}`, country: (p) => p.name, zoomIn: "Zoom in", zoomOut: "Zoom out",
      status: (a, b, c) => `${a} of ${b} located nodes at ${c} points` },
  };
  const t = (key) => TEXT[view.language()][key];
  const map = L.map("map", { attributionControl: false, zoomControl: false, worldCopyJump: false, minZoom: 1,
    maxZoom: 12, zoomSnap: 0.25, preferCanvas: false });
  const zoom = L.control.zoom({ zoomInTitle: t("zoomIn"), zoomOutTitle: t("zoomOut") }).addTo(map);
  const countries = L.geoJSON(basemap, {
    style: { color: "#a7a39a", weight: 0.6, fillColor: "#f3f0e8", fillOpacity: 1 },
    onEachFeature: (feature, layer) => {
      const name = document.createElement("span");
      name.textContent = t("country")(feature.properties);
      layer.bindTooltip(name, { sticky: true, className: "country-tip" });
      layer.on("click", () => map.fitBounds(layer.getBounds(), { animate: false }));   // a region to filter by
    },
  }).addTo(map);
  const attribution = L.control({ position: "bottomright" });
  attribution.onAdd = () => {
    const credit = L.DomUtil.create("div", "map-credit");
    credit.textContent = "Natural Earth · GeoNames";
    return credit;
  };
  attribution.addTo(map);

  // Nodes grouped by point: a city and the events at it share one circle.
  const points = new Map();
  for (const n of placed) {
    const key = `${n.kg.geo[0]},${n.kg.geo[1]}`;
    if (!points.has(key)) points.set(key, { latlng: [n.kg.geo[0], n.kg.geo[1]], nodes: [] });
    points.get(key).nodes.push(n);
  }
  const layer = L.layerGroup().addTo(map);
  function tip(nodes) {
    const box = document.createElement("div");
    const places = nodes.filter((n) => n.kg.kind !== "event"), events = nodes.filter((n) => n.kg.kind === "event");
    const head = document.createElement("strong");
    const where = byIri.get(nodes[0].kg.geo[2]);     // an event's place, when the view has left it out
    head.textContent = places.length ? places.map(label).join(", ") : (where ? label(where) : "");
    box.append(head);
    if (events.length) {
      const line = document.createElement("div");
      const names = [...new Set(events.map(label))];
      line.textContent = `${t("events")(events.length)}: ${names.slice(0, 6).join(", ")}` +
        (names.length > 6 ? ", …" : "");
      box.append(line);
    }
    return box;
  }
  // One circle per point, made once; a filter only takes circles off the map, puts them back and resizes them.
  for (const point of points.values()) {
    point.marker = L.circleMarker(point.latlng, { weight: 1.5, fillOpacity: 0.85 });
    point.marker.on("click", () => view.select(point.shown.map((n) => n.id)));
    point.shown = [];
  }
  function draw() {
    let count = 0;
    for (const point of points.values()) {
      const nodes = point.nodes.filter((n) => view.visibleExcept(n, "map"));
      count += nodes.length;
      const same = nodes.length === point.shown.length && nodes.every((n, i) => n === point.shown[i]);
      point.shown = nodes;
      if (!nodes.length) { layer.removeLayer(point.marker); continue; }
      if (!same || !layer.hasLayer(point.marker)) {
        const events = nodes.some((n) => n.kg.kind === "event");
        point.marker.setStyle({ color: events ? "#b25d00" : "#2e7d32", fillColor: events ? "#ff9d2e" : "#66bb6a" });
        point.marker.setRadius(Math.min(4 + 2.5 * Math.sqrt(nodes.length), 18));
        point.marker.unbindTooltip().bindTooltip(tip(nodes));
        layer.addLayer(point.marker);
      }
    }
    document.getElementById("map-status").textContent = t("status")(count, placed.length, layer.getLayers().length);
  }

  // The area shown filters the rest, once the analyst moves the map.
  const filterBox = document.getElementById("map-filter");
  function applyArea() {
    if (!filterBox.checked) return;
    const area = map.getBounds();
    view.setFilter("map", (n) => !n.kg.geo || area.contains([n.kg.geo[0], n.kg.geo[1]]));
  }
  function showAll() {
    view.setFilter("map", null);
    fitAll();
  }
  function fitAll() {
    const all = [...points.values()].map((p) => p.latlng);
    if (all.length) map.fitBounds(L.latLngBounds(all).pad(0.3), { animate: false, maxZoom: 5 });
    else map.fitBounds(countries.getBounds(), { animate: false });
  }
  fitAll();
  draw();
  let moving = false;                      // a move made here (fitAll) is not the analyst's choice of area
  map.on("moveend", () => { if (!moving) applyArea(); });
  filterBox.addEventListener("change", () => (filterBox.checked ? applyArea() : view.setFilter("map", null)));
  document.getElementById("map-all").addEventListener("click", () => {
    moving = true; showAll(); moving = false;
  });
  document.addEventListener("kg-filter", draw);
  document.addEventListener("change", (ev) => {      // the language switch relabels the tooltips and the status
    if (ev.target && ev.target.id === "language") {
      countries.eachLayer((layer) => { layer.getTooltip().getContent().textContent = t("country")(layer.feature.properties); });
      for (const [button, key] of [[zoom._zoomInButton, "zoomIn"], [zoom._zoomOutButton, "zoomOut"]]) {
        button.title = t(key);                      // Leaflet sets them once, from the options
        button.setAttribute("aria-label", t(key));
      }
      for (const point of points.values()) point.shown = [];
      draw();
    }
  });

  // For tests and the browser console: show an area ([[south, west], [north, east]]) as a drag or zoom would.
  window.kgMap = {
    map, points, layer,
    showArea(bounds) { map.fitBounds(bounds, { animate: false }); },
    markerCount: () => layer.getLayers().length,
    showAll: () => { moving = true; showAll(); moving = false; },
  };
})();
