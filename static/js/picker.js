/* Search pickers (espportal/pickers.py): the WAI-ARIA 1.2 combobox pattern, list autocomplete with manual
 * selection (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/).
 *
 * HTMX fills the listbox as the person types (hx-get on the input). This script opens and closes it, moves the
 * active option with the arrow keys (aria-activedescendant: focus stays in the input), takes an option on Enter
 * or click (its label in the input, its code in the hidden `<name>_pick`), closes on Escape or Tab, and says
 * how many matched in the page's polite live region. Typing again forgets the earlier choice. Without this
 * script the input is a plain search field the server resolves (see pickers.PickField).
 */
(function () {
  "use strict";

  function parts(root) {
    return {
      input: root.querySelector("[role=combobox]"),
      list: root.querySelector("[role=listbox]"),
      value: root.querySelector("[data-picker-value]")
    };
  }

  function options(list) {
    return Array.prototype.slice.call(list.querySelectorAll("[role=option]:not([aria-disabled=true])"));
  }

  function announce(text) {
    var live = document.getElementById("live-status");
    if (!live) return;
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  function setActive(p, option) {
    options(p.list).forEach(function (o) { o.setAttribute("aria-selected", o === option ? "true" : "false"); });
    if (option) {
      p.input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({block: "nearest"});
    } else {
      p.input.removeAttribute("aria-activedescendant");
    }
  }

  function open(p, isOpen) {
    p.list.hidden = !isOpen;
    p.input.setAttribute("aria-expanded", isOpen ? "true" : "false");
    if (!isOpen) setActive(p, null);
  }

  function add(root, p, option) {
    /* A picker of several rows: the option becomes a ticked checkbox among the chosen, the input empties. */
    var chosen = root.querySelector(".picker-chosen");
    var code = option.getAttribute("data-value");
    var label = option.textContent.trim();
    if (!chosen.querySelector("input[value='" + code + "']")) {
      var row = document.createElement("div");
      var box = document.createElement("input");
      var text = document.createElement("label");
      box.type = "checkbox";
      box.name = p.input.name + "_pick";
      box.value = code;
      box.checked = true;
      box.id = p.input.id + "-chosen-" + code;
      text.htmlFor = box.id;
      text.textContent = label;
      row.appendChild(box);
      row.appendChild(document.createTextNode(" "));
      row.appendChild(text);
      chosen.appendChild(row);
    }
    p.input.value = "";
    open(p, false);
    announce((root.getAttribute("data-added") || "{label}").replace("{label}", label));
  }

  function choose(p, option) {
    var root = p.input.closest("[data-picker]");
    if (root.hasAttribute("data-multiple")) return add(root, p, option);
    p.input.value = option.textContent.trim();
    if (p.value) p.value.value = option.getAttribute("data-value");
    open(p, false);
    announce(p.input.value);
  }

  document.addEventListener("htmx:afterSwap", function (evt) {
    var list = evt.detail && evt.detail.target;
    if (!list || list.getAttribute("role") !== "listbox") return;
    var root = list.closest("[data-picker]");
    if (!root) return;
    var p = parts(root);
    var found = options(list);
    open(p, list.children.length > 0 && document.activeElement === p.input);
    if (found.length) {
      announce((root.getAttribute("data-found") || "{n}").replace("{n}", String(found.length)));
    } else if (list.children.length) {
      announce(list.textContent.trim());
    }
  });

  document.addEventListener("input", function (evt) {
    var root = evt.target.closest && evt.target.closest("[data-picker]");
    if (!root || evt.target.getAttribute("role") !== "combobox") return;
    var p = parts(root);
    if (p.value) p.value.value = "";  // the text changed: the earlier choice no longer stands
    if (!p.input.value.trim()) open(p, false);
  });

  document.addEventListener("keydown", function (evt) {
    var root = evt.target.closest && evt.target.closest("[data-picker]");
    if (!root || evt.target.getAttribute("role") !== "combobox") return;
    var p = parts(root);
    var found = options(p.list);
    var current = found.indexOf(document.getElementById(p.input.getAttribute("aria-activedescendant") || ""));
    if (evt.key === "ArrowDown" || evt.key === "ArrowUp") {
      if (!found.length) return;
      evt.preventDefault();
      open(p, true);
      var next = evt.key === "ArrowDown" ? (current + 1) % found.length
        : (current <= 0 ? found.length - 1 : current - 1);
      setActive(p, found[next]);
    } else if (evt.key === "Enter" && !p.list.hidden && current >= 0) {
      evt.preventDefault();  // Enter takes the option; it does not send the form
      choose(p, found[current]);
    } else if (evt.key === "Escape" && !p.list.hidden) {
      evt.preventDefault();
      open(p, false);
    } else if (evt.key === "Tab") {
      open(p, false);
    }
  });

  document.addEventListener("click", function (evt) {
    var option = evt.target.closest && evt.target.closest("[data-picker] [role=option]");
    document.querySelectorAll("[data-picker]").forEach(function (root) {
      var p = parts(root);
      if (option && root.contains(option)) {
        if (option.getAttribute("aria-disabled") !== "true") choose(p, option);
        p.input.focus();
      } else if (!root.contains(evt.target)) {
        open(p, false);
      }
    });
  });
})();
