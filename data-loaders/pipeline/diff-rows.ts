import type {ChangeKind, DiffChange, DiffValue, StudyOutputs} from "./diff-types.js";
import {numericLeaves, relativeChange, valueMoved} from "./diff-values.js";

/* The comparers of `medscale diff`: keyed rows field by field, paper verdicts, significance crossings. */

type Verdicts = NonNullable<StudyOutputs["comparison"]>;
type Comparisons = NonNullable<StudyOutputs["comparisons"]>;

/** A row's value at a field path, `a` or `a.b` (undefined where the path breaks off). */
function fieldValue(row: object, path: string): unknown {
  let value: unknown = row;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** What every change of one row shares. */
interface ChangeBase {
  study: string;
  kind: ChangeKind;
  id: string;
  runs: string[];
}

/** A change, its fields always in one order (the JSON output reads the same every time). */
function change(
  base: ChangeBase,
  status: DiffChange["status"],
  field: string,
  old: DiffValue,
  now: DiffValue,
  headline = false
): DiffChange {
  const numbers = typeof old === "number" && typeof now === "number";
  return {
    study: base.study,
    kind: base.kind,
    status,
    id: base.id,
    field,
    old,
    new: now,
    delta: numbers ? now - old : null,
    relative: numbers ? relativeChange(old, now) : null,
    headline,
    runs: base.runs
  };
}

/** A whole row, or study, that only one of the two outputs has. */
export function rowChange(base: ChangeBase, status: "added" | "removed"): DiffChange {
  return change(base, status, "", null, null);
}

/** The key of a paper-vs-reproduced row. */
export const verdictKey = (r: {paper: string; item: string}) => `${r.paper} · ${r.item}`;

/**
 * Rows matched by `key`: each row one side lacks (added/removed), and every numeric leaf of `fields`
 * (paths such as `alpha` or `clustering.inflation`; {@link numericLeaves}) that moved.
 *
 * @param behind the changed runs behind a row
 */
export function diffRecords<T extends object>(
  spec: {
    study: string;
    kind: ChangeKind;
    fields: readonly string[];
    tolerance: number;
    changes: DiffChange[];
  },
  before: readonly T[],
  after: readonly T[],
  key: (row: T) => string,
  behind: (row: T) => string[]
): void {
  const {study, kind, changes} = spec;
  const old = new Map(before.map((r) => [key(r), r]));
  const now = new Map(after.map((r) => [key(r), r]));
  for (const [id, row] of old)
    if (!now.has(id)) changes.push(rowChange({study, kind, id, runs: behind(row)}, "removed"));
  for (const [id, row] of now) {
    const prior = old.get(id);
    if (!prior) {
      changes.push(rowChange({study, kind, id, runs: behind(row)}, "added"));
      continue;
    }
    const base = {study, kind, id, runs: [...new Set([...behind(prior), ...behind(row)])].sort()};
    for (const field of spec.fields) {
      const lx = numericLeaves(fieldValue(prior, field), field);
      const ly = numericLeaves(fieldValue(row, field), field);
      for (const path of new Set([...lx.keys(), ...ly.keys()])) {
        const [x, y] = [lx.get(path) ?? null, ly.get(path) ?? null];
        if (valueMoved(x, y, spec.tolerance)) changes.push(change(base, "changed", path, x, y));
      }
    }
  }
}

/**
 * Paper-vs-reproduced rows (comparison.json): rows one side lacks, `flagged` flips (the headline: a
 * published number the logs supported and no longer do, or the reverse) and `reproduced` moves (a
 * number, or a qualitative answer that changed).
 */
export function diffVerdicts(
  study: string,
  before: Verdicts,
  after: Verdicts,
  behind: (row: Verdicts[number]) => string[],
  context: {tolerance: number; changes: DiffChange[]}
): void {
  const {tolerance, changes} = context;
  diffRecords({study, kind: "verdict", fields: [], tolerance, changes}, before, after, verdictKey, behind);
  const old = new Map(before.map((r) => [verdictKey(r), r]));
  for (const row of after) {
    const prior = old.get(verdictKey(row));
    if (!prior) continue;
    const base = {study, kind: "verdict" as const, id: verdictKey(row), runs: behind(row)};
    if (Boolean(prior.flagged) !== Boolean(row.flagged))
      changes.push(change(base, "changed", "flagged", Boolean(prior.flagged), Boolean(row.flagged), true));
    const [x, y] = [prior.reproduced ?? null, row.reproduced ?? null];
    const moved = typeof x === "number" && typeof y === "number" ? relativeChange(x, y) > tolerance : x !== y;
    if (moved) changes.push(change(base, "changed", "reproduced", x, y));
  }
}

/**
 * Paired comparisons (comparisons.json) whose Benjamini–Hochberg adjusted p crossed the significance
 * level — a difference between two runs that became, or stopped being, significant. Other moves of p
 * are not listed: they follow from the runs' own numbers.
 */
export function diffSignificance(
  study: string,
  before: Comparisons,
  after: Comparisons,
  behindRun: (runId: string) => string[],
  context: {level: number; changes: DiffChange[]}
): void {
  const key = (r: {run_a: string; run_b: string}) => `${r.run_a} vs ${r.run_b}`;
  const old = new Map(before.map((r) => [key(r), r]));
  for (const row of after) {
    const [x, y] = [old.get(key(row))?.p_adjusted, row.p_adjusted];
    if (typeof x !== "number" || typeof y !== "number" || x < context.level === y < context.level) continue;
    const runs = [...behindRun(row.run_a), ...behindRun(row.run_b)];
    context.changes.push(
      change({study, kind: "significance", id: key(row), runs}, "changed", "p_adjusted", x, y, true)
    );
  }
}
