// Builds static/assets from GOV.UK Frontend and our own styles.
// Councils may not use the GDS Transport font or the crown, so neither is copied:
// the styles use Arial (Liberation Sans where Arial is absent), and our own icon.
import { compile } from "sass";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static", "assets");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "js"), { recursive: true });

const css = compile(join(root, "assets", "scss", "application.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "application.css"), css.css);

cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "js", "govuk-frontend.min.js"));
// The strict bundle: no eval or new Function, so the CSP needs no 'unsafe-eval'.
cpSync(
  join(root, "node_modules", "plotly.js-strict-dist-min", "plotly-strict.min.js"),
  join(out, "js", "plotly-strict.min.js"),
);
cpSync(join(root, "assets", "images"), join(out, "images"), { recursive: true });
cpSync(join(root, "assets", "js"), join(out, "js"), { recursive: true });
console.log(`built ${out}`);
