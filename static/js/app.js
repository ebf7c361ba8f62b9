// Small enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // A page that refused what was sent (a submission with points still open) says so at the top:
  // move the focus there, so that a screen reader reads it first.
  document.querySelector("[data-focus-on-load]")?.focus();
  // The language menu applies the choice at once; its button stays for JavaScript-less use.
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    const button = select.form.querySelector("[data-autosubmit-button]");
    if (button) button.classList.add("visually-hidden");
    select.addEventListener("change", () => select.form.submit());
  }
});

// Autosave: show an error state when a save fails for a reason the page cannot show itself
// (network down, server error, session expired). Conflicts and rejected answers come back
// as content and are shown by the server's own message.
for (const eventName of ["htmx:sendError", "htmx:responseError"]) {
  document.addEventListener(eventName, (event) => {
    const form = event.target.closest("form.autosave");
    if (!form) return;
    const state = form.querySelector(".autosave-state");
    // 403: the self-assessment was submitted since the page was opened.
    const locked = event.detail.xhr?.status === 403;
    state.textContent = locked ? form.dataset.lockedMessage : form.dataset.errorMessage;
    state.classList.add("text-danger");
  });
}
document.addEventListener("htmx:beforeRequest", (event) => {
  const state = event.target.closest("form.autosave")?.querySelector(".autosave-state");
  state?.classList.remove("text-danger");
});

// Evidence: files dropped on the form are added as if chosen with the file picker.
// Delegated from the document, so forms that htmx swaps in work too.
const dropzoneOf = (event) => event.target.closest?.("form[data-dropzone]");
document.addEventListener("dragover", (event) => {
  const form = dropzoneOf(event);
  if (!form) return;
  event.preventDefault();
  form.classList.add("dragging");
});
document.addEventListener("dragleave", (event) => dropzoneOf(event)?.classList.remove("dragging"));
document.addEventListener("drop", (event) => {
  const form = dropzoneOf(event);
  if (!form) return;
  event.preventDefault();
  form.classList.remove("dragging");
  form.querySelector("input[type=file]").files = event.dataTransfer.files;
  form.requestSubmit();
});

// A form that must not be sent twice (signing and submitting, recording a decision): the second
// click of a double click does nothing. The server would refuse it anyway; this spares the wait.
document.addEventListener("submit", (event) => {
  const form = event.target.closest?.("form[data-submit-once]");
  if (!form) return;
  if (form.dataset.sending) {
    event.preventDefault();
    return;
  }
  form.dataset.sending = "true";
  form.querySelector("[type=submit]")?.setAttribute("aria-disabled", "true");
});
// Coming back to the page (the browser's back button) makes such a form usable again.
window.addEventListener("pageshow", () => {
  for (const form of document.querySelectorAll("form[data-sending]")) {
    delete form.dataset.sending;
    form.querySelector("[type=submit]")?.removeAttribute("aria-disabled");
  }
});

// The surveys' live counter: how many have answered each group, asked again every 20 seconds
// while the page is in view.
const counter = document.querySelector("[data-survey-counts]");
if (counter) {
  const refresh = async () => {
    if (document.hidden) return;
    const response = await fetch(counter.dataset.surveyCounts, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const counts = await response.json();
    for (const [group, count] of Object.entries(counts)) {
      const place = counter.querySelector(`[data-survey-count="${group}"]`);
      if (place) place.textContent = String(count);
    }
  };
  setInterval(() => refresh().catch(() => {}), 20000);
}
