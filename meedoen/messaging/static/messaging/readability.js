// The live plain-language (B1) check. The widget marks text fields with data-readability and
// gives them their htmx trigger, target and values; this script adds the team's check address
// (from its own data-readability-url), so the form needs no team of its own. Without
// JavaScript the form simply works without the check.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-readability-url");
  if (!url) {
    return;
  }

  function attach() {
    document.querySelectorAll("textarea[data-readability]").forEach(function (field) {
      if (field.getAttribute("hx-post") === url) {
        return;
      }
      field.setAttribute("hx-post", url);
      if (window.htmx) {
        window.htmx.process(field);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", attach);
  } else {
    attach();
  }
})();
