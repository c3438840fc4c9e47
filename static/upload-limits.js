// Checks the files chosen in an input carrying data-max-file, data-max-total and
// data-max-count before the browser uploads them: a form the server would refuse
// for its size (413) is not sent, and what was typed stays on the page.
// Served from this site, so the Content-Security-Policy (script-src 'self') allows it.
(function () {
  "use strict";

  function problem(input) {
    var files = Array.prototype.slice.call(input.files || []);
    var maxFile = Number(input.dataset.maxFile);
    var maxTotal = Number(input.dataset.maxTotal);
    var maxCount = Number(input.dataset.maxCount);
    if (maxCount && files.length > maxCount) {
      return input.dataset.messageCount;
    }
    var total = 0;
    for (var i = 0; i < files.length; i += 1) {
      if (maxFile && files[i].size > maxFile) {
        return input.dataset.messageFile.replace("{name}", files[i].name);
      }
      total += files[i].size;
    }
    if (maxTotal && total > maxTotal) {
      return input.dataset.messageTotal;
    }
    return "";
  }

  function show(input, message) {
    var feedback = input.parentNode.querySelector(".upload-limit-feedback");
    if (!feedback) {
      feedback = document.createElement("div");
      feedback.className = "invalid-feedback upload-limit-feedback";
      input.insertAdjacentElement("afterend", feedback);
    }
    feedback.textContent = message;
    input.classList.toggle("is-invalid", Boolean(message));
    input.setCustomValidity(message);
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.matches && input.matches("input[type=file][data-max-total]")) {
      show(input, problem(input));
    }
  });

  document.addEventListener("submit", function (event) {
    var inputs = event.target.querySelectorAll("input[type=file][data-max-total]");
    for (var i = 0; i < inputs.length; i += 1) {
      var message = problem(inputs[i]);
      show(inputs[i], message);
      if (message) {
        event.preventDefault();
        inputs[i].focus();
      }
    }
  });
})();
