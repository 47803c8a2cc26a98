// netmap serve: the pages' only script. The pages work without it; it adds feedback while an upload is checked.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var forms = document.querySelectorAll("form.upload");
  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener("submit", function () {
      var busy = form.querySelector(".busy");
      var button = form.querySelector("button[type=submit]");
      if (busy) { busy.textContent = form.getAttribute("data-busy") || ""; busy.hidden = false; }
      if (button) { button.disabled = true; }
    });
  });
});
