// netmap serve: the pages' only script. The pages work without it; it adds two things:
// - feedback while an upload is checked;
// - on the Kaart page, the map's filters, colour and focus live in the address bar (f.<facet>=value,
//   color=..., focus=...&depth=...), so a copied link reopens the same view. It talks to the map through its public window.netmap API.
"use strict";
(function () {
  function onUploadSubmit(form) {
    form.addEventListener("submit", function () {
      var busy = form.querySelector(".busy");
      var button = form.querySelector("button[type=submit]");
      if (busy) { busy.textContent = form.getAttribute("data-busy") || ""; busy.hidden = false; }
      if (button) { button.disabled = true; }
    });
  }

  function whenMapReady(frame, callback) {
    var tries = 0;
    var timer = setInterval(function () {
      var win = frame.contentWindow;
      tries += 1;
      if (win && win.netmapReady === true && win.netmap) { clearInterval(timer); callback(win); }
      else if (tries > 1200) { clearInterval(timer); }
    }, 50);
  }

  function setParam(key, value) {
    var url = new URL(window.location.href);
    if (value === "" || value === null || value === undefined) { url.searchParams.delete(key); }
    else { url.searchParams.set(key, value); }
    window.history.replaceState(null, "", url.pathname + url.search);
  }

  function syncMap(frame) {
    whenMapReady(frame, function (win) {
      var doc = win.document;
      var params = new URL(window.location.href).searchParams;
      params.forEach(function (value, key) {
        if (key.indexOf("f.") === 0 && doc.getElementById("filter-" + key.slice(2))) {
          win.netmap.setFilter(key.slice(2), value);
        }
      });
      doc.addEventListener("change", function (event) {
        var target = event.target;
        if (!target || !target.id) { return; }
        if (target.id.indexOf("filter-") === 0) { setParam("f." + target.id.slice(7), target.value); }
        if (target.id === "color-by") {
          setParam("color", target.value === "level" ? "" : target.value);
          var select = document.querySelector("form.map-options select[name=color]");
          if (select) { select.value = target.value; }
        }
      });
      // A focus chosen inside the map (double-click, the Focus button) goes into the address as the page's
      // own focus and depth, so a copied link reopens the map drawn around it. A node without a public id
      // (hidden in roles-only mode) is not written; clearing the focus drops it unless the page came with one.
      var pageFocus = params.get("focus") || "";
      win.addEventListener("netmap:view", function (event) {
        var detail = event.detail || {};
        var focus = detail.focus || "";
        if (!focus && pageFocus) { return; }
        if (detail.focus === null || focus) {
          setParam("focus", focus);
          setParam("depth", focus ? String(detail.depth || 1) : "");
          var input = document.querySelector("form.map-options input[name=focus]");
          if (input) { input.value = focus; }
          var depth = document.querySelector("form.map-options select[name=depth]");
          if (depth && focus) { depth.value = String(detail.depth || 1); }
        }
      });
      document.body.setAttribute("data-map-synced", "true");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.upload"), onUploadSubmit);
    var frame = document.getElementById("map-frame");
    if (frame) { syncMap(frame); }
  });
})();
