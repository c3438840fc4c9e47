// Shows that a long action is under way (graduating, importing, exporting) and
// keeps it from being started twice. A form carrying data-busy="<label>" shows the
// label and a spinner on its submit buttons once it is sent, and refuses a second
// submission; a link carrying data-busy (a download) does the same for a few
// seconds, since the page cannot know when the download ends. The form is sent
// before its buttons are disabled, so the button's own value still goes with it.
// Served from this site, so the Content-Security-Policy (script-src 'self') allows it.
(function () {
  "use strict";

  var LINK_SECONDS = 8;

  function mark(element, label) {
    element.dataset.busyText = element.tagName === "INPUT" ? element.value : element.innerHTML;
    var spinner = '<span class="spinner-border spinner-border-sm me-2" aria-hidden="true"></span>';
    if (element.tagName === "INPUT") {
      element.value = label;
    } else {
      element.innerHTML = spinner;
      element.appendChild(document.createTextNode(label));
    }
    element.classList.add("disabled");
    element.setAttribute("aria-disabled", "true");
    if (element.tagName !== "A") {
      element.disabled = true;
    }
  }

  function unmark(element) {
    if (element.dataset.busyText === undefined) {
      return;
    }
    if (element.tagName === "INPUT") {
      element.value = element.dataset.busyText;
    } else {
      element.innerHTML = element.dataset.busyText;
    }
    delete element.dataset.busyText;
    element.classList.remove("disabled");
    element.removeAttribute("aria-disabled");
    element.disabled = false;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.dataset || form.dataset.busy === undefined || event.defaultPrevented) {
      return;
    }
    if (form.getAttribute("aria-busy") === "true") {
      event.preventDefault();
      return;
    }
    form.setAttribute("aria-busy", "true");
    var buttons = form.querySelectorAll("button:not([type=button]), input[type=submit]");
    window.setTimeout(function () {
      for (var i = 0; i < buttons.length; i += 1) {
        mark(buttons[i], form.dataset.busy);
      }
    }, 0);
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-busy]");
    if (!link) {
      return;
    }
    if (link.getAttribute("aria-disabled") === "true") {
      event.preventDefault();
      return;
    }
    mark(link, link.dataset.busy);
    window.setTimeout(function () {
      unmark(link);
    }, LINK_SECONDS * 1000);
  });

  // Coming back with the browser's Back button shows the page as it was left.
  window.addEventListener("pageshow", function () {
    var busy = document.querySelectorAll("[data-busy-text]");
    for (var i = 0; i < busy.length; i += 1) {
      unmark(busy[i]);
    }
    var forms = document.querySelectorAll("form[aria-busy]");
    for (var j = 0; j < forms.length; j += 1) {
      forms[j].removeAttribute("aria-busy");
    }
  });
})();
