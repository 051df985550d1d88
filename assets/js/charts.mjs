// Draws each chart from the figure JSON its page carries in a data attribute
// (no inline script, so the Content Security Policy can forbid it). Without
// JavaScript, or if plotly.js fails, the data table beside each chart remains.

// No mode bar: its buttons would be controls inside an element announced as an
// image (axe: nested-interactive), and its "Share chart" button would post the chart's
// data to Plotly's cloud. The table beside each chart has every figure.
const CONFIG = {
  responsive: true,
  displayModeBar: false,
  showSendToCloud: false,
};

export function initCharts(root) {
  const Plotly = window.Plotly;
  if (!Plotly) return;
  root.querySelectorAll("[data-app-chart]").forEach((element) => {
    try {
      const figure = JSON.parse(element.dataset.figure);
      // The page already shows the title as a heading; the PDF keeps it in the figure.
      if (figure.layout.title) figure.layout.title.text = "";
      element.hidden = false; // shown first, so plotly.js can measure it
      Plotly.newPlot(element, figure.data, figure.layout, CONFIG);
    } catch (error) {
      element.hidden = true;
      console.error("Could not draw the chart; its table shows the same data.", error);
    }
  });
  // Escape dismisses a chart's hover label (WCAG 1.4.13).
  root.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    root.querySelectorAll("[data-app-chart]").forEach((element) => Plotly.Fx.unhover(element));
  });
}
