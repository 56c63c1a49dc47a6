"use strict";
// The page. With one report it shows that report's network; with several it opens on the corpus view (the
// jurisdictions and their reports, the entities several reports share, an indicator charted across
// jurisdictions and years) and shows the network of one report, or of a set of them, a click away.
// Everything that comes from a report (names, sentences, headings, report titles) is put into the page as
// text (textContent, or a canvas label drawn by vis-network), never parsed as markup.
(function () {
  const raw = JSON.parse(document.getElementById("graph-data").textContent);
  const data = decode(raw);
  const corpus = data.corpus || null;
  const page = { data: data, drawn: false, firstDraw: null, mode: null };
  window.lawgraphPage = page;

  const LABEL_LENGTH = 12;  // characters drawn under a node; the full name is in its tooltip
  const EDGE = { color: "#b5b5b5", highlight: "#333", hover: "#555" };
  const DIM = 0.18;  // opacity of what is not a selected node's neighbour
  const TEXT = "#222";
  const EDGE_TEXT = "#666";
  const DIM_TEXT = "rgba(0, 0, 0, 0.18)";
  const FONT = getComputedStyle(document.body).fontFamily;  // the canvas uses the page's CJK fonts
  const MAX_SENTENCES = 5;  // shown for a node, the rest counted
  const MAX_METRICS = 8;  // listed beside an entity
  const MAX_CONTEXT_LINKS = 3;  // entities a metric without a relation is tied to, from its sentence
  const MAX_DRAWN = 6000;  // entities drawn at once: the most named of a larger set
  const MAX_UNLINKED = 300;  // entities nothing links to, drawn for a set of several reports (one report: all)
  const SHARED_ROWS = 150;  // rows of the shared-entities list
  const DIVISIONS = ["Province", "City", "County"];
  const LEVEL = { Province: "省级", City: "市级", County: "县级" };

  // ------------------------------------------------------------------------------------------ the data
  // A page of view.write_page holds each report's part as its worker wrote it: merged here, as view.merge
  // merges them (a node several reports name is one node; an edge several state, one edge). A page of
  // view.render holds merged nodes as rows of fields. Either way they are objects from here on.
  function decode(d) {
    const absolute = (iri) => (/^(https?|urn):/.test(iri) ? iri : d.base + iri);
    if (d.parts) return mergeParts(d, absolute);
    const fields = d.nodes.fields;
    d.nodes = d.nodes.rows.map((row) => {
      const n = {};
      fields.forEach((name, k) => { if (row[k] !== null && row[k] !== undefined) n[name] = row[k]; });
      n.iri = absolute(n.iri);
      return n;
    });
    return d;
  }
  function mergeParts(d, absolute) {
    const nodes = [], index = new Map(), sentences = [], pending = [], rows = [];
    d.parts.forEach((part, r) => {
      const offset = sentences.length;
      part.sentences.forEach(([text, section]) => sentences.push([text, r, section]));
      const ids = part.nodes.map(([relative, kinds, labels, alts, text, mentions, said, search]) => {
        const iri = absolute(relative);
        let k = index.get(iri);
        if (k === undefined) {
          k = nodes.length;
          index.set(iri, k);
          nodes.push({ iri: iri, kinds: [], labels: new Set(), alts: new Set(), text: text, mentions: 0, reports: [],
                       sentences: [], search: new Set() });
        }
        const n = nodes[k];
        kinds.forEach((kind) => { if (n.kinds.indexOf(kind) < 0) n.kinds.push(kind); });
        labels.forEach((label) => n.labels.add(label));
        alts.forEach((alt) => n.alts.add(alt));
        if (!n.text) n.text = text;
        n.mentions += mentions;
        n.reports.push(r);
        said.forEach((s) => n.sentences.push(offset + s));
        search.forEach((form) => n.search.add(form));
        return k;
      });
      part.edges.forEach(([a, b, label, said]) => pending.push(
        [ids[a], typeof b === "number" ? ids[b] : absolute(b), label, said.map((s) => offset + s)]));
      rows.push(ids);
    });
    const known = d.known || [];
    d.nodes = nodes.map((n) => {
      const classes = n.kinds.filter((kind) => known.indexOf(kind) >= 0);
      const group = (classes.length ? classes : n.kinds).slice().sort()[0] || "";
      const fallback = n.text || n.iri.slice(n.iri.lastIndexOf("/") + 1);
      let label, names;
      if (group === "Metric") {
        label = fallback;
        names = Array.from(n.alts);
      } else {
        const labels = Array.from(n.labels).sort();
        label = labels.length ? labels[0] : fallback;
        names = Array.from(new Set([label, ...labels, ...Array.from(n.alts).sort()]));
      }
      const node = { iri: n.iri, label: label, group: group, names: names, mentions: n.mentions, reports: n.reports,
                     sentences: n.sentences };
      const search = Array.from(n.search).filter((form) => form !== label && names.indexOf(form) < 0);
      if (search.length) node.search = search;
      return node;
    });
    const edges = new Map();
    pending.forEach(([a, b, label, said]) => {
      const to = typeof b === "number" ? b : index.get(b);
      if (to === undefined) return;
      const key = a + "|" + label + "|" + to;
      const edge = edges.get(key);
      if (!edge) edges.set(key, { from: a, to: to, label: label, sentences: said });
      else said.forEach((s) => { if (edge.sentences.indexOf(s) < 0) edge.sentences.push(s); });
    });
    d.edges = Array.from(edges.values());
    d.edges.forEach((edge) => {
      if (edge.sentences.length) return;
      const both = new Set(d.nodes[edge.to].sentences);
      edge.sentences = d.nodes[edge.from].sentences.filter((s) => both.has(s));
    });
    d.edges.sort((x, y) => x.from - y.from || x.to - y.to || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0));
    d.sentences = sentences;
    if (d.corpus) {
      d.corpus.indicators.points = d.corpus.indicators.points.map(([c, r, value, unit, row]) =>
        [c, r, value, unit, rows[r][row]]);
    }
    delete d.parts;
    return d;
  }
  const relationEdges = data.edges.map((e, k) => Object.assign({ id: k }, e));
  const hasRelation = new Uint8Array(data.nodes.length);
  relationEdges.forEach((e) => { hasRelation[e.from] = 1; hasRelation[e.to] = 1; });

  // ------------------------------------------------------------------------------------------ helpers
  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function button(text, cls, action) {
    const b = el("button", text, cls);
    b.type = "button";
    if (action) b.addEventListener("click", action);
    return b;
  }
  function classOf(n) {
    return data.classes[n.group] || { color: "#adb5bd", shape: "ellipse", label: n.group };
  }
  function swatch(kind) {
    const c = data.classes[kind] || { color: "#adb5bd", shape: "ellipse" };
    const s = el("span", undefined, "swatch " + c.shape);
    s.style.background = c.color;
    return s;
  }
  function clip(text, length) {
    return text.length > length ? text.slice(0, length - 1) + "…" : text;
  }
  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }
  function formatNumber(x) {
    return Math.abs(x) >= 1e5 ? new Intl.NumberFormat("zh-CN", { notation: "compact", maximumFractionDigits: 2 }).format(x)
      : new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(x);
  }
  function divisionOf(r) {
    const d = data.reports[r].division;
    return corpus && d !== undefined ? corpus.divisions[d] : null;
  }
  // A report by its place and year (武汉市 2023), or its title.
  function reportName(r) {
    const report = data.reports[r];
    const place = divisionOf(r);
    if (place) return place.name + (report.year ? " " + report.year : "");
    return report.label;
  }
  // The division a name is relative to (省政府 of 山西省), from the code in its IRI: lgr:agency/140000/政府.
  const places = {};
  data.nodes.forEach((n) => {
    const code = /\/division\/(\d{6})$/.exec(n.iri);
    if (code && DIVISIONS.indexOf(n.group) >= 0) places[code[1]] = n.label;
  });
  if (corpus) corpus.divisions.forEach((d) => { if (!places[d.code]) places[d.code] = d.name; });
  function scopeOf(n) {
    const code = /\/(?:agency|document|program|person)\/(\d{6})\//.exec(n.iri);
    const place = code && places[code[1]];
    return place && n.label.indexOf(place) < 0 && n.label.indexOf(place.slice(0, 2)) !== 0 ? place : "";
  }
  function where(sentence) {
    const report = data.reports[sentence[1]];
    return [report ? report.label : "", sentence[2]].filter(Boolean).join(" · ");
  }
  function quote(index, tag, length) {
    const sentence = data.sentences[index];
    const box = el(tag, length ? clip(sentence[0], length) : sentence[0]);
    box.appendChild(el("span", where(sentence), "where"));
    return box;
  }
  function named(n) {
    return "named " + n.mentions + "× in " + plural(n.reports.length, "report");
  }
  function metricText(k) {
    const m = data.nodes[k];
    return m.label + (m.names.length ? " " + clip(m.names[0], 24) : "");
  }
  function otherEnd(edge, id) {
    return edge.from === id ? edge.to : edge.from;
  }
  // A small seeded generator (mulberry32): the layout is the same on every load.
  function random(seed) {
    let a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // ------------------------------------------------------------------------------------------ layout
  // Where each drawn node goes, worked out for what is drawn (as lawgraph.layout did when the page was
  // written): each connected group by force (Fruchterman–Reingold; Barnes–Hut beyond a few hundred nodes),
  // nodes nothing links to in a block per class, groups and blocks packed in rows, largest first; a metric in
  // a small spiral beside its entity. Coordinates in CSS pixels at zoom 1; the same input, the same output.
  const SPACING = 70;  // px of room per node
  const LINK = 150;  // px: the typical length of a line, so that its label fits
  const CELL = [150, 60];  // px: a grid cell for a node that nothing links to
  const GAP = 2 * SPACING;
  const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
  const EXACT_UP_TO = 250;  // nodes in a group laid out with every pair repelling; above, Barnes–Hut

  function layout(ids, groups, links, satellites) {
    // ids: node ids to lay out; groups[id]: class; links: [a, b] pairs of ids; satellites: Map id → anchor id.
    const laid = ids.filter((id) => !satellites.has(id));
    const local = new Map(laid.map((id, k) => [id, k]));
    const parent = laid.map((_, k) => k);
    const find = (k) => { while (parent[k] !== k) { parent[k] = parent[parent[k]]; k = parent[k]; } return k; };
    const pairs = [];
    const seen = new Set();
    links.forEach(([a, b]) => {
      if (!local.has(a) || !local.has(b) || a === b) return;
      const i = local.get(a), j = local.get(b);
      const key = i < j ? i * laid.length + j : j * laid.length + i;
      if (seen.has(key)) return;
      seen.add(key);
      pairs.push([i, j]);
      parent[find(i)] = find(j);
    });
    const members = new Map();
    laid.forEach((_, k) => {
      const root = find(k);
      if (!members.has(root)) members.set(root, []);
      members.get(root).push(k);
    });
    const components = Array.from(members.values());
    const edgesOf = new Map(components.map((c) => [find(c[0]), []]));
    pairs.forEach(([i, j]) => edgesOf.get(find(i)).push([i, j]));
    const byId = (c) => c.reduce((least, k) => Math.min(least, laid[k]), Infinity);
    components.sort((a, b) => b.length - a.length || byId(a) - byId(b));
    const blocks = [];
    const singles = new Map();
    components.forEach((c) => {
      if (c.length > 1) blocks.push(forceBlock(c, edgesOf.get(find(c[0])), laid));
      else {
        const kind = groups[laid[c[0]]];
        if (!singles.has(kind)) singles.set(kind, []);
        singles.get(kind).push(c[0]);
      }
    });
    Array.from(singles.values()).map(gridBlock)
      .sort((a, b) => b.members.length - a.members.length || laid[a.members[0]] - laid[b.members[0]])
      .forEach((b) => blocks.push(b));
    const placed = pack(blocks);
    const points = new Map();
    laid.forEach((id, k) => points.set(id, placed[k]));
    const count = new Map();
    Array.from(satellites.keys()).sort((a, b) => a - b).forEach((id) => {
      const anchor = satellites.get(id);
      const k = count.get(anchor) || 0;
      count.set(anchor, k + 1);
      const radius = 0.6 * SPACING + 0.35 * SPACING * Math.sqrt(k);
      const [ax, ay] = points.get(anchor) || [0, 0];
      points.set(id, [ax + radius * Math.cos(k * GOLDEN_ANGLE), ay + radius * Math.sin(k * GOLDEN_ANGLE)]);
    });
    return points;
  }

  function forceBlock(component, pairs, laid) {
    const n = component.length;
    const index = new Map(component.map((k, i) => [k, i]));
    const edges = pairs.map(([a, b]) => [index.get(a), index.get(b)]);
    const rng = random(component.reduce((least, k) => Math.min(least, laid[k]), Infinity) + 1);
    // All nodes start in one small square, so that every node repels every other at first and stars come apart.
    const x = new Float64Array(n), y = new Float64Array(n);
    for (let i = 0; i < n; i++) { x[i] = rng() * 2 - 1; y[i] = rng() * 2 - 1; }
    fruchtermanReingold(x, y, edges, n <= EXACT_UP_TO ? 500 : 300);
    const lengths = edges.map(([a, b]) => Math.hypot(x[a] - x[b], y[a] - y[b])).sort((a, b) => a - b);
    return normalise(component, x, y, lengths[Math.floor(lengths.length / 2)]);
  }

  // igraph's variant: repulsion 1/d, attraction d², so that a line settles at length 1; the step is bounded by
  // a temperature that falls from √n/10 to 0.
  function fruchtermanReingold(x, y, edges, iterations) {
    const n = x.length;
    const dx = new Float64Array(n), dy = new Float64Array(n);
    const start = Math.sqrt(n) / 10;
    for (let it = 0; it < iterations; it++) {
      const temperature = start * (1 - it / iterations);
      dx.fill(0);
      dy.fill(0);
      if (n <= EXACT_UP_TO) repelExact(x, y, dx, dy);
      else repelBarnesHut(x, y, dx, dy);
      for (const [a, b] of edges) {
        const ex = x[a] - x[b], ey = y[a] - y[b];
        const d = Math.sqrt(ex * ex + ey * ey);
        dx[a] -= ex * d; dy[a] -= ey * d;
        dx[b] += ex * d; dy[b] += ey * d;
      }
      for (let i = 0; i < n; i++) {
        const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
        if (d > temperature) { dx[i] *= temperature / d; dy[i] *= temperature / d; }
        x[i] += dx[i];
        y[i] += dy[i];
      }
    }
  }

  function repelExact(x, y, dx, dy) {
    const n = x.length;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ex = x[i] - x[j], ey = y[i] - y[j];
        let d2 = ex * ex + ey * ey;
        if (d2 < 1e-9) { ex = 1e-4 * (i - j); ey = 1e-4; d2 = ex * ex + ey * ey; }
        dx[i] += ex / d2; dy[i] += ey / d2;
        dx[j] -= ex / d2; dy[j] -= ey / d2;
      }
    }
  }

  // Distant groups of nodes repel as one body at their centre (θ = 0.8).
  function repelBarnesHut(x, y, dx, dy) {
    const n = x.length;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      if (x[i] < minX) minX = x[i]; if (x[i] > maxX) maxX = x[i];
      if (y[i] < minY) minY = y[i]; if (y[i] > maxY) maxY = y[i];
    }
    const size = Math.max(maxX - minX, maxY - minY, 1e-6) * 1.01;
    // Cells in flat arrays: centre of mass, mass, side, corner, children (−1: none), the one node of a leaf.
    const cap = 4 * n + 8;
    const cx = new Float64Array(cap), cy = new Float64Array(cap), mass = new Float64Array(cap);
    const side = new Float64Array(cap), ox = new Float64Array(cap), oy = new Float64Array(cap);
    const child = new Int32Array(cap * 4).fill(-1), leaf = new Int32Array(cap).fill(-1);
    let cells = 1;
    side[0] = size; ox[0] = minX; oy[0] = minY;
    function quadrant(c, i) {
      const half = side[c] / 2;
      return (x[i] >= ox[c] + half ? 1 : 0) + (y[i] >= oy[c] + half ? 2 : 0);
    }
    function open(c, q) {
      const half = side[c] / 2;
      const k = cells++;
      side[k] = half; ox[k] = ox[c] + (q & 1 ? half : 0); oy[k] = oy[c] + (q & 2 ? half : 0);
      child[c * 4 + q] = k;
      return k;
    }
    function insert(i) {
      let c = 0;
      for (let depth = 0; ; depth++) {
        cx[c] = (cx[c] * mass[c] + x[i]) / (mass[c] + 1);
        cy[c] = (cy[c] * mass[c] + y[i]) / (mass[c] + 1);
        mass[c] += 1;
        if (mass[c] === 1) { leaf[c] = i; return; }
        if (leaf[c] >= 0 && depth < 40) {  // a leaf that now holds two: push the first one down
          const j = leaf[c];
          leaf[c] = -1;
          const q = quadrant(c, j);
          const k = open(c, q);
          cx[k] = x[j]; cy[k] = y[j]; mass[k] = 1; leaf[k] = j;
        } else if (depth >= 40) {
          return;  // nodes on one spot: they stay one body
        }
        const q = quadrant(c, i);
        c = child[c * 4 + q] >= 0 ? child[c * 4 + q] : open(c, q);
      }
    }
    for (let i = 0; i < n; i++) {
      if (cells + 48 >= cap) break;
      insert(i);
    }
    const stack = new Int32Array(cap);
    for (let i = 0; i < n; i++) {
      let top = 0;
      stack[top++] = 0;
      while (top) {
        const c = stack[--top];
        if (mass[c] === 0 || leaf[c] === i) continue;
        let ex = x[i] - cx[c], ey = y[i] - cy[c];
        let d2 = ex * ex + ey * ey;
        if (leaf[c] >= 0 || side[c] * side[c] < 0.64 * d2) {
          if (d2 < 1e-9) { ex = 1e-4 * (i - leaf[c]); ey = 1e-4; d2 = ex * ex + ey * ey; }
          dx[i] += mass[c] * ex / d2;
          dy[i] += mass[c] * ey / d2;
        } else {
          for (let q = 0; q < 4; q++) if (child[c * 4 + q] >= 0) stack[top++] = child[c * 4 + q];
        }
      }
    }
  }

  // Scaled so that lines are about LINK long and each node has SPACING² of room; starting at (0, 0).
  function normalise(component, x, y, medianLink) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = 0; i < x.length; i++) {
      minX = Math.min(minX, x[i]); maxX = Math.max(maxX, x[i]);
      minY = Math.min(minY, y[i]); maxY = Math.max(maxY, y[i]);
    }
    const link = Math.max(medianLink || 0, 1e-9);
    const area = Math.max(maxX - minX, link) * Math.max(maxY - minY, link);
    const scale = Math.max(LINK / link, SPACING * Math.sqrt(component.length / area));
    return { members: component, points: component.map((_, i) => [(x[i] - minX) * scale, (y[i] - minY) * scale]) };
  }

  function gridBlock(members) {
    const [width, height] = CELL;
    const columns = Math.max(1, Math.round(Math.sqrt(members.length * height / width)));
    return { members: members, points: members.map((_, k) => [(k % columns) * width, Math.floor(k / columns) * height]) };
  }

  function extent(block) {
    let w = 0, h = 0;
    block.points.forEach(([x, y]) => { w = Math.max(w, x); h = Math.max(h, y); });
    return [w, h];
  }

  // Blocks in rows, in the order given, the rows about as wide as the whole is tall; centred on (0, 0).
  function pack(blocks) {
    const extents = blocks.map(extent);
    const area = extents.reduce((sum, [w, h]) => sum + (w + GAP) * (h + GAP), 0);
    const rowWidth = extents.reduce((widest, [w]) => Math.max(widest, w), Math.sqrt(area) * 1.2);
    const placed = [];
    let x = 0, y = 0, rowHeight = 0;
    blocks.forEach((block, b) => {
      const [width, height] = extents[b];
      if (x > 0 && x + width > rowWidth) { x = 0; y += rowHeight + GAP; rowHeight = 0; }
      block.members.forEach((m, k) => { placed[m] = [x + block.points[k][0], y + block.points[k][1]]; });
      x += width + GAP;
      rowHeight = Math.max(rowHeight, height);
    });
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    placed.forEach((p) => {
      if (!p) return;
      minX = Math.min(minX, p[0]); maxX = Math.max(maxX, p[0]);
      minY = Math.min(minY, p[1]); maxY = Math.max(maxY, p[1]);
    });
    const mx = (minX + maxX) / 2, my = (minY + maxY) / 2;
    return placed.map((p) => (p ? [p[0] - mx, p[1] - my] : p));
  }
  page.layout = layout;

  // ------------------------------------------------------------------------------------------ the set shown
  // The network shows a set of reports: what they name, the relations among it, and for each node the
  // sentences of those reports. `view` is that set and how it is filtered.
  const view = { reports: [], inSet: new Uint8Array(data.reports.length), title: "", report: "", hidden: {},
                 selected: null, dimmed: false, extra: new Set() };
  Object.keys(data.classes).forEach((kind) => { if (data.classes[kind].hidden) view.hidden[kind] = true; });
  let shown = null;  // what the set draws: see drawSet

  function inSet(n) {
    return n.reports.some((r) => view.inSet[r]);
  }
  function sentencesInSet(n) {
    return n.sentences.filter((s) => view.inSet[data.sentences[s][1]]);
  }
  function sizeOf(n) {
    const whole = n.reports.every((r) => view.inSet[r]);
    return 1 + Math.log(Math.max(whole ? n.mentions : sentencesInSet(n).length, 1));
  }

  // Nodes, lines (relations, and metrics tied to the entities of their sentence), positions.
  function drawSet() {
    const members = [];
    data.nodes.forEach((n, id) => { if (inSet(n)) members.push(id); });
    const member = new Uint8Array(data.nodes.length);
    members.forEach((id) => { member[id] = 1; });
    const edges = relationEdges.filter((e) => member[e.from] && member[e.to]);
    // Context: a metric with no relation of its own hangs off the entities named in its sentence.
    const namedIn = new Map();
    const metricsIn = new Map();
    members.forEach((id) => {
      const n = data.nodes[id];
      const target = n.group === "Metric" ? metricsIn : namedIn;
      sentencesInSet(n).forEach((s) => {
        if (!target.has(s)) target.set(s, []);
        target.get(s).push(id);
      });
    });
    let next = relationEdges.length;
    members.forEach((id) => {
      const n = data.nodes[id];
      if (n.group !== "Metric" || hasRelation[id]) return;
      const near = [];
      sentencesInSet(n).forEach((s) => (namedIn.get(s) || []).forEach((e) => { if (near.indexOf(e) < 0) near.push(e); }));
      near.slice(0, MAX_CONTEXT_LINKS).forEach((e) => edges.push({ id: next++, from: id, to: e, label: "same sentence",
                                                                    context: true, sentences: [] }));
    });
    const metricsOf = new Map();
    members.forEach((id) => {
      const n = data.nodes[id];
      if (n.group === "Metric") return;
      const found = [];
      sentencesInSet(n).forEach((s) => (metricsIn.get(s) || []).forEach((m) => { if (found.indexOf(m) < 0) found.push(m); }));
      if (found.length) metricsOf.set(id, found.slice(0, MAX_METRICS));
    });
    // What is drawn: every entity of one report; of several, the linked ones (the most named first, at most
    // MAX_DRAWN) and the unlinked ones only if they are few. Metrics beside the entity they belong to.
    const linked = new Uint8Array(data.nodes.length);
    edges.forEach((e) => { linked[e.from] = 1; linked[e.to] = 1; });
    const entities = members.filter((id) => data.nodes[id].group !== "Metric");
    const unlinked = entities.filter((id) => !linked[id]);
    const several = view.reports.length > 1;
    let drawnEntities = several && unlinked.length > MAX_UNLINKED
      ? entities.filter((id) => linked[id] || view.extra.has(id)) : entities;
    let capped = 0;
    if (drawnEntities.length > MAX_DRAWN) {
      capped = drawnEntities.length - MAX_DRAWN;
      const keep = new Set(view.extra);
      drawnEntities.slice().sort((a, b) => data.nodes[b].mentions - data.nodes[a].mentions || a - b)
        .forEach((id) => { if (keep.size < MAX_DRAWN) keep.add(id); });  // the most named
      drawnEntities = drawnEntities.filter((id) => keep.has(id));
    }
    const drawn = new Uint8Array(data.nodes.length);
    drawnEntities.forEach((id) => { drawn[id] = 1; });
    const satellites = new Map();
    edges.forEach((e) => {
      if (data.nodes[e.from].group === "Metric" && drawn[e.to] && !satellites.has(e.from)) satellites.set(e.from, e.to);
    });
    satellites.forEach((_, id) => { drawn[id] = 1; });
    members.forEach((id) => {  // a metric tied to no drawn entity: in a block of its own, for one report
      if (data.nodes[id].group === "Metric" && !drawn[id] && (!several || view.extra.has(id))) drawn[id] = 1;
    });
    const ids = members.filter((id) => drawn[id]);
    const drawnEdges = edges.filter((e) => drawn[e.from] && drawn[e.to]);
    const adjacency = new Map(ids.map((id) => [id, []]));
    drawnEdges.forEach((e, k) => { adjacency.get(e.from).push(k); adjacency.get(e.to).push(k); });
    const points = layout(ids, data.nodes.map((n) => n.group), drawnEdges.map((e) => [e.from, e.to]), satellites);
    shown = { ids: ids, drawn: drawn, edges: drawnEdges, adjacency: adjacency, metricsOf: metricsOf, points: points,
              left: unlinked.length - unlinked.filter((id) => drawn[id]).length, capped: capped };
    page.shown = shown;
    nodes.clear();
    edgeSet.clear();
    nodes.add(ids.map(visNode));
    edgeSet.add(drawnEdges.map((e, k) => ({ id: k, from: e.from, to: e.to, label: e.label, arrows: e.context ? "" : "to",
                                            dashes: !!e.context, color: EDGE })));
    touched.nodes.clear();
    touched.edges.clear();
    view.dimmed = false;
    network.setOptions(BRIGHT);
    const large = ids.length > 2000;  // past this, lines are not drawn while zooming or dragging
    network.setOptions({ interaction: { hideEdgesOnDrag: large, hideEdgesOnZoom: large } });
  }

  // ------------------------------------------------------------------------------------------ the network
  function visNode(id) {
    const n = data.nodes[id];
    const c = classOf(n);
    const [x, y] = shown.points.get(id);
    const node = { id: id, label: clip(n.label, LABEL_LENGTH), x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10,
                   shape: c.shape, color: c.color, value: sizeOf(n) };
    if (c.shape === "box") node.font = { color: textColour(id) };
    return node;
  }
  const nodes = new vis.DataSet([]);
  const edgeSet = new vis.DataSet([]);
  const shownNodes = new vis.DataView(nodes, { filter: (item) => isShown(item.id) });
  function isShown(id) {
    const n = data.nodes[id];
    return !view.hidden[n.group] && (view.report === "" || n.reports.indexOf(Number(view.report)) >= 0);
  }
  const network = new vis.Network(document.getElementById("network"), { nodes: shownNodes, edges: edgeSet }, {
    autoResize: true,
    physics: false,  // positions are worked out before drawing: nothing to settle
    layout: { improvedLayout: false },
    nodes: {
      borderWidth: 1,
      font: { face: FONT, size: 14, color: TEXT, strokeWidth: 3, strokeColor: "#fff" },
      scaling: { min: 7, max: 28, label: { enabled: true, min: 12, max: 24, drawThreshold: 5 } },
    },
    edges: {
      smooth: false, width: 1, selectionWidth: 1.5, arrows: { to: { scaleFactor: 0.45 } },
      font: { face: FONT, size: 10, color: EDGE_TEXT, strokeWidth: 3, strokeColor: "#fff", align: "middle" },
    },
    interaction: { hover: true, tooltipDelay: 150 },
  });
  page.network = network;
  page.nodes = nodes;
  page.edges = edgeSet;
  function edgeOf(k) { return shown.edges[k]; }

  // ------------------------------------------------------------------------------------------ tooltip
  const stage = document.getElementById("stage");
  const tooltip = document.getElementById("tooltip");
  // `at`: a point in the page's viewport.
  function showTip(content, at) {
    tooltip.replaceChildren(content);
    tooltip.hidden = false;
    const x = Math.min(at.x + 14, window.innerWidth - tooltip.offsetWidth - 4);
    const y = at.y + 14 + tooltip.offsetHeight > window.innerHeight ? at.y - tooltip.offsetHeight - 10 : at.y + 14;
    tooltip.style.left = Math.max(0, x) + "px";
    tooltip.style.top = Math.max(0, y) + "px";
  }
  function onStage(pointer) {
    const box = stage.getBoundingClientRect();
    return { x: box.left + pointer.x, y: box.top + pointer.y };
  }
  function hideTip() { tooltip.hidden = true; }
  function nodeTip(id) {
    const n = data.nodes[id];
    const box = el("div");
    box.appendChild(el("div", n.label, "title"));
    box.appendChild(el("div", classOf(n).label + " · " + named(n), "kind"));
    if (n.group === "Metric" && n.names.length) box.appendChild(el("div", n.names.join(" · ")));
    const sentences = sentencesInSet(n);
    if (sentences.length) box.appendChild(quote(sentences[0], "q", 160));
    const metrics = shown.metricsOf.get(id);
    if (metrics) {
      box.appendChild(el("div", "Metrics: " + metrics.slice(0, 3).map(metricText).join("; ") +
        (metrics.length > 3 ? " …" : ""), "more"));
    }
    return box;
  }
  function edgeSentences(e) {
    const here = e.sentences.filter((s) => view.inSet[data.sentences[s][1]]);
    return here.length ? here : e.sentences;
  }
  function edgeTip(k) {
    const e = edgeOf(k);
    const box = el("div");
    box.appendChild(el("div", data.nodes[e.from].label + " — " + e.label + " → " + data.nodes[e.to].label, "title"));
    const sentences = edgeSentences(e);
    if (sentences.length) box.appendChild(quote(sentences[0], "q", 160));
    else box.appendChild(el("div", unsupported(e), "more"));
    return box;
  }
  function unsupported(e) {
    return e.context ? "Stated in the same sentence." :
      "No one sentence names both: the relation is inferred (the divisions' hierarchy, or the jurisdiction a name implies).";
  }
  network.on("hoverNode", (p) => showTip(nodeTip(p.node), onStage(p.pointer.DOM)));
  network.on("hoverEdge", (p) => showTip(edgeTip(p.edge), onStage(p.pointer.DOM)));
  ["blurNode", "blurEdge", "dragStart", "zoom", "click"].forEach((name) => network.on(name, hideTip));
  document.getElementById("network").addEventListener("mouseleave", hideTip);

  // ------------------------------------------------------------------------------------------ details
  const details = document.getElementById("details");
  const intro = Array.from(details.childNodes);
  function linkButton(id) {
    return button(data.nodes[id].label, undefined, () => reveal(id));
  }
  function showNode(id) {
    const n = data.nodes[id];
    const parts = [el("h2", n.label), el("div", classOf(n).label + " · " + named(n), "kind")];
    if (n.names.length > 1 || n.group === "Metric") {
      parts.push(el("div", (n.group === "Metric" ? "" : "Names: ") + n.names.join(" / "), "names"));
    }
    parts.push(el("div", n.iri, "iri"));
    const sentences = sentencesInSet(n);
    parts.push(el("h3", sentences.length > MAX_SENTENCES || sentences.length < n.mentions ? "First sentences" : "Sentences"));
    sentences.slice(0, MAX_SENTENCES).forEach((s) => parts.push(quote(s, "blockquote")));
    if (sentences.length > MAX_SENTENCES) parts.push(el("p", "… and " + (sentences.length - MAX_SENTENCES) + " more", "hint"));
    const metrics = shown.metricsOf.get(id);
    if (metrics) {
      parts.push(el("h3", "Metrics in these sentences"));
      const list = el("ul", undefined, "links");
      metrics.forEach((k) => { list.appendChild(el("li")).appendChild(linkButton(k)).textContent = metricText(k); });
      parts.push(list);
    }
    if (shown.adjacency.get(id) && shown.adjacency.get(id).length) parts.push(el("h3", "Linked"), linkList(id));
    const elsewhere = n.reports.filter((r) => !view.inSet[r]);
    if (elsewhere.length) {
      parts.push(el("h3", "Also named in " + plural(elsewhere.length, "other report")));
      parts.push(reportChips(elsewhere, id));
    }
    details.replaceChildren(...parts);
  }
  function linkList(id) {
    const list = el("ul", undefined, "links");
    const mine = shown.adjacency.get(id);
    mine.slice(0, 60).forEach((k) => {
      const e = edgeOf(k);
      const item = el("li");
      item.appendChild(el("span", (e.from === id ? e.label + " → " : "← " + e.label + " "), "relation"));
      item.appendChild(linkButton(otherEnd(e, id)));
      list.appendChild(item);
    });
    if (mine.length > 60) list.appendChild(el("li", "… and " + (mine.length - 60) + " more"));
    return list;
  }
  function showEdge(k) {
    const e = edgeOf(k);
    const parts = [el("h2", e.label), el("div", data.nodes[e.from].label + " → " + data.nodes[e.to].label, "kind")];
    parts.push(el("h3", "Supporting sentence"));
    const sentences = edgeSentences(e);
    if (sentences.length) sentences.slice(0, 2).forEach((s) => parts.push(quote(s, "blockquote")));
    else parts.push(el("p", unsupported(e), "hint"));
    const ends = el("ul", undefined, "links");
    [e.from, e.to].forEach((id) => ends.appendChild(el("li")).appendChild(linkButton(id)));
    parts.push(el("h3", "Ends"), ends);
    details.replaceChildren(...parts);
  }
  // Buttons for reports, each opening that report's network (with `focus` selected).
  function reportChips(reports, focus, limit) {
    const box = el("div", undefined, "chips");
    const max = limit || 60;
    reports.slice(0, max).forEach((r) => {
      const chip = button(reportName(r), "chip", () => openReports([r], { focus: focus }));
      chip.title = data.reports[r].label + " (" + data.reports[r].id + ")";
      chip.dataset.report = String(r);
      box.appendChild(chip);
    });
    if (reports.length > max) box.appendChild(el("span", "… and " + (reports.length - max) + " more", "hint"));
    return box;
  }

  // ------------------------------------------------------------------------------------------ neighbours
  // Everything is dimmed by one change of the global options; the neighbours override it node by node.
  // Nodes and lines once overridden keep an explicit style that is always set to what it should be, since
  // vis-network cannot unset one. Labels are dimmed too, but not in a large drawing (a quarter of a second).
  const DIMMED = { nodes: { opacity: DIM, font: { color: DIM_TEXT } }, edges: { color: { opacity: DIM }, font: { color: DIM_TEXT } } };
  const BRIGHT = { nodes: { opacity: 1, font: { color: TEXT } }, edges: { color: { opacity: 1 }, font: { color: EDGE_TEXT } } };
  const touched = { nodes: new Set(), edges: new Set() };
  function large() { return shown && shown.ids.length > 2000; }
  function restyle(bright) {
    bright.nodes.forEach((k) => touched.nodes.add(k));
    bright.edges.forEach((k) => touched.edges.add(k));
    const big = large();
    nodes.update(Array.from(touched.nodes, (k) => {
      const on = bright.nodes.has(k);
      return big ? { id: k, opacity: on ? 1 : DIM } : { id: k, opacity: on ? 1 : DIM, font: { color: on ? textColour(k) : DIM_TEXT } };
    }));
    edgeSet.update(Array.from(touched.edges, (k) => {
      const on = bright.edges.has(k);
      return big ? { id: k, color: { opacity: on ? 1 : DIM } }
        : { id: k, color: { opacity: on ? 1 : DIM }, font: { color: on ? EDGE_TEXT : DIM_TEXT } };
    }));
  }
  function highlight(id) {
    const keep = new Set([id]);
    const mine = shown.adjacency.get(id) || [];
    mine.forEach((k) => { keep.add(edgeOf(k).from); keep.add(edgeOf(k).to); });
    network.setOptions(large() ? { nodes: { opacity: DIM }, edges: { color: { opacity: DIM } } } : DIMMED);
    restyle({ nodes: keep, edges: new Set(mine) });
    view.dimmed = true;
  }
  function clearHighlight() {
    if (!view.dimmed) return;
    network.setOptions(large() ? { nodes: { opacity: 1 }, edges: { color: { opacity: 1 } } } : BRIGHT);
    restyle({ nodes: touched.nodes, edges: touched.edges });
    view.dimmed = false;
  }
  function textColour(k) {
    return classOf(data.nodes[k]).shape === "box" ? "#fff" : TEXT;  // a box holds its label
  }
  function select(id) {
    view.selected = id;
    network.selectNodes([id]);
    showNode(id);
    highlight(id);
  }
  function clearSelection() {
    view.selected = null;
    network.unselectAll();
    clearHighlight();
    details.replaceChildren(...intro);
  }
  // Makes a node visible (its class shown, the report filter lifted, drawn if the set left it out), then goes
  // to it; a node the set does not name opens the network of the reports that name it (one), or its entry in
  // the corpus view (several).
  function reveal(id) {
    const n = data.nodes[id];
    if (!inSet(n)) {
      if (n.reports.length === 1 || !corpus) openReports(n.reports.slice(0, 1), { focus: id });
      else showCorpus({ entity: id });
      return;
    }
    if (view.hidden[n.group]) setClass(n.group, false);
    if (!isShown(id)) setReport("");
    if (!shown.drawn[id]) {
      view.extra.add(id);
      drawSet();
      updateStatus();
    }
    select(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400 } });
  }
  network.on("click", (p) => {
    if (p.nodes.length) select(p.nodes[0]);
    else if (p.edges.length) { clearHighlight(); showEdge(p.edges[0]); }
    else clearSelection();
  });

  // ------------------------------------------------------------------------------------------ filters
  const legendItems = {};
  function setClass(kind, hidden) {
    view.hidden[kind] = hidden;
    if (legendItems[kind]) legendItems[kind].setAttribute("aria-pressed", String(!hidden));
    refresh();
  }
  function setReport(value) {
    view.report = value;
    reportMenu.value = value;
    refresh();
  }
  function refresh() {
    hideTip();
    shownNodes.refresh();
    if (view.selected !== null && !isShown(view.selected)) clearSelection();
    updateStatus();
  }
  const legend = document.querySelector("#legend ul");
  const legendCounts = {};
  Object.keys(data.classes).forEach((kind) => {
    const c = data.classes[kind];
    const b = button(undefined, undefined, () => setClass(kind, !view.hidden[kind]));
    b.dataset.kind = kind;
    b.setAttribute("aria-pressed", String(!view.hidden[kind]));
    legendCounts[kind] = el("span", "0", "count");
    b.append(swatch(kind), el("span", c.label), legendCounts[kind]);
    legendItems[kind] = b;
  });
  function updateLegend() {
    const counts = {};
    shown.ids.forEach((id) => { counts[data.nodes[id].group] = (counts[data.nodes[id].group] || 0) + 1; });
    legend.replaceChildren(...Object.keys(data.classes).filter((kind) => counts[kind]).map((kind) => {
      legendCounts[kind].textContent = String(counts[kind]);
      const item = el("li");
      item.appendChild(legendItems[kind]);
      return item;
    }));
  }
  const reportMenu = document.getElementById("report");
  const allOption = reportMenu.options[0];
  function fillReportMenu() {
    allOption.textContent = view.reports.length > 1 ? "all " + view.reports.length + " reports" : "all reports";
    reportMenu.replaceChildren(allOption, ...view.reports.map((r) => {
      const name = reportName(r), label = data.reports[r].label;
      const option = el("option", name === label ? label : name + " · " + label);
      option.value = String(r);
      return option;
    }));
    reportMenu.value = view.report;
  }
  reportMenu.addEventListener("change", () => {
    setReport(reportMenu.value);
    network.fit({ animation: { duration: 300 } });  // the report's part of the graph, in view
  });

  const status = document.getElementById("status");
  function updateStatus() {
    if (page.mode === "corpus") {
      status.textContent = corpusSummary;
      return;
    }
    const count = shownNodes.length;
    const lines = shown.edges.filter((e) => isShown(e.from) && isShown(e.to)).length;
    let text = count + " of " + shown.ids.length + " nodes · " + lines + " lines shown";
    if (shown.left) text += " · " + shown.left + " unlinked not drawn (search finds them)";
    if (shown.capped) text += " · " + shown.capped + " less named not drawn";
    status.textContent = (view.title ? view.title + " — " : "") + text;
  }

  // ------------------------------------------------------------------------------------------ modes
  const toCorpus = document.getElementById("to-corpus");
  const reportFilter = document.getElementById("report-filter");
  const corpusView = document.getElementById("corpus");
  toCorpus.addEventListener("click", () => showCorpus());

  // The network of `reports` (report indices); `focus`: a node to select.
  function openReports(reports, options) {
    const opts = options || {};
    hideTip();
    view.reports = reports.slice().sort((a, b) => a - b);
    view.inSet.fill(0);
    view.reports.forEach((r) => { view.inSet[r] = 1; });
    view.title = opts.title !== undefined ? opts.title
      : reports.length === 1 ? reportName(reports[0]) : plural(reports.length, "report");
    view.report = "";
    view.extra = new Set();
    view.selected = null;
    page.mode = "detail";
    document.body.classList.remove("corpus");
    corpusView.hidden = true;
    reportFilter.hidden = false;
    toCorpus.hidden = !corpus;
    drawSet();
    fillReportMenu();
    updateLegend();
    details.replaceChildren(...intro);
    network.redraw();
    network.fit({ animation: false });
    updateStatus();
    if (opts.focus !== undefined && opts.focus !== null && inSet(data.nodes[opts.focus])) reveal(opts.focus);
  }
  page.openReports = openReports;

  let corpusSummary = "";
  function showCorpus(options) {
    hideTip();
    page.mode = "corpus";
    document.body.classList.add("corpus");
    corpusView.hidden = false;
    reportFilter.hidden = true;
    toCorpus.hidden = true;
    updateStatus();
    if (options && options.entity !== undefined) showEntity(options.entity);
  }
  page.showCorpus = showCorpus;

  // ------------------------------------------------------------------------------------------ search
  const search = document.getElementById("search");
  const matchList = document.getElementById("matches");
  let active = -1;
  function rank(n, query) {
    let best = 3;
    [n.label, ...n.names, ...(n.search || [])].forEach((name) => {  // search: simplified, half-width forms
      const at = name.toLowerCase().indexOf(query);
      if (at === 0) best = Math.min(best, name.length === query.length ? 0 : 1);
      else if (at > 0) best = Math.min(best, 2);
    });
    return best;
  }
  function findMatches(text) {
    const query = text.trim().toLowerCase();
    if (!query) return [];
    const found = [];
    const here = page.mode === "detail" && corpus;
    data.nodes.forEach((n, k) => {
      const r = rank(n, query);
      if (r < 3) found.push([here && !inSet(n) ? 1 : 0, classOf(n).hidden ? 1 : 0, r, -n.mentions, k]);
    });
    // What the network shows first, then entities before metrics, better matches, the most named.
    found.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3] || a[4] - b[4]);
    return found.slice(0, 12).map((f) => f[4]);
  }
  function showMatches() {
    const found = findMatches(search.value);
    active = found.length ? 0 : -1;
    matchList.replaceChildren(...found.map((k, i) => {
      const item = el("li", undefined);
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", String(i === active));
      item.dataset.node = String(k);
      const n = data.nodes[k];
      const kind = classOf(n).label + (corpus ? " · " + plural(n.reports.length, "report") : "");
      item.append(el("span", n.label), el("span", kind, "kind"));
      item.addEventListener("mousedown", (event) => { event.preventDefault(); choose(k); });
      return item;
    }));
    matchList.hidden = !found.length;
    if (search.value.trim() && !found.length) status.textContent = "no name contains “" + search.value.trim() + "”";
    else updateStatus();
  }
  function choose(k) {
    matchList.hidden = true;
    search.value = data.nodes[k].label;
    if (page.mode === "corpus") {
      const n = data.nodes[k];
      if (n.reports.length === 1) openReports(n.reports, { focus: k });
      else showEntity(k);
    } else {
      reveal(k);
    }
    updateStatus();
  }
  function moveActive(step) {
    const items = matchList.children;
    if (!items.length) return;
    active = (active + step + items.length) % items.length;
    Array.from(items).forEach((item, i) => item.setAttribute("aria-selected", String(i === active)));
    items[active].scrollIntoView({ block: "nearest" });
  }
  search.addEventListener("input", showMatches);
  search.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      moveActive(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      choose(Number(matchList.children[active].dataset.node));
    } else if (event.key === "Escape") {
      matchList.hidden = true;
    }
  });
  search.addEventListener("blur", () => { matchList.hidden = true; });
  search.addEventListener("focus", () => { if (search.value.trim()) showMatches(); });

  // ------------------------------------------------------------------------------------------ corpus: places
  const yearMenu = document.getElementById("year");
  const tree = document.querySelector("#places .tree");
  let year = "";  // "" or a year: the reports the places panel lists and opens
  function reportsOf(list) {
    return year === "" ? list : list.filter((r) => String(data.reports[r].year) === year);
  }
  function buildPlaces() {
    const divisions = corpus.divisions;
    const children = divisions.map(() => []);
    const tops = [];
    divisions.forEach((d, k) => { if (d.parent === null || d.parent === undefined) tops.push(k); else children[d.parent].push(k); });
    // Every division's reports, its own and those of the divisions under it (children follow their parent).
    const all = divisions.map((d) => reportsOf(d.reports).slice());
    for (let k = divisions.length - 1; k >= 0; k--) {
      const p = divisions[k].parent;
      if (p !== null && p !== undefined) all[p] = all[p].concat(all[k]);
    }
    const open = divisions.length <= 150;  // a small corpus opens whole; a large one shows its provinces
    function item(k) {
      const d = divisions[k];
      const li = el("li");
      li.setAttribute("role", "treeitem");
      li.dataset.division = String(k);
      const row = el("div", undefined, "row");
      const kids = children[k].filter((c) => all[c].length);
      const toggle = button(kids.length ? (open ? "▾" : "▸") : "", "toggle");
      toggle.disabled = !kids.length;
      toggle.setAttribute("aria-label", "show or hide the places under " + d.name);
      const place = button(d.name, "place", () => openReports(all[k], { title: d.name + (year ? " " + year : "") }));
      place.title = "open the network of " + plural(all[k].length, "report");
      row.append(toggle, place, el("span", LEVEL[d.level] || d.level, "level"),
                 el("span", plural(all[k].length, "report"), "count"));
      li.appendChild(row);
      const own = reportsOf(d.reports);
      if (own.length) {
        const chips = el("div", undefined, "reports");
        own.forEach((r) => {
          const chip = button(data.reports[r].year ? String(data.reports[r].year) : data.reports[r].id, "chip",
                              () => openReports([r]));
          chip.title = data.reports[r].label + " (" + data.reports[r].id + ")";
          chip.dataset.report = String(r);
          chips.appendChild(chip);
        });
        li.appendChild(chips);
      }
      if (kids.length) {
        const list = el("ul");
        list.setAttribute("role", "group");
        list.hidden = !open;
        let filled = false;
        const fill = () => { if (!filled) { list.replaceChildren(...kids.map(item)); filled = true; } };
        if (open) fill();
        toggle.addEventListener("click", () => {
          fill();
          list.hidden = !list.hidden;
          toggle.textContent = list.hidden ? "▸" : "▾";
        });
        li.appendChild(list);
      }
      return li;
    }
    const items = tops.filter((k) => all[k].length).map(item);
    const placed = new Set();
    divisions.forEach((d) => d.reports.forEach((r) => placed.add(r)));
    const nowhere = reportsOf(data.reports.map((_, r) => r).filter((r) => !placed.has(r)));
    if (nowhere.length) {
      const li = el("li");
      const row = el("div", undefined, "row");
      row.append(button("", "toggle"), button("未定辖区 no jurisdiction", "place",
                                               () => openReports(nowhere, { title: "no jurisdiction" })),
                 el("span", plural(nowhere.length, "report"), "count"));
      row.firstChild.disabled = true;
      const chips = el("div", undefined, "reports");
      nowhere.forEach((r) => {
        const chip = button(data.reports[r].id, "chip", () => openReports([r]));
        chip.title = data.reports[r].label;
        chip.dataset.report = String(r);
        chips.appendChild(chip);
      });
      li.append(row, chips);
      items.push(li);
    }
    tree.replaceChildren(...items);
  }
  function buildYears() {
    const counts = {};
    data.reports.forEach((r) => { if (r.year) counts[r.year] = (counts[r.year] || 0) + 1; });
    Object.keys(counts).sort().forEach((y) => {
      const option = el("option", y + " (" + counts[y] + ")");
      option.value = y;
      yearMenu.appendChild(option);
    });
    yearMenu.addEventListener("change", () => { year = yearMenu.value; buildPlaces(); });
    const years = Object.keys(counts).sort();
    const provinces = new Set();
    data.reports.forEach((_, r) => {
      let d = data.reports[r].division;
      while (d !== undefined && d !== null && corpus.divisions[d].parent !== null && corpus.divisions[d].parent !== undefined) {
        d = corpus.divisions[d].parent;
      }
      if (d !== undefined && d !== null) provinces.add(d);
    });
    corpusSummary = plural(data.reports.length, "report") + " · " + provinces.size + " provincial-level divisions" +
      (years.length ? " · " + years[0] + (years.length > 1 ? "–" + years[years.length - 1] : "") : "");
  }

  // ------------------------------------------------------------------------------------------ corpus: shared
  const tabs = document.querySelector("#shared .tabs");
  const sharedList = document.querySelector("#shared .shared-list");
  const entityCard = document.getElementById("entity");
  let sharedTab = "";
  const shared = [];
  function buildShared() {
    data.nodes.forEach((n, k) => {
      if (n.reports.length > 1 && n.group !== "Metric" && DIVISIONS.indexOf(n.group) < 0) shared.push(k);
    });
    shared.sort((a, b) => data.nodes[b].reports.length - data.nodes[a].reports.length ||
      data.nodes[b].mentions - data.nodes[a].mentions || a - b);
    const counts = {};
    shared.forEach((k) => { counts[data.nodes[k].group] = (counts[data.nodes[k].group] || 0) + 1; });
    const kinds = Object.keys(data.classes).filter((kind) => counts[kind]);
    const tab = (kind, text) => {
      const b = button(undefined, undefined, () => { sharedTab = kind; fillShared(); });
      if (kind) b.appendChild(swatch(kind));
      b.appendChild(el("span", text));
      b.setAttribute("role", "tab");
      b.dataset.kind = kind;
      return b;
    };
    tabs.replaceChildren(tab("", "all " + shared.length),
                         ...kinds.map((kind) => tab(kind, data.classes[kind].label.split(" ")[0] + " " + counts[kind])));
    fillShared();
  }
  function fillShared() {
    Array.from(tabs.children).forEach((b) => b.setAttribute("aria-selected", String(b.dataset.kind === sharedTab)));
    const rows = shared.filter((k) => sharedTab === "" || data.nodes[k].group === sharedTab);
    const most = rows.length ? data.nodes[rows[0]].reports.length : 1;
    const items = rows.slice(0, SHARED_ROWS).map((k) => {
      const n = data.nodes[k];
      const li = el("li");
      const b = button(undefined, undefined, () => showEntity(k));
      b.dataset.node = String(k);
      const bar = el("span", undefined, "bar");
      const fill = el("span");
      fill.style.width = (100 * n.reports.length / most).toFixed(1) + "%";
      bar.appendChild(fill);
      const name = el("span", n.label, "name");
      const scope = scopeOf(n);
      if (scope) name.appendChild(el("small", " · " + scope, "scope"));
      b.append(swatch(n.group), name, el("span", plural(n.reports.length, "report"), "n"), bar);
      b.title = n.label + " — " + classOf(n).label + ", " + named(n);
      li.appendChild(b);
      return li;
    });
    if (!rows.length) items.push(el("li", "No entity is named by more than one report.", "more"));
    if (rows.length > SHARED_ROWS) items.push(el("li", "… and " + (rows.length - SHARED_ROWS) + " more (search finds them)", "more"));
    sharedList.replaceChildren(...items);
  }
  // An entity of the corpus: which reports name it, each a click from its network.
  function showEntity(k) {
    const n = data.nodes[k];
    Array.from(sharedList.querySelectorAll("button[aria-current]")).forEach((b) => b.removeAttribute("aria-current"));
    const row = sharedList.querySelector('button[data-node="' + k + '"]');
    if (row) row.setAttribute("aria-current", "true");
    const reports = n.reports.slice().sort((a, b) => reportName(a).localeCompare(reportName(b), "zh") || a - b);
    const scope = scopeOf(n);
    const parts = [el("h3", n.label + (scope ? " · " + scope : "")), el("div", classOf(n).label + " · " + named(n), "kind")];
    const first = n.sentences[0];
    if (first !== undefined) parts.push(quote(first, "blockquote", 140));
    parts.push(reportChips(reports, k, 80));
    if (reports.length > 1 && reports.length <= 40) {
      parts.push(button("open the network of these " + reports.length + " reports", "link",
                        () => openReports(reports, { focus: k, title: n.label + " · " + plural(reports.length, "report") })));
    }
    entityCard.replaceChildren(...parts);
    entityCard.hidden = false;
    entityCard.scrollTop = 0;
  }
  page.showEntity = showEntity;

  // ------------------------------------------------------------------------------------------ corpus: indicators
  const conceptMenu = document.getElementById("concept");
  const chart = document.getElementById("chart");
  const ranking = document.getElementById("ranking");
  const PALETTE = ["#2e86ab", "#d1495b", "#edae49", "#00798c", "#7b2cbf", "#43a047", "#f07167", "#3d5a80",
                   "#9c6644", "#6a994e", "#c9184a", "#5e548e"];
  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach((name) => node.setAttribute(name, attributes[name]));
    if (text !== undefined) node.textContent = text;
    return node;
  }
  // The figures of each concept, one a report: the first the report states (points come in text order).
  const series = new Map();
  function buildIndicators() {
    const indicators = corpus.indicators;
    const seen = new Set();
    indicators.points.forEach(([concept, report, value, unit, node]) => {
      const key = concept + "/" + report;
      if (seen.has(key)) return;
      seen.add(key);
      if (!series.has(concept)) series.set(concept, []);
      series.get(concept).push({ report: report, value: value, unit: unit, node: node });
    });
    if (!series.size) {
      conceptMenu.hidden = true;
      chart.replaceChildren(el("p", "no indicators mapped: no metric of these reports is linked to an indicator concept (lg:measures)", "none"));
      return;
    }
    const top = (c) => { let k = c; while (indicators.concepts[k].broader !== null && indicators.concepts[k].broader !== undefined) k = indicators.concepts[k].broader; return k; };
    const byTop = new Map();
    Array.from(series.keys()).sort((a, b) => series.get(b).length - series.get(a).length || a - b).forEach((c) => {
      const t = top(c);
      if (!byTop.has(t)) byTop.set(t, []);
      byTop.get(t).push(c);
    });
    const groups = Array.from(byTop.entries()).sort((a, b) => series.get(b[1][0]).length - series.get(a[1][0]).length);
    groups.forEach(([t, concepts]) => {
      const optgroup = el("optgroup");
      optgroup.label = indicators.concepts[t].label;
      concepts.forEach((c) => {
        const option = el("option", indicators.concepts[c].label + " (" + plural(series.get(c).length, "report") + ")");
        option.value = String(c);
        optgroup.appendChild(option);
      });
      conceptMenu.appendChild(optgroup);
    });
    const repeated = (c) => {  // jurisdictions with figures of more than one year: lines to follow
      const years = new Map();
      series.get(c).forEach((p) => {
        const place = data.reports[p.report].division;
        if (place === undefined || !data.reports[p.report].year) return;
        if (!years.has(place)) years.set(place, new Set());
        years.get(place).add(data.reports[p.report].year);
      });
      return Array.from(years.values()).filter((y) => y.size > 1).length;
    };
    const best = Array.from(series.keys()).sort((a, b) => repeated(b) - repeated(a) ||
      series.get(b).length - series.get(a).length || a - b)[0];
    conceptMenu.value = String(best);
    conceptMenu.addEventListener("change", () => drawIndicator(Number(conceptMenu.value)));
    drawIndicator(best);
  }
  function provinceColour(r) {
    let d = data.reports[r].division;
    if (d === undefined || d === null) return "#888";
    while (corpus.divisions[d].parent !== null && corpus.divisions[d].parent !== undefined) d = corpus.divisions[d].parent;
    return PALETTE[d % PALETTE.length];
  }
  // A concept across jurisdictions (one line each) and years; below, the jurisdictions of one year ranked.
  function drawIndicator(concept) {
    const info = corpus.indicators.concepts[concept];
    const all = series.get(concept) || [];
    const units = {};
    all.forEach((p) => { units[p.unit] = (units[p.unit] || 0) + 1; });
    const unit = Object.keys(units).sort((a, b) => units[b] - units[a] || (a < b ? -1 : 1))[0];  // the commonest
    const points = all.filter((p) => p.unit === unit);
    const dated = points.filter((p) => data.reports[p.report].year);
    const years = Array.from(new Set(dated.map((p) => data.reports[p.report].year))).sort((a, b) => a - b);
    const width = Math.max(320, chart.clientWidth || 480), height = 250;
    const margin = { left: 58, right: 14, top: 14, bottom: 30 };
    const plotW = width - margin.left - margin.right, plotH = height - margin.top - margin.bottom;
    const maxValue = Math.max(...points.map((p) => p.value), 0);
    const minValue = Math.min(...points.map((p) => p.value), 0);
    const step = niceStep((maxValue - minValue) / 4 || 1);
    const top = Math.ceil(maxValue / step) * step || step;
    const bottom = Math.floor(minValue / step) * step;
    const x = (year) => margin.left + (years.length > 1 ? (years.indexOf(year) / (years.length - 1)) * plotW : plotW / 2);
    const y = (v) => margin.top + plotH - ((v - bottom) / (top - bottom)) * plotH;
    const root = svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img",
                              "aria-label": info.label + " across jurisdictions and years" });
    for (let v = bottom; v <= top + step / 2; v += step) {
      root.appendChild(svg("line", { x1: margin.left, x2: width - margin.right, y1: y(v), y2: y(v), class: v === 0 ? "axis" : "grid" }));
      root.appendChild(svg("text", { x: margin.left - 6, y: y(v) + 4, "text-anchor": "end", class: "label" }, formatNumber(v)));
    }
    years.forEach((yr) => root.appendChild(svg("text", { x: x(yr), y: height - 10, "text-anchor": "middle", class: "label" }, String(yr))));
    root.appendChild(svg("text", { x: 4, y: margin.top - 2, class: "label" }, unit || ""));
    // One line per jurisdiction through its years.
    const byPlace = new Map();
    dated.forEach((p) => {
      const place = data.reports[p.report].division;
      const key = place === undefined ? "r" + p.report : "d" + place;
      if (!byPlace.has(key)) byPlace.set(key, []);
      byPlace.get(key).push(p);
    });
    byPlace.forEach((ps) => {
      if (ps.length < 2) return;
      ps.sort((a, b) => data.reports[a.report].year - data.reports[b.report].year);
      root.appendChild(svg("polyline", { class: "series", stroke: provinceColour(ps[0].report),
        points: ps.map((p) => x(data.reports[p.report].year) + "," + y(p.value)).join(" ") }));
    });
    dated.forEach((p) => {
      const dot = svg("circle", { cx: x(data.reports[p.report].year), cy: y(p.value), r: 4.5, class: "point",
                                  fill: provinceColour(p.report) });
      dot.dataset.report = String(p.report);
      dot.dataset.node = String(p.node);
      dot.addEventListener("mouseenter", (event) => showTip(pointTip(p, info), { x: event.clientX, y: event.clientY }));
      dot.addEventListener("mouseleave", hideTip);
      dot.addEventListener("click", () => openReports([p.report], { focus: p.node }));
      root.appendChild(dot);
    });
    const notes = [];
    if (points.length < all.length) notes.push((all.length - points.length) + " figure(s) in other units (" +
      Object.keys(units).filter((u) => u !== unit).join(", ") + ") not charted");
    if (dated.length < points.length) notes.push((points.length - dated.length) + " report(s) without a reporting year not charted");
    const heading = el("div", undefined, "note");
    heading.textContent = [info.en, info.kind].filter(Boolean).join(" · ") + " — " +
      plural(points.length, "report") + ", " + plural(byPlace.size, "jurisdiction");
    chart.replaceChildren(heading, root, ...notes.map((n) => el("p", n, "note")));
    drawRanking(points, unit, years);
    page.indicator = { concept: concept, points: dated.length };
  }
  function niceStep(raw) {
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const f = raw / power;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
  }
  function pointTip(p, info) {
    const box = el("div");
    box.appendChild(el("div", reportName(p.report) + ": " + formatNumber(p.value) + " " + p.unit, "title"));
    box.appendChild(el("div", info.label + " · " + data.nodes[p.node].names.join(" · "), "kind"));
    const s = data.nodes[p.node].sentences[0];
    if (s !== undefined) box.appendChild(quote(s, "q", 160));
    return box;
  }
  function drawRanking(points, unit, years) {
    const pick = el("select");
    const byYear = {};
    points.forEach((p) => { const yr = data.reports[p.report].year || "—"; byYear[yr] = (byYear[yr] || 0) + 1; });
    const keys = Object.keys(byYear).sort();
    keys.forEach((yr) => { const o = el("option", yr + " (" + byYear[yr] + ")"); o.value = yr; pick.appendChild(o); });
    pick.value = keys.slice().sort((a, b) => byYear[b] - byYear[a] || (b > a ? 1 : -1))[0] || "";
    const list = el("ol");
    const fill = () => {
      const rows = points.filter((p) => String(data.reports[p.report].year || "—") === pick.value)
        .sort((a, b) => b.value - a.value || a.report - b.report);
      const most = Math.max(...rows.map((p) => Math.abs(p.value)), 1e-9);
      list.replaceChildren(...rows.slice(0, 60).map((p) => {
        const li = el("li");
        const b = button(undefined, undefined, () => openReports([p.report], { focus: p.node }));
        b.dataset.report = String(p.report);
        const bar = el("span", undefined, "bar");
        bar.style.width = (100 * Math.abs(p.value) / most).toFixed(1) + "%";
        const track = el("span");
        track.appendChild(bar);
        b.append(el("span", reportName(p.report), "place"), track, el("span", formatNumber(p.value) + " " + p.unit, "value"));
        b.title = data.reports[p.report].label;
        li.appendChild(b);
        return li;
      }));
    };
    pick.addEventListener("change", fill);
    const heading = el("h3");
    heading.append(el("span", "Jurisdictions ranked, year"), pick);
    fill();
    ranking.replaceChildren(heading, list);
  }

  // ------------------------------------------------------------------------------------------ start
  network.once("afterDrawing", () => { page.networkDrawn = true; page.firstDraw = performance.now(); });
  page.reveal = reveal;
  page.setClass = setClass;
  page.setReport = setReport;
  if (corpus) {
    buildYears();
    buildPlaces();
    buildShared();
    showCorpus();
    requestAnimationFrame(() => {
      buildIndicators();  // sized to its panel, once the panel is laid out
      page.drawn = true;
      page.firstDraw = performance.now();
    });
  } else {
    network.once("afterDrawing", () => { page.drawn = true; });
    openReports(data.reports.map((_, r) => r), { title: "" });
  }
})();
