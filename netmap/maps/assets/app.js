/* netmap map page. Data arrives as JSON (never as code); every text from the data is put in the
   page with textContent or drawn on the canvas as plain text, never parsed as HTML. */
(function () {
  "use strict";
  /* Every object of the data gets no prototype: a lookup keyed by a value from the data (an organisation
     type "__proto__" or "constructor") finds only what the data holds, never Object.prototype. */
  function bare(key, value) {
    if (!value || typeof value !== "object" || Array.isArray(value)) return value;
    var out = Object.create(null);
    Object.keys(value).forEach(function (k) { out[k] = value[k]; });
    return out;
  }
  function dict() { return Object.create(null); }
  var D = JSON.parse(document.getElementById("netmap-data").textContent, bare);
  var T = D.text, N = D.nodes, E = D.edges, F = D.findings;
  var STATIC = window.location.hash === "#static";
  if (STATIC) document.body.classList.add("static");
  var state = { filters: dict(), focus: null, depth: D.meta.depth || 1, colorBy: D.meta.colorBy,
                showFindings: true, ready: false };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function byId(id) { return document.getElementById(id); }

  /* ---------- colours ---------- */
  var colorTables = dict();
  Object.keys(D.colors).forEach(function (scheme) {
    var m = dict();
    D.colors[scheme].forEach(function (row) { m[row[0]] = row[2]; });
    colorTables[scheme] = m;
  });
  function categoryOf(n, scheme) {
    if (scheme === "level") return !n.lv ? "none" : (n.lv.length > 1 ? "multi" : n.lv[0]);
    if (scheme === "perspective") return n.p ? n.p[0] : "none";
    if (scheme === "type") return n.t || n.k;
    if (scheme === "community") return n.c === undefined ? "none" : String(n.c % 15);
    if (scheme === "change") return n.ch || "same";
    return "none";
  }
  function fillOf(n) {
    var table = colorTables[state.colorBy] || colorTables.level;
    return table[categoryOf(n, state.colorBy)] || D.style.unknown;
  }
  function shade(hex, f) {
    var v = parseInt(hex.slice(1), 16), r = v >> 16, g = (v >> 8) & 255, b = v & 255;
    function c(x) { return Math.max(0, Math.min(255, Math.round(x * f))); }
    return "#" + ((1 << 24) + (c(r) << 16) + (c(g) << 8) + c(b)).toString(16).slice(1);
  }
  var SEV = ["high", "medium", "low", "info"], SEV_WIDTH = { high: 5, medium: 4.5, low: 3.5, info: 2.5 };
  var worst = new Array(N.length);
  F.forEach(function (f, fi) {
    f.s.forEach(function (i) {
      (N[i].f = N[i].f || []).push(fi);
      if (worst[i] === undefined || SEV.indexOf(f.sev) < SEV.indexOf(worst[i])) worst[i] = f.sev;
    });
  });
  function nodeStyle(i) {
    var n = N[i], fill = fillOf(n), mark = state.showFindings && worst[i] !== undefined;
    var border = mark ? D.style.severity[worst[i]] : shade(fill, 0.72);
    return { id: i, color: { background: fill, border: border,
                             highlight: { background: shade(fill, 1.12), border: "#1d2733" },
                             hover: { background: shade(fill, 1.08), border: mark ? border : "#1d2733" } },
             borderWidth: mark ? SEV_WIDTH[worst[i]] : 1.2, borderWidthSelected: 3 };
  }

  /* ---------- vis data ---------- */
  var big = N.length > 2000;
  var nodeItems = N.map(function (n, i) {
    var item = nodeStyle(i);
    item.label = n.l; item.x = n.x; item.y = n.y; item.size = n.s;
    item.shape = D.style.shapes[n.k] || "dot";
    var major = n.k === "network" || n.k === "group";
    item.font = { size: major ? 15 : (n.k === "person" ? 11.5 : 12.5), color: major ? "#14202c" : "#2c3a48",
                  face: "Segoe UI, Helvetica Neue, Arial, sans-serif", strokeWidth: 4, strokeColor: "#ffffff",
                  bold: major ? { size: 15 } : undefined };
    if (!big) item.widthConstraint = { maximum: major ? 125 : 112 };
    return item;
  });
  var edgeItems = E.map(function (e, i) {
    var s = D.style.edges[e.st] || D.style.edges.tie_other;
    var w = e.w || s.width * (e.n ? Math.min(1 + Math.log(e.n) / Math.LN2 * 0.5, 4) : 1);
    return { id: "e" + i, from: e.a, to: e.b, width: w, dashes: big ? false : s.dashes,
             color: { color: s.color, highlight: "#1d2733", hover: "#1d2733",
                      opacity: e.st === "membership" || e.st === "home" ? 0.55 : 0.9 },
             arrows: e.st === "representation" ? { to: { enabled: true, scaleFactor: 0.5 } } : undefined };
  });
  var findingEdges = [];
  F.forEach(function (f, fi) {
    if (f.kind === "network_overlap" && f.s.length === 2) {
      var s = D.style.edges.finding;
      findingEdges.push({ id: "f" + fi, from: f.s[0], to: f.s[1], width: s.width, dashes: s.dashes,
                          color: { color: s.color, opacity: 0.9 }, finding: fi });
    }
  });
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems.concat(findingEdges));

  /* ---------- which nodes are shown ---------- */
  var adj = N.map(function () { return []; });
  E.forEach(function (e) { adj[e.a].push(e.b); adj[e.b].push(e.a); });
  var visible = new Uint8Array(N.length).fill(1);
  var focusSet = null;
  function matches(n, facet, value) {
    if (facet === "level") return value === "none" ? !n.lv : !!n.lv && n.lv.indexOf(value) >= 0;
    if (facet === "type") return (n.t || n.k) === value;
    if (facet === "network") return !!n.nw && n.nw.indexOf(+value) >= 0;
    if (facet === "region") return n.r === value;
    if (facet === "perspective") return !!n.p && n.p.indexOf(value) >= 0;
    if (facet === "theme") return !!n.th && n.th.indexOf(value) >= 0;
    return true;
  }
  function computeVisible() {
    var facets = Object.keys(state.filters).filter(function (k) { return state.filters[k] !== ""; });
    for (var i = 0; i < N.length; i++) {
      var ok = !focusSet || focusSet.has(i);
      for (var j = 0; ok && j < facets.length; j++) ok = matches(N[i], facets[j], state.filters[facets[j]]);
      visible[i] = ok ? 1 : 0;
    }
  }
  function neighbourhood(start, depth) {
    var seen = new Map([[start, 0]]), queue = [start];
    while (queue.length) {
      var u = queue.shift(), d = seen.get(u);
      if (d >= depth) continue;
      adj[u].forEach(function (v) { if (!seen.has(v)) { seen.set(v, d + 1); queue.push(v); } });
    }
    return new Set(seen.keys());
  }
  var nodeView = new vis.DataView(nodes, { filter: function (item) { return visible[item.id] === 1; } });
  var edgeView = new vis.DataView(edges, { filter: function (item) {
    if (item.finding !== undefined && !state.showFindings) return false;
    return visible[item.from] === 1 && visible[item.to] === 1;
  } });

  /* ---------- the network ---------- */
  var physics = !!D.meta.physics;
  var options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    physics: physics ? { enabled: true, solver: "forceAtlas2Based",
                         forceAtlas2Based: { gravitationalConstant: -60, springLength: 110, avoidOverlap: 0.4 },
                         stabilization: { enabled: true, iterations: 150, fit: true } } : { enabled: false },
    interaction: { hover: !big, tooltipDelay: 120, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                   multiselect: false, navigationButtons: false, keyboard: false, dragNodes: !STATIC },
    nodes: { scaling: { label: { enabled: false } }, shadow: false },
    edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 0.8 }
  };
  var container = byId("map");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);

  var BANDS = D.bands || [], GUTTER = BANDS.length ? 190 : 0;
  var bandCentre = dict();
  BANDS.forEach(function (b) { if (b.level) bandCentre[b.level] = (b.y0 + b.y1) / 2; });
  var LEVEL_ORDER = ["I", "II", "III", "IV"];
  network.on("beforeDrawing", function (ctx) {
    BANDS.forEach(function (b) {
      ctx.fillStyle = b.color;
      ctx.fillRect(-1e6, b.y0, 2e6, b.y1 - b.y0);
      ctx.strokeStyle = "#d0d7df"; ctx.lineWidth = 1.5;
      ctx.beginPath(); ctx.moveTo(-1e6, b.y1); ctx.lineTo(1e6, b.y1); ctx.stroke();
    });
    if (!BANDS.length || big) return;
    // A multi-level node sits mid-span; a bar shows which levels it really spans.
    ctx.strokeStyle = "rgba(108,122,137,0.2)"; ctx.lineCap = "round";
    N.forEach(function (n, i) {
      if (!n.lv || n.lv.length < 2 || !visible[i]) return;
      var body = network.body.nodes[i], idx = n.lv.map(function (l) { return LEVEL_ORDER.indexOf(l); });
      if (!body) return;
      var lo = bandCentre[LEVEL_ORDER[Math.min.apply(null, idx)]], hi = bandCentre[LEVEL_ORDER[Math.max.apply(null, idx)]];
      ctx.lineWidth = 6;
      ctx.beginPath(); ctx.moveTo(body.x, lo); ctx.lineTo(body.x, hi); ctx.stroke();
    });
  });
  var labelBox = el("div"); labelBox.id = "bandlabels";
  var bandLabels = BANDS.map(function (b) {
    var box = el("div", "band"), parts = b.label.split(" ");
    box.style.background = b.color;
    box.style.borderLeftColor = b.level ? D.style.levels[b.level] : "#c4c9cf";
    var head = el("div", "head");
    if (b.level) head.appendChild(el("span", "num", parts.shift()));
    box.appendChild(head);
    box.appendChild(el("div", "txt", parts.join(" ")));
    F.forEach(function (f, fi) {
      if (!f.lv || f.lv.indexOf(b.level) < 0) return;
      var badge = el("button", "gap", "⚠ " + f.kl); badge.type = "button";
      badge.style.borderColor = D.style.severity[f.sev];
      badge.addEventListener("click", function () { showFindingDetails(fi); });
      head.appendChild(badge);
    });
    labelBox.appendChild(box);
    return box;
  });
  if (BANDS.length) container.appendChild(labelBox);
  network.on("afterDrawing", function () {
    BANDS.forEach(function (b, i) {
      var top = network.canvasToDOM({ x: 0, y: b.y0 }).y, bottom = network.canvasToDOM({ x: 0, y: b.y1 }).y;
      bandLabels[i].style.top = top + "px";
      bandLabels[i].style.height = Math.max(bottom - top, 0) + "px";
    });
  });
  function fitView() {
    // Own fit: vis-network's leaves a wide margin, and the band labels need a gutter on the left.
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (var i = 0; i < N.length; i++) {
      var b = visible[i] && network.body.nodes[i];
      if (!b) continue;
      var r = (N[i].s || 10) + 8;
      minX = Math.min(minX, b.x - Math.max(r, 62)); maxX = Math.max(maxX, b.x + Math.max(r, 62));
      minY = Math.min(minY, b.y - r); maxY = Math.max(maxY, b.y + r + 46);
    }
    if (minX === Infinity) return;
    if (BANDS.length && !focusSet && !Object.keys(state.filters).some(function (k) { return state.filters[k]; })) {
      minY = Math.min(minY, BANDS[0].y0); maxY = Math.max(maxY, BANDS[BANDS.length - 1].y1);
    }
    var w = Math.max(container.clientWidth - GUTTER - 16, 50), h = Math.max(container.clientHeight - 16, 50);
    var scale = Math.min(w / (maxX - minX), h / (maxY - minY), 1.6);
    network.moveTo({ position: { x: (minX + maxX) / 2 - (GUTTER / 2) / scale, y: (minY + maxY) / 2 },
                     scale: scale, animation: false });
  }

  // Refit when the window changes size, until the reader pans or zooms themself.
  var userMoved = false;
  network.on("dragEnd", function (p) { if (!p.nodes.length) userMoved = true; });
  network.on("zoom", function () { userMoved = true; });
  network.on("resize", function () { if (!userMoved) fitView(); });

  function markReady() {
    if (state.ready) return;
    state.ready = true;
    window.netmapReady = true;
    document.body.setAttribute("data-ready", "1");
  }
  if (physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", markReady);
  }

  function refresh() {
    computeVisible();
    nodeView.refresh();
    edgeView.refresh();
    updateCount();
  }
  function drawnNodeCount() { return network.body.nodeIndices.length; }
  function updateCount() {
    var shown = 0;
    for (var i = 0; i < N.length; i++) shown += visible[i];
    byId("count").textContent = T.shown.replace("{shown}", shown.toLocaleString(D.meta.lang))
                                      .replace("{total}", N.length.toLocaleString(D.meta.lang));
  }
  function restyle() { nodes.update(N.map(function (_, i) { return nodeStyle(i); })); }

  /* ---------- header, controls ---------- */
  byId("title").textContent = D.meta.title;
  byId("subtitle").textContent = D.meta.notes.join(" · ");
  byId("search").placeholder = T.search;
  byId("color-label").textContent = T.color_by;
  byId("findings-label").textContent = T.show_findings;
  byId("depth-label").textContent = T.depth;
  byId("show-all").textContent = T.show_all;
  byId("depth").value = String(state.depth);
  if (!F.length) byId("findings-toggle").hidden = true;

  var colorSelect = byId("color-by");
  Object.keys(D.colors).forEach(function (scheme) {
    var o = el("option", null, T[scheme] || scheme); o.value = scheme; colorSelect.appendChild(o);
  });
  colorSelect.value = state.colorBy;
  colorSelect.addEventListener("change", function () { setColorBy(colorSelect.value); });
  byId("show-findings").addEventListener("change", function (ev) { setFindings(ev.target.checked); });
  byId("depth").addEventListener("change", function (ev) {
    state.depth = +ev.target.value;
    if (state.focus !== null) focusOn(state.focus, state.depth);
  });
  byId("show-all").addEventListener("click", function () { showAll(); });

  var filters = byId("filters");
  D.facets.forEach(function (facet) {
    var label = el("label", "ctl"), sel = el("select");
    label.appendChild(el("span", null, T[facet.name] || facet.name));
    var all = el("option", null, T.all); all.value = ""; sel.appendChild(all);
    facet.values.forEach(function (v) { var o = el("option", null, v[1]); o.value = String(v[0]); sel.appendChild(o); });
    sel.id = "filter-" + facet.name;
    sel.addEventListener("change", function () { setFilter(facet.name, sel.value); });
    label.appendChild(sel);
    filters.appendChild(label);
  });

  /* ---------- legend ---------- */
  function shapeIcon(shape) {
    var svgNS = "http://www.w3.org/2000/svg", svg = document.createElementNS(svgNS, "svg");
    svg.setAttribute("viewBox", "0 0 16 16"); svg.setAttribute("class", "shape");
    var p;
    if (shape === "dot") { p = document.createElementNS(svgNS, "circle"); p.setAttribute("cx", 8); p.setAttribute("cy", 8); p.setAttribute("r", 6); }
    else {
      p = document.createElementNS(svgNS, "polygon");
      var pts = { hexagon: "8,1 14,4.5 14,11.5 8,15 2,11.5 2,4.5", triangle: "8,2 14.5,14 1.5,14",
                  square: "2,2 14,2 14,14 2,14" }[shape] || "2,2 14,2 14,14 2,14";
      p.setAttribute("points", pts);
    }
    p.setAttribute("fill", "#8a96a3"); p.setAttribute("stroke", "#5b6775");
    svg.appendChild(p);
    return svg;
  }
  function renderLegend() {
    var box = byId("legend"), L = D.legend;
    box.textContent = "";
    box.appendChild(el("h2", null, T.legend));
    box.appendChild(el("h3", null, (T[state.colorBy] || "") + " (" + T.color_by.toLowerCase() + ")"));
    var present = dict();
    N.forEach(function (n) { present[categoryOf(n, state.colorBy)] = true; });
    D.colors[state.colorBy].forEach(function (row) {
      if (!present[row[0]]) return;
      var r = el("div", "row"), sw = el("span", "swatch"); sw.style.background = row[2];
      r.appendChild(sw); r.appendChild(el("span", null, row[1])); box.appendChild(r);
    });
    box.appendChild(el("h3", null, T.nodes));
    L.kinds.forEach(function (k) {
      var r = el("div", "row"); r.appendChild(shapeIcon(k[2])); r.appendChild(el("span", null, k[1])); box.appendChild(r);
    });
    box.appendChild(el("div", "note", L.size));
    if (L.edges.length) box.appendChild(el("h3", null, T.lines));
    L.edges.forEach(function (e) {
      var r = el("div", "row"), line = el("span", "line");
      line.style.borderTopColor = e[2].color; line.style.borderTopStyle = e[2].dashes ? "dashed" : "solid";
      line.style.borderTopWidth = Math.max(1.5, e[2].width) + "px";
      r.appendChild(line); r.appendChild(el("span", null, e[1])); box.appendChild(r);
    });
    if (L.severity.length && state.showFindings) {
      box.appendChild(el("h3", null, T.with_finding));
      L.severity.forEach(function (s) {
        var r = el("div", "row"), sw = el("span", "swatch");
        sw.style.background = "#fff"; sw.style.border = "3px solid " + s[2];
        r.appendChild(sw); r.appendChild(el("span", null, s[1])); box.appendChild(r);
      });
    }
  }

  /* ---------- details, tooltip, findings ---------- */
  function nodeFacts(n) {
    var facts = [[T.field_kind, D.labels.kind[n.k] || n.k]];
    if (n.t) facts.push([T.field_type, D.labels.type[n.t] || n.t]);
    if (n.ro && n.k === "person") facts.push([T.field_role, n.ro]);
    facts.push([T.field_levels, n.lv ? n.lv.map(function (l) { return D.labels.level[l] || l; }).join(", ") : T.no_level]);
    facts.push([T.field_perspectives, n.p ? n.p.map(function (p) { return D.labels.perspective[p] || p; }).join(", ") : T.no_perspective]);
    if (n.r) facts.push([T.field_region, n.r]);
    if (n.m) Object.keys(n.m).forEach(function (k) {
      facts.push([k === "member" ? T.member_count : T.merged + ": " + (D.labels.kind[k] || k), n.m[k]]);
    });
    var nets = (n.nw || []).filter(function (j) { return N[j] !== n; });
    if (nets.length) {
      var names = nets.slice(0, 10).map(function (j) { return N[j].l; });
      facts.push([T.field_networks, names.join("; ") + (nets.length > 10 ? " … (+" + (nets.length - 10) + ")" : "")]);
    }
    if (n.th) facts.push([T.field_themes, n.th.join(", ")]);
    return facts;
  }
  function edgeFacts(e) {
    var facts = [[T.field_relation, D.labels.edge[e.st] || e.st]];
    if (e.kd) facts.push([T.field_type, e.kd.join(", ")]);
    if (e.th) facts.push([T.field_theme, e.th.join(", ")]);
    if (e.sp) facts.push([T.field_step, e.sp.map(function (s) { return D.labels.step[s] || s; }).join(", ")]);
    if (e.n) facts.push([e.sh ? T.shared_members : T.field_count, e.n]);
    if (e.j !== undefined) facts.push([T.jaccard, Math.round(e.j * 100) + "%"]);
    if (e.sh) facts.push([T.shared_names, e.sh.join("; ")]);
    return facts;
  }
  function factList(facts) {
    var dl = el("dl");
    facts.forEach(function (f) { dl.appendChild(el("dt", null, f[0])); dl.appendChild(el("dd", null, f[1])); });
    return dl;
  }
  function findingBox(fi, compact) {
    var f = F[fi], box = el("div", "finding");
    box.style.borderLeftColor = D.style.severity[f.sev];
    box.appendChild(el("div", "kind", f.kl));
    box.appendChild(el("div", null, f.msg));
    if (f.sug && !compact) box.appendChild(el("div", "sug", T.suggestion + ": " + f.sug));
    box.addEventListener("click", function () { showFinding(fi); });
    return box;
  }
  function showNode(i) {
    var n = N[i], box = byId("details");
    box.textContent = "";
    box.appendChild(el("h2", null, T.details));
    box.appendChild(el("div", "name", n.l));
    box.appendChild(factList(nodeFacts(n)));
    var b = el("button", null, T.focus); b.type = "button";
    b.addEventListener("click", function () { focusOn(i, state.depth); });
    box.appendChild(b);
    (n.f || []).forEach(function (fi) { box.appendChild(findingBox(fi, false)); });
  }
  function showEdge(id) {
    var box = byId("details");
    box.textContent = "";
    box.appendChild(el("h2", null, T.details));
    if (id.charAt(0) === "f") { box.appendChild(findingBox(+id.slice(1), false)); return; }
    var e = E[+id.slice(1)];
    box.appendChild(el("div", "name", N[e.a].l + " — " + N[e.b].l));
    box.appendChild(factList(edgeFacts(e)));
  }
  function clearDetails() {
    var box = byId("details");
    box.textContent = "";
    box.appendChild(el("h2", null, T.details));
    box.appendChild(el("div", "note", T.details_hint));
  }
  function renderFindings() {
    var box = byId("findings");
    box.textContent = "";
    if (!F.length) return;
    box.appendChild(el("h2", null, T.findings + " (" + F.length + ")"));
    F.slice(0, 300).forEach(function (_, fi) { box.appendChild(findingBox(fi, false)); });
  }
  function showFindingDetails(fi) {
    var box = byId("details");
    box.textContent = "";
    box.appendChild(el("h2", null, T.details));
    box.appendChild(findingBox(fi, false));
  }
  function showFinding(fi) {
    showFindingDetails(fi);
    var ids = F[fi].s.filter(function (i) { return visible[i]; });
    if (!ids.length) return;
    network.selectNodes(ids);
    network.fit({ nodes: ids.length > 1 ? ids : adj[ids[0]].concat(ids).filter(function (i) { return visible[i]; }),
                  animation: false });
  }
  var tip = byId("tooltip");
  function showTip(pointer, title, lines, warn) {
    tip.textContent = "";
    tip.appendChild(el("div", "t", title));
    lines.forEach(function (l) { tip.appendChild(el("div", null, l[0] + ": " + l[1])); });
    (warn || []).forEach(function (w) { tip.appendChild(el("div", "w", "⚠ " + w)); });
    var rect = container.getBoundingClientRect();
    tip.style.left = Math.min(rect.left + pointer.x + 14, window.innerWidth - 350) + "px";
    tip.style.top = (rect.top + pointer.y + 14) + "px";
    tip.hidden = false;
  }
  network.on("hoverNode", function (p) {
    var n = N[p.node], warn = state.showFindings ? (n.f || []).map(function (fi) { return F[fi].msg; }) : [];
    showTip(p.pointer.DOM, n.l, nodeFacts(n).slice(0, 5), warn.slice(0, 3));
  });
  network.on("hoverEdge", function (p) {
    if (String(p.edge).charAt(0) === "f") { showTip(p.pointer.DOM, F[+String(p.edge).slice(1)].kl, [], [F[+String(p.edge).slice(1)].msg]); return; }
    var e = E[+String(p.edge).slice(1)];
    showTip(p.pointer.DOM, N[e.a].l + " — " + N[e.b].l, edgeFacts(e), []);
  });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("blurEdge", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });
  network.on("click", function (p) {
    tip.hidden = true;
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(String(p.edges[0]));
    else clearDetails();
  });
  network.on("doubleClick", function (p) { if (p.nodes.length) focusOn(p.nodes[0], state.depth); });

  /* ---------- search ---------- */
  var lower = N.map(function (n) { return n.l.toLowerCase(); });
  function search(q) {
    q = q.trim().toLowerCase();
    var hits = [];
    if (!q) return hits;
    for (var i = 0; i < N.length && hits.length < 15; i++) if (lower[i].indexOf(q) >= 0) hits.push(i);
    return hits;
  }
  var results = byId("results");
  byId("search").addEventListener("input", function (ev) {
    var hits = search(ev.target.value);
    results.textContent = "";
    results.hidden = !hits.length;
    hits.forEach(function (i) {
      var b = el("button", null, N[i].l); b.type = "button";
      b.addEventListener("click", function () { results.hidden = true; select(i); });
      results.appendChild(b);
    });
  });
  function select(i) {
    if (!visible[i]) showAll();
    network.selectNodes([i]);
    network.focus(i, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showNode(i);
  }

  /* ---------- public API (used by tests and by anyone scripting the page) ---------- */
  function setFilter(facet, value) {
    state.filters[facet] = value === undefined || value === null ? "" : String(value);
    var sel = byId("filter-" + facet);
    if (sel) sel.value = state.filters[facet];
    refresh();
    return drawnNodeCount();
  }
  function focusOn(i, depth) {
    state.focus = i; state.depth = depth || state.depth;
    byId("depth").value = String(state.depth);
    focusSet = neighbourhood(i, state.depth);
    refresh();
    fitView();
    return drawnNodeCount();
  }
  function showAll() {
    state.filters = dict(); state.focus = null; focusSet = null;
    D.facets.forEach(function (f) { byId("filter-" + f.name).value = ""; });
    refresh();
    fitView();
    return drawnNodeCount();
  }
  function setColorBy(scheme) {
    state.colorBy = scheme; colorSelect.value = scheme; restyle(); renderLegend();
  }
  function setFindings(on) {
    state.showFindings = !!on; byId("show-findings").checked = state.showFindings;
    labelBox.classList.toggle("nofindings", !state.showFindings);
    restyle(); edgeView.refresh(); renderLegend();
  }
  window.netmap = {
    network: network, data: D, setFilter: setFilter, focus: focusOn, showAll: showAll, setColorBy: setColorBy,
    setFindings: setFindings, search: function (q) { return search(q).map(function (i) { return N[i].l; }); },
    drawnNodeCount: drawnNodeCount, drawnEdgeCount: function () { return network.body.edgeIndices.length; },
    indexOf: function (id) { for (var i = 0; i < N.length; i++) if (N[i].id === id) return i; return -1; },
    select: select
  };

  renderLegend();
  clearDetails();
  renderFindings();
  if (D.meta.focusIndex !== null && D.meta.focusIndex !== undefined) {
    network.selectNodes([D.meta.focusIndex]);
    showNode(D.meta.focusIndex);
  }
  refresh();
  fitView();
  if (STATIC) {
    // A screenshotting browser may settle its window size after the first layout: fit again.
    window.addEventListener("resize", function () { network.setSize("100%", "100%"); fitView(); });
    setTimeout(function () { network.setSize("100%", "100%"); network.redraw(); fitView(); }, 400);
  }
})();
