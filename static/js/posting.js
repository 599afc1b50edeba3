// The posting form without a build step: yearly pay as the recruiter types, and place
// suggestions for the location being typed. The form works the same without this file.
(function () {
  "use strict";
  var PER_YEAR = { hour: 2080, day: 260, week: 52, month: 12, year: 1 };
  var SYMBOLS = { USD: "$", EUR: "€", GBP: "£", CAD: "CA$", AUD: "A$", JPY: "¥" };

  function byName(name) { return document.querySelector('[name="' + name + '"]'); }

  function money(amount, currency) {
    return (SYMBOLS[currency] || currency + " ") + Math.round(amount).toLocaleString("en-US");
  }

  function showAnnual() {
    var out = document.getElementById("pay-annual");
    var low = parseFloat(byName("pay_min").value);
    var high = parseFloat(byName("pay_max").value);
    var period = byName("pay_period").value;
    var currency = byName("pay_currency").value;
    if (isNaN(low) || !PER_YEAR[period] || period === "year") { out.textContent = ""; return; }
    var text = money(low * PER_YEAR[period], currency);
    if (!isNaN(high) && high !== low) { text += " - " + money(high * PER_YEAR[period], currency); }
    out.textContent = "About " + text + " a year (2,080 working hours).";
  }

  ["pay_min", "pay_max", "pay_period", "pay_currency"].forEach(function (name) {
    var field = byName(name);
    if (field) { field.addEventListener("input", showAnnual); field.addEventListener("change", showAnnual); }
  });
  if (byName("pay_min")) { showAnnual(); }

  // Suggest places for the line being typed; the list offers the whole text with it completed.
  var script = document.currentScript || document.querySelector("script[data-places-url]");
  var box = byName("places");
  var list = document.getElementById("known-places");
  if (!box || !list || !script) { return; }
  var input = document.createElement("input");
  input.type = "text";
  input.id = "place-search";
  input.setAttribute("list", "known-places");
  input.setAttribute("placeholder", "Type a city or state, then pick it");
  input.setAttribute("aria-label", "Add a location");
  box.insertAdjacentElement("afterend", input);
  var timer = null;
  input.addEventListener("input", function () {
    var value = input.value.trim();
    var match = Array.prototype.some.call(list.options, function (o) { return o.value === value; });
    if (match) {
      box.value = (box.value.trim() ? box.value.trim() + "\n" : "") + value;
      input.value = "";
      return;
    }
    clearTimeout(timer);
    if (value.length < 2) { return; }
    timer = setTimeout(function () {
      fetch(script.dataset.placesUrl + "?q=" + encodeURIComponent(value), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { places: [] }; })
        .then(function (data) {
          list.replaceChildren.apply(list, data.places.map(function (name) {
            var option = document.createElement("option");
            option.value = name;
            return option;
          }));
        });
    }, 150);
  });
})();
