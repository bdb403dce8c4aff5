// Vendor pages: count picked vendors, and hide the rows that do not differ.
(function () {
  "use strict";
  var pick = document.getElementById("vendor-pick");
  if (pick) {
    var count = document.getElementById("pick-count");
    var update = function () {
      var n = pick.querySelectorAll('input[name="ids"]:checked').length;
      count.textContent = n ? String(n) + " ✓" : "";
    };
    pick.addEventListener("change", update);
    update();
  }
  var toggle = document.getElementById("only-differences");
  var table = document.getElementById("compare-table");
  if (toggle && table) {
    toggle.addEventListener("change", function () {
      table.classList.toggle("only-differences", toggle.checked);
    });
  }
})();
