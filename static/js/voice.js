/* Voice: small progressive enhancements. Every page works without this file.
 * Exit this page: a click on any [data-exit-this-page] link, or pressing Shift
 * three times on its own within 5 seconds, hides the page at once and leaves.
 */
(function () {
  "use strict";
  var EXIT_PATH = "/exit";
  var WINDOW_MS = 5000;
  var presses = 0;
  var shiftDown = false;
  var otherKey = false;
  var timer = null;

  function exitPage(event) {
    if (event) { event.preventDefault(); }
    document.documentElement.classList.add("voice-exiting");
    window.location.replace(EXIT_PATH);
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
})();

/* Feedback journey: let htmx show a question page's errors (status 400) in place,
 * then move focus to the error summary. Without JavaScript the form posts as usual. */
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (xhr && xhr.status === 400) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener("htmx:afterSwap", function () {
    var titled = document.querySelector("[data-page-title]");
    if (titled) { document.title = titled.getAttribute("data-page-title"); }
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  });
})();
