import type {RunsRoot} from "../source/index.js";

/** The layouts medscale reads. */
export type DetectedFormat = "canonical" | "lm-eval" | "inspect" | "medagentsbench" | "summaries";

/** A root whose layout matches no format, or several. */
export class FormatDetectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FormatDetectionError";
  }
}

const MEDAGENTSBENCH = /(?:^|\/)output\/([^/]+)\/[^/]+-([^/]+)-[^/]+\.json$/;
const LM_EVAL =
  /(?:^|\/)(?:results_\d{4}-\d{2}-\d{2}T[^/]*\.json|samples_.+_\d{4}-\d{2}-\d{2}T[^/]*\.jsonl(?:\.gz)?)$/;

/**
 * Which adapter a root's layout calls for: `models.json` + `tasks.json` at the top → canonical, or
 * summaries when a `summaries/` folder holds files (docs/summaries.md, "A summaries root");
 * otherwise `*.eval` → inspect, `output/<bench>/<model>-<bench>-<split>-<method>.json` → medagentsbench,
 * `results_<time>.json` / `samples_<task>_<time>.jsonl` → lm-eval. Throws FormatDetectionError, naming
 * what was looked for, when nothing matches or when several third-party layouts do (choose one with
 * the format flag).
 * @example await detectFormat(await openRoot("../shared/real-logs/inspect")) // "inspect"
 */
export async function detectFormat(root: RunsRoot): Promise<DetectedFormat> {
  const paths = (await root.list()).map((f) => f.path);
  const top = new Set(paths);
  if (top.has("models.json") && top.has("tasks.json"))
    return paths.some((p) => p.startsWith("summaries/")) ? "summaries" : "canonical";
  const found: DetectedFormat[] = [];
  if (paths.some((p) => p.endsWith(".eval"))) found.push("inspect");
  if (
    paths.some((p) => {
      const m = MEDAGENTSBENCH.exec(p);
      // The benchmark folder's name must appear in the file name: <model>-<bench>-<split>-<method>.
      return m !== null && p.slice(p.lastIndexOf("/") + 1).includes(`-${m[1]}-`);
    })
  )
    found.push("medagentsbench");
  if (paths.some((p) => LM_EVAL.test(p))) found.push("lm-eval");
  if (found.length === 1) return found[0];
  if (found.length > 1)
    throw new FormatDetectionError(
      `runs root ${root.location} matches several formats (${found.join(", ")}); choose one with the format flag`
    );
  throw new FormatDetectionError(
    `runs root ${root.location}: no known layout (${paths.length} files). Looked for models.json + tasks.json ` +
      "(canonical), *.eval (inspect), output/<benchmark>/<model>-<benchmark>-<split>-<method>.json (medagentsbench), " +
      "results_<time>.json or samples_<task>_<time>.jsonl (lm-eval)"
  );
}
