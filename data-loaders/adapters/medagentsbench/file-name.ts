/**
 * MedAgentsBench output file names: `output/<benchmark>/<model>-<benchmark>-<split>-<method>.json`
 * (docs/importers.md, "MedAgentsBench").
 */

/** Split names, longest first: the file name is parsed from the right with these. */
export const KNOWN_SPLITS = ["test_hard", "validation", "test", "train", "dev", "val"];

const OUTPUT_FILE = /^(?:(.*)\/)?output\/([^/]+)\/([^/]+)\.json$/;

/** The folder above `output/`, the benchmark folder and the file stem of an output file's path, or null. */
export function outputFilePath(path: string): {prefix: string; benchmark: string; stem: string} | null {
  const m = OUTPUT_FILE.exec(path);
  if (!m) return null;
  const [, prefix = "", benchmark, stem] = m;
  return {prefix, benchmark, stem};
}

export interface MedAgentsBenchName {
  model: string;
  benchmark: string;
  split: string;
  method: string;
}

/**
 * Splits an output file name into model, benchmark, split and method. Models may contain dashes and
 * methods dashes or underscores, so the name is cut at the last `-<benchmark>-`, then the split is a
 * known split name (else the text up to the next dash) and the method the rest.
 * @example parseMedAgentsBenchName("medqa", "Llama-3.3-70B-Instruct-Turbo-medqa-test_hard-cot_sc-5")
 * // {model: "Llama-3.3-70B-Instruct-Turbo", benchmark: "medqa", split: "test_hard", method: "cot_sc-5"}
 */
export function parseMedAgentsBenchName(benchmark: string, stem: string): MedAgentsBenchName | null {
  const cut = stem.lastIndexOf(`-${benchmark}-`);
  if (cut < 1) return null;
  const model = stem.slice(0, cut);
  const rest = stem.slice(cut + benchmark.length + 2);
  const split =
    KNOWN_SPLITS.find((s) => rest.startsWith(`${s}-`)) ??
    (rest.includes("-") ? rest.slice(0, rest.indexOf("-")) : "");
  const method = rest.slice(split.length + 1);
  if (!split || !method) return null;
  return {model, benchmark, split, method};
}

/** The registry task of an output file: one per benchmark × split. */
export function taskName(name: MedAgentsBenchName): string {
  return `${name.benchmark}.${name.split}`;
}
