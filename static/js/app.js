// Small enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
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
    state.textContent = form.dataset.errorMessage;
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
