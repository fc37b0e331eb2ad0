/**
 * CLI: writes the MedResEval demo runs root (see docs/demo-generator.md).
 *
 *   npm run runs:demo                      # → runs/demo/medreseval, default seed, full scale
 *   npm run runs:demo -- --out /tmp/demo --seed 7 --scale 0.1
 *
 * Progress goes to stderr.
 */
import path from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {DEFAULT_SEED, generateMedResEval} from "./demo-medreseval.js";

const projectRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function numberOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed)) throw new Error(`--${name}: not a number: "${value}"`);
  return parsed;
}

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {
      out: {type: "string"},
      seed: {type: "string"},
      scale: {type: "string"},
      help: {type: "boolean"}
    },
    strict: true
  });
  if (values.help) {
    process.stderr.write("usage: npm run runs:demo -- [--out <dir>] [--seed <integer>] [--scale <factor>]\n");
    return;
  }
  const out = values.out ? path.resolve(values.out) : path.join(projectRoot, "runs/demo/medreseval");
  const seed = numberOption("seed", values.seed, DEFAULT_SEED);
  const scale = numberOption("scale", values.scale, 1);
  const started = performance.now();
  const {runs, lines} = await generateMedResEval(out, {
    seed,
    scale,
    onProgress: (message) => process.stderr.write(`${message}\n`)
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    `wrote ${runs} runs, ${lines} sample lines to ${out} in ${seconds} s (seed ${seed}, scale ${scale})\n`
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`runs:demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
