import {existsSync, readdirSync, readFileSync} from "node:fs";
import {runFiles, type RunPageInfo} from "./src/contracts/run-files.js";

const SITE_DIR = process.env.MEDSCALE_SITE_DIR ?? ".medscale/site";

/** The runs of every prepared dataset that has any, from the site data `npm run build` prepares first. */
function preparedRuns(): {dataset: string; runId: string}[] {
  if (!existsSync(SITE_DIR)) return [];
  return readdirSync(SITE_DIR)
    .filter((dataset) => existsSync(`${SITE_DIR}/${dataset}/runs.json`))
    .flatMap((dataset) => {
      const runs: {run_id: string}[] = JSON.parse(readFileSync(`${SITE_DIR}/${dataset}/runs.json`, "utf8"));
      return runs.map((r) => ({dataset, runId: r.run_id}));
    });
}

/** One page per run. */
function runPaths(): string[] {
  return preparedRuns().map(({dataset, runId}) => `/${dataset}/run/${runId}`);
}

/**
 * Every chunk of every run's raw responses (src/contracts/run-files.ts), copied to dist/ at its own path
 * (data/<dataset>/runs/<run_id>/responses-<k>-<sha>.json.gz): a run page fetches the chunk a question needs,
 * by the name its run.json gives, so no page names the chunks literally for Framework to find.
 */
function responseChunkPaths(): string[] {
  return preparedRuns().flatMap(({dataset, runId}) => {
    const info = `${SITE_DIR}/${dataset}/${runFiles.info(runId).name}`;
    if (!existsSync(info)) return [];
    const {responses}: RunPageInfo = JSON.parse(readFileSync(info, "utf8"));
    return responses.chunks.map((c) => `/data/${dataset}/${runFiles.responses(runId, c.file).name}`);
  });
}

/** One audit page per MedResEval fit (the routes prepare-site lists in audit-paths.json). */
function auditPaths(): string[] {
  const path = `${SITE_DIR}/medreseval/audit-paths.json`;
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : [];
}

// See https://observablehq.com/framework/config for the options.
export default {
  title: "medscale",
  root: "src",
  output: process.env.MEDSCALE_DIST ?? "dist",
  search: false,
  style: "style.css",
  // No web fonts: the default loads Source Serif from Google Fonts, which an offline build cannot reach.
  globalStylesheets: [],
  // An inline icon: otherwise browsers request /favicon.ico, which a static build does not have.
  head: '<link rel="icon" href="data:,">',
  pages: [
    {
      name: "MedResEval: data and parameters",
      pages: [
        {name: "Runs", path: "/medreseval/runs"},
        {name: "Table 4", path: "/medreseval/table4"},
        {name: "Data quality", path: "/medreseval/data-quality"}
      ]
    },
    {
      name: "Inference-time compute",
      pages: [
        {name: "O1 Journey · Table 1", path: "/o1journey/table1"},
        {name: "O1 Journey · Figs. 2–5", path: "/o1journey/inference-time"},
        {name: "m1 · thinking budget", path: "/m1/thinking-budget"}
      ]
    },
    {
      name: "Real logs",
      pages: [
        {name: "MedQA and Medbullets", path: "/real/medagentsbench"},
        {name: "lm-evaluation-harness", path: "/real/lm-eval"},
        {name: "Inspect", path: "/real/inspect"}
      ]
    },
    {name: "Paper vs reproduced", path: "/comparison"}
  ],
  dynamicPaths: [...runPaths(), ...responseChunkPaths(), ...auditPaths()],
  footer: "medscale — every number computed from logs; published values shown only as references."
};
