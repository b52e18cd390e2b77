/* The announcements page: render the snapshot, prepend each announcement as it comes
 * (as `apply_event` in announcements/events.py does). */
(function () {
  "use strict";
  const feed = document.querySelector("[data-live-feed]");
  if (!feed || !window.SecretariatLive) return;
  const statusBox = document.querySelector("[data-live-status]");
  const statusText = statusBox && statusBox.querySelector("[data-status-text]");
  const KEEP = 20;

  function item(a) {
    const li = document.createElement("li");
    li.className = "live-item";
    li.dataset.id = a.id;
    const text = document.createElement("p");
    text.className = "live-text";
    text.textContent = a.text;
    const meta = document.createElement("p");
    meta.className = "live-meta muted";
    // In the viewer's zone and language, labelled, as the server writes it (core when.js).
    const time = window.SecretariatWhen.element(a.created_at);
    meta.append((a.author || "") + " · ", time);
    li.append(text, meta);
    return li;
  }

  function empty() {
    const li = document.createElement("li");
    li.className = "live-empty muted";
    li.textContent = feed.dataset.emptyText;
    return li;
  }

  window.SecretariatLive.connect(feed.dataset.topic, feed.dataset.key, {
    onSnapshot(state) {
      const items = state.announcements.map(item);
      feed.replaceChildren(...(items.length ? items : [empty()]));
    },
    onEvent(event) {
      if (event.kind !== "announcement.published") return;
      feed.querySelectorAll(".live-empty").forEach((n) => n.remove());
      const li = item(event.announcement);
      li.classList.add("live-new");
      feed.prepend(li);
      while (feed.children.length > KEEP) feed.lastElementChild.remove();
    },
    onStatus(status) {
      if (!statusBox) return;
      statusBox.dataset.state = status;
      statusText.textContent = statusText.dataset["text" + status[0].toUpperCase() + status.slice(1)];
    },
  });
})();
