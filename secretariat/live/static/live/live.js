/* SecretariatLive: follow a live topic over /ws/live/<topic>/<key>/.
 *
 *   const live = SecretariatLive.connect("announcements", "central-asia-japan", {
 *     onSnapshot(state, version) {...},   // replace everything you show with `state`
 *     onEvent(event, version) {...},      // apply one change on top of the last state
 *     onStatus(status, detail) {...},     // "connecting" | "live" | "reconnecting" | "offline"
 *   });
 *   live.close();
 *
 * The server sends a snapshot, then events numbered snapshot+1, +2, ... The client applies
 * an event only if it is exactly the next version. A gap (a lost event), a handler that
 * throws, or a dropped connection leads to a fresh connection and a fresh snapshot, so
 * the page never shows a half-applied state. Reconnection backs off (with jitter) up to
 * 30 seconds; a refusal (4403 forbidden, 4404 unknown topic) is final.
 */
(function (global) {
  "use strict";

  const FORBIDDEN = 4403;
  const UNKNOWN = 4404;
  const RESYNC = 4000;
  const MIN_DELAY = 500;
  const MAX_DELAY = 30000;

  function socketUrl(topic, key) {
    const scheme = global.location.protocol === "https:" ? "wss:" : "ws:";
    return scheme + "//" + global.location.host + "/ws/live/" +
      encodeURIComponent(topic) + "/" + encodeURIComponent(key) + "/";
  }

  function connect(topic, key, handlers) {
    const on = Object.assign(
      { onSnapshot() {}, onEvent() {}, onStatus() {} }, handlers || {}
    );
    let socket = null;
    let version = null; // null until a snapshot arrives on the current socket
    let delay = MIN_DELAY;
    let timer = null;
    let stopped = false;

    function status(value, detail) {
      try { on.onStatus(value, detail); } catch (err) { console.error(err); }
    }

    function open() {
      timer = null;
      if (stopped) return;
      version = null;
      status(delay === MIN_DELAY ? "connecting" : "reconnecting");
      const ws = new WebSocket(socketUrl(topic, key));
      socket = ws;
      ws.onmessage = (message) => {
        if (ws !== socket) return;
        let data;
        try { data = JSON.parse(message.data); } catch (err) { return resync(); }
        if (data.type === "snapshot") {
          version = data.version;
          try { on.onSnapshot(data.state, version); } catch (err) {
            console.error(err);
            return resync();
          }
          delay = MIN_DELAY;
          status("live");
        } else if (data.type === "event") {
          if (version === null || data.version <= version) return; // already in the snapshot
          if (data.version !== version + 1) return resync(); // a gap: never apply half a state
          try { on.onEvent(data.event, data.version); } catch (err) {
            console.error(err);
            return resync();
          }
          version = data.version;
        }
      };
      ws.onclose = (event) => {
        if (ws !== socket) return;
        socket = null;
        version = null;
        if (stopped) return;
        if (event.code === FORBIDDEN || event.code === UNKNOWN) {
          stopped = true;
          status("offline", event.code === FORBIDDEN ? "forbidden" : "unknown");
          return;
        }
        schedule(event.code === RESYNC ? MIN_DELAY : delay);
        delay = Math.min(delay * 2, MAX_DELAY);
      };
    }

    function schedule(wait) {
      if (stopped || timer !== null) return;
      status("reconnecting");
      const jitter = wait * (0.75 + Math.random() * 0.5); // spread a crowd's reconnects
      timer = global.setTimeout(open, jitter);
    }

    function resync() {
      // Drop this socket and take a fresh snapshot at once.
      const ws = socket;
      socket = null;
      version = null;
      if (ws) ws.close(1000, "resync");
      if (timer === null && !stopped) { timer = global.setTimeout(open, 0); }
    }

    function onOnline() {
      // Back online: reconnect now rather than at the end of a long backoff.
      if (socket === null && timer !== null) {
        global.clearTimeout(timer);
        timer = null;
        delay = MIN_DELAY;
        open();
      }
    }
    global.addEventListener("online", onOnline);

    open();
    return {
      close() {
        stopped = true;
        global.removeEventListener("online", onOnline);
        if (timer !== null) global.clearTimeout(timer);
        const ws = socket;
        socket = null;
        if (ws) ws.close(1000, "bye");
      },
      get version() { return version; },
    };
  }

  global.SecretariatLive = { connect, socketUrl };
})(window);
