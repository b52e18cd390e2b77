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

  document.addEventListener("DOMContentLoaded", function () {
    autosubmit();
    tick();
    setInterval(tick, 30000);
  });
})();
