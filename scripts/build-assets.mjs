// Builds static/assets from GOV.UK Frontend, plotly.js's sources and our own styles and
// scripts. Every file a page loads gets a content hash in its name, so browsers may keep
// it for a year (assessment/web/static_files.py); static/assets/manifest.json maps each
// name the templates use ("application.css") to the hashed file, and .gz and .br copies
// sit beside each file for WhiteNoise to send to browsers that accept them.
// Councils may not use the GDS Transport font or the crown, so neither is copied:
// the styles use Arial (Liberation Sans where Arial is absent), and our own icon.
import { build } from "esbuild";
import { compile } from "sass";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static", "assets");
// Sass's output and plotly.css are written here first, then hashed like the rest.
const staging = join(root, "node_modules", ".cache", "app-assets");
const plotlyJs = join(root, "node_modules", "plotly.js");

rmSync(out, { recursive: true, force: true });
rmSync(staging, { recursive: true, force: true });
mkdirSync(join(staging, "images"), { recursive: true });

const css = compile(join(root, "assets", "scss", "application.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(staging, "application.css"), css.css);
writeFileSync(join(staging, "plotly.css"), plotlyStyles());
writeFileSync(
  join(staging, "images", "favicon.svg"),
  readFileSync(join(root, "assets", "images", "favicon.svg")),
);

const common = {
  bundle: true,
  minify: true,
  metafile: true,
  outdir: out,
  entryNames: "[dir]/[name]-[hash]",
  assetNames: "images/[name]-[hash]",
  // plotly.js builds for es2016; GOV.UK Frontend's scripts run only where modules do.
  target: "es2016",
  logLevel: "warning",
  absWorkingDir: root,
};
const builds = await Promise.all([
  // Our modules import each other by relative path: bundled into one file, they no
  // longer need to know each other's hashed names.
  build({ ...common, entryPoints: { "js/application": "assets/js/application.mjs" }, format: "esm" }),
  // A classic script, so it has run before the application module looks for it.
  build({
    ...common,
    entryPoints: { "js/plotly": "assets/js/plotly.mjs" },
    format: "iife",
    // plotly.js's own build settings (its esbuild-config.js).
    define: { global: "window", "define.amd": "false", "process.env.NODE_DEBUG": "false" },
    // The only stylesheet plotly.js imports is maplibre's, for map charts, which this
    // bundle cannot draw: left out, rather than sent as a file no page needs.
    loader: { ".css": "empty" },
  }),
  build({
    ...common,
    entryPoints: ["application.css", "plotly.css", "images/favicon.svg"].map((name) =>
      join(staging, name),
    ),
    outbase: staging,
    loader: { ".svg": "copy" },
    // GOV.UK Frontend's footer crest, which our footer does not show and we may not copy.
    external: ["/static/assets/images/govuk-crest.svg"],
  }),
]);

const manifest = {};
for (const { metafile } of builds) {
  for (const [output, { entryPoint }] of Object.entries(metafile.outputs)) {
    const hashed = relative(out, join(root, output));
    if (entryPoint) manifest[logicalName(entryPoint)] = hashed;
  }
}
refuseEval(join(out, manifest["js/plotly.js"]));
refuseEval(join(out, manifest["js/application.js"]));
refuseUnclaimedStyles(join(out, manifest["js/plotly.js"]));

for (const file of filesUnder(out)) compress(file);
writeFileSync(join(out, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`built ${out}`);

// "assets/js/application.mjs" -> "js/application.js"; a staged file keeps its own path.
function logicalName(entryPoint) {
  const path = join(root, entryPoint);
  const fromStaging = relative(staging, path);
  if (!fromStaging.startsWith("..")) return fromStaging;
  return relative(join(root, "assets"), path).replace(/\.mjs$/, ".js");
}

// The Content Security Policy has no 'unsafe-eval': code that builds code from strings
// would be refused in the browser, so it is refused here first.
function refuseEval(file) {
  const source = readFileSync(file, "utf8");
  const found = source.match(/\beval\s*\(|\bnew\s+Function\b/);
  if (found) {
    throw new Error(`${relative(root, file)} contains "${found[0]}": the CSP would refuse it`);
  }
}

// plotly.js writes style rules into a <style> element (lib/dom.js addRelatedStyleRule),
// which a Content Security Policy without 'unsafe-inline' refuses, unless the page
// already holds an element with that id and the class no-inline-styles: the results
// layout links plotly.css so. A bundle that makes <style> elements anywhere else
// would break the charts under the CSP, so it fails the build instead.
function refuseUnclaimedStyles(file) {
  const source = readFileSync(file, "utf8");
  const styleElements = source.split('createElement("style")').length - 1;
  if (styleElements !== 1 || !source.includes('"plotly.js-style-"')) {
    throw new Error("plotly.js writes a <style> element this build does not know about");
  }
}

// plotly.js's style rules, which it would otherwise write into a <style> element as it
// loads, served as a file: read from its source (build/plotcss.js), where they sit as
// one object literal of selector -> declarations, X and Y standing for its classes.
function plotlyStyles() {
  const source = readFileSync(join(plotlyJs, "build", "plotcss.js"), "utf8");
  const start = source.indexOf("var rules = {");
  const end = source.indexOf("\n};", start);
  if (start < 0 || end < 0) {
    throw new Error("plotly.js's style rules were not found: has plotly.js changed how it adds them?");
  }
  const literal = source.slice(start + "var rules = ".length, end + 2);
  // Keys such as Y are unquoted, so it is JavaScript rather than JSON; it is a file of
  // the pinned plotly.js package, evaluated at build time only.
  const rules = Function(`"use strict"; return (${literal});`)();
  // plotly inserts each rule at the top of its sheet, so the last one comes first.
  return Object.entries(rules)
    .reverse()
    .map(([selector, declarations]) => {
      const full = selector
        .replace(/^,/, " ,")
        .replace(/X/g, ".js-plotly-plot .plotly")
        .replace(/Y/g, ".plotly-notifier");
      return `${full}{${declarations}}`;
    })
    .join("\n")
    .concat("\n");
}

function filesUnder(directory) {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

// Written once here at the highest levels, rather than by the server on every response.
function compress(file) {
  const content = readFileSync(file);
  writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
  writeFileSync(
    `${file}.br`,
    brotliCompressSync(content, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
        [zlib.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
  );
}
