// Small progressive enhancements; every page works without them (except copy-to-clipboard).
(function () {
  "use strict";

  // Copy buttons: <button data-copy="text">. Announces the result through the button's live label.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var text = button.getAttribute("data-copy");
    var done = function (ok) {
      var original = button.getAttribute("data-label") || button.textContent;
      button.setAttribute("data-label", original);
      button.textContent = ok ? "Copied" : "Copy failed";
      button.classList.toggle("copied", ok);
      setTimeout(function () { button.textContent = original; button.classList.remove("copied"); }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
    } else {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "absolute";
      area.style.left = "-9999px";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      done(ok);
    }
  });

  // Owner switcher (a <details> of links, usable without this): arrow keys move between the owners without
  // opening one, Escape closes the list and returns to its button.
  document.addEventListener("keydown", function (event) {
    var menu = event.target.closest("details.owner-menu");
    if (!menu) return;
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
      return;
    }
    // In the "Open owner…" field the arrow keys belong to the text.
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp" || event.target.matches("input")) return;
    var links = Array.prototype.slice.call(menu.querySelectorAll(".menu a"));
    if (!links.length) return;
    event.preventDefault();
    if (!menu.open) menu.open = true;
    var at = links.indexOf(document.activeElement);
    var next = event.key === "ArrowDown" ? (at + 1) % links.length : (at <= 0 ? links.length - 1 : at - 1);
    links[next].focus();
  });

  // Shift-click selects a range of checkboxes sharing the same data-range group.
  var lastChecked = null;
  document.addEventListener("click", function (event) {
    var box = event.target.closest("input[type=checkbox][data-range]");
    if (!box) return;
    if (event.shiftKey && lastChecked && lastChecked !== box &&
        lastChecked.getAttribute("data-range") === box.getAttribute("data-range")) {
      var boxes = Array.prototype.slice.call(
        document.querySelectorAll('input[type=checkbox][data-range="' + box.getAttribute("data-range") + '"]'));
      var from = boxes.indexOf(lastChecked), to = boxes.indexOf(box);
      var lo = Math.min(from, to), hi = Math.max(from, to);
      for (var i = lo; i <= hi; i++) boxes[i].checked = box.checked;
    }
    lastChecked = box;
  });

  // Typed confirmation: a submit button stays disabled until the input matches data-confirm-expected.
  document.addEventListener("input", function (event) {
    var input = event.target.closest("input[data-confirm-expected]");
    if (!input) return;
    var target = document.getElementById(input.getAttribute("data-confirm-button"));
    if (target) target.disabled = input.value !== input.getAttribute("data-confirm-expected");
  });
})();
