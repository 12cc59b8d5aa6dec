/* Focus and announcements (WCAG 2.4.3, 3.3.1, 4.1.3), for every page.
 *
 * After an HTMX swap a person caused (a form sent, a button pressed), focus goes to the first invalid field of
 * the swapped region, else its status or error message, else its heading; the message is also read out by the
 * page's live regions (#live-status polite, #live-alert assertive). Lazy loads (hx-trigger="load"/"revealed")
 * never move focus. After a full page load, focus goes to the form's error summary or the page's message.
 */
(function () {
  "use strict";

  var MESSAGE = "[role=alert], [role=status], .error-summary, .messages";
  var INVALID = "[aria-invalid=true]";
  var HEADING = "h1, h2, h3, h4";

  function focusOn(el) {
    if (!el) return false;
    if (!el.matches("a[href], button, input, select, textarea, [tabindex]")) el.setAttribute("tabindex", "-1");
    el.focus({preventScroll: false});
    return document.activeElement === el;
  }

  function announce(region) {
    var alert = region.matches("[role=alert]") || region.querySelector("[role=alert]");
    var live = document.getElementById(alert ? "live-alert" : "live-status");
    if (!live) return;
    var text = region.textContent.replace(/\s+/g, " ").trim();
    live.textContent = "";
    // A change after a tick is what screen readers notice, even when the same words come twice.
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  function within(root, selector) {
    if (!root) return null;
    if (root.matches && root.matches(selector)) return root;
    return root.querySelector(selector);
  }

  function causedByPerson(detail) {
    var elt = detail.requestConfig && detail.requestConfig.elt || detail.elt;
    if (!elt) return false;
    if (elt.closest && elt.closest("[data-picker]")) return false;  // typing in a search picker keeps focus
    var trigger = (elt.getAttribute && elt.getAttribute("hx-trigger")) || "";
    if (/\b(load|revealed|intersect|every)\b/.test(trigger)) return false;
    return true;
  }

  document.addEventListener("htmx:afterSettle", function (evt) {
    var detail = evt.detail || {};
    if (!causedByPerson(detail)) return;
    var region = detail.target;
    // outerHTML swaps replace the target: find its successor by id.
    if (region && !region.isConnected && region.id) region = document.getElementById(region.id);
    if (!region || !region.isConnected) region = detail.elt && detail.elt.isConnected ? detail.elt : null;
    if (!region) return;
    var message = within(region, MESSAGE);
    var errors = region.querySelector(".errorlist, .field-error");
    if (message) announce(message);
    else if (errors) { errors.setAttribute("role", "alert"); announce(errors); }
    focusOn(within(region, INVALID)) || focusOn(message) || focusOn(within(region, HEADING)) || focusOn(region);
  });

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary");
    var messages = document.querySelector("main .messages");
    if (summary) focusOn(summary);
    else if (messages) focusOn(messages);
  });
})();
