// The live session console, the delegations' session view and the public outcomes view.
// State comes as a snapshot, then as events {action, patch}: the client replaces each
// top-level key named in the patch (old state + events == a fresh snapshot).
(function () {
  "use strict";

  var root, state, labels, text, meetingId, mayRun, own, actionUrl, countdownTimer;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function flag(iso2) {
    var src = labels.flags && labels.flags[iso2];
    return src ? el("img", { src: src, alt: "", "aria-hidden": "true", width: "20", height: "15", className: "flag-img" }) : null;
  }

  function stateName(iso2) { return (labels.states && labels.states[iso2]) || iso2; }

  function csrf() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    var m = document.cookie.match(/csrftoken=([^;]+)/);
    return m ? m[1] : "";
  }

  function showError(message) {
    var box = root.querySelector("[data-error]");
    if (!box) return;
    box.textContent = message || "";
    box.hidden = !message;
  }

  function post(action, fields) {
    var body = new URLSearchParams(fields || {});
    return fetch(actionUrl.replace("ACTION", action), {
      method: "POST",
      headers: { "X-CSRFToken": csrf(), "HX-Request": "true", "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString(),
      credentials: "same-origin",
    }).then(function (response) {
      return response.text().then(function (message) {
        showError(response.ok ? "" : message || response.statusText);
      });
    }).catch(function () { showError(text.offline || "offline"); });
  }

  function actionButton(label, action, fields, extraClass) {
    var button = el("button", { type: "button", className: "btn btn-small " + (extraClass || ""), text: label });
    button.addEventListener("click", function () { post(action, fields); });
    return button;
  }

  function renderAgenda() {
    var list = root.querySelector("[data-agenda]");
    if (!list) return;
    list.textContent = "";
    (state.agenda || []).forEach(function (item) {
      var current = item.id === state.current_item && state.status === "in_session";
      var li = el("li", { className: current ? "current" : "", "aria-current": current ? "step" : "false" }, [
        el("span", { className: "agenda-title", text: item.position + ". " + item.title }),
        el("span", { className: "badge kind-" + item.kind, text: (labels.kind || {})[item.kind] || item.kind }),
        current ? el("span", { className: "badge badge-strong", text: text.current || "now" }) : null,
      ]);
      if (mayRun && !current && state.status === "in_session") {
        li.appendChild(actionButton(text.goto, "item", { item: item.id }, "btn-outline"));
      }
      list.appendChild(li);
    });
  }

  function renderSpeakers() {
    var list = root.querySelector("[data-speakers]");
    if (!list) return;
    list.textContent = "";
    var openBadge = root.querySelector("[data-speakers-open]");
    if (openBadge) openBadge.textContent = state.speakers_open ? text.open : text.closed;
    var speakers = (state.speakers || []).filter(function (s) { return s.status !== "withdrawn"; });
    if (!speakers.length) {
      list.appendChild(el("li", { className: "muted", text: text.empty }));
    }
    speakers.forEach(function (s) {
      var li = el("li", { className: "speaker speaker-" + s.status, "data-delegation": s.delegation }, [
        flag(s.delegation),
        el("span", { className: "speaker-name", text: " " + stateName(s.delegation) }),
        el("span", { className: "badge", text: (labels.speaker || {})[s.status] || s.status }),
      ]);
      if (s.status === "waiting" && mayRun) li.appendChild(actionButton(text.give, "give-floor", { speaker: s.id }));
      if (s.status === "waiting" && (mayRun || own.indexOf(s.delegation) >= 0)) {
        li.appendChild(actionButton(text.withdraw, "withdraw", { speaker: s.id }, "btn-outline"));
      }
      list.appendChild(li);
    });
  }

  function renderFloor() {
    var box = root.querySelector("[data-floor]");
    if (!box) return;
    box.textContent = "";
    var clock = root.querySelector("[data-countdown]");
    if (countdownTimer) { clearInterval(countdownTimer); countdownTimer = null; }
    if (!state.floor) {
      box.appendChild(el("p", { className: "muted", text: text.nobody }));
      if (clock) clock.hidden = true;
      return;
    }
    var iso2 = state.floor.delegation;
    box.appendChild(el("p", { className: "floor-holder", "data-floor-holder": iso2 }, [
      flag(iso2), el("strong", { text: " " + stateName(iso2) }), el("span", { className: "muted", text: " " + text.speaking }),
    ]));
    if (!clock) return;
    clock.hidden = false;
    var ends = Date.parse(state.floor.started_at) + state.floor.seconds * 1000;
    function tick() {
      var left = Math.round((ends - Date.now()) / 1000);
      var abs = Math.abs(left);
      var mm = Math.floor(abs / 60), ss = abs % 60;
      clock.textContent = (left < 0 ? "−" : "") + mm + ":" + (ss < 10 ? "0" : "") + ss;
      if (left < 0) clock.appendChild(el("small", { text: text.overtime }));
      clock.classList.toggle("overtime", left < 0);
      clock.classList.toggle("ending", left >= 0 && left <= 30);
    }
    tick();
    countdownTimer = setInterval(tick, 1000);
  }

  function renderDecisions() {
    var list = root.querySelector("[data-decisions]");
    if (!list) return;
    list.textContent = "";
    var titles = {};
    (state.agenda || []).forEach(function (i) { titles[i.id] = i.position + ". " + i.title; });
    if (!(state.decisions || []).length) list.appendChild(el("li", { className: "muted", text: text.nodecisions }));
    (state.decisions || []).forEach(function (d) {
      list.appendChild(el("li", { className: "decision decision-" + d.kind }, [
        el("span", { className: "badge", text: (labels.decision || {})[d.kind] || d.kind }),
        el("span", { text: " " + d.text }),
        el("small", { className: "muted", text: titles[d.item] ? " — " + titles[d.item] : "" }),
      ]));
    });
  }

  function renderAttendance() {
    var box = root.querySelector("[data-attendance]");
    if (!box || !state.attendance) return;
    box.textContent = "";
    var present = state.attendance.present || [];
    box.appendChild(el("span", { text: text.present + ": " }));
    present.forEach(function (iso2) { box.appendChild(flag(iso2)); box.appendChild(document.createTextNode(" " + stateName(iso2) + "  ")); });
    box.appendChild(el("br"));
    box.appendChild(el("strong", { className: state.attendance.quorum ? "ok" : "warn", text: state.attendance.quorum ? text.quorum : text.noquorum }));
  }

  function renderControls() {
    root.querySelectorAll("[data-show-when]").forEach(function (form) {
      var show = form.getAttribute("data-show-when") === state.status;
      var cond = form.getAttribute("data-show-if");
      if (cond === "speakers-open") show = show && !!state.speakers_open;
      if (cond === "speakers-closed") show = show && !state.speakers_open;
      form.hidden = !show;
    });
    var status = root.querySelector("[data-bind=status]");
    if (status) {
      status.textContent = (labels.status || {})[state.status] || state.status;
      status.className = "status status-" + state.status;
    }
    var waiting = (state.speakers || []).some(function (s) { return s.status === "waiting"; });
    var giveNext = root.querySelector("[data-give-next]");
    if (giveNext) giveNext.disabled = !waiting;
  }

  function render() {
    renderControls();
    renderAgenda();
    renderSpeakers();
    renderFloor();
    renderDecisions();
    renderAttendance();
  }

  function connection(live) {
    var badge = root.querySelector("[data-conn]");
    if (!badge) return;
    badge.textContent = live ? text.live : text.offline;
    badge.classList.toggle("conn-live", !!live);
  }

  function poll() {
    fetch(root.getAttribute("data-api"), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (fresh) { if (fresh) { state = fresh; render(); } })
      .catch(function () {});
  }

  function start() {
    root = document.getElementById("live-root");
    if (!root) return;
    state = JSON.parse(document.getElementById("live-initial").textContent);
    labels = JSON.parse(document.getElementById("live-labels").textContent);
    text = JSON.parse(document.getElementById("live-text").textContent);
    meetingId = root.getAttribute("data-meeting");
    mayRun = root.getAttribute("data-may-run") === "1";
    own = (root.getAttribute("data-own") || "").split(",").filter(Boolean);
    actionUrl = root.getAttribute("data-action-url") || "";
    root.querySelectorAll("form[data-live-action]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var confirmText = form.getAttribute("data-confirm");
        if (confirmText && !window.confirm(confirmText)) return;
        var fields = {};
        new FormData(form).forEach(function (value, key) {
          if (key !== "csrfmiddlewaretoken" && key !== "next") fields[key] = value;
        });
        // A confirmation the server asks for (opening early) is sent once given.
        var confirmField = form.getAttribute("data-confirm-field");
        if (confirmText && confirmField) fields[confirmField] = "1";
        var action = form.getAttribute("action").split("/do/")[1].replace(/\/$/, "");
        post(action, fields).then(function () {
          var textarea = form.querySelector("textarea");
          if (textarea && !root.querySelector("[data-error]").textContent) textarea.value = "";
        });
      });
    });
    render();
    var topic = root.getAttribute("data-topic");
    if (window.SecretariatLive && window.SecretariatLive.connect) {
      window.SecretariatLive.connect(topic, meetingId, {
        onSnapshot: function (snapshot) { state = snapshot; connection(true); render(); },
        onEvent: function (event) { state = Object.assign({}, state, event.patch || {}); render(); },
        onStatus: function (status) { connection(status === "live" || status === "open" || status === true); },
      });
    } else {
      connection(false);
      setInterval(poll, 5000);  // graceful fallback without the live transport
    }
  }

  document.addEventListener("DOMContentLoaded", start);
})();
