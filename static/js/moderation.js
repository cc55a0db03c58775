/* Voice moderation: keyboard shortcuts for the queue and item pages, and
   "select words to redact" on the item page. Everything here has a no-JavaScript
   way too (links, forms and the bulk-action form). Loaded only on staff pages. */
(function () {
  "use strict";

  function typing(target) {
    if (!target || !target.closest) return false;
    return Boolean(target.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']"));
  }

  function announce(message) {
    var region = document.getElementById("queue-status") || document.getElementById("shortcut-status");
    if (!region) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message; }, 30);
  }

  /* ------------------------------------------- turning shortcuts off (WCAG 2.1.4) */

  /* Single-key shortcuts can be turned off (say, for speech recognition, where a spoken word
     arrives as key presses). The choice is kept in this browser (localStorage, no cookie), so
     it holds on the queue and on every contribution, and in other tabs. While they are off no
     single key does anything and no element advertises aria-keyshortcuts; the page renders
     data-keyshortcuts, copied into aria-keyshortcuts only while they are on. */
  var SHORTCUTS_KEY = "voice.singleKeyShortcuts";

  function storedChoice() {
    try { return window.localStorage.getItem(SHORTCUTS_KEY) !== "off"; } catch (error) { return true; }
  }

  var shortcutsOn = storedChoice();

  function showShortcuts() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-keyshortcuts]"), function (element) {
      if (shortcutsOn) element.setAttribute("aria-keyshortcuts", element.getAttribute("data-keyshortcuts"));
      else element.removeAttribute("aria-keyshortcuts");
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-shortcuts-toggle]"), function (box) {
      box.checked = shortcutsOn;
    });
  }

  function chooseShortcuts(on) {
    shortcutsOn = on;
    try {
      if (on) window.localStorage.removeItem(SHORTCUTS_KEY);
      else window.localStorage.setItem(SHORTCUTS_KEY, "off");
    } catch (error) { /* not remembered, but it still holds on this page */ }
    showShortcuts();
    announce(on ? "Single-key shortcuts are on." : "Single-key shortcuts are off. No single key does anything now.");
  }

  function startShortcutSetting() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-shortcut-setting]"), function (element) {
      element.hidden = false;
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-shortcuts-toggle]"), function (box) {
      box.addEventListener("change", function () { chooseShortcuts(box.checked); });
    });
    showShortcuts();
    /* Changed in another tab. */
    window.addEventListener("storage", function (event) {
      if (event.key !== SHORTCUTS_KEY && event.key !== null) return;
      shortcutsOn = storedChoice();
      showShortcuts();
    });
  }

  /* ---------------------------------------------------------------- queue */

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-queue-row]"));
  }

  var current = -1;

  function setCurrent(index, speak) {
    var list = rows();
    if (!list.length) return;
    index = Math.max(0, Math.min(index, list.length - 1));
    list.forEach(function (row) { row.classList.remove("is-current"); });
    var row = list[index];
    current = index;
    row.classList.add("is-current");
    var link = row.querySelector(".queue-open");
    if (link) link.focus();
    if (speak) {
      var tags = Array.prototype.map.call(row.querySelectorAll(".tag"), function (tag) { return tag.textContent; });
      announce((link ? link.textContent : "") + ", " + (index + 1) + " of " + list.length + ". " + tags.join(", "));
    }
  }

  /* The row with focus (after a click or Tab too), else the last one moved to with j/k. */
  function currentRow() {
    var list = rows();
    var focused = document.activeElement && document.activeElement.closest ? document.activeElement.closest("[data-queue-row]") : null;
    if (focused) current = list.indexOf(focused);
    return current >= 0 && current < list.length ? list[current] : null;
  }

  function csrfToken() {
    var field = document.querySelector("#bulk-form input[name=csrf_token]");
    return field ? field.value : "";
  }

  function approveRow(row) {
    var id = row.getAttribute("data-id");
    if (row.hasAttribute("data-open-case")) {
      announce("Contribution " + id + " has an open safeguarding case. Open it to decide.");
      return;
    }
    if (row.getAttribute("data-can-approve") !== "yes") {
      announce("This one is already decided.");
      return;
    }
    if (!window.htmx) {
      window.location.href = row.getAttribute("data-open-url") + "#approve-form";
      return;
    }
    var list = document.getElementById("queue-list");
    var back = list ? list.getAttribute("data-back") : "";
    window.htmx.ajax("POST", row.getAttribute("data-approve-url"), {
      source: row,
      target: "#row-" + id,
      swap: "outerHTML",
      values: {
        csrf_token: csrfToken(), counted: "1", from_queue: "1", back: back,
        seen: row.getAttribute("data-seen") || ""
      }
    }).then(function () {
      var fresh = document.getElementById("row-" + id);
      var approved = fresh && fresh.getAttribute("data-status") === "approved" && !fresh.hasAttribute("data-refused");
      var why = fresh ? fresh.getAttribute("data-refused") : "";
      announce(approved ? "Contribution " + id + " approved, counted in figures."
        : "Contribution " + id + " could not be approved." + (why ? " " + why : ""));
      setCurrent(rows().indexOf(fresh) + (approved ? 1 : 0), false);
    }, function () {
      announce("That did not work. Check your connection and try again.");
    });
  }

  function toggleHelp() {
    var help = document.getElementById("shortcuts");
    if (!help) return;
    help.open = !help.open;
    var summary = help.querySelector("summary");
    if (summary) summary.focus();
    announce(help.open ? "Keyboard shortcuts shown." : "Keyboard shortcuts hidden.");
  }

  function queueKey(event) {
    var key = event.key;
    if (key === "?") { toggleHelp(); return true; }
    if (!rows().length) return false;
    if (key === "j" || key === "ArrowDown") { setCurrent(current + 1, true); return true; }
    if (key === "k" || key === "ArrowUp") { setCurrent(current < 0 ? 0 : current - 1, true); return true; }
    var row = currentRow();
    if (!row) return false;
    if (key === "o") { window.location.href = row.getAttribute("data-open-url"); return true; }
    if (key === "a") { approveRow(row); return true; }
    if (key === "r") { window.location.href = row.getAttribute("data-open-url") + "#reject"; return true; }
    if (key === "x") {
      var box = row.querySelector("input[type=checkbox]");
      if (box) {
        box.checked = !box.checked;
        announce((box.checked ? "Selected " : "Not selected ") + "contribution " + row.getAttribute("data-id") + ".");
      }
      return true;
    }
    return false;
  }

  /* After a filter change, say what the queue now shows, as a new page would. */
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || target.id !== "queue-body") return;
    current = -1;  // a new list: "j" starts again from its first row
    var heading = document.getElementById("results-heading");
    var problems = Array.prototype.map.call(
      document.querySelectorAll("#queue-errors [data-error-summary] li"),
      function (item) { return item.textContent.trim(); }
    );
    var said = heading ? heading.textContent.trim() + "." : "";
    announce(problems.length ? "There is a problem: " + problems.join(". ") + ". " + said : said);
  });

  /* ---------------------------------------------------------------- item */

  function itemKey(event) {
    var key = event.key;
    if (key === "a") {
      var approve = document.getElementById("approve-form");
      if (approve) { approve.requestSubmit ? approve.requestSubmit() : approve.submit(); return true; }
    }
    if (key === "r") {
      var reason = document.getElementById("reject-reason");
      if (reason) { reason.focus(); return true; }
    }
    return false;
  }

  /* Offsets in characters (code points), as the server counts them: a string's length
     counts UTF-16 code units, and an emoji is two of those. */
  function codePoints(text) {
    return Array.from(text);
  }

  function offsetWithin(container, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(container);
    range.setEnd(node, offset);
    return codePoints(range.toString()).length;
  }

  function copySelection() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return;
    var range = selection.getRangeAt(0);
    var start = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
    var end = range.endContainer.nodeType === 1 ? range.endContainer : range.endContainer.parentElement;
    var box = start && start.closest ? start.closest("[data-original]") : null;
    if (!box || !end || box !== (end.closest ? end.closest("[data-original]") : null)) return;
    var from = offsetWithin(box, range.startContainer, range.startOffset);
    var to = offsetWithin(box, range.endContainer, range.endOffset);
    if (to <= from) return;
    var holder = document.getElementById("answer-" + box.getAttribute("data-answer-id"));
    var form = holder ? holder.querySelector("[data-redaction-form]") : null;
    if (!form) return;
    var details = form.closest("details");
    if (details) details.open = true;
    form.querySelector("[data-selection-phrase]").value = codePoints(box.textContent).slice(from, to).join("");
    form.querySelector("[data-selection-start]").value = String(from);
    form.querySelector("[data-selection-end]").value = String(to);
  }

  var pending = null;
  document.addEventListener("selectionchange", function () {
    if (pending) window.clearTimeout(pending);
    pending = window.setTimeout(copySelection, 150);
  });

  /* Typing in "Words to hide" by hand means the old selection no longer applies. */
  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target && target.hasAttribute && target.hasAttribute("data-selection-phrase")) {
      var form = target.form;
      form.querySelector("[data-selection-start]").value = "";
      form.querySelector("[data-selection-end]").value = "";
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (!shortcutsOn) return;
    if (typing(event.target)) return;
    var handled = document.getElementById("queue-list") || document.getElementById("shortcuts")
      ? queueKey(event)
      : itemKey(event);
    if (handled) event.preventDefault();
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startShortcutSetting);
  else startShortcutSetting();
})();
