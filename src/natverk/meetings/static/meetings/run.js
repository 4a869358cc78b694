// The run view's clocks: the current block's countdown and the speaker's timer.
// A static file (the Content-Security-Policy allows no inline script). Times come from
// the server as epoch milliseconds, with the server's "now" to correct the phone's clock.
"use strict";

(function () {
  var offset = 0;

  function format(ms) {
    var total = Math.round(Math.abs(ms) / 1000);
    var m = Math.floor(total / 60);
    var s = total % 60;
    return (ms < 0 ? "+" : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }

  function sync() {
    var root = document.querySelector("[data-server-now]");
    if (root) {
      offset = Number(root.getAttribute("data-server-now")) - Date.now();
    }
  }

  function tick() {
    var now = Date.now() + offset;
    document.querySelectorAll("[data-ends]").forEach(function (el) {
      var left = Number(el.getAttribute("data-ends")) - now;
      el.textContent = format(left);
      el.classList.toggle("over", left < 0);
    });
    document.querySelectorAll("[data-started]").forEach(function (el) {
      var used = now - Number(el.getAttribute("data-started"));
      var budget = Number(el.getAttribute("data-budget")) * 1000;
      el.textContent = format(budget - used);
      el.classList.toggle("over", used > budget);
    });
  }

  // Inputs marked hx-preserve keep what the moderator is typing when a poll swaps the
  // state in; the one just sent (a parked question, an answer) is emptied after its swap.
  var sent = [];
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (form instanceof HTMLFormElement && form.hasAttribute("data-clear")) {
      sent = Array.prototype.map.call(form.querySelectorAll("input[hx-preserve]"), function (i) {
        return i.id;
      });
    }
  });

  document.addEventListener("DOMContentLoaded", function () { sync(); tick(); });
  document.addEventListener("htmx:afterSwap", function () {
    sent.forEach(function (id) {
      var input = document.getElementById(id);
      if (input) { input.value = ""; }
    });
    sent = [];
    sync();
    tick();
  });
  window.setInterval(tick, 1000);
})();
