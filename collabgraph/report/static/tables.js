/* Sortable tables of a collabgraph report: a click (or Enter/Space) on a header of a table.sortable sorts its
   body by that column, ascending then descending; each cell's raw value is in data-v ("" = missing, always
   last). The rows of the tfoot (the programme total) stay below. A folded table keeps its first rows shown. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || undefined;
  function compare(a, b, numeric) {
    if (a === "" || b === "") { return a === b ? 0 : (a === "" ? 1 : -1); }
    return numeric ? Number(a) - Number(b) : a.localeCompare(b, lang);
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var heads = table.tHead.rows[0].cells;
    var body = table.tBodies[0];
    var fold = Number(table.getAttribute("data-fold") || 0);
    Array.prototype.forEach.call(heads, function (th, col) {
      function sort() {
        var up = th.getAttribute("aria-sort") !== "ascending";
        var numeric = th.getAttribute("data-type") === "num";
        Array.prototype.forEach.call(heads, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows).map(function (r, i) { return [r, i]; });
        rows.sort(function (x, y) {
          var a = x[0].cells[col].getAttribute("data-v"), b = y[0].cells[col].getAttribute("data-v");
          var c = compare(a, b, numeric);
          if (c !== 0 && a !== "" && b !== "") { c = up ? c : -c; }
          return c !== 0 ? c : x[1] - y[1];
        });
        rows.forEach(function (p, i) {
          if (fold) { p[0].classList.toggle("extra", i >= fold); }
          body.appendChild(p[0]);
        });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); sort(); }
      });
    });
  });
}());
