// "Preparing your report": asks the status URL every few seconds and shows what the job is
// doing, then the download links. Without this file the page's "Check again" button does it.
const EVERY_MS = 2000;

export function initReportJob(element) {
  const status = element.querySelector("[data-report-status]");
  const documents = element.querySelector("[data-report-documents]");
  const check = element.querySelector("[data-report-check]");
  if (!status || element.dataset.state === "done" || element.dataset.state === "failed") return;
  if (check) check.hidden = true;

  async function poll() {
    let job;
    try {
      const response = await fetch(element.dataset.statusUrl, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`status ${response.status}`);
      job = await response.json();
    } catch {
      if (check) check.hidden = false; // the button still works
      return;
    }
    if (status.textContent !== job.status) status.textContent = job.status;
    if (job.state === "done" && documents) {
      documents.replaceChildren(...job.documents.map(link));
      documents.hidden = false;
    } else if (job.state === "failed") {
      window.location.reload(); // the page offers "Try again", with its CSRF token
    } else {
      window.setTimeout(poll, EVERY_MS);
    }
  }

  window.setTimeout(poll, EVERY_MS);
}

function link(document_) {
  const item = document.createElement("li");
  const anchor = document.createElement("a");
  anchor.className = "govuk-link";
  anchor.href = document_.url;
  anchor.textContent = document_.text;
  item.append(anchor);
  return item;
}
