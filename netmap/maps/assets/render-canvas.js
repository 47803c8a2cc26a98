/* netmap map page, canvas renderer (vis-network). The page's one UI (app.js) draws through the renderer
   seam that this file and render-webgl.js both implement (see "the renderer seam" in app.js). */
(function () {
  "use strict";
  window.netmapRenderer = function (o) {
    var N = o.nodes, E = o.edges;
    function visNode(i) {
      var s = o.nodeStyle(i);
      return { id: i, color: { background: s.fill, border: s.border, highlight: { background: s.hlFill, border: "#1d2733" },
                               hover: { background: s.hoverFill, border: s.hoverBorder } },
               borderWidth: s.borderWidth, borderWidthSelected: 3 };
    }
    var nodes = new vis.DataSet(N.map(function (n, i) {
      var item = visNode(i);
      // No vis-network label: the page draws labels itself at a fixed screen size.
      item.x = n.x; item.y = n.y; item.size = n.s; item.shape = o.shapes[n.k] || "dot";
      return item;
    }));
    var edges = new vis.DataSet(E.map(function (e) {
      return { id: e.id, from: e.from, to: e.to, width: e.width, dashes: e.dashes,
               color: { color: e.color, highlight: "#1d2733", hover: "#1d2733", opacity: e.opacity },
               arrows: e.arrow ? { to: { enabled: true, scaleFactor: 0.5 } } : undefined };
    }));
    var nodeView = new vis.DataView(nodes, { filter: function (item) { return o.nodeShown(item.id); } });
    var edgeView = new vis.DataView(edges, { filter: function (item) { return o.edgeShown(item.id); } });
    var big = o.big, physics = o.physics;
    var network = new vis.Network(o.container, { nodes: nodeView, edges: edgeView }, {
      autoResize: true,
      layout: { improvedLayout: false, randomSeed: 7 },
      physics: physics ? { enabled: true, solver: "forceAtlas2Based",
                           forceAtlas2Based: { gravitationalConstant: -60, springLength: 110, avoidOverlap: 0.4 },
                           stabilization: { enabled: true, iterations: 150, fit: true } } : { enabled: false },
      interaction: { hover: !big, tooltipDelay: 120, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                     multiselect: false, navigationButtons: false, keyboard: false, dragNodes: !o.static },
      nodes: { scaling: { label: { enabled: false } }, shadow: false },
      edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 0.8 }
    });
    var handlers = Object.create(null);
    function emit(name, arg) { (handlers[name] || []).slice().forEach(function (h) { h(arg); }); }
    function pointer(p) { return p.pointer && p.pointer.DOM; }
    network.on("beforeDrawing", function (ctx) { emit("before", ctx); });
    network.on("afterDrawing", function (ctx) { emit("after", ctx); });
    network.on("hoverNode", function (p) { emit("hoverNode", { node: p.node, pointer: pointer(p) }); });
    network.on("hoverEdge", function (p) { emit("hoverEdge", { edge: String(p.edge), pointer: pointer(p) }); });
    network.on("blurNode", function () { emit("blur"); });
    network.on("blurEdge", function () { emit("blur"); });
    network.on("dragStart", function () { emit("blur"); });
    network.on("click", function (p) { emit("click", { nodes: p.nodes, edges: p.edges.map(String) }); });
    network.on("doubleClick", function (p) { emit("doubleClick", { nodes: p.nodes }); });
    network.on("dragEnd", function (p) { if (!p.nodes.length) emit("userMove"); });
    network.on("zoom", function () { emit("userMove"); });
    network.on("resize", function () { emit("resize"); });
    if (physics) {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
        emit("stabilized");
      });
    }
    return {
      kind: "canvas", raw: network,
      on: function (name, fn) { (handlers[name] = handlers[name] || []).push(fn); },
      once: function (name, fn) {
        var done = false;
        this.on(name, function (arg) { if (!done) { done = true; fn(arg); } });
      },
      pos: function (i) { var b = network.body.nodes[i]; return b ? { x: b.x, y: b.y } : null; },
      nodeIds: function () { return network.body.nodeIndices.slice(); },
      edgeCount: function () { return network.body.edgeIndices.length; },
      drawnNodeCount: function () { return network.body.nodeIndices.length; },
      toScreen: function (p) { return network.canvasToDOM(p); },
      getScale: function () { return network.getScale(); },
      getViewPosition: function () { return network.getViewPosition(); },
      moveTo: function (view) { network.moveTo({ position: view.position, scale: view.scale, animation: false }); },
      selectNodes: function (ids) { network.selectNodes(ids); },
      getSelectedNodes: function () { return network.getSelectedNodes(); },
      unselectAll: function () { network.unselectAll(); },
      refresh: function () { nodeView.refresh(); edgeView.refresh(); },
      refreshEdges: function () { edgeView.refresh(); },
      restyle: function () { nodes.update(N.map(function (_, i) { return visNode(i); })); },
      redraw: function () { network.redraw(); },
      setSize: function () { network.setSize("100%", "100%"); },
      syncSize: function () {},
      pixelRatio: function () { return (network.canvas && network.canvas.pixelRatio) || window.devicePixelRatio || 1; },
      stretchX: function (f, cx) {
        network.body.nodeIndices.forEach(function (i) { var b = network.body.nodes[i]; b.x = cx + (b.x - cx) * f; });
      },
      snapshot: function () {
        var src = o.container.querySelector("canvas"), out = document.createElement("canvas");
        out.width = src.width; out.height = src.height;
        var ctx = out.getContext("2d");
        ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height);
        ctx.drawImage(src, 0, 0);
        return out;
      },
      /* what an SVG export draws: each shown line with its ends on screen, each shown node's shape */
      dashesOf: function (id) { var e = edges.get(id); return e && e.dashes; }
    };
  };
})();
