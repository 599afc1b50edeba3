// Suggestions while typing in the search form's boxes: each input[data-suggest] becomes an
// ARIA 1.2 combobox (list autocomplete, manual selection) over the API list it names. Focus
// stays in the box; Down and Up move through the options, Enter takes one, Escape and Tab
// close the list. Without this file the boxes are plain inputs and the form works the same.
(function () {
  "use strict";
  if (!window.fetch || !window.AbortController) { return; }
  var DELAY_MS = 150;
  var LIMIT = 8;
  var MIN_LENGTH = 2; // the API's own minimum (listings.selectors.SUGGEST_MIN_LENGTH)

  function typedText(input) { return input.value.split(/\s+/).filter(Boolean).join(" "); }

  // The option's text, the first case-insensitive match of what was typed in bold.
  function optionContent(option, text, typed) {
    var at = text.toLowerCase().indexOf(typed.toLowerCase());
    if (at < 0) { option.textContent = text; return; }
    var bold = document.createElement("strong");
    bold.textContent = text.slice(at, at + typed.length);
    option.append(text.slice(0, at), bold, text.slice(at + typed.length));
  }

  function enhance(input) {
    var list = document.createElement("ul");
    list.id = input.id + "-suggestions";
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.dataset.suggestLabel);
    list.hidden = true;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.after(list, status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");

    var answers = {};
    var timer = null;
    var pending = null;
    var active = -1;

    function options() { return list.querySelectorAll('[role="option"]'); }

    function setActive(index) {
      var all = options();
      active = index;
      all.forEach(function (option, at) {
        option.setAttribute("aria-selected", at === index ? "true" : "false");
      });
      if (index < 0) { input.removeAttribute("aria-activedescendant"); return; }
      input.setAttribute("aria-activedescendant", all[index].id);
      all[index].scrollIntoView({ block: "nearest" });
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function show(items, typed) {
      var field = input.dataset.suggestText;
      list.replaceChildren.apply(list, items.map(function (item, at) {
        var option = document.createElement("li");
        option.id = list.id + "-" + at;
        option.className = "suggest-list__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.value = item[field];
        optionContent(option, item[field], typed);
        return option;
      }));
      active = -1;
      input.removeAttribute("aria-activedescendant");
      status.textContent = items.length ? items.length + (items.length === 1 ? " suggestion" : " suggestions") : "";
      if (!items.length || document.activeElement !== input) { close(); return; }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    // Answers are kept per text, and a newer request aborts the one still on its way, so an
    // older, slower answer never replaces a newer one.
    function suggest(then) {
      var typed = typedText(input);
      if (pending) { pending.abort(); pending = null; }
      if (typed.length < MIN_LENGTH) { show([], typed); return; }
      if (answers[typed]) { show(answers[typed], typed); if (then) { then(); } return; }
      var request = new AbortController();
      pending = request;
      var query = new URLSearchParams({ q: typed, limit: String(LIMIT) });
      fetch(input.dataset.suggest + "?" + query, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: request.signal,
      })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (items) {
          if (pending !== request) { return; }
          pending = null;
          answers[typed] = items;
          if (typedText(input) === typed) { show(items, typed); if (then) { then(); } }
        })
        // Aborted, offline or throttled: no suggestions; the box stays a plain box.
        .catch(function () { if (pending === request) { pending = null; } });
    }

    function choose(option) {
      input.value = option.dataset.value;
      close();
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { suggest(null); }, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing) { return; }
      var count = options().length;
      var open = !list.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var down = event.key === "ArrowDown";
        if (!open) {
          // Opens the list with the first (Down) or last (Up) option active.
          suggest(function () { var n = options().length; if (n) { setActive(down ? 0 : n - 1); } });
          return;
        }
        if (!count) { return; }
        setActive(down ? (active + 1) % count : (active <= 0 ? count - 1 : active - 1));
      } else if (event.key === "Enter") {
        // Enter on a chosen option takes it; otherwise the form submits as typed.
        if (open && active >= 0) { event.preventDefault(); choose(options()[active]); }
        else { close(); }
      } else if (event.key === "Escape") {
        if (open) { event.preventDefault(); close(); }
      } else if (event.key === "Tab") {
        close();
      }
    });

    // Pressing an option must not take the focus from the box before the click picks it.
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var option = event.target.closest('[role="option"]');
      if (option) { choose(option); input.focus(); }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("input[data-suggest]").forEach(enhance);
})();
