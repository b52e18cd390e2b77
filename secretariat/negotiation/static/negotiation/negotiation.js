// Document page: bracket the text a pen-holder selects in a provision.
// The page works without this file: every provision has a "Brackets" button whose form
// takes the text to bracket as typed. This only turns a mouse (or Shift+arrow) selection
// into offsets in the provision's plain rendering, the numbering the server uses
// (brackets as "[a / b]", holders left out), and opens that form with them filled in.
(function () {
  "use strict";

  var button = null;
  var current = null;

  function textRoot(node) {
    var el = node && (node.nodeType === 1 ? node : node.parentElement);
    return el ? el.closest(".prov-text[data-provision]") : null;
  }

  function isHolders(node) {
    return !!(node.parentElement && node.parentElement.closest("sup.holders"));
  }

  // Characters of the plain rendering before the boundary point (container, offset).
  function plainOffset(root, container, offset) {
    var point = document.createRange();
    point.setStart(container, offset);
    point.collapse(true);
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var count = 0;
    var node;
    while ((node = walker.nextNode())) {
      if (node === container) {
        return isHolders(node) ? count : count + offset;
      }
      if (point.comparePoint(node, node.length) > 0) {
        break; // this text lies after the boundary
      }
      if (!isHolders(node)) {
        count += node.length;
      }
    }
    return count;
  }

  function selectedSpan() {
    var section = document.querySelector("[data-bracketing]");
    var selection = window.getSelection();
    if (!section || !selection || selection.isCollapsed || !selection.rangeCount) {
      return null;
    }
    var range = selection.getRangeAt(0);
    var root = textRoot(range.startContainer);
    if (!root || root !== textRoot(range.endContainer) || !section.contains(root)) {
      return null;
    }
    var start = plainOffset(root, range.startContainer, range.startOffset);
    var end = plainOffset(root, range.endContainer, range.endOffset);
    if (end <= start || !selection.toString().trim()) {
      return null;
    }
    return {
      provision: root.dataset.provision,
      start: start,
      end: end,
      base: section.dataset.bracketing,
      label: section.dataset.bracketLabel,
      rect: range.getBoundingClientRect(),
    };
  }

  function hide() {
    if (button) {
      button.hidden = true;
    }
    current = null;
  }

  function open() {
    if (!current || !window.htmx) {
      return;
    }
    var span = current;
    var url = span.base + span.provision + "/brackets/?start=" + span.start + "&end=" + span.end;
    hide();
    window.htmx.ajax("GET", url, { target: "#tools-" + span.provision, swap: "innerHTML" });
  }

  function show() {
    var span = selectedSpan();
    if (!span) {
      hide();
      return;
    }
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-small bracket-float";
      button.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the selection
      });
      button.addEventListener("click", open);
      document.body.appendChild(button);
    }
    current = span;
    button.textContent = span.label;
    button.style.top = window.scrollY + span.rect.bottom + 10 + "px";
    button.style.left = window.scrollX + Math.max(span.rect.left, 8) + "px";
    button.hidden = false;
  }

  document.addEventListener("mouseup", function (event) {
    if (button && event.target === button) {
      return;
    }
    window.setTimeout(show, 0);
  });
  document.addEventListener("keyup", function (event) {
    if (event.key === "Escape") {
      hide();
    } else if (event.shiftKey || event.key === "Shift") {
      show();
    }
  });

  // Live: when another delegation records a position or acts on a proposal, reload the
  // document body (over plain HTTP, so it shows what this viewer may see). While this
  // viewer is filling in a form, only say so and let them choose when.
  function busy(main) {
    var active = document.activeElement;
    if (active && main.contains(active) && active.matches("input, textarea, select")) {
      return true;
    }
    return Array.prototype.some.call(main.querySelectorAll(".prov-form"), function (el) {
      return el.children.length > 0;
    });
  }

  function refresh() {
    var notice = document.querySelector("[data-live-notice]");
    if (notice) {
      notice.hidden = true;
    }
    window.htmx.ajax("GET", window.location.href, {
      target: "#doc-main", select: "#doc-main", swap: "outerHTML",
    });
  }

  function changed() {
    var main = document.getElementById("doc-main");
    if (!main || !window.htmx) {
      return;
    }
    if (busy(main)) {
      document.querySelector("[data-live-notice]").hidden = false;
    } else {
      refresh();
    }
  }

  // A refused action answers 403, 409 or 422 with the document body and the reason in
  // it (nothing was saved): show it like any other answer instead of dropping it.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    var target = event.detail.target;
    if ((status === 403 || status === 409 || status === 422) && target && target.id === "doc-main") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-live-refresh]")) {
      refresh();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("doc-live");
    if (!box || !window.SecretariatLive) {
      return;
    }
    var me = box.dataset.user;
    var snapshots = 0;
    window.SecretariatLive.connect("document", box.dataset.liveKey, {
      onSnapshot: function () {
        snapshots += 1;
        if (snapshots > 1) {
          changed(); // reconnected: something may have changed meanwhile
        }
      },
      onEvent: function (event) {
        if (String(event.by) !== me) {
          changed();
        }
      },
      onStatus: function (status) {
        box.dataset.liveStatus = status;
      },
    });
  });

  window.SecretariatNegotiation = { plainOffset: plainOffset, selectedSpan: selectedSpan };
})();
