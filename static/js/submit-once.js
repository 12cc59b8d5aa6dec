/* Submit once: while a form's request is in flight its submit buttons are disabled, so a double click sends one
   request. Progressive enhancement only: the server makes writes idempotent anyway (espportal/idempotency.py).
   Buttons come back when the page is shown again from the back/forward cache, when an HTMX request ends, and
   after a few seconds in any case (a request the browser gave up on must not leave the form dead). */
(function () {
  "use strict";
  var REENABLE_MS = 8000;

  function buttonsOf(form) {
    return form.querySelectorAll('button[type="submit"], button:not([type]), input[type="submit"]');
  }

  function release(form) {
    form.removeAttribute("aria-busy");
    buttonsOf(form).forEach(function (button) {
      if (button.dataset.submitOnce === "disabled") {
        button.disabled = false;
        delete button.dataset.submitOnce;
      }
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) { return; }
    var htmx = form.matches("[hx-post]");
    if ((form.method || "").toLowerCase() !== "post" && !htmx) { return; }
    if (event.defaultPrevented && !htmx) { return; }  // another script stopped this submit
    if (form.getAttribute("aria-busy") === "true") { event.preventDefault(); return; }
    form.setAttribute("aria-busy", "true");
    // Disable after this event, so the clicked button's name/value is still sent with the form.
    window.setTimeout(function () {
      buttonsOf(form).forEach(function (button) {
        if (!button.disabled) {
          button.disabled = true;
          button.dataset.submitOnce = "disabled";
        }
      });
    }, 0);
    window.setTimeout(function () { release(form); }, REENABLE_MS);
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.target && event.target.closest ? event.target.closest("form") : null;
    if (form) { release(form); }
  });

  window.addEventListener("pageshow", function () {
    document.querySelectorAll('form[aria-busy="true"]').forEach(release);
  });
})();
