// A plotly.js of our own: the core (layout, axes, annotations, shapes, legend, hover)
// and only the trace types assessment/reports draws. Bar, heatmap, scatter (in core)
// and scatterpolar, which brings the polar subplot. A chart of another type would
// draw nothing here, so a new trace type in assessment/reports needs registering too.
import Plotly from "plotly.js/lib/core";
import bar from "plotly.js/lib/bar";
import heatmap from "plotly.js/lib/heatmap";
import scatterpolar from "plotly.js/lib/scatterpolar";

Plotly.register([bar, heatmap, scatterpolar]);
// Loaded as a classic script before the application's module, which finds it here.
window.Plotly = Plotly;
