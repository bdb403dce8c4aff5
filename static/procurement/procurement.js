/* Progressive enhancement for the procurement pages; everything works without it. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print]");
    if (button) {
      event.preventDefault();
      window.print();
    }
  });
  // After htmx swaps in the next wizard step, move focus to its heading (screen readers).
  document.addEventListener("htmx:afterSwap", function () {
    var heading = document.getElementById("step-title");
    if (heading) { heading.focus(); }
  });
})();
