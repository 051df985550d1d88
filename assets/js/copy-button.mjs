// "Copy link" buttons: hidden until JavaScript can make them work. Once the link is copied
// the button says data-copied-text, which the page writes in the reader's language.
export function initCopyButtons(root) {
  root.querySelectorAll(".app-copy-button[data-copy-target]").forEach((button) => {
    const input = root.getElementById(button.dataset.copyTarget);
    if (!input || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(input.value);
      button.textContent = button.dataset.copiedText;
    });
  });
}
