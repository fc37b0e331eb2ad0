import {existsSync} from "node:fs";
import {mkdir, mkdtemp, writeFile} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import type {RawLine, RunInput} from "../../../data-loaders/adapters/types.js";
import {openRoot, type RunsRoot} from "../../../data-loaders/source/index.js";

/**
 * The third-party logs (never copied into the repository): ../shared/real-logs beside the repository root
 * (found from this file, not from the working directory); MEDSCALE_REAL_LOGS overrides.
 */
export const REAL_LOGS =
  process.env.MEDSCALE_REAL_LOGS?.trim() ||
  fileURLToPath(new URL("../../../../shared/real-logs", import.meta.url));

/** The real set `name` when it is present, else undefined (tests then skip and say so). */
export function realSet(name: string): string | undefined {
  const dir = path.join(REAL_LOGS, name);
  if (existsSync(dir)) return dir;
  console.warn(`skipped: ../shared/real-logs absent (no ${dir}): the ${name} real-data tests do not run`);
  return undefined;
}

export const FIXTURES = fileURLToPath(new URL("../../fixtures/adapters", import.meta.url));

/** Opens a local root with a throw-away hash cache. */
export async function openTestRoot(dir: string): Promise<RunsRoot> {
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), "medscale-adapters-cache-"));
  return openRoot(dir, {cacheDir});
}

/** Writes files (path → content) under a new temporary directory and returns it. */
export async function tempTree(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "medscale-adapters-"));
  for (const [rel, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), {recursive: true});
    await writeFile(path.join(dir, rel), body);
  }
  return dir;
}

export async function collect(run: RunInput): Promise<RawLine[]> {
  const out: RawLine[] = [];
  for await (const line of run.lines()) out.push(line);
  return out;
}

/** The canonical sample objects of a run's records (records that failed are left out). */
export async function values(run: RunInput): Promise<Record<string, unknown>[]> {
  return (await collect(run))
    .filter((l) => l.value !== undefined)
    .map((l) => l.value as Record<string, unknown>);
}

export function runById(runs: RunInput[], id: string): RunInput {
  const run = runs.find((r) => r.run.run_id === id);
  if (!run) throw new Error(`no run ${id}; runs: ${runs.map((r) => r.run.run_id).join(", ")}`);
  return run;
}

export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
