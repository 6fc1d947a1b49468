// Layout again after a filter: Fruchterman-Reingold on a grid (igraph's "grid" variant, as kg/view.py lays
// the whole graph out), over the nodes shown only, from where they stand. Repulsion is counted only between
// nodes of neighbouring grid cells, so a round costs about n, not n²: see bench/RESULTS.md ("The view at
// 5,000 nodes: reading it") for the seconds, against vis-network's physics.
// Exposes window.kgLayout(positions, edges) -> positions; knows nothing of vis-network.
(function () {
  "use strict";
  const ROUNDS = 50;
  const PULL = 0.1;          // the pull to the middle, in ideal edge lengths a round

  // positions: {id: {x, y}}; edges: [[from, to], ...] between those ids. Returns new {id: {x, y}}.
  function kgLayout(positions, edges) {
    const ids = Object.keys(positions);
    const n = ids.length;
    if (n < 2) return positions;
    const index = new Map(ids.map((id, i) => [id, i]));
    const x = new Float64Array(n), y = new Float64Array(n), dx = new Float64Array(n), dy = new Float64Array(n);
    ids.forEach((id, i) => { x[i] = positions[id].x; y[i] = positions[id].y; });
    const links = edges.map(([a, b]) => [index.get(String(a)), index.get(String(b))])
      .filter(([a, b]) => a !== undefined && b !== undefined && a !== b);
    // the ideal edge length: what each node has of the area most nodes cover now (5 to 95 percent of them
    // each way: small components far out would inflate it), so the picture keeps its density
    // (kg/view.py's layout puts 5,000 nodes in about 1,300 px square) and a grid cell holds a few nodes
    const spread = (v) => {
      const s = Array.from(v).sort((a, b) => a - b);
      return (s[Math.floor(n * 0.95)] - s[Math.floor(n * 0.05)]) / 0.9 || 1;
    };
    const k = Math.max(1, Math.sqrt(spread(x) * spread(y) / n)), k2 = k * k, cell = 2 * k;
    const radius = k * Math.sqrt(n) / 2;
    // what the filter left far out (a pair beyond the others) comes to the edge of the disc, in its direction
    {
      let cx = 0, cy = 0;
      for (let i = 0; i < n; i++) { cx += x[i]; cy += y[i]; }
      cx /= n; cy /= n;
      for (let i = 0; i < n; i++) {
        const d = Math.hypot(x[i] - cx, y[i] - cy);
        if (d > 1.5 * radius) { x[i] = cx + (x[i] - cx) * 1.5 * radius / d; y[i] = cy + (y[i] - cy) * 1.5 * radius / d; }
      }
    }
    let temperature = k * 2;
    for (let round = 0; round < ROUNDS; round++) {
      dx.fill(0); dy.fill(0);
      let cx = 0, cy = 0;
      for (let i = 0; i < n; i++) { cx += x[i]; cy += y[i]; }
      cx /= n; cy /= n;
      // repulsion: exact between nodes of one cell, from each of the eight neighbouring cells as from one
      // node of its weight at its centre (a one-level Barnes-Hut), so a crowded middle costs no n²
      const grid = new Map();
      const key = (gx, gy) => gx * 1048576 + gy;
      for (let i = 0; i < n; i++) {
        const at = key(Math.floor(x[i] / cell), Math.floor(y[i] / cell));
        let c = grid.get(at);
        if (!c) grid.set(at, (c = { members: [], x: 0, y: 0 }));
        c.members.push(i); c.x += x[i]; c.y += y[i];
      }
      for (const c of grid.values()) { c.x /= c.members.length; c.y /= c.members.length; }
      const push = (i, px, py, weight) => {
        let ddx = x[i] - px, ddy = y[i] - py;
        let d2 = ddx * ddx + ddy * ddy;
        if (d2 < 1e-4) { ddx = 0.01 * ((i % 7) - 3); ddy = 0.01 * ((i % 5) - 2) || 0.01; d2 = ddx * ddx + ddy * ddy; }
        if (d2 > 4 * cell * cell) return;
        // k² / d, along the unit vector (ddx / d); two nodes closer than k / 10 push as if k / 10 apart,
        // or the pair the filter left on one spot flies out of the picture
        const f = weight * k2 / Math.max(d2, k2 / 100);
        dx[i] += ddx * f; dy[i] += ddy * f;
      };
      for (const [at, c] of grid) {
        const gx = Math.floor(c.x / cell), gy = Math.floor(c.y / cell);
        const around = [];
        for (let ox = -1; ox <= 1; ox++) {
          for (let oy = -1; oy <= 1; oy++) {
            const other = (ox || oy) && grid.get(key(gx + ox, gy + oy));
            if (other) around.push(other);
          }
        }
        for (const i of c.members) {
          for (const j of c.members) if (j !== i) push(i, x[j], y[j], 1);
          for (const other of around) push(i, other.x, other.y, other.members.length);
        }
      }
      // attraction along the edges
      for (const [a, b] of links) {
        const ddx = x[a] - x[b], ddy = y[a] - y[b];
        const d = Math.sqrt(ddx * ddx + ddy * ddy) || 0.01;
        const f = d / k;                               // d² / k, along the unit vector
        dx[a] -= ddx * f; dy[a] -= ddy * f;
        dx[b] += ddx * f; dy[b] += ddy * f;
      }
      // a weak pull to the middle closes the holes the hidden nodes leave: the same at any distance inside
      // the disc n nodes fill at one edge length apart (a pull growing there piles them into a few crowded
      // cells), growing outside it, so a pair left far out by the filter comes in
      for (let i = 0; i < n; i++) {
        const ddx = x[i] - cx, ddy = y[i] - cy, d = Math.sqrt(ddx * ddx + ddy * ddy) || 1;
        const pull = k * PULL * Math.max(1, d / radius);
        dx[i] -= (ddx / d) * pull; dy[i] -= (ddy / d) * pull;
      }
      for (let i = 0; i < n; i++) {
        const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
        if (d > 0) {
          const step = Math.min(d, temperature) / d;
          x[i] += dx[i] * step; y[i] += dy[i] * step;
        }
      }
      temperature = k * 2 * (1 - (round + 1) / ROUNDS) + 1;
    }
    const out = {};
    ids.forEach((id, i) => { out[id] = { x: x[i], y: y[i] }; });
    return out;
  }
  window.kgLayout = kgLayout;
})();
