// The filter panel's counts. The search page shows its results first; this then asks the API
// how many results each filter option would give and writes the count into that option's
// label ("Remote (1,000+)"), where screen readers read it with the label. Without this file
// (or when the request fails) the filters work the same, without counts.
(function () {
  "use strict";
  var form = document.querySelector("form[data-facets]");
  if (!form || !window.fetch) { return; }
  var numbers = new Intl.NumberFormat("en-US");

  function countText(option) {
    return "(" + numbers.format(option.count) + (option.capped ? "+" : "") + ")";
  }

  function showInLabel(group, option) {
    var input = Array.prototype.find.call(group.querySelectorAll("input"), function (each) {
      return each.value === option.value;
    });
    if (!input) { return; }
    var label = input.closest("label");
    var count = label.querySelector(".facet-count");
    if (!count) {
      count = document.createElement("span");
      count.className = "facet-count";
      label.append(" ", count);
    }
    count.textContent = countText(option);
    label.classList.toggle("facet--empty", option.count === 0);
  }

  function showInOption(select, option) {
    var element = Array.prototype.find.call(select.options, function (each) {
      return each.value === option.value;
    });
    if (!element) { return; }
    element.textContent = option.label + " " + countText(option);
    element.classList.toggle("facet--empty", option.count === 0);
  }

  fetch(form.dataset.facets, { headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (facets) {
      if (!facets) { return; }
      Object.keys(facets).forEach(function (name) {
        var element = form.querySelector('[data-facet="' + name + '"]');
        if (!element || !facets[name]) { return; }
        var show = element.tagName === "SELECT" ? showInOption : showInLabel;
        facets[name].forEach(function (option) { show(element, option); });
      });
    })
    .catch(function () { /* no counts; the filters work without them */ });
})();
