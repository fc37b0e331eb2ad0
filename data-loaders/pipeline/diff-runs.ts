import type {ChangedRun, StudyOutputs} from "./diff-types.js";
import {differingFields} from "./diff-values.js";

/* The runs whose inputs changed between two analyses of a study, and the fits that depend on them. */

/** Fit id → the run ids behind its points (fits.json points[].tasks[].run_id), over every fit given. */
export function fitDependencies(fits: NonNullable<StudyOutputs["fits"]>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const fit of fits) {
    const ids = out.get(fit.id) ?? new Set<string>();
    for (const point of fit.points ?? []) for (const task of point.tasks ?? []) ids.add(task.run_id);
    out.set(fit.id, ids);
  }
  return out;
}

type AuditInput = NonNullable<StudyOutputs["audit"]>["audits"][number]["manifest"]["inputs"][number];

function auditInputs(audit: NonNullable<StudyOutputs["audit"]>): Map<string, AuditInput> {
  const out = new Map<string, AuditInput>();
  for (const {manifest} of audit.audits) for (const input of manifest.inputs) out.set(input.run_id, input);
  return out;
}

/**
 * Runs whose runs.json row differs (any field: metrics, source, model, chance, …), whose audit manifest
 * gives another content key or file hash (audit.json, when both outputs have one), or that are in one
 * runs.json only; each with the fits that use it, sorted by run id.
 *
 * @param fitRuns fit id → run ids behind it ({@link fitDependencies} of the old and new fits)
 */
export function changedRuns(
  study: string,
  a: StudyOutputs,
  b: StudyOutputs,
  fitRuns: Map<string, Set<string>>,
  tolerance: number
): ChangedRun[] {
  const found = new Map<string, {change: ChangedRun["change"]; reasons: string[]}>();
  const note = (runId: string, change: ChangedRun["change"], reason: string | null) => {
    const entry = found.get(runId) ?? {change, reasons: []};
    if (reason) entry.reasons.push(reason);
    found.set(runId, entry);
  };
  if (a.runs && b.runs) {
    const old = new Map(a.runs.map((r) => [r.run_id, r]));
    const now = new Map(b.runs.map((r) => [r.run_id, r]));
    for (const [id, row] of old) {
      const other = now.get(id);
      if (!other) note(id, "removed", null);
      else {
        const fields = differingFields(row, other, tolerance);
        if (fields.length > 0) note(id, "changed", `runs.json: ${fields.join(", ")}`);
      }
    }
    for (const id of now.keys()) if (!old.has(id)) note(id, "added", null);
  }
  if (a.audit && b.audit) {
    const old = auditInputs(a.audit);
    const now = auditInputs(b.audit);
    for (const [id, input] of old) {
      const other = now.get(id);
      if (!other) continue;
      if (input.key !== other.key) note(id, "changed", "content key");
      if (input.source_sha256 !== other.source_sha256) note(id, "changed", "samples file sha256");
      if (input.run_json_sha256 !== other.run_json_sha256) note(id, "changed", "run.json sha256");
    }
  }
  return [...found.entries()]
    .map(([run_id, r]) => ({
      study,
      run_id,
      change: r.change,
      reasons: r.reasons,
      fits: [...fitRuns.entries()]
        .filter(([, ids]) => ids.has(run_id))
        .map(([id]) => id)
        .sort()
    }))
    .sort((x, y) => (x.run_id < y.run_id ? -1 : x.run_id > y.run_id ? 1 : 0));
}
