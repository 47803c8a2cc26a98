/* netmap map page, WebGL renderer (sigma.js with graphology, bundled as window.NetmapSigma) for large maps.
   Same seam as render-canvas.js: positions come from Python (no physics), the page's own label placer and
   band layer draw on 2D canvases under and over sigma's WebGL layers, so both renderers show one map. */
(function () {
  "use strict";
  // Premultiplied: sigma blends with (ONE, ONE_MINUS_SRC_ALPHA) and hands the colour on as it is, so a
  // translucent line given as plain rgba is drawn too bright (teal at 0.3 came out as cyan).
  function rgba(hex, a) {
    var v = parseInt(hex.slice(1), 16);
    function c(x) { return Math.round(x * a); }
    return "rgba(" + c(v >> 16) + "," + c((v >> 8) & 255) + "," + c(v & 255) + "," + (Math.round(a * 1000) / 1000) + ")";
  }
  window.netmapRenderer = function (o) {
    var S = window.NetmapSigma, N = o.nodes, E = o.edges, container = o.container;
    var graph = new S.Graph({ type: "directed", multi: true, allowSelfLoops: true });
    var styles = N.map(function (_, i) { return o.nodeStyle(i); });  // read every frame: kept, not recomputed
    // sigma's y axis points up, the page's (and the Python layout's) down: the graph holds -y.
    N.forEach(function (n, i) {
      // Hidden until the page has set filters, positions and camera: sigma's first (synchronous) drawing
      // is then empty and cheap, and the map is drawn once, in the next frame.
      graph.addNode(String(i), { x: n.x, y: -n.y, size: n.s || 4, color: styles[i].fill, hidden: true });
    });
    E.forEach(function (e) {
      graph.addDirectedEdgeWithKey(e.id, String(e.from), String(e.to), {
        size: e.width, color: rgba(e.color, e.opacity), hidden: true,
        type: e.arrow ? "arrow" : "line" });
    });
    var selected = [], hoverNode = null;
    function bbox() {
      var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      N.forEach(function (n) { x0 = Math.min(x0, n.x); x1 = Math.max(x1, n.x); y0 = Math.min(y0, -n.y); y1 = Math.max(y1, -n.y); });
      return x0 <= x1 ? { x: [x0, x1], y: [y0, y1] } : { x: [0, 1], y: [0, 1] };
    }
    var sigma = new S.Sigma(graph, container, {
      renderLabels: false, renderEdgeLabels: false, enableEdgeEvents: !o.big, hideEdgesOnMove: o.big,
      itemSizesReference: "positions", zoomToSizeRatioFunction: function (r) { return r; },
      // Points and one-pixel lines: in software WebGL (a headless browser, a laptop without a GPU driver)
      // sigma's triangle discs and rectangle lines cost ten times more per item, for the same picture.
      defaultEdgeType: "line", edgeProgramClasses: { line: S.EdgeLineProgram, arrow: S.EdgeArrowProgram },
      nodeProgramClasses: { point: S.NodePointProgram }, defaultNodeType: "point",
      minCameraRatio: 0.002, maxCameraRatio: 20, stagePadding: 0, allowInvalidContainer: true,
      zIndex: false, minEdgeThickness: 0.6
    });
    // One frame for the whole life of the page: moving nodes (stretchX) never changes how map coordinates
    // become sigma's, so the camera arithmetic below stays exact without reprocessing.
    sigma.setCustomBBox(bbox());
    sigma.createCanvasContext("netmapBg", { beforeLayer: "edges" });
    sigma.createCanvasContext("netmapFg", sigma.elements.mouse ? { beforeLayer: "mouse" } : {});
    var bg = sigma.canvasContexts.netmapBg, fg = sigma.canvasContexts.netmapFg;
    // The label layer above everything must let the mouse through to sigma's mouse layer.
    [bg.canvas, fg.canvas].forEach(function (c) { c.style.pointerEvents = "none"; c.style.top = "0"; c.style.left = "0"; });
    var handlers = Object.create(null);
    function emit(name, arg) { (handlers[name] || []).slice().forEach(function (h) { h(arg); }); }
    function dpr() { return sigma.getSetting("pixelRatio") || window.devicePixelRatio || 1; }
    function sizeLayer(ctx) {
      var w = container.clientWidth, h = container.clientHeight, r = dpr();
      if (ctx.canvas.width !== Math.round(w * r) || ctx.canvas.height !== Math.round(h * r)) {
        ctx.canvas.width = Math.round(w * r); ctx.canvas.height = Math.round(h * r);
        ctx.canvas.style.width = w + "px"; ctx.canvas.style.height = h + "px";
      }
    }
    // map (page coordinates) -> screen: an affine map computed from the camera's state (not from sigma's last
    // drawing, which may be a frame behind), cached per state and viewport size
    var aff = null, affKey = "";
    function affine() {
      var c = sigma.getCamera().getState(), key = [c.x, c.y, c.ratio, sigma.width, sigma.height].join(",");
      if (aff && key === affKey) return aff;
      var over = { cameraState: c };
      var p0 = sigma.graphToViewport({ x: 0, y: 0 }, over), p1 = sigma.graphToViewport({ x: 1, y: 0 }, over),
          p2 = sigma.graphToViewport({ x: 0, y: -1 }, over);
      aff = { ox: p0.x, oy: p0.y, a: p1.x - p0.x, d: p2.y - p0.y }; affKey = key;
      return aff;
    }
    function toScreen(p) { var f = affine(); return { x: f.ox + f.a * p.x, y: f.oy + f.d * p.y }; }
    var ready = false;
    sigma.on("afterRender", function () {
      var r = dpr(), f = affine();
      sizeLayer(bg); sizeLayer(fg);
      bg.setTransform(1, 0, 0, 1, 0, 0); bg.clearRect(0, 0, bg.canvas.width, bg.canvas.height);
      bg.setTransform(r * f.a, 0, 0, r * f.d, r * f.ox, r * f.oy);
      emit("before", bg);
      fg.setTransform(1, 0, 0, 1, 0, 0); fg.clearRect(0, 0, fg.canvas.width, fg.canvas.height);
      drawMarks(fg, r, f);
      emit("after", fg);
      if (!ready) { ready = true; emit("first"); }
    });
    // Borders (finding marks) and the selection ring: the page's style, drawn over sigma's discs.
    function drawMarks(ctx, r, f) {
      ctx.save(); ctx.setTransform(r, 0, 0, r, 0, 0);
      var W = container.clientWidth, H = container.clientHeight;
      for (var i = 0; i < N.length; i++) {
        var s = styles[i], sel = selected.indexOf(i) >= 0 || hoverNode === i;
        if (!sel && !s.mark) continue;
        if (!o.nodeShown(i)) continue;
        var x = f.ox + f.a * N[i].x, y = f.oy + f.d * N[i].y, rad = Math.max((N[i].s || 4) * f.a, 2);
        if (x < -rad || y < -rad || x > W + rad || y > H + rad) continue;
        ctx.beginPath(); ctx.arc(x, y, rad + (sel ? 1.5 : s.borderWidth / 2), 0, 2 * Math.PI);
        ctx.lineWidth = sel ? 3 : s.borderWidth; ctx.strokeStyle = sel ? "#1d2733" : s.border; ctx.stroke();
      }
      ctx.restore();
    }
    function nodeOf(ev) { return +ev.node; }
    function where(ev) { return ev.event ? { x: ev.event.x, y: ev.event.y } : { x: 0, y: 0 }; }
    sigma.on("enterNode", function (ev) { hoverNode = nodeOf(ev); sigma.scheduleRender(); emit("hoverNode", { node: hoverNode, pointer: where(ev) }); });
    sigma.on("leaveNode", function () { hoverNode = null; sigma.scheduleRender(); emit("blur"); });
    sigma.on("enterEdge", function (ev) { emit("hoverEdge", { edge: ev.edge, pointer: where(ev) }); });
    sigma.on("leaveEdge", function () { emit("blur"); });
    sigma.on("clickNode", function (ev) { emit("click", { nodes: [nodeOf(ev)], edges: [] }); });
    sigma.on("clickEdge", function (ev) { emit("click", { nodes: [], edges: [ev.edge] }); });
    sigma.on("clickStage", function () { emit("click", { nodes: [], edges: [] }); });
    sigma.on("doubleClickNode", function (ev) { ev.preventSigmaDefault(); emit("doubleClick", { nodes: [nodeOf(ev)] }); });
    var programmatic = false;
    sigma.getCamera().on("updated", function () { if (!programmatic) { emit("blur"); emit("userMove"); } });
    if (window.ResizeObserver) {
      var last = container.clientWidth + "x" + container.clientHeight;
      new ResizeObserver(function () {
        var size = container.clientWidth + "x" + container.clientHeight;
        if (size === last) return;
        last = size;
        sigma.resize(); sigma.scheduleRender();
        emit("resize");
      }).observe(container);
    }
    function ratioAtOne() {
      // screen px per graph unit with the camera at ratio 1 (sigma's "whole graph in view")
      var c = sigma.getCamera().getState(), s = { x: c.x, y: c.y, angle: 0, ratio: 1 };
      var a = sigma.graphToViewport({ x: 0, y: 0 }, { cameraState: s }), b = sigma.graphToViewport({ x: 1, y: 0 }, { cameraState: s });
      return b.x - a.x;
    }
    return {
      kind: "webgl", raw: sigma, graph: graph,
      on: function (name, fn) {
        if (name === "first" && ready) { fn(); return; }
        (handlers[name] = handlers[name] || []).push(fn);
      },
      once: function (name, fn) {
        var done = false, real = name === "after" ? "after" : name;
        this.on(real, function (arg) { if (!done) { done = true; fn(arg); } });
      },
      pos: function (i) { return o.nodeShown(i) ? { x: N[i].x, y: N[i].y } : null; },
      nodeIds: function () { var out = []; for (var i = 0; i < N.length; i++) if (o.nodeShown(i)) out.push(i); return out; },
      drawnNodeCount: function () { var c = 0; for (var i = 0; i < N.length; i++) c += o.nodeShown(i) ? 1 : 0; return c; },
      edgeCount: function () {
        var c = 0;
        graph.forEachEdge(function (k, a) { if (!a.hidden && o.nodeShown(+graph.source(k)) && o.nodeShown(+graph.target(k))) c++; });
        return c;
      },
      toScreen: toScreen,
      getScale: function () { return affine().a; },
      getViewPosition: function () {
        var f = affine(), W = container.clientWidth / 2, H = container.clientHeight / 2;
        return { x: (W - f.ox) / f.a, y: (H - f.oy) / f.d };
      },
      moveTo: function (view) {
        var cam = sigma.getCamera(), state = cam.getState();
        var scale = view.scale || affine().a, at = view.position || this.getViewPosition();
        var framed = sigma.normalizationFunction({ x: at.x, y: -at.y });
        var next = { x: framed.x, y: framed.y, angle: 0, ratio: Math.max(1e-4, ratioAtOne() / scale) || state.ratio };
        function same(a, b) { return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)); }
        if (same(next.x, state.x) && same(next.y, state.y) && same(next.ratio, state.ratio)) return;  // no drawing for nothing
        programmatic = true;
        try { cam.setState(next); } finally { programmatic = false; }
      },
      selectNodes: function (ids) { selected = ids.slice(); sigma.scheduleRender(); },
      getSelectedNodes: function () { return selected.slice(); },
      unselectAll: function () { selected = []; sigma.scheduleRender(); },
      refresh: function () {
        graph.updateEachNodeAttributes(function (k, a) { a.hidden = !o.nodeShown(+k); return a; }, { attributes: ["hidden"] });
        this.refreshEdges();
      },
      refreshEdges: function () {
        graph.updateEachEdgeAttributes(function (k, a) {
          a.hidden = !o.edgeShown(k) || !o.nodeShown(+graph.source(k)) || !o.nodeShown(+graph.target(k)); return a;
        }, { attributes: ["hidden"] });
      },
      restyle: function () {
        styles = N.map(function (_, i) { return o.nodeStyle(i); });
        graph.updateEachNodeAttributes(function (k, a) { a.color = styles[+k].fill; return a; }, { attributes: ["color"] });
      },
      redraw: function () { sigma.scheduleRender(); },
      setSize: function () { sigma.resize(); sigma.scheduleRender(); },
      syncSize: function () { sigma.resize(); },
      pixelRatio: dpr,
      stretchX: function (f, cx) {
        N.forEach(function (n) { n.x = cx + (n.x - cx) * f; });
        graph.updateEachNodeAttributes(function (k, a) { a.x = N[+k].x; return a; }, { attributes: ["x"] });
      },
      snapshot: function () {
        // WebGL keeps no drawing buffer: draw now and copy every layer in the same task.
        sigma.render();
        var out = document.createElement("canvas"), r = dpr();
        out.width = Math.round(container.clientWidth * r); out.height = Math.round(container.clientHeight * r);
        var ctx = out.getContext("2d");
        ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height);
        [bg.canvas].concat(["edges", "nodes"].map(function (k) { return sigma.getCanvases()[k]; }), [fg.canvas])
          .forEach(function (c) { if (c) ctx.drawImage(c, 0, 0, out.width, out.height); });
        return out;
      },
      dashesOf: function () { return false; }
    };
  };
})();
