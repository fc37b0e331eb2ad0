/**
 * CLI: writes the demo runs roots (see docs/demo-generator.md and docs/demo-o1journey-m1.md).
 *
 *   npm run runs:demo                      # → runs/demo/{medreseval,o1journey,m1}, default seeds, full scale
 *   npm run runs:demo -- --study medreseval --out /tmp/demo --seed 7 --scale 0.1
 *
 * Progress goes to stderr.
 */
import path from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {DEMO_GENERATORS as generators} from "./demo.js";

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
      study: {type: "string"},
      help: {type: "boolean"}
    },
    strict: true
  });
  if (values.help) {
    process.stderr.write(
      "usage: npm run runs:demo -- [--study medreseval|o1journey|m1|all] [--out <dir>] [--seed <integer>] [--scale <factor>]\n"
    );
    return;
  }
  const study = values.study ?? "all";
  const names = study === "all" ? (Object.keys(generators) as (keyof typeof generators)[]) : [study];
  if (values.out && names.length > 1) throw new Error("--out needs --study <one study>");
  for (const name of names) {
    if (!(name in generators))
      throw new Error(`--study: unknown study "${name}" (medreseval, o1journey, m1, all)`);
    const {generate, seed: defaultSeed} = generators[name as keyof typeof generators];
    const out = values.out ? path.resolve(values.out) : path.join(projectRoot, "runs/demo", name);
    const seed = numberOption("seed", values.seed, defaultSeed);
    const scale = numberOption("scale", values.scale, 1);
    const started = performance.now();
    const {runs, lines} = await generate(out, {
      seed,
      scale,
      onProgress: (message) => process.stderr.write(`${message}\n`)
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(
      `wrote ${runs} runs, ${lines} sample lines to ${out} in ${seconds} s (seed ${seed}, scale ${scale})\n`
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`runs:demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
