// Save / Saved without a reload: submits the button's own form with fetch, asks for JSON and
// flips every button of that job on the page. Without this file the form posts and comes back.
(function () {
  "use strict";
  if (!window.fetch || !window.FormData) { return; }

  function show(form, saved) {
    form.querySelector('input[name="action"]').value = saved ? "unsave" : "save";
    var button = form.querySelector(".save-job__button");
    button.setAttribute("aria-pressed", saved ? "true" : "false");
    button.querySelector(".save-job__label").textContent = saved ? "Saved" : "Save";
  }

  function showCount(count) {
    document.querySelectorAll("[data-saved-count]").forEach(function (element) {
      element.textContent = count ? "(" + count + ")" : "";
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("save-job")) { return; }
    event.preventDefault();
    if (form.getAttribute("aria-busy") === "true") { return; }
    // Not disabled: a disabled button drops the keyboard focus.
    form.setAttribute("aria-busy", "true");
    var status = form.querySelector(".save-job__status");
    status.textContent = "";
    // getAttribute: the form's "action" field hides its action property.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (result) {
        if (!result.ok) { status.textContent = result.body.error || "The job could not be saved."; return; }
        var selector = 'form.save-job[data-job="' + result.body.job + '"]';
        document.querySelectorAll(selector).forEach(function (each) { show(each, result.body.saved); });
        showCount(result.body.count);
      })
      .catch(function () { form.submit(); })
      .then(function () { form.removeAttribute("aria-busy"); });
  });
})();
