/* The interactive map of a collabgraph report. Data comes from <script type="application/json" id="map-data">;
   every text from the data is put on the page with textContent (never innerHTML) or drawn on the canvas. */
(function () {
  "use strict";
  var source = document.getElementById("map-data");
  var box = document.getElementById("map");
  if (!source || !box || !window.vis) { return; }
  var data = JSON.parse(source.textContent);
  var T = data.texts;
  var UNKNOWN = "#dde2e7";
  var $ = function (id) { return document.getElementById(id); };
  var state = { colour: $("map-colour").value, size: $("map-size").value, network: "", from: "", to: "" };

  /* Lookups by values from the data use Map, so a value such as "constructor" or "__proto__" is a value. */
  var palettes = new Map();
  Object.keys(data.colours).forEach(function (a) {
    palettes.set(a, new Map(data.colours[a].map(function (p) { return [p[0], p[1]]; })));
  });
  function colourOf(n) {
    var v = n[state.colour];
    if (v === null || v === undefined) { return UNKNOWN; }
    return palettes.get(state.colour).get(v) || data.other;
  }
  function valueOf(n) {
    if (state.size === "equal") { return 1; }
    if (n.group) { return largest[state.size]; }  /* a group node: as large as the largest person */
    var v = n[state.size];
    return v === null || v === undefined ? 0 : v;
  }
  var largest = {};
  ["degree", "brokerage", "betweenness"].forEach(function (s) {
    largest[s] = data.nodes.reduce(function (m, n) { return n.group ? m : Math.max(m, n[s] || 0); }, 0);
  });
  function visNode(n) {
    var c = colourOf(n);
    var out = { id: n.id, label: n.label, value: valueOf(n),
                color: { background: c, border: "#ffffff", highlight: { background: c, border: "#1f2933" },
                         hover: { background: c, border: "#1f2933" } } };
    if (data.frozen) { out.x = n.x; out.y = n.y; }
    if (n.group) { out.shape = "square"; }
    return out;
  }
  var nodes = new vis.DataSet(data.nodes.map(visNode));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return { id: i, from: e.from, to: e.to, value: e.w };
  }));
  var nodeOn = new Array(data.nodes.length).fill(true);
  var edgeOn = new Array(data.edges.length).fill(true);
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return nodeOn[n.id]; } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return edgeOn[e.id]; } });
  var network = new vis.Network(box, { nodes: nodeView, edges: edgeView }, data.options);
  if (!data.frozen) {
    network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });
  }

  function status() {
    var shown = nodeOn.filter(Boolean).length, ties = edgeOn.filter(Boolean).length;
    var lang = document.documentElement.lang || undefined;
    $("map-status").textContent = T.shown.replace("{nodes}", shown.toLocaleString(lang))
      .replace("{edges}", ties.toLocaleString(lang));
  }

  /* Does the edge have a record in a period from..to? e.p holds runs [first, last, ...] of period numbers. */
  function inPeriod(e, from, to) {
    for (var j = 0; j < e.p.length; j += 2) {
      if (e.p[j] <= to && e.p[j + 1] >= from) { return true; }
    }
    return false;
  }

  function applyFilters() {
    var net = state.network === "" ? -1 : Number(state.network);
    var dated = state.from !== "" || state.to !== "";
    var from = state.from === "" ? 0 : Number(state.from), to = state.to === "" ? Infinity : Number(state.to);
    var i;
    var touched = new Array(data.nodes.length).fill(false);
    for (i = 0; i < data.nodes.length; i++) {
      nodeOn[i] = net < 0 || data.nodes[i].nets.indexOf(net) >= 0;
    }
    for (i = 0; i < data.edges.length; i++) {
      var e = data.edges[i];
      var ok = nodeOn[e.from] && nodeOn[e.to] && (net < 0 || e.n.indexOf(net) >= 0 || e.n.length === 0);
      if (ok && dated) { ok = inPeriod(e, from, to); }
      edgeOn[i] = ok;
      if (ok) { touched[e.from] = true; touched[e.to] = true; }
    }
    if (dated) {
      for (i = 0; i < data.nodes.length; i++) { nodeOn[i] = nodeOn[i] && touched[i]; }
    }
    nodeView.refresh();
    edgeView.refresh();
    status();
  }

  function restyle() {
    nodes.update(data.nodes.map(function (n) { return { id: n.id, value: valueOf(n), color: visNode(n).color }; }));
    legend();
  }

  function legend() {
    var el = $("map-legend");
    el.replaceChildren();
    var title = document.createElement("strong");
    title.textContent = T.labels[state.colour] || state.colour;
    el.appendChild(title);
    var items = data.colours[state.colour].slice();
    var values = {};
    data.nodes.forEach(function (n) { values[n[state.colour] === null ? "" : "v"] = true; });
    var hasOther = data.nodes.some(function (n) {
      var v = n[state.colour];
      return v !== null && v !== undefined && !palettes.get(state.colour).has(v);
    });
    if (hasOther) { items.push([T.other, data.other]); }
    if (values[""]) { items.push([T.unknown, UNKNOWN]); }
    items.forEach(function (p) {
      var row = document.createElement("div");
      row.className = "item";
      var sw = document.createElement("span");
      sw.className = "sw";
      sw.style.background = p[1];
      var label = document.createElement("span");
      label.textContent = p[0];
      row.appendChild(sw);
      row.appendChild(label);
      el.appendChild(row);
    });
  }

  var tip = $("map-tooltip");
  function line(key, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) { return; }
    var row = document.createElement("div");
    row.className = "row";
    row.appendChild(document.createTextNode((T.labels[key] || key) + ": "));
    var v = document.createElement("span");
    v.textContent = Array.isArray(value) ? value.join(", ") : String(value);
    row.appendChild(v);
    tip.appendChild(row);
  }
  network.on("hoverNode", function (p) {
    var n = data.nodes[p.node];
    tip.replaceChildren();
    var name = document.createElement("strong");
    name.textContent = n.label;
    tip.appendChild(name);
    ["role", "profession", "organisation", "domain"].forEach(function (k) { line(k, n[k]); });
    line("network", n.nets.map(function (i) { return data.networks[i]; }));
    line("community", n.community);
    line("group", n.group);
    line("degree", n.degree);
    line("brokerage", n.brokerage);
    line("isolation", n.isolation);
    var x = Math.min(p.pointer.DOM.x + 14, box.clientWidth - 260);
    tip.style.left = Math.max(4, x) + "px";
    tip.style.top = (p.pointer.DOM.y + 14) + "px";
    tip.style.display = "block";
  });
  network.on("blurNode", function () { tip.style.display = "none"; });
  network.on("dragStart", function () { tip.style.display = "none"; });

  $("map-colour").addEventListener("change", function (ev) { state.colour = ev.target.value; restyle(); });
  $("map-size").addEventListener("change", function (ev) { state.size = ev.target.value; restyle(); });
  $("map-network").addEventListener("change", function (ev) { state.network = ev.target.value; applyFilters(); });
  $("map-from").addEventListener("change", function (ev) { state.from = ev.target.value; applyFilters(); });
  $("map-to").addEventListener("change", function (ev) { state.to = ev.target.value; applyFilters(); });

  var list = $("map-people");
  data.nodes.map(function (n) { return n.label; }).sort().forEach(function (label) {
    var o = document.createElement("option");
    o.value = label;
    list.appendChild(o);
  });
  function find(query) {
    query = query.trim().toLowerCase();
    if (!query) { return; }
    var hit = data.nodes.find(function (n) { return n.label.toLowerCase() === query || n.pid.toLowerCase() === query; }) ||
              data.nodes.find(function (n) { return n.label.toLowerCase().indexOf(query) >= 0; });
    if (!hit || !nodeOn[hit.id]) { return; }
    network.selectNodes([hit.id]);
    network.focus(hit.id, { scale: 1.4, animation: { duration: 400 } });
  }
  $("map-search").addEventListener("change", function (ev) { find(ev.target.value); });
  $("map-search").addEventListener("keydown", function (ev) { if (ev.key === "Enter") { find(ev.target.value); } });

  legend();
  status();
  window.collabgraphMap = {
    network: network, data: data,
    shownNodes: function () { return nodeView.length; },
    shownEdges: function () { return edgeView.length; }
  };
}());
