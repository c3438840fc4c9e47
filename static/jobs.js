// A job's page: polls the job's state until it is done or has failed, and shows it.
(function () {
  "use strict";
  var job = document.getElementById("job");
  if (!job || job.dataset.status !== "queued") {
    return;
  }
  var bar = document.getElementById("job-bar");
  var words = document.getElementById("job-words");
  var file = document.getElementById("job-file");
  var fileName = document.getElementById("job-file-name");
  var delay = 500;

  function show(state) {
    bar.style.width = state.percent + "%";
    bar.textContent = state.percent + "%";
    bar.parentElement.setAttribute("aria-valuenow", String(state.percent));
    words.textContent = state.words;
    job.dataset.status = state.status;
    if (state.status !== "queued") {
      bar.classList.remove("progress-bar-striped", "progress-bar-animated");
    }
    if (state.status === "failed") {
      bar.classList.add("bg-danger");
      words.classList.add("text-danger");
    }
    if (state.file) {
      file.href = state.file;
      fileName.textContent = state.file_name;
      file.classList.remove("d-none");
    }
  }

  function poll() {
    fetch(job.dataset.stateUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (state) {
        show(state);
        if (state.status === "queued") {
          delay = Math.min(delay * 1.5, 5000);
          window.setTimeout(poll, delay);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, delay);
})();
