/* Voice: small progressive enhancements. Every page works without this file.
 * Exit this page: a click on any [data-exit-this-page] link, or pressing Shift
 * three times on its own within 5 seconds, hides the page at once and leaves.
 * Every other open Voice tab leaves too (help opens in a new tab, and the
 * journey left behind in the first would still show what was typed).
 */
(function () {
  "use strict";
  var EXIT_PATH = "/exit";
  var WINDOW_MS = 5000;
  var presses = 0;
  var shiftDown = false;
  var otherKey = false;
  var timer = null;

  var tabs = null;
  try {
    tabs = typeof BroadcastChannel === "function" ? new BroadcastChannel("voice-exit") : null;
  } catch (error) { tabs = null; }

  function leave() {
    document.documentElement.classList.add("voice-exiting");
    window.location.replace(EXIT_PATH);
  }

  function exitPage(event) {
    if (event) { event.preventDefault(); }
    if (tabs) { tabs.postMessage("exit"); }
    leave();
  }

  if (tabs) {
    tabs.onmessage = function (message) {
      if (message.data === "exit" && hasExitButton()) { leave(); }
    };
  }

  function status(message) {
    var region = document.getElementById("exit-status");
    if (region) { region.textContent = message; }
  }

  function reset() {
    presses = 0;
    if (timer) { window.clearTimeout(timer); timer = null; }
    status("");
  }

  function hasExitButton() {
    return document.querySelector("[data-exit-this-page]") !== null;
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var link = target && target.closest ? target.closest("[data-exit-this-page]") : null;
    if (link) { exitPage(event); }
  });

  document.addEventListener("keydown", function (event) {
    // The button-shaped link works with Space too, as a button does (GOV.UK's component).
    var target = event.target;
    if (event.key === " " && target && target.closest && target.closest("[data-exit-this-page][role=button]")) {
      exitPage(event);
      return;
    }
    if (event.key === "Shift") {
      if (!event.repeat) { shiftDown = true; otherKey = false; }
      return;
    }
    otherKey = true;
    reset();
  });

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || !hasExitButton()) { return; }
    var lone = shiftDown && !otherKey;
    shiftDown = false;
    if (!lone) { reset(); return; }
    presses += 1;
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(reset, WINDOW_MS);
    if (presses >= 3) { exitPage(null); return; }
    var region = document.getElementById("exit-status");
    var template = region ? region.getAttribute("data-" + (presses === 1 ? "two" : "one") + "-more") : "";
    status(template || "");
  });

  // Error summaries get focus so screen readers read them first.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  });

  // A link in an error summary moves to its field and shows the field's question too (its
  // legend or label), as GOV.UK's error summary does: the browser alone would scroll the
  // question out of view on a small screen.
  function legendOrLabel(field) {
    var fieldset = field.closest ? field.closest("fieldset") : null;
    var legend = fieldset ? fieldset.querySelector("legend") : null;
    var label = field.id ? document.querySelector("label[for='" + field.id + "']") : null;
    if (legend && (field.type === "radio" || field.type === "checkbox" || !label)) { return legend; }
    if (legend && label) {
      // The legend only if it is less than half a screen above the field.
      var gap = field.getBoundingClientRect().top - legend.getBoundingClientRect().top;
      if (gap < window.innerHeight / 2) { return legend; }
    }
    return label || legend;
  }
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("[data-error-summary] a[href^='#']") : null;
    if (!link) { return; }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    var heading = legendOrLabel(field);
    if (heading) { heading.scrollIntoView(); }
    field.focus({ preventScroll: Boolean(heading) });
  });
})();

/* Feedback journey: let htmx show a question page's errors (status 400, or 409 when the
 * questions changed while it was answered) in place, then move focus to the error summary.
 * Without JavaScript the form posts as usual. */
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (xhr && (xhr.status === 400 || xhr.status === 409)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail && event.detail.target === document.body) {
      // A whole new page, perhaps in a language chosen in another tab since this one opened:
      // the page's language is the one its language bar marks as current.
      var current = document.querySelector("nav.languages [aria-current]");
      if (current && current.lang) {
        document.documentElement.lang = current.lang;
        document.documentElement.dir = current.dir || "ltr";
      }
    }
    var titled = document.querySelector("[data-page-title]");
    if (titled) { document.title = titled.getAttribute("data-page-title"); }
    var summary = document.querySelector("[data-error-summary]");
    var main = document.getElementById("main");
    if (summary) { summary.focus(); }
    else if (main && event.detail && (event.detail.target === document.body ||
        (event.detail.target && event.detail.target.id === "main"))) {
      // A whole new page (after Send, or "not open right now"): start reading from the top.
      window.scrollTo(0, 0);
      main.focus();
    }
  });
})();

/* Feedback journey: when the connection drops, say so, keep what was typed, and let
 * the visitor press the button again. The words come from the page, in its language.
 * A retry is safe: the server makes one contribution per submission token. */
(function () {
  "use strict";
  function regionFor(event) {
    var elt = event.detail && event.detail.elt;
    var form = elt && elt.closest ? elt.closest("form") : null;
    return form ? { form: form, region: form.querySelector("[data-retry-message]") } : null;
  }
  function failed(event, attribute) {
    var found = regionFor(event);
    if (!found || !found.region) { return; }
    found.region.textContent = found.region.getAttribute(attribute || "data-retry-message");
    var buttons = found.form.querySelectorAll("button");
    for (var i = 0; i < buttons.length; i += 1) { buttons[i].disabled = false; }
    // The pressed button was disabled while the request was out, which sent focus to the
    // top of the page: put it back, so pressing again is one key away.
    var config = event.detail && event.detail.requestConfig;
    var trigger = config && config.triggeringEvent;
    var pressed = trigger && trigger.submitter;
    var button = pressed || found.form.querySelector("button[type=submit]");
    if (button) { button.focus(); }
  }
  // A refused form (its token was out of date, say after cookies were cleared): the refusal
  // brings a new token. Use it from now on, so pressing again works.
  function requestPath(event) {
    var config = event.detail && event.detail.requestConfig;
    var path = (config && config.path) || (event.detail && event.detail.pathInfo && event.detail.pathInfo.requestPath) || "";
    return path.split("?")[0];
  }
  function takeNewToken(xhr) {
    var token = xhr.getResponseHeader("X-CSRF-Token");
    if (!token) { return false; }
    document.body.setAttribute("hx-headers", JSON.stringify({ "X-CSRF-Token": token }));
    var fields = document.querySelectorAll("input[name=csrf_token]");
    for (var i = 0; i < fields.length; i += 1) { fields[i].value = token; }
    return true;
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var found = regionFor(event);
    if (found && found.region) { found.region.textContent = ""; }
  });
  document.addEventListener("htmx:sendError", failed);
  document.addEventListener("htmx:timeout", failed);
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (xhr && xhr.status >= 500) { failed(event); }
    else if (xhr && xhr.status === 413) { failed(event, "data-too-much-message"); }
    else if (xhr && xhr.status === 403 && takeNewToken(xhr)) {
      // A browser that blocks cookies is refused every time: say so, not just "press again".
      // Only the server can tell (such browsers may still report navigator.cookieEnabled).
      if (xhr.getResponseHeader("X-Voice-Cookies") === "blocked") { failed(event, "data-cookies-message"); }
      else if (/\/language$/.test(requestPath(event))) { failed(event, "data-language-message"); }
      else { failed(event, "data-expired-message"); }
    }
  });
})();
