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
    if (n.hidden && n.hidden.indexOf(state.colour) >= 0) { return data.other; }  /* hidden: "other", never a value */
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
    var out = { id: n.id, value: valueOf(n),
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
  /* nodeOn: shown by the filters; drawn: shown and with a tie in view, so on the canvas (the others are listed
     beside the map, see apart()). */
  var nodeOn = new Array(data.nodes.length).fill(true);
  var edgeOn = new Array(data.edges.length).fill(true);
  var drawn = new Array(data.nodes.length).fill(false);
  data.edges.forEach(function (e) { drawn[e.from] = true; drawn[e.to] = true; });
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return drawn[n.id]; } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return edgeOn[e.id]; } });
  var network = new vis.Network(box, { nodes: nodeView, edges: edgeView }, data.options);
  /* Positions kept in the data set, so a person a filter hides comes back where they were. */
  function keep(ids) {
    var pos = network.getPositions(ids);
    nodes.update(Object.keys(pos).map(function (k) { return { id: Number(k), x: pos[k].x, y: pos[k].y }; }));
  }
  if (!data.frozen) {
    network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); keep(); });
  }
  network.on("dragEnd", function (p) { if (p.nodes.length) { keep(p.nodes); } });

  var lang = document.documentElement.lang || undefined;
  function status() {
    var shown = nodeOn.filter(Boolean).length, ties = edgeOn.filter(Boolean).length;
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
    for (i = 0; i < data.nodes.length; i++) {
      if (dated) { nodeOn[i] = nodeOn[i] && touched[i]; }
      drawn[i] = nodeOn[i] && touched[i];
    }
    nodeView.refresh();
    edgeView.refresh();
    rank();
    apart();
    status();
    network.fit({ animation: { duration: 300, easingFunction: "easeInOutQuad" } });
  }

  function restyle() {
    nodes.update(data.nodes.map(function (n) { return { id: n.id, value: valueOf(n), color: visNode(n).color }; }));
    rank();
    document.querySelectorAll("#map-apart li").forEach(function (li) {
      li.firstChild.style.background = colourOf(data.nodes[Number(li.dataset.node)]);
    });
    legend();
  }

  /* ---- names on the canvas: the largest dots in view, where they fit ---- */
  var ranked = [], hovered = null, written = [];
  function sizeOf(id) {
    var n = data.nodes[id];
    if (n.group) { return Infinity; }  /* group squares first: they stand for many people */
    var v = state.size === "equal" ? n.degree : n[state.size];
    return v === null || v === undefined ? 0 : v;
  }
  /* The drawn nodes, largest first (ties: more contacts first, then data order). */
  function rank() {
    ranked = [];
    for (var i = 0; i < data.nodes.length; i++) { if (drawn[i]) { ranked.push(i); } }
    ranked.sort(function (a, b) {
      return (sizeOf(b) - sizeOf(a)) || ((data.nodes[b].degree || 0) - (data.nodes[a].degree || 0)) || (a - b);
    });
  }
  /* How many of the largest dots in view may be named: one per 24,000 px² of canvas, 6 to 40. */
  function labelBudget() {
    return Math.max(6, Math.min(40, Math.round(box.clientWidth * box.clientHeight / 24000)));
  }
  var FONT = "12px system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }
  network.on("afterDrawing", function (ctx) {
    var W = box.clientWidth, H = box.clientHeight, scale = network.getScale();
    var ratio = network.canvas.pixelRatio || 1;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    written = [];
    /* the legend and the status line lie over the canvas: no name is written under them */
    var origin = box.getBoundingClientRect();
    var covered = [$("map-legend"), $("map-status")].map(function (el) {
      var r = el.getBoundingClientRect();
      return { left: r.left - origin.left, top: r.top - origin.top, right: r.right - origin.left,
               bottom: r.bottom - origin.top };
    });
    function write(id, always) {
      var node = network.body.nodes[id];
      if (!node || !drawn[id]) { return; }
      var text = data.nodes[id].label, p = network.canvasToDOM({ x: node.x, y: node.y });
      ctx.font = (always ? "600 " : "") + FONT;
      var w = ctx.measureText(text).width, top = p.y + (node.options.size || 0) * scale + 2;
      var b = { id: id, text: text, left: p.x - w / 2, top: top, right: p.x + w / 2, bottom: top + 15 };
      if (always) {  /* kept inside the box */
        var dx = Math.max(2 - b.left, Math.min(0, W - 2 - b.right)), dy = Math.min(0, H - 2 - b.bottom);
        b.left += dx; b.right += dx; b.top += dy; b.bottom += dy;
      } else if (b.left < 0 || b.right > W || b.top < 0 || b.bottom > H ||
                 written.concat(covered).some(function (o) { return overlaps(o, b); })) {
        return;
      }
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.fillStyle = "#1f2933";
      var x = (b.left + b.right) / 2;
      ctx.strokeText(text, x, b.top);
      ctx.fillText(text, x, b.top);
      written.push(b);
    }
    var first = network.getSelectedNodes().slice();
    if (hovered !== null && first.indexOf(hovered) < 0) { first.unshift(hovered); }
    first.forEach(function (id) { write(id, true); });
    var budget = labelBudget(), seen = 0;
    for (var i = 0; i < ranked.length && seen < budget; i++) {
      var id = ranked[i], node = network.body.nodes[id];
      if (!node) { continue; }
      var p = network.canvasToDOM({ x: node.x, y: node.y });
      if (p.x < 0 || p.x > W || p.y < 0 || p.y > H) { continue; }
      seen++;
      if (first.indexOf(id) < 0) { write(id, false); }
    }
    ctx.restore();
  });

  /* ---- beside the map: people without a tie in view, and connected groups smaller than the largest ---- */
  var plural = new Intl.PluralRules(lang);
  function fill(template, fields) {
    return Object.keys(fields).reduce(function (s, k) { return s.split("{" + k + "}").join(fields[k]); }, template);
  }
  var apartOf = { alone: [], groups: [] }, FOLD_ABOVE = 12;
  function components() {
    var parent = data.nodes.map(function (n) { return n.id; });
    function root(i) { while (parent[i] !== i) { parent[i] = parent[parent[i]]; i = parent[i]; } return i; }
    data.edges.forEach(function (e, i) { if (edgeOn[i]) { parent[root(e.from)] = root(e.to); } });
    var parts = new Map();
    for (var i = 0; i < data.nodes.length; i++) {
      if (!drawn[i]) { continue; }
      var r = root(i);
      if (!parts.has(r)) { parts.set(r, []); }
      parts.get(r).push(i);
    }
    var list = Array.from(parts.values());
    var largest = list.reduce(function (m, p) { return Math.max(m, p.length); }, 0);
    var tied = list.filter(function (p) { return p.length === largest; }).length > 1;
    /* When several groups share the largest size, no one is detached (metrics.isolation's rule). */
    return list.filter(function (p) { return p.length < largest && !tied; })
      .sort(function (a, b) { return (b.length - a.length) || (a[0] - b[0]); });
  }
  function byName(a, b) {
    return data.nodes[a].label.localeCompare(data.nodes[b].label, lang, { numeric: true }) || (a - b);
  }
  function entry(id, clickable) {
    var n = data.nodes[id], li = document.createElement("li");
    li.dataset.node = String(id);
    var sw = document.createElement("span");
    sw.className = "sw";
    sw.style.background = colourOf(n);
    li.appendChild(sw);
    var name = document.createElement(clickable ? "button" : "span");
    if (clickable) {
      name.type = "button";
      name.addEventListener("click", function () { show(id); });
    }
    name.textContent = n.label;
    name.title = ["role", "organisation", "domain"].map(function (k) { return n[k]; })
      .filter(function (v) { return v !== null && v !== undefined; }).join(" · ");
    li.appendChild(name);
    return li;
  }
  function apart() {
    var el = $("map-apart-list");
    el.replaceChildren();
    var alone = [];
    for (var i = 0; i < data.nodes.length; i++) { if (nodeOn[i] && !drawn[i]) { alone.push(i); } }
    alone.sort(byName);
    var groups = components();
    groups.forEach(function (g) { g.sort(byName); });
    apartOf = { alone: alone, groups: groups };
    var dated = state.from !== "" || state.to !== "";  /* then everyone shown has a tie in the period */
    if (dated || (!alone.length && !groups.length)) {
      var p = document.createElement("p");
      p.className = "note";
      p.textContent = dated ? T.period : T.none;
      el.appendChild(p);
    }
    function names(ids, clickable) {
      var ul = document.createElement("ul");
      ids.forEach(function (id) { ul.appendChild(entry(id, clickable)); });
      return ul;
    }
    if (alone.length) {
      var title = document.createElement("h4");
      title.textContent = fill(T.alone[plural.select(alone.length)] || T.alone.other,
                               { n: alone.length.toLocaleString(lang) });
      el.appendChild(title);
      el.appendChild(names(alone, false));
    }
    if (groups.length) {
      var h = document.createElement("h4");
      h.textContent = T.groups;
      el.appendChild(h);
      /* one fold per group, open up to FOLD_ABOVE people (a whole separate town need not fill the strip) */
      groups.forEach(function (g) {
        var fold = document.createElement("details"), summary = document.createElement("summary");
        fold.open = g.length <= FOLD_ABOVE;
        summary.textContent = fill(T.group, { n: g.length.toLocaleString(lang) });
        fold.appendChild(summary);
        fold.appendChild(names(g, true));
        el.appendChild(fold);
      });
    }
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
      return v !== null && v !== undefined && (!palettes.get(state.colour).has(v) ||
        (n.hidden !== undefined && n.hidden.indexOf(state.colour) >= 0));
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
  /* A row "label: value": numbers with the page language's separators (9.702 in Dutch), and a list under the
     label of its number where there is one (T.plurals: "leernetwerk" for one, "leernetwerken" for more). */
  function line(key, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) { return; }
    var row = document.createElement("div");
    row.className = "row";
    var forms = Array.isArray(value) && T.plurals[key];
    var label = forms ? forms[plural.select(value.length)] || forms.other : T.labels[key] || key;
    row.appendChild(document.createTextNode(label + ": "));
    var v = document.createElement("span");
    v.textContent = Array.isArray(value) ? value.join(", ")
      : typeof value === "number" ? value.toLocaleString(lang) : String(value);
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
    tip.style.display = "block";
    place(p.pointer.DOM.x, p.pointer.DOM.y);
    hovered = p.node;
    network.redraw();
  });
  /* Below right of the pointer; left of it or above it where the box ends; never outside the box. */
  function place(x, y) {
    var W = box.clientWidth, H = box.clientHeight, w = tip.offsetWidth, h = tip.offsetHeight, gap = 14, m = 4;
    var left = x + gap + w <= W - m ? x + gap : x - gap - w;
    var top = y + gap + h <= H - m ? y + gap : y - gap - h;
    tip.style.left = Math.max(m, Math.min(left, W - m - w)) + "px";
    tip.style.top = Math.max(m, Math.min(top, H - m - h)) + "px";
  }
  network.on("blurNode", function () { tip.style.display = "none"; hovered = null; network.redraw(); });
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
  var message = $("map-search-msg");
  /* Select and centre a person drawn on the map (their name is then written). */
  function show(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: 1.4, animation: { duration: 400 } });
  }
  function find(raw) {
    var query = raw.trim().toLowerCase();
    message.textContent = "";
    document.querySelectorAll("#map-apart li.hit").forEach(function (li) { li.classList.remove("hit"); });
    if (!query) { return; }
    var hit = data.nodes.find(function (n) { return n.label.toLowerCase() === query || n.pid.toLowerCase() === query; }) ||
              data.nodes.find(function (n) { return n.label.toLowerCase().indexOf(query) >= 0; });
    if (!hit) {
      message.textContent = fill(T.no_match, { query: raw.trim() });
    } else if (!nodeOn[hit.id]) {
      message.textContent = fill(T.filtered_out, { name: hit.label });
    } else if (!drawn[hit.id]) {
      message.textContent = fill(T.found_apart, { name: hit.label });
      var li = document.querySelector('#map-apart li[data-node="' + hit.id + '"]');
      li.classList.add("hit");
      li.scrollIntoView({ block: "nearest" });
    } else {
      show(hit.id);
    }
  }
  $("map-search").addEventListener("change", function (ev) { find(ev.target.value); });
  $("map-search").addEventListener("keydown", function (ev) { if (ev.key === "Enter") { find(ev.target.value); } });

  rank();
  apart();
  legend();
  status();
  window.collabgraphMap = {
    network: network, data: data,
    /* people shown (on the canvas or beside it), ties shown, nodes drawn on the canvas */
    shownNodes: function () { return nodeOn.filter(Boolean).length; },
    shownEdges: function () { return edgeView.length; },
    drawnNodes: function () { return nodeView.length; },
    /* the names written on the canvas at the last drawing: boxes in pixels of the map box */
    labels: function () { return written.slice(); },
    labelBudget: labelBudget,
    /* node ids listed beside the map: without a tie in view, and per separate group */
    apart: function () { return { alone: apartOf.alone.slice(), groups: apartOf.groups.map(function (g) { return g.slice(); }) }; }
  };
}());
