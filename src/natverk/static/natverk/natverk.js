// natverk's own script: behaviour that would otherwise be an inline handler, which the
// Content-Security-Policy forbids. Loaded with `defer` on every page.
"use strict";

// A <select data-autosubmit> sends its form when the choice changes (the language switch).
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
  }
});
