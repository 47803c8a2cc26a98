/* netmap map page. Data arrives as JSON (never as code); every text from the data is put in the
   page with textContent or drawn on the canvas as plain text, never parsed as HTML. */
(function () {
  "use strict";
  /* Every object of the data gets no prototype: a lookup keyed by a value from the data (an organisation
     type "__proto__" or "constructor") finds only what the data holds, never Object.prototype. */
  function bare(value) {
    if (!value || typeof value !== "object") return value;
    if (Array.isArray(value)) { for (var i = 0; i < value.length; i++) value[i] = bare(value[i]); return value; }
    var out = Object.create(null);
    Object.keys(value).forEach(function (k) { out[k] = bare(value[k]); });
    return out;
  }
  function dict() { return Object.create(null); }
  // Node and line records are read by fixed keys only (n.l, e.st), never as a lookup by a value: they stay as
  // parsed, which spares a national map's million values a pass (JSON.parse makes "__proto__" an own key).
  var D = (function (raw) {
    var out = dict();
    Object.keys(raw).forEach(function (k) { out[k] = k === "nodes" || k === "edges" ? raw[k] : bare(raw[k]); });
    return out;
  })(JSON.parse(document.getElementById("netmap-data").textContent));
  var T = D.text, N = D.nodes.slice(), E = D.edges, F = D.findings;
  /* Groups that carry members ("mb", largest first, at most a budget; "mn" the group's full count): the members
     become nodes of their own after the data's, drawn in rings around their group while it is expanded. */
  var MEMBER_GAP = 16, expanded = dict(), membersOf = dict();
  D.nodes.forEach(function (g, gi) {
    if (!g.mb || !g.mb.length) return;
    var ids = [], ring = 0, onRing = 0, r = (g.s || 20) + MEMBER_GAP, cap = Math.max(6, Math.floor(2 * Math.PI * r / MEMBER_GAP));
    g.mb.forEach(function (row) {
      if (onRing >= cap) { ring++; onRing = 0; r += MEMBER_GAP; cap = Math.floor(2 * Math.PI * r / MEMBER_GAP); }
      var angle = 2 * Math.PI * onRing / cap + ring * 0.4, m = { l: row[0], k: row[1], s: 5, mg: gi,
        x: g.x + r * Math.cos(angle), y: g.y + r * Math.sin(angle) };
      if (row[2]) m.t = row[2];
      if (row[3]) m.lv = row[3].split("|");
      onRing++;
      ids.push(N.length); N.push(m);
    });
    membersOf[gi] = ids;
  });
  var HASH = new URLSearchParams(window.location.hash.slice(1));
  var STATIC = HASH.has("static");
  if (STATIC) document.body.classList.add("static");
  var state = { filters: dict(), focus: null, depth: D.meta.depth || 1, colorBy: D.meta.colorBy,
                showFindings: true, ready: false, labelPx: 13, detail: null, finding: null,
                presenting: false, allEdges: true };

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
  // Low and info borders only while they single something out: on a national map nearly every group holds one.
  var marked = worst.filter(function (w) { return w !== undefined; }).length, markMinor = marked <= N.length / 4;
  function nodeStyle(i) {
    var n = N[i], mark = state.showFindings && worst[i] !== undefined && (markMinor || worst[i] === "high" || worst[i] === "medium");
    var fill = fillOf(n);
    var border = mark ? D.style.severity[worst[i]] : shade(fill, 0.72);
    return { fill: fill, border: border, hlFill: shade(fill, 1.12), hoverFill: shade(fill, 1.08),
             hoverBorder: mark ? border : "#1d2733", borderWidth: mark ? SEV_WIDTH[worst[i]] : 1.2, mark: mark };
  }

  /* ---------- what is drawn: nodes as the data has them, lines styled here for either renderer ---------- */
  var big = N.length > 2000;
  var dense = E.length > 2000, grouped = D.meta.aggregated === "structure";
  var maxCount = E.reduce(function (a, e) { return Math.max(a, e.n || 1); }, 1);
  var edgeItems = E.map(function (e, i) {
    var s = D.style.edges[e.st] || D.style.edges.tie_other;
    var w = e.w || s.width * (e.n ? Math.min(1 + Math.log(e.n) / Math.LN2 * 0.5, 4) : 1);
    var opacity = e.st === "membership" || e.st === "home" ? 0.55 : 0.9;
    if (dense) { opacity *= 0.35; w *= 0.6; }  // thousands of lines: faint, so structure shows through
    // Between groups a line bundles many ties: the more it bundles, the darker, so the main routes stand out.
    if (grouped && maxCount > 1) opacity *= 0.2 + 0.8 * Math.log(e.n || 1) / Math.log(maxCount);
    if (e.ch) {  // a diff map: the change decides colour and dash, the relation only the width
      var c = D.style.changes[e.ch];
      s = { color: c.color, dashes: c.dashes };
      w = Math.max(w, c.width); opacity = e.ch === "same" ? 0.45 : 0.95;
    }
    return { id: "e" + i, from: e.a, to: e.b, width: w, dashes: big ? false : s.dashes, color: s.color,
             opacity: opacity, arrow: e.st === "representation" };
  });
  var findingEdges = [];
  F.forEach(function (f, fi) {
    if (f.kind === "network_overlap" && f.s.length === 2) {
      var s = D.style.edges.finding;
      findingEdges.push({ id: "f" + fi, from: f.s[0], to: f.s[1], width: s.width, dashes: s.dashes,
                          color: s.color, opacity: 0.9, finding: fi });
    }
  });
  var lineItems = edgeItems.concat(findingEdges);
  function lineOf(id) { return id.charAt(0) === "e" ? edgeItems[+id.slice(1)] : findingEdges[findingLine[+id.slice(1)]]; }
  var findingLine = [];
  findingEdges.forEach(function (item, k) { findingLine[item.finding] = k; });

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
      if (N[i].mg !== undefined) { visible[i] = expanded[N[i].mg] && visible[N[i].mg] ? 1 : 0; continue; }
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
  var THIN = { membership: 1, home: 1, parent: 1, host: 1 };
  var thinCount = E.reduce(function (a, e) { return a + (THIN[e.st] ? 1 : 0); }, 0);
  // Dense large maps: thin lines (memberships and the like) hidden by default, a toggle shows them.
  state.allEdges = !(E.length > 2500 && E.length / Math.max(N.length, 1) > 1.5 && thinCount > 0);
  function edgeShown(id) {
    var item = lineOf(id);
    if (item.finding !== undefined && !state.showFindings) return false;
    if (!state.allEdges && item.finding === undefined && THIN[E[+id.slice(1)].st]) return false;
    return visible[item.from] === 1 && visible[item.to] === 1;
  }

  /* ---------- the renderer seam ----------
     render-canvas.js (vis-network) or render-webgl.js (sigma.js, large maps) defines window.netmapRenderer;
     the page inlines one of them (netmap/maps/html.py). Everything below (panels, search, filters, labels,
     findings, hash state, export) talks to the map only through this object R:
       pos(i), nodeIds(), drawnNodeCount(), edgeCount(), toScreen(p), getScale(), getViewPosition(),
       moveTo({position, scale}), selectNodes(ids), getSelectedNodes(), unselectAll(), refresh(),
       refreshEdges(), restyle(), redraw(), setSize(), pixelRatio(), stretchX(f, cx), snapshot(),
       on/once(event) with events before(ctx in map coordinates), after(ctx), first, click, doubleClick,
       hoverNode, hoverEdge, blur, userMove, resize, stabilized. */
  var physics = !!D.meta.physics;
  var container = byId("map");
  var R = window.netmapRenderer({ container: container, nodes: N, edges: lineItems, nodeStyle: nodeStyle,
                                  shapes: D.style.shapes, nodeShown: function (i) { return visible[i] === 1; },
                                  edgeShown: edgeShown, big: big, physics: physics, static: STATIC });

  var BANDS = D.bands || [], GUTTER = BANDS.length ? 190 : 0;
  var bandCentre = dict();
  BANDS.forEach(function (b) { if (b.level) bandCentre[b.level] = (b.y0 + b.y1) / 2; });
  var LEVEL_ORDER = ["I", "II", "III", "IV"];
  R.on("before", function (ctx) {
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
      var body = R.pos(i), idx = n.lv.map(function (l) { return LEVEL_ORDER.indexOf(l); });
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
    // One badge per kind of finding on a band (several gaps on one band would wrap into the next band):
    // "⚠ 3× niveaukloof", each click shows the next of them.
    var byKind = dict(), kinds = [];
    F.forEach(function (f, fi) {
      if (!f.lv || f.lv.indexOf(b.level) < 0) return;
      if (!byKind[f.kl]) { byKind[f.kl] = []; kinds.push(f.kl); }
      byKind[f.kl].push(fi);
    });
    kinds.forEach(function (kl) {
      var list = byKind[kl], next = 0;
      var badge = el("button", "gap", "⚠ " + (list.length > 1 ? list.length + "× " : "") + kl); badge.type = "button";
      badge.style.borderColor = D.style.severity[F[list[0]].sev];
      badge.addEventListener("click", function () { showFindingDetails(list[next]); next = (next + 1) % list.length; });
      head.appendChild(badge);
    });
    labelBox.appendChild(box);
    return box;
  });
  if (BANDS.length) container.appendChild(labelBox);
  R.on("after", function (ctx) {
    BANDS.forEach(function (b, i) {
      var top = R.toScreen({ x: 0, y: b.y0 }).y, bottom = R.toScreen({ x: 0, y: b.y1 }).y;
      var h = Math.max(bottom - top, 0);
      bandLabels[i].style.top = top + "px";
      bandLabels[i].style.height = h + "px";
      // Thin bands (large maps, or zoomed out) show only the numeral, so no band label runs into the next.
      bandLabels[i].classList.toggle("thin", h < 84);
      bandLabels[i].classList.toggle("tiny", h < 40);
      bandLabels[i].classList.toggle("hair", h < 18);
    });
    drawLabels(ctx);
  });

  /* ---------- labels: fixed screen size, wrapped at spaces, never overlapping ---------- */
  var FACE = '"Segoe UI", "Helvetica Neue", Arial, sans-serif';
  // LABEL_GAP: the space kept on either side of a label, so two names on one line never read as one
  var MAX_LINES = 3, LABEL_GAP = 8, NODE_GAP = 5, placed = [], wrapCache = dict();
  function isMajor(n) { return n.k === "network" || n.k === "group"; }
  // Who gets a label first: the selected node, on a change map what is new, gone or changed, networks and
  // groups, then by size (degree), then findings. Groups (a national map's structure, the overlap map's
  // unshared networks) are named before any network.
  var priority = N.map(function (n, i) {
    return (n.ch && n.ch !== "same" ? 3000 : 0) + (isMajor(n) ? 1000 : 0) + (n.k === "group" ? 1000 : 0) +
      (n.s || 0) * 10 + (worst[i] === "high" || worst[i] === "medium" ? 5 : 0);
  });
  var labelOrder = N.map(function (_, i) { return i; }).sort(function (a, b) { return priority[b] - priority[a] || a - b; });
  function fontFor(n, px) { return (isMajor(n) ? "600 " : "") + px + "px " + FACE; }
  function wrapLabel(ctx, text, maxW) {
    // Break only at spaces; a word wider than the line, or a fourth line, ends in an ellipsis.
    var words = text.split(/\s+/).filter(Boolean), lines = [], cur = "";
    function fit(t) {
      if (ctx.measureText(t).width <= maxW) return t;
      while (t.length > 1 && ctx.measureText(t + "…").width > maxW) t = t.slice(0, -1);
      return t + "…";
    }
    for (var k = 0; k < words.length; k++) {
      var next = cur ? cur + " " + words[k] : words[k];
      if (!cur || ctx.measureText(next).width <= maxW) { cur = next; continue; }
      lines.push(cur); cur = words[k];
      if (lines.length === MAX_LINES) break;
    }
    if (lines.length < MAX_LINES && cur) lines.push(cur);
    else if (lines.length === MAX_LINES && k < words.length) lines[MAX_LINES - 1] += " …";
    return lines.map(fit);
  }
  function linesOf(ctx, i, px) {
    var key = i + ":" + px, hit = wrapCache[key];
    if (hit) return hit;
    ctx.font = fontFor(N[i], px);
    var lines = wrapLabel(ctx, N[i].l, px * 11), w = 0;
    lines.forEach(function (l) { w = Math.max(w, ctx.measureText(l).width); });
    return (wrapCache[key] = { lines: lines, w: Math.ceil(w) + 2 });
  }
  function overlapsAny(grid, box, cell, except, nodeTest) {
    // nodeTest: only node boxes count, those for whose node nodeTest(i) is true
    var x0 = Math.floor(box[0] / cell), x1 = Math.floor((box[0] + box[2]) / cell);
    var y0 = Math.floor(box[1] / cell), y1 = Math.floor((box[1] + box[3]) / cell);
    for (var gx = x0; gx <= x1; gx++) for (var gy = y0; gy <= y1; gy++) {
      var list = grid[gx + "," + gy];
      if (!list) continue;
      for (var q = 0; q < list.length; q++) {
        var o = list[q];
        if (o[4] === except || (nodeTest && !(o[5] && nodeTest(o[4])))) continue;
        if (box[0] < o[0] + o[2] && o[0] < box[0] + box[2] && box[1] < o[1] + o[3] && o[1] < box[1] + box[3]) return true;
      }
    }
    return false;
  }
  function isChange(i) { return !!N[i].ch && N[i].ch !== "same"; }
  function anyNode() { return true; }
  function addBox(grid, box, cell) {
    for (var gx = Math.floor(box[0] / cell); gx <= Math.floor((box[0] + box[2]) / cell); gx++)
      for (var gy = Math.floor(box[1] / cell); gy <= Math.floor((box[1] + box[3]) / cell); gy++)
        (grid[gx + "," + gy] = grid[gx + "," + gy] || []).push(box);
  }
  /* The drawn lines, for the labels to keep off: each line clipped to the screen (Liang-Barsky) and filed
     under the grid cells it passes through (Amanatides-Woo), so a label spot counts the lines it would cover. */
  var SEGMENT_MAX = 4000;  // more lines than this and nearly every spot covers some: they are not counted
  function clipT(x0, y0, dx, dy, box) {
    var t0 = 0, t1 = 1, p = [-dx, dx, -dy, dy], q = [x0 - box[0], box[0] + box[2] - x0, y0 - box[1], box[1] + box[3] - y0];
    for (var k = 0; k < 4; k++) {
      if (p[k] === 0) { if (q[k] < 0) return null; continue; }
      var r = q[k] / p[k];
      if (p[k] < 0) { if (r > t1) return null; if (r > t0) t0 = r; } else { if (r < t0) return null; if (r < t1) t1 = r; }
    }
    return [t0, t1];
  }
  function segmentGrid(W, Hh, cell) {
    var segs = [], grid = dict(), view = [-50, -50, W + 100, Hh + 100], shown = 0;
    for (var e = 0; e < lineItems.length; e++) {
      var item = lineItems[e];
      if (!edgeShown(item.id)) continue;
      if (++shown > SEGMENT_MAX) return null;
      var a = R.pos(item.from), b = R.pos(item.to);
      if (!a || !b) continue;
      a = R.toScreen(a); b = R.toScreen(b);
      var dx = b.x - a.x, dy = b.y - a.y, t = clipT(a.x, a.y, dx, dy, view);
      if (!t) continue;
      var x0 = a.x + t[0] * dx, y0 = a.y + t[0] * dy, x1 = a.x + t[1] * dx, y1 = a.y + t[1] * dy, id = segs.length;
      segs.push([a.x, a.y, dx, dy]);
      var cx = Math.floor(x0 / cell), cy = Math.floor(y0 / cell), ex = Math.floor(x1 / cell), ey = Math.floor(y1 / cell);
      var sx = x1 > x0 ? 1 : -1, sy = y1 > y0 ? 1 : -1, ddx = Math.abs(x1 - x0), ddy = Math.abs(y1 - y0);
      var tx = ddx ? (sx > 0 ? (cx + 1) * cell - x0 : x0 - cx * cell) / ddx : Infinity, stepX = ddx ? cell / ddx : Infinity;
      var ty = ddy ? (sy > 0 ? (cy + 1) * cell - y0 : y0 - cy * cell) / ddy : Infinity, stepY = ddy ? cell / ddy : Infinity;
      for (var n = Math.abs(ex - cx) + Math.abs(ey - cy); ; n--) {
        (grid[cx + "," + cy] = grid[cx + "," + cy] || []).push(id);
        if (n <= 0) break;
        if (tx < ty) { tx += stepX; cx += sx; } else { ty += stepY; cy += sy; }
      }
    }
    return { segs: segs, grid: grid, seen: new Int32Array(segs.length), stamp: 0 };
  }
  function linesUnder(lines, box, cell) {
    var count = 0, stamp = ++lines.stamp;
    for (var gx = Math.floor(box[0] / cell); gx <= Math.floor((box[0] + box[2]) / cell); gx++)
      for (var gy = Math.floor(box[1] / cell); gy <= Math.floor((box[1] + box[3]) / cell); gy++) {
        var list = lines.grid[gx + "," + gy];
        if (!list) continue;
        for (var q = 0; q < list.length; q++) {
          var id = list[q], s = lines.segs[id];
          if (lines.seen[id] === stamp) continue;
          lines.seen[id] = stamp;
          if (clipT(s[0], s[1], s[2], s[3], box)) count++;
        }
      }
    return count;
  }
  var initialScale = null;
  function labelBudget() {
    // Large maps label only the biggest nodes at the first fit, more as the reader zooms in.
    if (N.length <= 400 || initialScale === null) return Infinity;
    var zoom = R.getScale() / initialScale;
    return Math.round(150 * Math.max(1, zoom * zoom));
  }
  function drawLabels(ctx) {
    placed = [];
    if (state.labelPx <= 0) return;
    var px = state.presenting ? state.labelPx + 5 : state.labelPx, lineH = Math.round(px * 1.22);
    var scale = R.getScale(), W = container.clientWidth, Hh = container.clientHeight;
    var cell = 64, grid = dict(), dpr = R.pixelRatio();
    var selected = R.getSelectedNodes(), first = selected.concat(labelOrder.filter(function (i) {
      return selected.indexOf(i) < 0; }));
    var left = BANDS.length ? GUTTER : 0, budget = labelBudget();
    // Nodes block labels too: a label never covers a node.
    var screen = dict();
    var inView = 0, hugeMap = N.length > 5000;
    for (var i = 0; i < N.length; i++) {
      var b = visible[i] && R.pos(i);
      if (!b) continue;
      var p = R.toScreen(b), r0 = (N[i].s || 10) * scale, r = Math.max(r0, 3);
      if (p.x < -50 || p.y < -50 || p.x > W + 50 || p.y > Hh + 50) continue;
      inView++;
      screen[i] = [p.x, p.y, r];
      // On a map of tens of thousands of nodes, dots under 2 px may sit under a label (else no label fits).
      if (!hugeMap || r0 >= 2) addBox(grid, [p.x - r, p.y - r, 2 * r, 2 * r, i, 1], cell);
    }
    var lines = hugeMap ? null : segmentGrid(W, Hh, cell);
    // The zoom buttons sit on the map: no label under them.
    var bar = byId("zoombar");
    if (bar && bar.offsetHeight) addBox(grid, [W - bar.offsetWidth - 14, Hh - bar.offsetHeight - 14, bar.offsetWidth + 14, bar.offsetHeight + 14, -1], cell);
    ctx.save();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.lineJoin = "round";
    // Most important first; after budget x 25 tries the rest are not measured (a national map's frame stays short).
    var tries = 0, maxTries = budget === Infinity ? Infinity : budget * 25;
    for (var k = 0; k < first.length && placed.length < budget && tries < maxTries; k++) {
      var j = first[k], sp = screen[j];
      if (!sp) continue;
      tries++;
      var info = linesOf(ctx, j, px), h = info.lines.length * lineH, w = info.w;
      var x = sp[0], y = sp[1], r2 = sp[2];
      var spots = [[x - w / 2, y + r2 + 3], [x - w / 2, y - r2 - 3 - h], [x + r2 + 5, y - h / 2], [x - r2 - 5 - w, y - h / 2]];
      // A name as near another node, above or below it, as its own (3 px) reads as that node's name: such a
      // spot comes last, and on a change map a new, gone or changed node's name never takes one, nor does a
      // name take one by such a node. Of the others, the spot covering the fewest lines (a line hides a name).
      var box = null, cost = Infinity, own = isChange(j) ? anyNode : null;
      for (var q = 0; q < spots.length && cost > 0; q++) {
        var c = [spots[q][0], spots[q][1], w, h, j], near = [c[0], c[1] - NODE_GAP, w, h + 2 * NODE_GAP, j];
        if (c[0] < left + 2 || c[1] < 2 || c[0] + w > W - 2 || c[1] + h > Hh - 2) continue;
        // The own node's disc does not count against its label; the gap is kept to other labels and nodes.
        if (overlapsAny(grid, [c[0] - LABEL_GAP, c[1], w + 2 * LABEL_GAP, h, j], cell, j) ||
            overlapsAny(grid, near, cell, j, own || isChange)) continue;
        var n = (overlapsAny(grid, near, cell, j, anyNode) ? 1e6 : 0) + (lines ? linesUnder(lines, c, cell) : 0);
        if (n < cost) { box = c; cost = n; }
      }
      if (!box) continue;
      addBox(grid, box, cell);
      placed.push({ i: j, px: px, box: box.slice(0, 4), lines: info.lines });
      ctx.font = fontFor(N[j], px);
      info.lines.forEach(function (line, li) {
        var ly = box[1] + li * lineH, lx = box[0] + w / 2;
        ctx.lineWidth = 4; ctx.strokeStyle = "rgba(255,255,255,0.92)"; ctx.strokeText(line, lx, ly);
        ctx.fillStyle = isMajor(N[j]) ? "#14202c" : "#2c3a48"; ctx.fillText(line, lx, ly);
      });
    }
    ctx.restore();
    updateLabelNote(inView);
  }
  var labelNote = null;
  function updateLabelNote(inView) {
    if (!labelNote) return;
    var missing = placed.length < inView;
    labelNote.hidden = !missing;
    if (missing) labelNote.textContent = T.more_labels.replace("{shown}", placed.length).replace("{total}", inView);
  }

  function fitView(only) {
    // Own fit: vis-network's leaves a wide margin, and the band labels need a gutter on the left.
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    var ids = only || N.map(function (_, i) { return i; });
    ids.forEach(function (i) {
      var b = visible[i] && R.pos(i);
      if (!b) return;
      var r = (N[i].s || 10) + 8;
      minX = Math.min(minX, b.x - r); maxX = Math.max(maxX, b.x + r);
      minY = Math.min(minY, b.y - r); maxY = Math.max(maxY, b.y + r);
    });
    if (minX === Infinity) return;
    if (!only && BANDS.length && !focusSet && !Object.keys(state.filters).some(function (k) { return state.filters[k]; })) {
      minY = Math.min(minY, BANDS[0].y0); maxY = Math.max(maxY, BANDS[BANDS.length - 1].y1);
    }
    // Room in screen pixels for the labels below and beside the outer nodes.
    var padX = 45, padTop = 12, padBottom = 40;
    var w = Math.max(container.clientWidth - GUTTER - 2 * padX, 50), h = Math.max(container.clientHeight - padTop - padBottom, 50);
    var scale = Math.min(w / Math.max(maxX - minX, 1), h / Math.max(maxY - minY, 1), only ? 2.2 : 1.6);
    R.moveTo({ position: { x: (minX + maxX) / 2 - (GUTTER / 2) / scale,
                           y: (minY + maxY) / 2 + (padBottom - padTop) / 2 / scale }, scale: scale });
    if (!only && initialScale === null) initialScale = scale;
  }
  function stretchToCanvas() {
    // A free layout comes out round, a level layout narrow; the screen is wide. Stretch x so the map
    // uses the whole width (bands run the full width anyway).
    var ids = R.nodeIds(), minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    ids.forEach(function (i) { var b = R.pos(i); minX = Math.min(minX, b.x); maxX = Math.max(maxX, b.x);
                               minY = Math.min(minY, b.y); maxY = Math.max(maxY, b.y); });
    if (!(maxX > minX) || !(maxY > minY)) return;
    if (BANDS.length) { minY = Math.min(minY, BANDS[0].y0); maxY = Math.max(maxY, BANDS[BANDS.length - 1].y1); }
    var want = Math.max(container.clientWidth - GUTTER - 140, 100) / Math.max(container.clientHeight - 58, 100);
    var f = want / ((maxX - minX) / (maxY - minY)), cx = (minX + maxX) / 2;
    if (f <= 1.05) return;
    f = Math.min(f, 2.5);
    R.stretchX(f, cx);
  }

  // Refit when the window changes size, until the reader pans or zooms themself.
  var userMoved = false, touched = false;
  R.on("userMove", function () { userMoved = touched = true; clearTimeout(zoomTimer); zoomTimer = setTimeout(writeHash, 250); });
  var zoomTimer = null;
  function onResize() {
    // A camera from the link stays until the reader moves; otherwise refit to the new size.
    if (savedCamera && !touched) restoreCamera();
    else if (!userMoved && state.finding === null) fitView();
  }
  R.on("resize", onResize);
  if (window.ResizeObserver) {
    // The header and panel settle after the first drawing (fonts, the label note): refit to the final size.
    var lastSize = "";
    new ResizeObserver(function () {
      var size = container.clientWidth + "x" + container.clientHeight;
      if (size === lastSize) return;
      lastSize = size;
      onResize();
    }).observe(container);
  }

  function markReady() {
    if (state.ready) return;
    state.ready = true;
    window.netmapReady = true; window.__readyAt = performance.now();
    document.body.setAttribute("data-ready", "1");
  }
  function settle() {
    stretchToCanvas();
    initialScale = null;
    if (!restoreCamera()) fitView();
    R.once("after", markReady);
    R.redraw();
  }
  if (physics) R.once("stabilized", settle);

  function refresh() {
    computeVisible();
    R.refresh();
    updateCount();
    // Details of a node the filters just hid are stale: clear them.
    if (state.detail !== null && !visible[state.detail]) { R.unselectAll(); clearDetails(); }
  }
  function drawnNodeCount() { return R.drawnNodeCount(); }
  function updateCount() {
    var shown = 0, total = D.nodes.length;  // the data's nodes: an expanded group's members are inside it
    for (var i = 0; i < total; i++) shown += visible[i];
    byId("count").textContent = T.shown.replace("{shown}", shown.toLocaleString(D.meta.lang))
                                      .replace("{total}", total.toLocaleString(D.meta.lang));
  }
  function restyle() { R.restyle(); R.redraw(); }

  /* ---------- header, controls ---------- */
  byId("title").textContent = D.meta.title;
  byId("subtitle").textContent = D.meta.notes.join(" · ");
  byId("search").placeholder = T.search;
  byId("color-label").textContent = T.color_by;
  byId("findings-label").textContent = T.show_findings;
  byId("depth-label").textContent = T.depth;
  byId("show-all").textContent = T.show_all;
  byId("depth").value = String(state.depth);
  if (!F.length) { byId("findings-toggle").hidden = true; byId("tab-findings").hidden = true; byId("present").hidden = true; }
  byId("filters-label").textContent = T.filters;
  [["zoom-in", "zoom_in"], ["zoom-out", "zoom_out"], ["zoom-fit", "zoom_fit"], ["label-bigger", "label_bigger"],
   ["label-smaller", "label_smaller"], ["present", "present"], ["export-png", "export_png"], ["export-svg", "export_svg"], ["copy-link", "copy_link"]]
    .forEach(function (b) { byId(b[0]).title = T[b[1]]; byId(b[0]).setAttribute("aria-label", T[b[1]]); });
  byId("present").textContent = T.present;
  byId("export-png").textContent = "PNG";
  byId("export-svg").textContent = "SVG";
  byId("tab-legend").textContent = T.legend;
  byId("tab-findings").textContent = T.findings + " (" + F.length.toLocaleString(D.meta.lang) + ")";
  byId("all-lines-label").textContent = T.all_lines;
  byId("all-lines").checked = state.allEdges;
  if (state.allEdges) byId("all-lines-toggle").hidden = true;
  byId("all-lines").addEventListener("change", function (ev) { setAllEdges(ev.target.checked); });
  labelNote = byId("label-note");
  byId("zoom-in").addEventListener("click", function () { zoomBy(1.3); });
  byId("zoom-out").addEventListener("click", function () { zoomBy(1 / 1.3); });
  byId("zoom-fit").addEventListener("click", function () { fitView(); writeHash(); });
  byId("label-bigger").addEventListener("click", function () { setLabelSize(state.labelPx + 2); });
  byId("label-smaller").addEventListener("click", function () { setLabelSize(state.labelPx - 2); });
  byId("present").addEventListener("click", function () { present(!state.presenting); });
  byId("export-png").addEventListener("click", function () { exportPng(true); });
  byId("export-svg").addEventListener("click", function () { exportSvg(true); });
  byId("copy-link").addEventListener("click", function () { writeHash(); byId("count").textContent = T.link_copied; });
  byId("tab-legend").addEventListener("click", function () { showTab("legend"); });
  byId("tab-findings").addEventListener("click", function () { showTab("findings"); });

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
  function lineIcon(st) {
    // The legend draws each line with the same colour, width and dash pattern as the map.
    var svgNS = "http://www.w3.org/2000/svg", svg = document.createElementNS(svgNS, "svg"), ln = document.createElementNS(svgNS, "line");
    svg.setAttribute("viewBox", "0 0 34 10"); svg.setAttribute("class", "line");
    ln.setAttribute("x1", 1); ln.setAttribute("y1", 5); ln.setAttribute("x2", 33); ln.setAttribute("y2", 5);
    ln.setAttribute("stroke", st.color); ln.setAttribute("stroke-width", Math.max(1.5, st.width));
    ln.setAttribute("stroke-linecap", st.dashes && st.dashes[0] <= 2 ? "round" : "butt");
    if (st.dashes) ln.setAttribute("stroke-dasharray", st.dashes.join(" "));
    svg.appendChild(ln);
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
      // WebGL draws every node as a disc: the legend shows what is drawn.
      var r = el("div", "row"); r.appendChild(shapeIcon(R.kind === "webgl" ? "dot" : k[2])); r.appendChild(el("span", null, k[1])); box.appendChild(r);
    });
    box.appendChild(el("div", "note", L.size));
    // On a diff map the change sets the colour of every line: the relation colours would mislead.
    var relations = L.changes && L.changes.length ? [] : L.edges;
    if (relations.length) box.appendChild(el("h3", null, T.lines));
    relations.forEach(function (e) {
      var r = el("div", "row legend-line"); r.setAttribute("data-key", e[0]);
      r.appendChild(lineIcon(e[2])); r.appendChild(el("span", null, e[1])); box.appendChild(r);
    });
    if (L.changes && L.changes.length) {
      box.appendChild(el("h3", null, T.edge_changes));
      L.changes.forEach(function (e) {
        var r = el("div", "row legend-change"); r.setAttribute("data-key", e[0]);
        r.appendChild(lineIcon(e[2])); r.appendChild(el("span", null, e[1])); box.appendChild(r);
      });
    }
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
    if (n.mp) facts.push([T.field_member_perspectives, n.mp.map(function (p) { return p[0] + " (" + p[1] + ")"; }).join(", ")]);
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
    if (n.tp) facts.push([T.group_top, n.tp.join("; ")]);
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
    // Keyboard access: a finding is a button for Tab and Enter.
    box.tabIndex = 0; box.setAttribute("role", "button");
    box.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); showFinding(fi); }
    });
    return box;
  }
  function showNode(i) {
    state.detail = i;
    var n = N[i], box = byId("details");
    box.textContent = "";
    box.appendChild(el("h2", null, T.details));
    box.appendChild(el("div", "name", n.l));
    box.appendChild(factList(nodeFacts(n)));
    if (n.k === "group" && n.r) box.appendChild(el("div", "note", T.group_hint.replace("{region}", n.r)));
    if (n.mg !== undefined) box.appendChild(factList([[T.member_of, N[n.mg].l]]));
    var b = el("button", null, T.focus); b.type = "button";
    b.addEventListener("click", function () { focusOn(i, state.depth); });
    box.appendChild(b);
    if (membersOf[i]) {
      var shown = membersOf[i].length, rest = Math.max((n.mn || shown) - shown, 0);
      var x = el("button", "expand", expanded[i] ? T.collapse : T.expand.replace("{shown}", shown)); x.type = "button";
      x.id = "expand-group";
      x.addEventListener("click", function () { expand(i, !expanded[i]); });
      box.appendChild(x);
      if (expanded[i] && rest) box.appendChild(el("div", "note", T.members_rest.replace("{n}", rest.toLocaleString(D.meta.lang))));
    }
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
    state.detail = null;
    var box = byId("details");
    box.textContent = "";
    box.appendChild(el("h2", null, T.details));
    box.appendChild(el("div", "note", T.details_hint));
  }
  function renderFindings() {
    var box = byId("findings");
    box.textContent = "";
    if (!F.length) return;
    box.appendChild(el("h2", null, T.findings + " (" + F.length.toLocaleString(D.meta.lang) + ")"));
    F.slice(0, 300).forEach(function (_, fi) { box.appendChild(findingBox(fi, false)); });
  }
  function showFindingDetails(fi) {
    state.detail = null;
    var box = byId("details");
    box.textContent = "";
    box.appendChild(el("h2", null, T.details));
    box.appendChild(findingBox(fi, false));
  }
  function showFinding(fi) {
    showFindingDetails(fi);
    state.finding = fi;
    var ids = F[fi].s.filter(function (i) { return visible[i]; });
    if (!ids.length) { writeHash(); return; }
    R.selectNodes(ids);
    // Zoom so that all its subjects (one subject: with its neighbours) fill the view.
    fitView(ids.length > 1 ? ids : adj[ids[0]].concat(ids).filter(function (i) { return visible[i]; }));
    writeHash();
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
  R.on("hoverNode", function (p) {
    var n = N[p.node], warn = state.showFindings ? (n.f || []).map(function (fi) { return F[fi].msg; }) : [];
    showTip(p.pointer, n.l, nodeFacts(n).slice(0, 5), warn.slice(0, 3));
  });
  R.on("hoverEdge", function (p) {
    if (String(p.edge).charAt(0) === "f") { showTip(p.pointer, F[+String(p.edge).slice(1)].kl, [], [F[+String(p.edge).slice(1)].msg]); return; }
    var e = E[+String(p.edge).slice(1)];
    showTip(p.pointer, N[e.a].l + " — " + N[e.b].l, edgeFacts(e), []);
  });
  R.on("blur", function () { tip.hidden = true; });
  R.on("click", function (p) {
    tip.hidden = true;
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(String(p.edges[0]));
    else clearDetails();
    writeHash();
  });
  R.on("doubleClick", function (p) { if (p.nodes.length) focusOn(p.nodes[0], state.depth); });

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
  /* a group's members in place around it (expand) or folded into it again (collapse) */
  function expand(gi, on) {
    if (!membersOf[gi]) return 0;
    if (on) expanded[gi] = true; else delete expanded[gi];
    refresh();
    if (on) fitView([gi].concat(membersOf[gi]));
    if (state.detail === gi || state.detail === null) showNode(gi);
    writeHash();
    return on ? membersOf[gi].filter(function (k) { return visible[k]; }).length : 0;
  }
  function select(i) {
    if (N[i].mg !== undefined && !expanded[N[i].mg]) expand(N[i].mg, true);
    if (!visible[i]) showAll();
    R.selectNodes([i]);
    R.moveTo({ position: R.pos(i), scale: Math.max(R.getScale(), 1.0) });
    showNode(i);
    writeHash();
  }

  /* ---------- public API (used by tests and by anyone scripting the page) ---------- */
  function setFilter(facet, value) {
    state.filters[facet] = value === undefined || value === null ? "" : String(value);
    var sel = byId("filter-" + facet);
    if (sel) sel.value = state.filters[facet];
    refresh();
    fitView();
    markFilters();
    writeHash();
    return drawnNodeCount();
  }
  function focusOn(i, depth) {
    state.focus = i; state.depth = depth || state.depth;
    byId("depth").value = String(state.depth);
    focusSet = neighbourhood(i, state.depth);
    refresh();
    fitView();
    writeHash();
    return drawnNodeCount();
  }
  function showAll() {
    state.filters = dict(); state.focus = null; focusSet = null;
    D.facets.forEach(function (f) { byId("filter-" + f.name).value = ""; });
    refresh();
    fitView();
    markFilters();
    writeHash();
    return drawnNodeCount();
  }
  function setColorBy(scheme) {
    state.colorBy = scheme; colorSelect.value = scheme; restyle(); renderLegend(); writeHash();
  }
  function setFindings(on) {
    state.showFindings = !!on; byId("show-findings").checked = state.showFindings;
    labelBox.classList.toggle("nofindings", !state.showFindings);
    R.refreshEdges(); restyle(); renderLegend();
  }
  function setAllEdges(on) {
    state.allEdges = !!on; byId("all-lines").checked = state.allEdges; R.refreshEdges(); R.redraw(); writeHash();
    return R.edgeCount();
  }
  function markFilters() {
    var n = Object.keys(state.filters).filter(function (k) { return state.filters[k]; }).length;
    byId("filters-label").textContent = T.filters + (n ? " (" + n + ")" : "");
  }
  function zoomBy(f) {
    userMoved = touched = true;
    R.moveTo({ position: R.getViewPosition(), scale: R.getScale() * f });
    writeHash();
    return R.getScale();
  }
  function setLabelSize(px) {
    // Never under 12 px: a room must read them.
    state.labelPx = Math.max(12, Math.min(28, px)); R.redraw(); writeHash(); return state.labelPx;
  }
  function showTab(name) {
    byId("legend").hidden = name !== "legend"; byId("findings").hidden = name !== "findings";
    byId("tab-legend").setAttribute("aria-selected", String(name === "legend"));
    byId("tab-findings").setAttribute("aria-selected", String(name === "findings"));
  }
  /* presentation: full screen, panels hidden, larger labels, arrow keys step through the findings */
  function present(on) {
    state.presenting = !!on;
    document.body.classList.toggle("presenting", state.presenting);
    try {
      if (state.presenting && document.documentElement.requestFullscreen && !document.fullscreenElement)
        document.documentElement.requestFullscreen().catch(function () {});
      if (!state.presenting && document.fullscreenElement) document.exitFullscreen().catch(function () {});
    } catch (err) { /* full screen refused: the page still presents in the window */ }
    byId("present-hint").textContent = T.present_hint;
    R.setSize();
    R.redraw();
    if (state.presenting && F.length && state.finding === null) stepFinding(1);
    else fitView();
    return state.presenting;
  }
  function stepFinding(delta) {
    if (!F.length) return null;
    var next = state.finding === null ? (delta > 0 ? 0 : F.length - 1) : (state.finding + delta + F.length) % F.length;
    showFinding(next);
    if (state.presenting) byId("present-hint").textContent = (next + 1) + " / " + F.length + " · " + F[next].kl + ": " + F[next].msg;
    return next;
  }
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && state.presenting) present(false);
  });
  document.addEventListener("keydown", function (ev) {
    var typing = ev.target && (ev.target.tagName === "INPUT" || ev.target.tagName === "SELECT");
    if (ev.key === "Escape") {
      results.hidden = true;
      if (state.presenting) { present(false); return; }
      escape();
      return;
    }
    if (typing) return;
    if (state.presenting && (ev.key === "ArrowRight" || ev.key === "ArrowDown" || ev.key === "PageDown" || ev.key === " ")) { ev.preventDefault(); stepFinding(1); }
    else if (state.presenting && (ev.key === "ArrowLeft" || ev.key === "ArrowUp" || ev.key === "PageUp")) { ev.preventDefault(); stepFinding(-1); }
    else if (ev.key === "+" || ev.key === "=") zoomBy(1.3);
    else if (ev.key === "-") zoomBy(1 / 1.3);
  });
  function escape() {
    // Escape: first the selection and its details, then the focus.
    var had = state.detail !== null || state.finding !== null || R.getSelectedNodes().length > 0;
    R.unselectAll(); clearDetails(); state.finding = null;
    if (!had && state.focus !== null) {
      state.focus = null; focusSet = null; refresh(); fitView();
    }
    writeHash();
  }
  /* PNG export from the page: the drawn canvas (labels included) with the band names, no request */
  function exportPng(download) {
    var out = R.snapshot();
    var ctx = out.getContext("2d"), dpr = out.width / Math.max(container.clientWidth, 1);
    ctx.save(); ctx.scale(dpr, dpr);
    BANDS.forEach(function (b, i) {
      var box = bandLabels[i], top = parseFloat(box.style.top) || 0, h = parseFloat(box.style.height) || 0;
      if (h < 12) return;
      ctx.fillStyle = b.color; ctx.fillRect(0, top, 178, h);
      ctx.fillStyle = b.level ? D.style.levels[b.level] : "#c4c9cf"; ctx.fillRect(0, top, 6, h);
      ctx.fillStyle = "#2c3a48"; ctx.textBaseline = "top";
      ctx.font = "700 " + Math.min(30, h - 6) + "px " + FACE;
      ctx.fillText(b.label.split(" ")[0], 18, top + 8);
      if (h >= 84) { ctx.font = "600 15px " + FACE; ctx.fillText(b.label.split(" ").slice(1).join(" "), 18, top + 46); }
    });
    ctx.restore();
    var url = out.toDataURL("image/png");
    if (download) {
      var a = el("a"); a.href = url; a.download = (D.meta.title || "netmap").replace(/[^\w\-]+/g, "_") + ".png";
      document.body.appendChild(a); a.click(); a.remove();
    }
    return url;
  }
  /* SVG export: the view as drawn (positions on screen, colours, line styles, the labels shown), built from the
     data for either renderer; every text goes in as a text node, so XMLSerializer escapes it */
  var SVG_NS = "http://www.w3.org/2000/svg";
  function svgEl(tag, attrs, parent) {
    var e = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (parent) parent.appendChild(e);
    return e;
  }
  var SVG_SHAPES = { hexagon: [[0, -1], [0.87, -0.5], [0.87, 0.5], [0, 1], [-0.87, 0.5], [-0.87, -0.5]],
                     triangle: [[0, -1.1], [0.95, 0.55], [-0.95, 0.55]], square: [[-0.8, -0.8], [0.8, -0.8], [0.8, 0.8], [-0.8, 0.8]] };
  function buildSvg() {
    var W = container.clientWidth, H = container.clientHeight, scale = R.getScale();
    var svg = svgEl("svg", { xmlns: SVG_NS, width: W, height: H, viewBox: "0 0 " + W + " " + H });
    svgEl("title", {}, svg).textContent = D.meta.title;
    svgEl("rect", { x: 0, y: 0, width: W, height: H, fill: "#ffffff" }, svg);
    var bands = svgEl("g", { "class": "bands" }, svg);
    BANDS.forEach(function (b) {
      var top = R.toScreen({ x: 0, y: b.y0 }).y, bottom = R.toScreen({ x: 0, y: b.y1 }).y;
      if (bottom < 0 || top > H) return;
      svgEl("rect", { x: 0, y: top, width: W, height: Math.max(bottom - top, 0), fill: b.color }, bands);
      svgEl("rect", { x: 0, y: top, width: 6, height: Math.max(bottom - top, 0), fill: b.level ? D.style.levels[b.level] : "#c4c9cf" }, bands);
      var t = svgEl("text", { x: 18, y: top + 8, "font-size": Math.max(10, Math.min(30, bottom - top - 6)), "font-weight": 700,
                              fill: "#2c3a48", "dominant-baseline": "hanging", "font-family": FACE, "class": "band" }, bands);
      t.textContent = b.label;
    });
    function inView(p) { return p.x >= -50 && p.y >= -50 && p.x <= W + 50 && p.y <= H + 50; }
    var lines = svgEl("g", { "class": "lines", "stroke-linecap": "round" }, svg);
    lineItems.forEach(function (item) {
      if (!edgeShown(item.id)) return;
      var a = R.pos(item.from), b = R.pos(item.to);
      if (!a || !b) return;
      a = R.toScreen(a); b = R.toScreen(b);
      if (!inView(a) && !inView(b)) return;
      var attrs = { x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1), stroke: item.color,
                    "stroke-opacity": item.opacity.toFixed(3), "stroke-width": Math.max(item.width * scale, 0.5).toFixed(2) };
      if (item.dashes && R.kind === "canvas") attrs["stroke-dasharray"] = item.dashes.map(function (d) { return (d * scale).toFixed(1); }).join(" ");
      svgEl("line", attrs, lines);
    });
    var discs = svgEl("g", { "class": "nodes" }, svg);
    for (var i = 0; i < N.length; i++) {
      var p = visible[i] && R.pos(i);
      if (!p) continue;
      p = R.toScreen(p);
      var r = Math.max((N[i].s || 10) * scale, 1.5);
      if (p.x < -r || p.y < -r || p.x > W + r || p.y > H + r) continue;
      var st = nodeStyle(i), shape = R.kind === "canvas" ? D.style.shapes[N[i].k] : "dot";
      var attrs = { fill: st.fill, stroke: st.border, "stroke-width": st.borderWidth };
      if (SVG_SHAPES[shape]) {
        attrs.points = SVG_SHAPES[shape].map(function (q) { return (p.x + q[0] * r).toFixed(1) + "," + (p.y + q[1] * r).toFixed(1); }).join(" ");
        svgEl("polygon", attrs, discs);
      } else {
        attrs.cx = p.x.toFixed(1); attrs.cy = p.y.toFixed(1); attrs.r = r.toFixed(1);
        svgEl("circle", attrs, discs);
      }
    }
    var names = svgEl("g", { "class": "labels", "text-anchor": "middle", "font-family": FACE, "paint-order": "stroke",
                             stroke: "rgba(255,255,255,0.92)", "stroke-width": 4, "stroke-linejoin": "round" }, svg);
    placed.forEach(function (lab) {
      var lineH = Math.round(lab.px * 1.22), x = lab.box[0] + lab.box[2] / 2;
      var t = svgEl("text", { "font-size": lab.px, "font-weight": isMajor(N[lab.i]) ? 600 : 400,
                              fill: isMajor(N[lab.i]) ? "#14202c" : "#2c3a48", "class": "label", "data-node": lab.i }, names);
      lab.lines.forEach(function (line, li) {
        svgEl("tspan", { x: x.toFixed(1), y: (lab.box[1] + li * lineH).toFixed(1), "dominant-baseline": "hanging" }, t).textContent = line;
      });
    });
    return new XMLSerializer().serializeToString(svg);
  }
  function exportSvg(download) {
    var text = buildSvg();
    if (download) {
      var a = el("a"); a.href = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(text);
      a.download = (D.meta.title || "netmap").replace(/[^\w\-]+/g, "_") + ".svg";
      document.body.appendChild(a); a.click(); a.remove();
    }
    return text;
  }
  /* the view in the URL fragment: filters, focus, colour, selection, finding, camera */
  function writeHash() {
    if (!state.ready || STATIC) return;
    var h = new URLSearchParams();
    Object.keys(state.filters).forEach(function (k) { if (state.filters[k]) h.set("f." + k, state.filters[k]); });
    if (state.focus !== null) { h.set("focus", N[state.focus].id || "#" + state.focus); h.set("depth", state.depth); }
    if (state.colorBy !== D.meta.colorBy) h.set("color", state.colorBy);
    var open = Object.keys(expanded);
    if (open.length) h.set("open", open.map(function (g) { return N[g].id || "#" + g; }).join(","));
    if (state.detail !== null) h.set("sel", N[state.detail].id || "#" + state.detail);
    if (state.finding !== null) h.set("finding", state.finding);
    if (!state.showFindings) h.set("findings", "0");
    if (state.labelPx !== 13) h.set("labels", state.labelPx);
    if (!state.allEdges) h.set("lines", "thin");
    if (state.allEdges && byId("all-lines-toggle").hidden === false) h.set("lines", "all");
    if (userMoved) {
      var c = R.getViewPosition();
      h.set("view", [Math.round(c.x), Math.round(c.y), R.getScale().toFixed(3)].join(","));
    }
    var text = h.toString(), url = window.location.href.split("#")[0] + (text ? "#" + text : "");
    try { history.replaceState(null, "", url); } catch (err) { window.location.hash = text; }
    // A page that embeds the map (netmap serve's Kaart page) mirrors the focus into its own address.
    window.dispatchEvent(new CustomEvent("netmap:view", { detail: {
      focus: state.focus === null ? null : (N[state.focus].id || null), depth: state.depth } }));
  }
  function nodeRef(ref) {
    if (ref === null) return -1;
    if (ref.charAt(0) === "#") { var k = +ref.slice(1); return k >= 0 && k < N.length ? k : -1; }
    for (var i = 0; i < N.length; i++) if (N[i].id === ref) return i;
    return -1;
  }
  var savedCamera = null;
  function readHash() {
    D.facets.forEach(function (f) {
      var v = HASH.get("f." + f.name);
      if (v !== null && f.values.some(function (x) { return String(x[0]) === v; })) {
        state.filters[f.name] = v; byId("filter-" + f.name).value = v;
      }
    });
    markFilters();
    if (HASH.get("color") && D.colors[HASH.get("color")]) { state.colorBy = HASH.get("color"); colorSelect.value = state.colorBy; restyle(); }
    if (HASH.get("findings") === "0") { state.showFindings = false; byId("show-findings").checked = false; labelBox.classList.add("nofindings"); restyle(); }
    if (HASH.get("labels")) state.labelPx = Math.max(12, Math.min(28, +HASH.get("labels") || 13));
    if (HASH.get("lines")) { state.allEdges = HASH.get("lines") === "all"; byId("all-lines").checked = state.allEdges; }
    (HASH.get("open") || "").split(",").forEach(function (ref) {
      var g = ref ? nodeRef(ref) : -1;
      if (g >= 0 && membersOf[g]) expanded[g] = true;
    });
    var f = nodeRef(HASH.get("focus"));
    if (f >= 0) { state.focus = f; state.depth = Math.max(1, +HASH.get("depth") || 1); byId("depth").value = String(state.depth);
                  focusSet = neighbourhood(f, state.depth); }
    var v = (HASH.get("view") || "").split(",").map(Number);
    if (v.length === 3 && v.every(isFinite) && v[2] > 0) savedCamera = { position: { x: v[0], y: v[1] }, scale: v[2] };
  }
  function restoreCamera() {
    if (!savedCamera) return false;
    if (initialScale === null) { fitView(); }
    R.moveTo({ position: savedCamera.position, scale: savedCamera.scale });
    userMoved = true;
    return true;
  }
  function applyHashSelection() {
    var sel = nodeRef(HASH.get("sel")), fi = HASH.get("finding");
    if (fi !== null && +fi >= 0 && +fi < F.length) showFinding(+fi);
    else if (sel >= 0 && visible[sel]) { R.selectNodes([sel]); showNode(sel); }
    // Again after the first drawing: vis-network rescales the view when it first sizes its canvas.
    if (savedCamera) restoreCamera();
  }

  window.netmap = {
    network: R.kind === "canvas" ? R.raw : null, renderer: R.kind, sigma: R.kind === "webgl" ? R.raw : null, data: D, setFilter: setFilter, focus: focusOn, showAll: showAll, setColorBy: setColorBy,
    setFindings: setFindings, search: function (q) { return search(q).map(function (i) { return N[i].l; }); },
    drawnNodeCount: drawnNodeCount, drawnEdgeCount: function () { return R.edgeCount(); },
    indexOf: function (id) { for (var i = 0; i < N.length; i++) if (N[i].id === id) return i; return -1; },
    select: select, labels: function () { return placed.map(function (p) { return { label: N[p.i].l, i: p.i, px: p.px,
      box: p.box, lines: p.lines }; }); },
    zoomBy: zoomBy, fit: function () { fitView(); }, setLabelSize: setLabelSize, present: present,
    expand: expand, expanded: function () { return Object.keys(expanded).map(Number); },
    step: stepFinding, exportPng: exportPng, exportSvg: exportSvg, scale: function () { return R.getScale(); },
    screenOf: function (i) { var p = visible[i] && R.pos(i); return p ? R.toScreen(p) : null; },
    drawnIds: function () { return R.nodeIds(); }, showFinding: showFinding, setAllEdges: setAllEdges,
    state: function () { return { focus: state.focus, filters: Object.assign({}, state.filters), detail: state.detail,
      finding: state.finding, colorBy: state.colorBy, presenting: state.presenting, scale: R.getScale() }; }
  };

  clearDetails();
  readHash();
  renderLegend();
  renderFindings();
  showTab("legend");
  if (D.meta.focusIndex !== null && D.meta.focusIndex !== undefined) {
    R.selectNodes([D.meta.focusIndex]);
    showNode(D.meta.focusIndex);
  }
  refresh();
  if (!physics) {
    stretchToCanvas();
    fitView();
    restoreCamera();
    R.once("after", markReady);
  }
  R.once("after", function () { applyHashSelection(); });
  if (STATIC) {
    // A screenshotting browser may settle its window size after the first layout: fit again.
    window.addEventListener("resize", function () { R.setSize(); fitView(); });
    setTimeout(function () { R.setSize(); R.redraw(); fitView(); }, 400);
  }
  window.__appEnd = performance.now();
})();
