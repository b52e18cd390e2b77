// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // Keep each capital's clock current, using the tz database of the browser.
  function tick() {
    document.querySelectorAll("time.clock[data-tz]").forEach(function (el) {
      try {
        el.textContent = new Intl.DateTimeFormat(document.documentElement.lang, {
          hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: el.dataset.tz,
        }).format(new Date());
      } catch (e) { /* an unknown zone keeps the server's rendering */ }
    });
  }

  // Switching the language submits at once; the button stays for keyboard and no-JS users.
  function autosubmit() {
    document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  }

  // A refused character is answered 422 with a message for the page: show it (htmx does
  // not swap error responses by default), nothing else changes.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr.status === 422 && xhr.getResponseHeader("X-Refused-Input")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    autosubmit();
    tick();
    setInterval(tick, 30000);
  });
})();
