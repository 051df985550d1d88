// Warns a signed-in leader before an idle sign-out and lets them stay (WCAG 2.2.1).
// The server signs out after the same idle time whether or not this runs.
export function initTimeoutWarning(dialog) {
  if (typeof dialog.showModal !== "function") return;
  const idle = Number(dialog.dataset.idleSeconds) * 1000;
  const warning = Number(dialog.dataset.warningSeconds) * 1000;
  const sentence = dialog.querySelector(".app-timeout-dialog__shown");
  const countdown = sentence.querySelector(".app-timeout-dialog__countdown");
  // What screen readers hear: a live region read out each time it changes, so it
  // changes only when the words do, and at most every ANNOUNCE_EVERY seconds.
  const announced = dialog.querySelector(".app-timeout-dialog__announced");
  const ANNOUNCE_EVERY = 20;
  let lastAnnounced = null; // { seconds, words }
  const stay = dialog.querySelector(".app-timeout-dialog__stay");
  let timers = [];
  let deadline = 0;

  const clear = () => { timers.forEach(clearTimeout); timers = []; };
  const expire = () => window.location.assign(dialog.dataset.returnUrl);
  // The page gives the words for each count, in the reader's language: "2 minutes".
  const secondsWords = JSON.parse(dialog.dataset.secondsWords);
  const minutesWords = JSON.parse(dialog.dataset.minutesWords);
  const describe = (seconds) => seconds > 60
    ? minutesWords[Math.min(Math.ceil(seconds / 60), minutesWords.length - 1)]
    : secondsWords[seconds];
  const tick = () => {
    const seconds = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    const words = describe(seconds);
    countdown.textContent = words;
    if (
      lastAnnounced === null ||
      (words !== lastAnnounced.words && lastAnnounced.seconds - seconds >= ANNOUNCE_EVERY)
    ) {
      announced.textContent = sentence.textContent;
      lastAnnounced = { seconds, words };
    }
    if (dialog.open) timers.push(setTimeout(tick, 1000));
  };
  const show = () => {
    dialog.showModal();
    stay.focus();
    tick();
  };
  const schedule = () => {
    clear();
    deadline = Date.now() + idle;
    timers.push(setTimeout(show, Math.max(idle - warning, 0)));
    // A moment after the server's own limit, load the page again: the server signs
    // the leader out and sends them to sign in, saying why, then back to this page.
    timers.push(setTimeout(expire, idle + 2000));
  };

  stay.addEventListener("click", async () => {
    const response = await fetch(dialog.dataset.keepAliveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": dialog.dataset.csrfToken },
    });
    // Already signed out (say, in another tab): fetch followed the server's
    // redirect to the sign-in page, which is no reason to say all is well.
    if (!response.ok || response.redirected) {
      expire();
      return;
    }
    dialog.close();
    announced.textContent = "";
    lastAnnounced = null;
    schedule();
  });
  dialog.addEventListener("cancel", (event) => { event.preventDefault(); stay.click(); });
  schedule();
}
