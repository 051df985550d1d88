// "Copy link" buttons: hidden until JavaScript can make them work.
export function initCopyButtons(root) {
  root.querySelectorAll(".app-copy-button[data-copy-target]").forEach((button) => {
    const input = root.getElementById(button.dataset.copyTarget);
    if (!input || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(input.value);
      button.textContent = "Link copied";
    });
  });
}
