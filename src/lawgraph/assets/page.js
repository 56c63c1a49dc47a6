"use strict";
(function () {
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var hidden = {};

  function visNode(n) {
    // Labels and tooltips are drawn as text by vis-network; nothing from a report becomes markup.
    return { id: n.id, label: n.label, group: n.group, value: n.value, shape: n.shape,
             color: n.color, title: n.label + " (" + n.group + ", " + n.mentions + "×)" };
  }
  var nodes = new vis.DataSet(data.nodes.map(visNode));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return { id: i, from: e.from, to: e.to, label: e.label, arrows: "to", font: { size: 10, align: "middle" },
             color: { color: "#aaa", highlight: "#333" } };
  }));
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    nodes: { scaling: { min: 8, max: 40 }, font: { size: 14 } },
    physics: { stabilization: { iterations: 150 }, barnesHut: { gravitationalConstant: -6000, springLength: 140 } },
    interaction: { hover: true, tooltipDelay: 150 }
  });
  network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  // Legend: one entry per class with its count; a click shows or hides the class.
  var legend = document.querySelector("#legend ul");
  Object.keys(data.classes).forEach(function (kind) {
    var count = data.nodes.filter(function (n) { return n.group === kind; }).length;
    if (!count) return;
    var item = el("li");
    item.dataset.kind = kind;
    var swatch = el("span", undefined, "swatch");
    swatch.style.background = data.classes[kind].color;
    item.appendChild(swatch);
    item.appendChild(el("span", data.classes[kind].label));
    item.appendChild(el("span", String(count), "count"));
    item.addEventListener("click", function () {
      hidden[kind] = !hidden[kind];
      item.classList.toggle("off", hidden[kind]);
      nodes.update(data.nodes.filter(function (n) { return n.group === kind; })
        .map(function (n) { return { id: n.id, hidden: !!hidden[kind] }; }));
    });
    legend.appendChild(item);
  });

  // Details of a node: class, names, and the sentences it comes from.
  var details = document.getElementById("details");
  function show(id) {
    var n = byId[id];
    details.replaceChildren(el("h2", n.label));
    details.appendChild(el("div", data.classes[n.group].label + " · " + n.mentions + " mention(s)", "kind"));
    if (n.names.length > 1) details.appendChild(el("div", "Names: " + n.names.join(" / "), "names"));
    n.sentences.forEach(function (s) {
      var quote = el("blockquote", s.text);
      quote.appendChild(el("span", s.report + (s.section ? " · " + s.section : ""), "where"));
      details.appendChild(quote);
    });
  }
  network.on("click", function (params) { if (params.nodes.length) show(params.nodes[0]); });

  // Search: jump to a node by any of its names.
  var list = document.getElementById("names");
  data.nodes.forEach(function (n) { list.appendChild(el("option", undefined)).value = n.label; });
  document.getElementById("search").addEventListener("change", function (event) {
    var q = event.target.value.trim();
    var hit = data.nodes.find(function (n) { return n.names.some(function (name) { return name.indexOf(q) >= 0; }); });
    if (!q || !hit) { document.getElementById("status").textContent = q ? "not found" : ""; return; }
    network.selectNodes([hit.id]);
    network.focus(hit.id, { scale: 1.3, animation: { duration: 300 } });
    show(hit.id);
    document.getElementById("status").textContent = "";
  });
  document.getElementById("status").textContent = data.nodes.length + " nodes, " + data.edges.length + " edges";
  window.lawgraphPage = { network: network, data: data };
})();
