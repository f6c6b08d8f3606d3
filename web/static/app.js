// Progressive enhancement only: every page works without this file. It adds
//  - entity autocomplete on the query box (/api/suggest), an ARIA combobox driven by the keyboard;
//  - submitting the search when the sort order changes.
"use strict";

(function () {
  var ARG_OF_TYPE = { country: "country", official: "official", organization: "organization", topic: "topic" };
  var TYPE_LABEL = { country: "کشور", official: "مقام", organization: "سازمان", topic: "موضوع" };

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function suggestionsOf(data) {
    var list = Array.isArray(data) ? data : (data.suggestions || data.results || []);
    return list.filter(function (item) { return item && item.id && ARG_OF_TYPE[item.type]; });
  }

  function setUpAutocomplete(input) {
    var form = input.form;
    var listbox = document.getElementById(input.getAttribute("aria-controls"));
    var endpoint = input.getAttribute("data-suggest");
    if (!form || !listbox || !endpoint) return;
    var items = [];
    var active = -1;
    var fragment = "";
    var latest = 0;

    function close() {
      latest++;  // an answer still on its way must not reopen the list
      listbox.hidden = true;
      listbox.textContent = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      items = [];
      active = -1;
    }

    function highlight(index) {
      var options = listbox.querySelectorAll("[role=option]");
      active = index;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(item) {
      // the entity becomes a filter; the letters typed to find it leave the query text
      var text = input.value;
      var cut = text.lastIndexOf(fragment);
      input.value = (cut >= 0 ? text.slice(0, cut) + text.slice(cut + fragment.length) : text).trim();
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = ARG_OF_TYPE[item.type];
      hidden.value = item.id;
      form.appendChild(hidden);
      close();
      form.submit();
    }

    function show(found) {
      listbox.textContent = "";
      items = found.slice(0, 8);
      if (!items.length) { close(); return; }
      items.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = "suggestion-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var name = document.createElement("span");
        name.textContent = item.label || item.name_fa || item.id;
        var kind = document.createElement("span");
        kind.className = "type";
        kind.textContent = TYPE_LABEL[item.type] || item.type;
        option.appendChild(name);
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); choose(item); });
        listbox.appendChild(option);
      });
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
    }

    function ask(text) {
      var request = ++latest;
      return fetch(endpoint + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (data) { return request === latest ? suggestionsOf(data) : null; })
        .catch(function () { return null; });
    }

    var lookup = debounce(function () {
      var text = input.value.trim();
      var words = text.split(/\s+/);
      var last = words[words.length - 1] || "";
      if (last.length < 2) { close(); return; }
      // a name of several words first (سرگئی شوی), else the word being typed
      fragment = text;
      ask(text).then(function (found) {
        if (found === null) return;
        if (found.length || words.length === 1) { show(found); return; }
        fragment = last;
        ask(last).then(function (more) { if (more !== null) show(more); });
      });
    }, 150);

    input.addEventListener("input", lookup);
    input.addEventListener("keydown", function (event) {
      if (listbox.hidden || !items.length) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % items.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(items[active]);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  function setUpSort(select) {
    select.addEventListener("change", function () { if (select.form) select.form.submit(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-suggest]").forEach(setUpAutocomplete);
    document.querySelectorAll("select.sort").forEach(setUpSort);
  });
})();
