import {existsSync, readdirSync, readFileSync} from "node:fs";

const SITE_DIR = process.env.MEDSCALE_SITE_DIR ?? ".medscale/site";

/** The prepared datasets (those `npm run build` wrote a folder for, logs present or not). */
function preparedDatasets(): string[] {
  if (!existsSync(SITE_DIR)) return [];
  return readdirSync(SITE_DIR).filter((dataset) => existsSync(`${SITE_DIR}/${dataset}/meta.json`));
}

/** The prepared datasets whose logs this build read (meta.json names no reason for their absence). */
function datasetsWithLogs(): string[] {
  return preparedDatasets().filter(
    (dataset) => JSON.parse(readFileSync(`${SITE_DIR}/${dataset}/meta.json`, "utf8")).absent_reason === null
  );
}

/**
 * One run page per dataset whose logs are present, for all its runs (`run.html?id=<run_id>`): a dataset
 * without logs has no run to show, and its pages link to none.
 */
function runPaths(): string[] {
  return datasetsWithLogs().map((dataset) => `/${dataset}/run`);
}

/** One question page per dataset, for all its questions (`question.html?id=<question_id>`). */
function questionPaths(): string[] {
  return preparedDatasets().map((dataset) => `/${dataset}/question`);
}

/** One paired-comparison page per prepared dataset (the page says so when the dataset's logs are absent). */
function comparisonPaths(): string[] {
  return preparedDatasets().map((dataset) => `/${dataset}/comparisons`);
}

/** One audit page per MedResEval fit (the routes prepare-site lists in audit-paths.json). */
function auditPaths(): string[] {
  const path = `${SITE_DIR}/medreseval/audit-paths.json`;
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : [];
}

/** "simple-7b" → "simple ~7B": the audit route's fit, readable in the sidebar. */
function auditName(path: string): string {
  const slug = path.split("/").pop() ?? path;
  return slug.replace(/-(\d+b)$/i, (_, size: string) => ` ~${size.toUpperCase()}`).replace(/-/g, " ");
}

// See https://observablehq.com/framework/config for the options.
export default {
  title: "medscale",
  root: "src",
  output: process.env.MEDSCALE_DIST ?? "dist",
  // Every link Framework writes is relative, so the site works under any sub-path; only the 404 page, served
  // at whatever path was missed, needs the base: MEDSCALE_BASE=/<project>/ for a GitHub Pages project site.
  base: process.env.MEDSCALE_BASE ?? "/",
  search: true,
  style: "style.css",
  // No web fonts: the default loads Source Serif from Google Fonts, which an offline build cannot reach.
  globalStylesheets: [],
  // TypeScript loaders run in one Node process with tsx's loader, not through the tsx command, which starts a
  // second Node process for each: ~0.15 s less per loader, and no need for node_modules/.bin on the PATH.
  interpreters: {".ts": ["node", "--import", "tsx"]},
  // An inline icon: otherwise browsers request /favicon.ico, which a static build does not have.
  // The script: figures render after the browser has scrolled to a #section, pushing the section down; until
  // the reader scrolls, keep the target heading at the top while the page grows (for at most 10 s).
  head: `<link rel="icon" href="data:,">
<script>
(() => {
  const id = decodeURIComponent(location.hash.slice(1));
  if (!id) return;
  let done = false;
  const stop = () => (done = true);
  for (const e of ["wheel", "touchstart", "keydown", "mousedown"]) addEventListener(e, stop, {once: true, passive: true});
  setTimeout(stop, 10000);
  addEventListener("DOMContentLoaded", () => {
    new ResizeObserver(() => done || document.getElementById(id)?.scrollIntoView()).observe(document.body);
  });
})();
</script>`,
  // No header: Framework parses even an empty one into a DOM for every page it builds.
  header: null,
  // Reading order: each study's report first, then its comparison with the paper, its audits and its data.
  pages: [
    {
      name: "MedResEval: data and parameters",
      pages: [
        {name: "Report", path: "/medreseval/report"},
        {name: "Table 4", path: "/medreseval/table4"},
        ...auditPaths().map((path) => ({name: `Audit · ${auditName(path)}`, path})),
        {name: "Paired comparisons", path: "/medreseval/comparisons"},
        {name: "Runs", path: "/medreseval/runs"},
        {name: "Data quality", path: "/medreseval/data-quality"}
      ]
    },
    {
      name: "Inference-time compute",
      pages: [
        {name: "O1 Journey · Figs. 2–5", path: "/o1journey/inference-time"},
        {name: "O1 Journey · Table 1", path: "/o1journey/table1"},
        {name: "O1 Journey · paper vs logs", path: "/o1journey/comparison"},
        {name: "O1 Journey · paired comparisons", path: "/o1journey/comparisons"},
        {name: "m1 · thinking budget", path: "/m1/thinking-budget"},
        {name: "m1 · paired comparisons", path: "/m1/comparisons"}
      ]
    },
    {
      name: "Real logs",
      pages: [
        {name: "MedQA and Medbullets", path: "/real/medagentsbench"},
        {name: "· paired comparisons", path: "/real-medagentsbench/comparisons"},
        {name: "lm-evaluation-harness", path: "/real/lm-eval"},
        {name: "· paired comparisons", path: "/real-lm-eval/comparisons"},
        {name: "Inspect", path: "/real/inspect"},
        {name: "· paired comparisons", path: "/real-inspect/comparisons"},
        {name: "Getting the real logs", path: "/real/get-the-logs"}
      ]
    },
    {
      name: "Analyses",
      pages: [
        {name: "Extraction failures and scale", path: "/analyses/extraction-failures"},
        {name: "Hard questions", path: "/analyses/hard-questions"}
      ]
    },
    {name: "Paper vs reproduced", path: "/comparison"},
    {name: "What changed", path: "/changes"}
  ],
  // Links keep their .html, so the site works under any static file server, not only hosts with clean URLs.
  preserveExtension: true,
  // Each run's files reach dist/ through data-loaders/build-site.ts, after the build (docs/site.md).
  dynamicPaths: [...runPaths(), ...questionPaths(), ...comparisonPaths(), ...auditPaths()],
  footer: "medscale — every number computed from logs; published values shown only as references."
};
