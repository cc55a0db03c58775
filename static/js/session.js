/* Voice staff pages (every /staff page, the sign-in page too). Without this file everything
   still works; it adds two things:

   1. A warning before the session ends for being idle (WCAG 2.2.1), with "Stay signed in",
      which posts to /staff/stay-signed-in. The page says how long the session has left
      (data-seconds-left on #session-warning); pages in other tabs count as activity too.
      Before the fixed end, the most hours after signing in (data-absolute-left), the warning
      says that it cannot be put off, and offers only "Close".
   2. What was typed in a form sent after the session ended is kept in this tab
      (sessionStorage) through the sign-in page, and put back in the same form on the page
      the person returns to. It is deleted on the next page load whatever happens, and
      passwords are never kept. */
(function () {
  "use strict";

  /* ------------------------------------------------------------ drafts */

  var DRAFT_KEY = "voice.draft";
  var SIGN_IN_PATH = "/staff/sign-in";

  function tabStorage() {
    try { return window.sessionStorage; } catch (error) { return null; }
  }

  function readDraft() {
    var store = tabStorage();
    if (!store) return null;
    try { return JSON.parse(store.getItem(DRAFT_KEY) || "null"); } catch (error) { return null; }
  }

  function writeDraft(draft) {
    var store = tabStorage();
    if (!store) return;
    try {
      if (draft) store.setItem(DRAFT_KEY, JSON.stringify(draft));
      else store.removeItem(DRAFT_KEY);
    } catch (error) { /* storage full or refused: nothing is kept */ }
  }

  var SKIPPED = { hidden: 1, password: 1, submit: 1, button: 1, reset: 1, file: 1, image: 1 };

  function keptFields(form) {
    var fields = [];
    var typed = false;
    Array.prototype.forEach.call(form.elements, function (field) {
      var type = (field.type || "").toLowerCase();
      if (!field.name || field.disabled || SKIPPED[type]) return;
      if (type === "checkbox" || type === "radio") {
        fields.push({ name: field.name, value: field.value, checked: field.checked });
        return;
      }
      if (field.tagName === "SELECT" && field.multiple) return;
      fields.push({ name: field.name, value: field.value });
      if ((field.tagName === "TEXTAREA" || field.tagName === "INPUT") && field.value.trim()) typed = true;
    });
    return typed ? fields : null;
  }

  /* Every form sent with POST keeps what was typed until the next page has loaded. */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || (form.getAttribute("method") || "").toLowerCase() !== "post") return;
    var action = form.getAttribute("action") || "";
    if (action === SIGN_IN_PATH || form.querySelector("input[type=password]")) return;
    var fields = keptFields(form);
    writeDraft(fields ? { page: window.location.pathname, action: action, fields: fields, signedIn: false } : null);
  });

  function say(message) {
    var region = document.getElementById("session-status");
    if (!region) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message; }, 30);
  }

  function putBack(draft) {
    var form = null;
    Array.prototype.forEach.call(document.querySelectorAll("form"), function (candidate) {
      if (!form && candidate.getAttribute("action") === draft.action) form = candidate;
    });
    if (!form) return;
    var first = null;
    draft.fields.forEach(function (saved) {
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.name !== saved.name || SKIPPED[(field.type || "").toLowerCase()]) return;
        if ("checked" in saved && (field.type === "checkbox" || field.type === "radio")) {
          if (field.value === saved.value) field.checked = saved.checked;
          return;
        }
        if ("checked" in saved) return;
        field.value = saved.value;
        if (!first && saved.value) first = field;
      });
    });
    var details = form.closest ? form.closest("details") : null;
    if (details) details.open = true;
    if (first) first.focus();
    say("You were signed out before this was sent. What you typed is back in the form: check it and send it again.");
  }

  function handleDraft() {
    var draft = readDraft();
    if (!draft) return;
    if (window.location.pathname === SIGN_IN_PATH) {
      /* Signed out when the form was sent: keep it for the page after signing in. */
      draft.signedIn = true;
      writeDraft(draft);
      var note = document.querySelector("[data-draft-kept]");
      if (note) note.hidden = false;
      return;
    }
    writeDraft(null);
    if (draft.signedIn && draft.page === window.location.pathname) putBack(draft);
  }

  /* --------------------------------------------------- idle-time warning */

  /* Pages in this browser share when the session ends: [earliest, latest] in ms since 1970. */
  var ENDS_KEY = "voice.sessionEnds";

  function sharedStorage() {
    try { return window.localStorage; } catch (error) { return null; }
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function inWords(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    if (!minutes) return plural(rest, "second", "seconds");
    return plural(minutes, "minute", "minutes") + (rest ? " " + plural(rest, "second", "seconds") : "");
  }

  function startWarning(box) {
    if (typeof box.showModal !== "function") return;
    var idle = Number(box.getAttribute("data-idle-seconds")) * 1000;
    var left = Number(box.getAttribute("data-seconds-left")) * 1000;
    var step = Number(box.getAttribute("data-refresh-seconds")) * 1000;
    if (!(idle > 0) || !(left >= 0)) return;
    /* At least 20 seconds to answer (WCAG 2.2.1), 2 minutes when the idle time allows. */
    var lead = Math.min(idle, Math.max(20000, Math.min(120000, idle / 2)));
    /* When the session ends on the server, as far as this page knows: no sooner than warnBy
       (the countdown goes by it) and no later than endBy ("You have been signed out" waits for
       it, so it is never said while the session still lives). They are the same for the time
       the server gave with this page; after an htmx request they are a step apart, because the
       server writes last-seen at most once a step. A second allows for timers firing early. */
    var SURE = 1000;
    var warnBy = Date.now() + left;
    var endBy = warnBy + SURE;
    /* The most hours after signing in: a fixed end that "Stay signed in" cannot move. */
    var absoluteLeft = Number(box.getAttribute("data-absolute-left")) * 1000;
    var absoluteEnd = absoluteLeft >= 0 ? Date.now() + absoluteLeft : Infinity;
    /* Five minutes' notice of it (half the limit if that is shorter, but at least 20 seconds). */
    var absolute = Number(box.getAttribute("data-absolute-seconds")) * 1000;
    var absoluteLead = absolute > 0 ? Math.max(20000, Math.min(300000, absolute / 2)) : lead;
    /* "waiting", "warning", "noticed" (the warning about the fixed end was closed), "ended" */
    var state = "waiting";
    var before = null;
    var form = box.querySelector("[data-stay-signed-in]");
    var close = box.querySelector("[data-session-close]");
    var countdowns = box.querySelectorAll("[data-session-countdown]");
    var heading = document.getElementById("session-warning-heading");

    /* Which end comes first: "idle" (it can be put off) or "absolute" (it cannot). */
    function kind() { return absoluteEnd <= warnBy ? "absolute" : "idle"; }
    function countTo() { return Math.min(warnBy, absoluteEnd); }
    function endAt() { return Math.min(endBy, absoluteEnd + SURE); }
    function warnAt() { return countTo() - (kind() === "idle" ? lead : absoluteLead); }

    /* Shows the one text that is true now, and the button that goes with it. */
    function describe(id, canStay) {
      ["session-warning-text", "session-absolute-text", "session-ended-text", "session-ended-absolute-text"]
        .forEach(function (other) {
          var text = document.getElementById(other);
          if (text) text.hidden = other !== id;
        });
      box.setAttribute("aria-describedby", id);
      form.hidden = !canStay;
      close.hidden = canStay;
    }

    function readShared() {
      var store = sharedStorage();
      if (!store) return null;
      try {
        var ends = JSON.parse(store.getItem(ENDS_KEY) || "null");
        return ends && ends.length === 2 ? ends : null;
      } catch (error) { return null; }
    }

    /* This page learnt that the session lasts at least until ``earliest`` and perhaps until
       ``latest``: take it in, and tell pages in other tabs. */
    function extendTo(earliest, latest) {
      warnBy = Math.max(warnBy, earliest);
      endBy = Math.max(endBy, latest);
      var store = sharedStorage();
      if (!store) return;
      var shared = readShared();
      try {
        store.setItem(ENDS_KEY, JSON.stringify([
          Math.max(warnBy, shared ? Number(shared[0]) || 0 : 0),
          Math.max(endBy, shared ? Number(shared[1]) || 0 : 0)
        ]));
      } catch (error) { /* not shared */ }
    }

    /* Another tab used the session since. */
    function takeShared() {
      var shared = readShared();
      if (!shared) return;
      warnBy = Math.max(warnBy, Number(shared[0]) || 0);
      endBy = Math.max(endBy, Number(shared[1]) || 0);
    }

    function remember() {
      var focused = document.activeElement;
      before = focused && focused !== document.body && !box.contains(focused) ? focused : null;
    }

    function giveBackFocus() {
      if (before && document.contains(before)) before.focus();
      before = null;
    }

    function show() {
      state = "warning";
      remember();
      var canStay = kind() === "idle";
      describe(canStay ? "session-warning-text" : "session-absolute-text", canStay);
      update();
      box.showModal();
      (canStay ? form.querySelector("button") : close).focus();
    }

    function hideQuietly() {
      state = "waiting";
      if (box.open) box.close();
      giveBackFocus();
    }

    function showEnded() {
      state = "ended";
      if (box.open) box.close(); else remember();
      heading.textContent = heading.getAttribute("data-ended");
      describe(absoluteEnd + SURE <= endBy ? "session-ended-absolute-text" : "session-ended-text", false);
      box.showModal(); /* shown afresh, so it is announced afresh */
      close.focus();
    }

    function update() {
      var words = inWords(Math.max(0, Math.ceil((countTo() - Date.now()) / 1000)));
      Array.prototype.forEach.call(countdowns, function (countdown) { countdown.textContent = words; });
    }

    function tick() {
      if (state === "ended") return;
      takeShared();
      var now = Date.now();
      if (now >= endAt()) { showEnded(); return; }
      if (state === "noticed") return;
      if (state === "waiting" && now >= warnAt()) { show(); return; }
      if (state === "warning" && now < warnAt()) { hideQuietly(); return; }
      if (state === "warning" && (kind() === "idle") === form.hidden) { hideQuietly(); return; }
      if (state === "warning") update();
    }

    function extend() {
      var body = new URLSearchParams(new FormData(form));
      window.fetch(form.getAttribute("action"), {
        method: "POST",
        body: body,
        credentials: "same-origin",
        redirect: "manual"
      }).then(function (response) {
        if (response.status !== 204) { showEnded(); return; }
        var at = Date.now();
        extendTo(at + idle - SURE, at + idle + SURE);
        state = "waiting";
        box.close();
        giveBackFocus();
        say("You are still signed in.");
      }, function () {
        say("Voice could not be reached to keep you signed in. Check your connection.");
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      extend();
    });
    /* The warning about the fixed end, once closed, stays closed until the end. */
    function noticed() {
      if (state === "warning") state = "noticed";
    }
    /* Escape means "carry on" while the idle warning shows; otherwise it just closes. */
    box.addEventListener("cancel", function (event) {
      if (state === "warning" && kind() === "idle") {
        event.preventDefault();
        extend();
        return;
      }
      noticed();
      window.setTimeout(giveBackFocus, 0);
    });
    close.addEventListener("click", function () {
      noticed();
      box.close();
      giveBackFocus();
    });
    /* An htmx request (queue filters, "a" on the queue) uses the session too. */
    document.addEventListener("htmx:afterRequest", function (event) {
      var xhr = event.detail && event.detail.xhr;
      if (!xhr || xhr.status >= 300 || (xhr.responseURL || "").indexOf(SIGN_IN_PATH) !== -1) return;
      if (xhr.getResponseHeader("HX-Redirect")) return; /* signed out: off to sign in */
      var at = Date.now();
      extendTo(at + idle - step, at + idle + SURE);
    });
    document.addEventListener("visibilitychange", tick);

    extendTo(warnBy, endBy);
    window.setInterval(tick, 1000);
    tick();
  }

  function start() {
    handleDraft();
    var box = document.getElementById("session-warning");
    if (box) startWarning(box);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
