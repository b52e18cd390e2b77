// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // Tick each capital's clock. The server already rendered the right time, weekday and
  // label in that capital's zone; this only moves them on (see when.js).
  function tick() {
    var when = window.SecretariatWhen;
    if (!when) return;
    var now = new Date();
    var minute = new Date(Math.floor(now.getTime() / 60000) * 60000);
    document.querySelectorAll("time.clock[data-tz], time.own-clock[data-tz]").forEach(function (el) {
      try {
        var p = when.parts(now, el.dataset.tz);
        var box = el.closest(".clock-box") || el.parentElement;
        el.textContent = when.pattern(when.settings().patterns.time || "H:i", p);
        el.dateTime = minute.toISOString().replace(".000Z", "Z");
        var weekday = box.querySelector("[data-clock-weekday]");
        if (weekday) weekday.textContent = when.settings().weekdays[p.weekday];
        if (String(p.offset) !== el.dataset.offset) { // the clocks changed while the page was open
          var label = box.querySelector("[data-clock-label]");
          if (label) label.textContent = when.offsetLabel(p.offset);
          el.dataset.offset = String(p.offset);
        }
      } catch (e) { /* an unknown zone keeps the server's rendering */ }
    });
  }

  // Switching the language submits at once; the button stays for keyboard and no-JS users.
  function autosubmit() {
    document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  }

  // htmx drops error answers by default. Show a 422 where the page asked for it (a box
  // marked data-swap-invalid shows what is wrong with the input), and a refused character
  // (X-Refused-Input) wherever it happens; nothing else changes.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    var xhr = event.detail.xhr;
    if (xhr.status === 422 && (xhr.getResponseHeader("X-Refused-Input") ||
        (target && target.closest("[data-swap-invalid]")))) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    autosubmit();
    tick();
    setInterval(tick, 15000);
  });
})();
