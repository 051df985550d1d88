// Progressive enhancement only: every page works without this file.
import { initAll } from "govuk-frontend";
import { initCharts } from "./charts.mjs";
import { initCopyButtons } from "./copy-button.mjs";
import { initReportJob } from "./report-job.mjs";
import { initTimeoutWarning } from "./timeout-warning.mjs";

initAll();
initCopyButtons(document);
initCharts(document);
document.querySelectorAll('[data-module="app-timeout-warning"]').forEach(initTimeoutWarning);
document.querySelectorAll('[data-module="app-report-job"]').forEach(initReportJob);
