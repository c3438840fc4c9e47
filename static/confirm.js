// Asks before a form does what cannot be undone (graduate, admit, reject, revoke,
// remove, delete). A form carrying data-confirm is held on submit and a dialog
// shows its message, data-confirm-detail below it (e.g. reviews still missing),
// and two buttons labelled data-confirm-button and data-confirm-cancel; only the
// first sends the form. data-confirm-by="decision" takes the message from
// data-confirm-<value of the decision field> when the form has one (admit or
// reject). Without JavaScript the form is sent at once, as before.
// Served from this site, so the Content-Security-Policy (script-src 'self') allows it.
(function () {
  "use strict";

  var dialog = null;

  function build() {
    var root = document.createElement("div");
    // No "fade": Bootstrap ignores a dismissal while the dialog is still fading in,
    // so a quick Cancel would be lost.
    root.className = "modal";
    root.id = "confirm-dialog";
    root.tabIndex = -1;
    root.setAttribute("role", "alertdialog");
    root.setAttribute("aria-modal", "true");
    root.setAttribute("aria-labelledby", "confirm-message");
    root.setAttribute("aria-describedby", "confirm-detail");
    root.innerHTML =
      '<div class="modal-dialog modal-dialog-centered"><div class="modal-content">' +
      '<div class="modal-body"><p class="fw-semibold mb-2" id="confirm-message"></p>' +
      '<p class="mb-0 text-danger" id="confirm-detail"></p></div>' +
      '<div class="modal-footer"><button type="button" class="btn btn-outline-secondary" ' +
      'data-bs-dismiss="modal" id="confirm-cancel"></button>' +
      '<button type="button" class="btn btn-danger" id="confirm-yes"></button></div>' +
      "</div></div>";
    document.body.appendChild(root);
    return root;
  }

  function message(form) {
    var by = form.dataset.confirmBy;
    if (by && form.elements[by]) {
      var chosen = form.getAttribute("data-confirm-" + form.elements[by].value);
      if (chosen) {
        return chosen;
      }
    }
    return form.dataset.confirm;
  }

  function ask(form, submitter) {
    dialog = dialog || build();
    var detail = form.dataset.confirmDetail || "";
    dialog.querySelector("#confirm-message").textContent = message(form);
    dialog.querySelector("#confirm-detail").textContent = detail;
    dialog.querySelector("#confirm-detail").hidden = !detail;
    dialog.querySelector("#confirm-cancel").textContent = form.dataset.confirmCancel;
    var yes = dialog.querySelector("#confirm-yes");
    yes.textContent = form.dataset.confirmButton;
    var modal = window.bootstrap.Modal.getOrCreateInstance(dialog);
    yes.onclick = function () {
      yes.onclick = null;
      form.dataset.confirmed = "yes";
      modal.hide();
      form.requestSubmit(submitter || undefined);
    };
    modal.show();
  }

  // Capturing, so the dialog comes before any other submit handler (the busy state).
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!form.dataset || !form.dataset.confirm) {
        return;
      }
      if (form.dataset.confirmed === "yes") {
        delete form.dataset.confirmed;
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      ask(form, event.submitter);
    },
    true
  );
})();
