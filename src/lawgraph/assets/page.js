"use strict";
// The network page. Everything that comes from a report (names, sentences, headings, report titles) is put
// into the page as text (textContent, or a canvas label drawn by vis-network), never parsed as markup.
(function () {
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const page = { data: data, drawn: false, firstDraw: null };
  window.lawgraphPage = page;

  const LARGE = data.nodes.length > 2000;  // past this, lines are not drawn while zooming or dragging
  const LABEL_LENGTH = 12;  // characters drawn under a node; the full name is in its tooltip
  const EDGE = { color: "#b5b5b5", highlight: "#333", hover: "#555" };
  const DIM = 0.18;  // opacity of what is not a selected node's neighbour
  const TEXT = "#222";
  const EDGE_TEXT = "#666";
  const DIM_TEXT = "rgba(0, 0, 0, 0.18)";
  const FONT = getComputedStyle(document.body).fontFamily;  // the canvas uses the page's CJK fonts
  const state = { hidden: {}, report: "", selected: null, dimmed: false };
  Object.keys(data.classes).forEach((kind) => { if (data.classes[kind].hidden) state.hidden[kind] = true; });

  // Edges by node, both directions: for neighbours and the "linked" list.
  const adjacency = data.nodes.map(() => []);
  data.edges.forEach((edge, k) => { adjacency[edge.from].push(k); adjacency[edge.to].push(k); });

  // ------------------------------------------------------------------------------------------ helpers
  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function classOf(n) {
    return data.classes[n.group] || { color: "#adb5bd", shape: "ellipse", label: n.group };
  }
  function clip(text, length) {
    return text.length > length ? text.slice(0, length - 1) + "…" : text;
  }
  function where(sentence) {
    const report = data.reports[sentence[1]];
    return [report, sentence[2]].filter(Boolean).join(" · ");
  }
  function quote(index, tag, length) {
    const sentence = data.sentences[index];
    const box = el(tag, length ? clip(sentence[0], length) : sentence[0]);
    box.appendChild(el("span", where(sentence), "where"));
    return box;
  }
  function named(n) {
    const reports = n.reports.length === 1 ? "1 report" : n.reports.length + " reports";
    return "named " + n.mentions + "× in " + reports;
  }
  function metricText(k) {
    const m = data.nodes[k];
    return m.label + (m.names.length ? " " + clip(m.names[0], 24) : "");
  }
  function otherEnd(edge, id) {
    return edge.from === id ? edge.to : edge.from;
  }

  // ------------------------------------------------------------------------------------------ the network
  function visNode(n, id) {
    const c = classOf(n);
    const node = { id: id, label: clip(n.label, LABEL_LENGTH), x: n.x, y: n.y, shape: c.shape, color: c.color,
                   value: n.value };
    if (c.shape === "box") node.font = { color: textColour(id) };
    return node;
  }
  const nodes = new vis.DataSet(data.nodes.map(visNode));
  const edges = new vis.DataSet(data.edges.map((e, id) => ({
    id: id, from: e.from, to: e.to, label: e.label, arrows: e.context ? "" : "to", dashes: !!e.context,
    color: EDGE })));
  const shownNodes = new vis.DataView(nodes, { filter: (item) => isShown(item.id) });
  function isShown(id) {
    const n = data.nodes[id];
    return !state.hidden[n.group] && (state.report === "" || n.reports.indexOf(Number(state.report)) >= 0);
  }

  const network = new vis.Network(document.getElementById("network"), { nodes: shownNodes, edges: edges }, {
    autoResize: true,
    physics: false,  // positions are computed when the page is written: nothing to settle
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
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: LARGE, hideEdgesOnZoom: LARGE },
  });
  network.once("afterDrawing", () => { page.drawn = true; page.firstDraw = performance.now(); });
  page.network = network;
  page.nodes = nodes;
  page.edges = edges;

  // ------------------------------------------------------------------------------------------ tooltip
  const stage = document.getElementById("stage");
  const tooltip = document.getElementById("tooltip");
  function showTip(content, pointer) {
    tooltip.replaceChildren(content);
    tooltip.hidden = false;
    const x = Math.min(pointer.x + 14, stage.clientWidth - tooltip.offsetWidth - 4);
    const y = pointer.y + 14 + tooltip.offsetHeight > stage.clientHeight ? pointer.y - tooltip.offsetHeight - 10
      : pointer.y + 14;
    tooltip.style.left = Math.max(0, x) + "px";
    tooltip.style.top = Math.max(0, y) + "px";
  }
  function hideTip() { tooltip.hidden = true; }
  function nodeTip(id) {
    const n = data.nodes[id];
    const box = el("div");
    box.appendChild(el("div", n.label, "title"));
    box.appendChild(el("div", classOf(n).label + " · " + named(n), "kind"));
    if (n.group === "Metric" && n.names.length) box.appendChild(el("div", n.names.join(" · ")));
    if (n.sentences.length) box.appendChild(quote(n.sentences[0], "q", 160));
    if (n.metrics && n.metrics.length) {
      box.appendChild(el("div", "Metrics: " + n.metrics.slice(0, 3).map(metricText).join("; ") +
        (n.metrics.length > 3 ? " …" : ""), "more"));
    }
    return box;
  }
  function edgeTip(k) {
    const e = data.edges[k];
    const box = el("div");
    box.appendChild(el("div", data.nodes[e.from].label + " — " + e.label + " → " + data.nodes[e.to].label, "title"));
    if (e.sentences.length) box.appendChild(quote(e.sentences[0], "q", 160));
    else box.appendChild(el("div", unsupported(e), "more"));
    return box;
  }
  function unsupported(e) {
    return e.context ? "Stated in the same sentence." :
      "No one sentence names both: the relation is inferred (the divisions' hierarchy, or the jurisdiction a name implies).";
  }
  network.on("hoverNode", (p) => showTip(nodeTip(p.node), p.pointer.DOM));
  network.on("hoverEdge", (p) => showTip(edgeTip(p.edge), p.pointer.DOM));
  ["blurNode", "blurEdge", "dragStart", "zoom", "click"].forEach((name) => network.on(name, hideTip));
  document.getElementById("network").addEventListener("mouseleave", hideTip);

  // ------------------------------------------------------------------------------------------ details
  const details = document.getElementById("details");
  const intro = Array.from(details.childNodes);
  function linkButton(id) {
    const button = el("button", data.nodes[id].label);
    button.type = "button";
    button.addEventListener("click", () => reveal(id));
    return button;
  }
  function showNode(id) {
    const n = data.nodes[id];
    const parts = [el("h2", n.label), el("div", classOf(n).label + " · " + named(n), "kind")];
    if (n.names.length > 1 || n.group === "Metric") {
      parts.push(el("div", (n.group === "Metric" ? "" : "Names: ") + n.names.join(" / "), "names"));
    }
    parts.push(el("div", n.iri, "iri"));
    parts.push(el("h3", n.sentences.length < n.mentions ? "First sentences" : "Sentences"));
    n.sentences.forEach((s) => parts.push(quote(s, "blockquote")));
    if (n.metrics && n.metrics.length) {
      parts.push(el("h3", "Metrics in these sentences"));
      const list = el("ul", undefined, "links");
      n.metrics.forEach((k) => {
        const item = el("li");
        item.appendChild(linkButton(k)).textContent = metricText(k);
        list.appendChild(item);
      });
      parts.push(list);
    }
    if (adjacency[id].length) parts.push(el("h3", "Linked"), linkList(id));
    details.replaceChildren(...parts);
  }
  function linkList(id) {
    const list = el("ul", undefined, "links");
    adjacency[id].slice(0, 60).forEach((k) => {
      const e = data.edges[k];
      const item = el("li");
      item.appendChild(el("span", (e.from === id ? e.label + " → " : "← " + e.label + " ") , "relation"));
      item.appendChild(linkButton(otherEnd(e, id)));
      list.appendChild(item);
    });
    if (adjacency[id].length > 60) list.appendChild(el("li", "… and " + (adjacency[id].length - 60) + " more"));
    return list;
  }
  function showEdge(k) {
    const e = data.edges[k];
    const parts = [el("h2", e.label), el("div", data.nodes[e.from].label + " → " + data.nodes[e.to].label, "kind")];
    parts.push(el("h3", "Supporting sentence"));
    if (e.sentences.length) e.sentences.forEach((s) => parts.push(quote(s, "blockquote")));
    else parts.push(el("p", unsupported(e), "hint"));
    const ends = el("ul", undefined, "links");
    [e.from, e.to].forEach((id) => ends.appendChild(el("li")).appendChild(linkButton(id)));
    parts.push(el("h3", "Ends"), ends);
    details.replaceChildren(...parts);
  }

  // ------------------------------------------------------------------------------------------ neighbours
  // Everything is dimmed by one change of the global options; the neighbours override it node by node.
  // (Updating every node instead costs half a second at 10,000 nodes.) Nodes and lines once overridden keep
  // an explicit style that is always set to what it should be, since vis-network cannot unset one. Labels
  // are dimmed too, but not in a large graph, where restyling them all costs a quarter of a second.
  const DIMMED = { nodes: { opacity: DIM }, edges: { color: { opacity: DIM } } };
  const BRIGHT = { nodes: { opacity: 1 }, edges: { color: { opacity: 1 } } };
  if (!LARGE) {
    DIMMED.nodes.font = DIMMED.edges.font = { color: DIM_TEXT };
    BRIGHT.nodes.font = { color: TEXT };
    BRIGHT.edges.font = { color: EDGE_TEXT };
  }
  const touched = { nodes: new Set(), edges: new Set() };
  function restyle(bright) {
    bright.nodes.forEach((k) => touched.nodes.add(k));
    bright.edges.forEach((k) => touched.edges.add(k));
    nodes.update(Array.from(touched.nodes, (k) => {
      const on = bright.nodes.has(k);
      return LARGE ? { id: k, opacity: on ? 1 : DIM }
        : { id: k, opacity: on ? 1 : DIM, font: { color: on ? textColour(k) : DIM_TEXT } };
    }));
    edges.update(Array.from(touched.edges, (k) => {
      const on = bright.edges.has(k);
      return LARGE ? { id: k, color: { opacity: on ? 1 : DIM } }
        : { id: k, color: { opacity: on ? 1 : DIM }, font: { color: on ? EDGE_TEXT : DIM_TEXT } };
    }));
  }
  function highlight(id) {
    const keep = new Set([id]);
    adjacency[id].forEach((k) => { keep.add(data.edges[k].from); keep.add(data.edges[k].to); });
    network.setOptions(DIMMED);
    restyle({ nodes: keep, edges: new Set(adjacency[id]) });
    state.dimmed = true;
  }
  function clearHighlight() {
    if (!state.dimmed) return;
    network.setOptions(BRIGHT);
    restyle({ nodes: touched.nodes, edges: touched.edges });
    state.dimmed = false;
  }
  function textColour(k) {
    return classOf(data.nodes[k]).shape === "box" ? "#fff" : TEXT;  // a box holds its label
  }
  function select(id) {
    state.selected = id;
    network.selectNodes([id]);
    showNode(id);
    highlight(id);
  }
  function clearSelection() {
    state.selected = null;
    network.unselectAll();
    clearHighlight();
    details.replaceChildren(...intro);
  }
  // Makes a node visible (its class shown, the report filter lifted if it hides it), then goes to it.
  function reveal(id) {
    const n = data.nodes[id];
    if (state.hidden[n.group]) setClass(n.group, false);
    if (!isShown(id)) setReport("");
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
    state.hidden[kind] = hidden;
    if (legendItems[kind]) legendItems[kind].setAttribute("aria-pressed", String(!hidden));
    refresh();
  }
  function setReport(value) {
    state.report = value;
    reportMenu.value = value;
    refresh();
  }
  function refresh() {
    hideTip();
    shownNodes.refresh();
    if (state.selected !== null && !isShown(state.selected)) clearSelection();
    updateStatus();
  }
  const legend = document.querySelector("#legend ul");
  Object.keys(data.classes).forEach((kind) => {
    const count = data.nodes.filter((n) => n.group === kind).length;
    if (!count) return;
    const c = data.classes[kind];
    const button = el("button");
    button.type = "button";
    button.dataset.kind = kind;
    button.setAttribute("aria-pressed", String(!state.hidden[kind]));
    const swatch = el("span", undefined, "swatch " + c.shape);
    swatch.style.background = c.color;
    button.append(swatch, el("span", c.label), el("span", String(count), "count"));
    button.addEventListener("click", () => setClass(kind, !state.hidden[kind]));
    legendItems[kind] = button;
    legend.appendChild(el("li")).appendChild(button);
  });
  const reportMenu = document.getElementById("report");
  data.reports.forEach((label, k) => {
    const option = el("option", label);
    option.value = String(k);
    reportMenu.appendChild(option);
  });
  reportMenu.addEventListener("change", () => {
    setReport(reportMenu.value);
    network.fit({ animation: { duration: 300 } });  // the report's part of the graph, in view
  });

  const status = document.getElementById("status");
  function updateStatus() {
    const shown = shownNodes.length;
    const lines = data.edges.filter((e) => isShown(e.from) && isShown(e.to)).length;
    status.textContent = shown + " of " + data.nodes.length + " nodes · " + lines + " lines shown";
  }
  updateStatus();

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
    data.nodes.forEach((n, k) => {
      const r = rank(n, query);
      if (r < 3) found.push([classOf(n).hidden ? 1 : 0, r, -n.mentions, k]);  // metrics after entities
    });
    found.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]);
    return found.slice(0, 12).map((f) => f[3]);
  }
  function showMatches() {
    const found = findMatches(search.value);
    active = found.length ? 0 : -1;
    matchList.replaceChildren(...found.map((k, i) => {
      const item = el("li", undefined);
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", String(i === active));
      item.dataset.node = String(k);
      item.append(el("span", data.nodes[k].label), el("span", classOf(data.nodes[k]).label, "kind"));
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
    reveal(k);
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

  page.reveal = reveal;
  page.setClass = setClass;
  page.setReport = setReport;
})();
