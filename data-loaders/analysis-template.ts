import {existsSync, mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";

/** Where analysis pages live (route /analyses/<name>). */
export const ANALYSES_DIR = "src/analyses";

/** The study ids a page can open (src/components/study-database.ts). */
export type StudyId = string;

/** "unparsed-by-size" → "Unparsed by size": the page's title until its author writes a better one. */
export function analysisTitle(name: string): string {
  const words = name.replace(/-+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The Markdown of a new analysis page (docs/authoring.md): it opens one study's tables, labels where the
 * numbers come from, queries the runs with SQL and draws one figure, each point linked to its run page.
 * Everything it uses is bundled from node_modules, so it builds offline.
 */
export function analysisPage(name: string, study: string): string {
  const title = analysisTitle(name);
  const fence = "```";
  return `---
title: ${title}
---

# ${title}

<!-- Written with \`npm run new:analysis\`; see docs/authoring.md. Replace this text with the question the page answers. -->

${fence}js
import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {studyDatabase} from "../components/study-database.js";
import {dataSourceLabel} from "../components/data-source-label.js";
const db = await studyDatabase(${JSON.stringify(study)});
${fence}

${fence}js
display(dataSourceLabel(db.meta));
${fence}

${fence}js
// SQL over the study's tables (runs, votes, maj_at_k, fits: src/contracts/tables.ts).
const runs = db.absent ? [] : await db.query\`
  SELECT run_id, model, task, accuracy, questions, unparsed, samples
  FROM runs ORDER BY model, task\`;
${fence}

Accuracy of every run (majority vote over its samples); each point links to its run page.

${fence}js
display(resize((width) => Plot.plot({
  width,
  marginLeft: 140,
  x: {label: "accuracy (%)", percent: true, domain: [0, 1]},
  y: {label: null},
  marks: [
    Plot.dot(runs, {x: "accuracy", y: "model", stroke: "task",
      title: (d) => \`\${d.run_id}: accuracy \${d.accuracy} over \${d.questions} questions\`,
      href: (d) => \`../${study}/run.html?id=\${encodeURIComponent(d.run_id)}\`}),
    Plot.ruleX([0])
  ]
})));
${fence}

${fence}js
display(html\`<p class="caption">\${runs.length} runs of \${db.meta.title}.</p>\`);
${fence}
`;
}

/**
 * Writes `<dir>/<name>.md` from {@link analysisPage}; returns its path. Names are lower-case words joined
 * by "-" (they become the route). Never overwrites a page.
 * @throws {Error} for a bad name, an unknown study, or an existing page
 */
export function writeAnalysisPage(
  name: string,
  study: StudyId,
  studies: readonly string[],
  dir = ANALYSES_DIR
): string {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name))
    throw new Error(`"${name}": use lower-case letters and digits, words joined by "-"`);
  if (!studies.includes(study)) throw new Error(`unknown study "${study}" (one of ${studies.join(", ")})`);
  const path = join(dir, `${name}.md`);
  if (existsSync(path)) throw new Error(`${path} exists; pick another name or edit it`);
  mkdirSync(dir, {recursive: true});
  writeFileSync(path, analysisPage(name, study));
  return path;
}
