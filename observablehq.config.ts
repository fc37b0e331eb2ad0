import {existsSync, readFileSync} from "node:fs";

/** One page per run of the main dataset, from the site data `npm run build` prepares first. */
function runPaths(): string[] {
  const path = `${process.env.MEDSCALE_SITE_DIR ?? ".medscale/site"}/medreseval/runs.json`;
  if (!existsSync(path)) return [];
  const runs: {run_id: string}[] = JSON.parse(readFileSync(path, "utf8"));
  return runs.map((r) => `/medreseval/run/${r.run_id}`);
}

// See https://observablehq.com/framework/config for the options.
export default {
  title: "medscale",
  root: "src",
  output: process.env.MEDSCALE_DIST ?? "dist",
  search: false,
  style: "style.css",
  pages: [
    {name: "Runs", path: "/medreseval/runs"},
    {name: "Table 4", path: "/medreseval/table4"},
    {name: "Data quality", path: "/medreseval/data-quality"}
  ],
  dynamicPaths: runPaths(),
  footer: "medscale — every number computed from logs; published values shown only as references."
};
