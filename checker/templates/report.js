(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.finding"));
  var shown = document.getElementById("shown");
  function apply() {
    var on = {};
    boxes.forEach(function (box) { if (box.checked) { on[box.getAttribute("data-filter") + ":" + box.value] = true; } });
    var visible = 0;
    rows.forEach(function (row) {
      var show = on["severity:" + row.getAttribute("data-severity")] === true && on["type:" + row.getAttribute("data-type")] === true;
      row.hidden = !show;
      if (show) { visible += 1; }
    });
    if (shown) { shown.textContent = String(visible); }
  }
  // A link may preselect filters: report.html#severity=error,warning&type=quote
  location.hash.replace(/^#/, "").split("&").forEach(function (part) {
    var kv = part.split("=");
    if (kv.length !== 2 || (kv[0] !== "severity" && kv[0] !== "type")) { return; }
    var wanted = decodeURIComponent(kv[1]).split(",");
    boxes.forEach(function (box) {
      if (box.getAttribute("data-filter") === kv[0]) { box.checked = wanted.indexOf(box.value) !== -1; }
    });
  });
  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  apply();
  document.documentElement.setAttribute("data-filters", "ready");
}());
