// Offline search over the prebuilt index (search-index.js defines ROLEGRAPH_INDEX). No network.
(function () {
  "use strict";
  var KINDS = { role: 0, skill: 1, fact: 2, disagreement: 3, page: 4 };
  // A light stem, so "dependency" also finds "dependencies" and "risk" finds "risks".
  function stem(word) { return word.length > 4 ? word.replace(/(ies|y|s)$/, "") : word; }
  function words(text) { return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(stem); }
  function score(entry, query) {
    var title = entry.t.toLowerCase(), text = (entry.t + " " + entry.x).toLowerCase(), total = 0;
    for (var i = 0; i < query.length; i++) {
      if (text.indexOf(query[i]) < 0) { return 0; }
      total += title.indexOf(query[i]) >= 0 ? 2 : 1;
    }
    return total;
  }
  function search(q) {
    var query = words(q), found = [];
    if (!query.length) { return found; }
    ROLEGRAPH_INDEX.forEach(function (entry) { var s = score(entry, query); if (s) { found.push([s, entry]); } });
    found.sort(function (a, b) {
      return b[0] - a[0] || KINDS[a[1].k] - KINDS[b[1].k] || a[1].t.localeCompare(b[1].t);
    });
    return found.map(function (pair) { return pair[1]; });
  }
  function show(q) {
    var list = document.getElementById("results"), status = document.getElementById("status");
    list.textContent = "";
    var found = search(q);
    found.slice(0, 50).forEach(function (entry) {
      var li = document.createElement("li"), a = document.createElement("a"), kind = document.createElement("span");
      a.href = entry.u; a.textContent = entry.t; kind.className = "kind"; kind.textContent = " (" + entry.k + ") ";
      li.appendChild(a); li.appendChild(kind); li.appendChild(document.createTextNode(entry.x));
      list.appendChild(li);
    });
    status.textContent = q ? found.length + " result(s) for \u201c" + q + "\u201d" : "";
  }
  var input = document.getElementById("q");
  var initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  show(initial);
  input.addEventListener("input", function () { show(input.value); });
})();
