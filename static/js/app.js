// Small enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // The language menu applies the choice at once; its button stays for JavaScript-less use.
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    const button = select.form.querySelector("[data-autosubmit-button]");
    if (button) button.classList.add("visually-hidden");
    select.addEventListener("change", () => select.form.submit());
  }
});
