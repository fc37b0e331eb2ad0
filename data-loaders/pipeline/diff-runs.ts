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

/** The analysis code behind an audit.json (its fits' `code_sha256`, joined when they differ). */
const auditCode = (audit: NonNullable<StudyOutputs["audit"]>) =>
  [...new Set(audit.audits.map((a) => a.manifest.code_sha256 ?? ""))].sort().join(",");

/**
 * Runs whose runs.json row differs (any field: metrics, source, model, chance, …), whose audit manifest
 * (audit.json, when both outputs have one) gives another hash of its samples file or run.json, or
 * another content key under the same analysis code, or that are in one runs.json only; each with the
 * fits that use it, sorted by run id. The content key hashes the run's files, the registries and the
 * analysis code: when the code differs, every key differs, so keys are then not compared (a note says so).
 *
 * @param fitRuns fit id → run ids behind it ({@link fitDependencies} of the old and new fits)
 */
export function changedRuns(
  study: string,
  a: StudyOutputs,
  b: StudyOutputs,
  fitRuns: Map<string, Set<string>>,
  tolerance: number
): {runs: ChangedRun[]; notes: string[]} {
  const notes: string[] = [];
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
    const sameCode = auditCode(a.audit) === auditCode(b.audit);
    if (!sameCode)
      notes.push(
        `${study || "the analysis"}: the analysis code differs (audit.json code_sha256), so content keys ` +
          "are not compared; the hashes of each run's samples file and run.json still are"
      );
    for (const [id, input] of old) {
      const other = now.get(id);
      if (!other) continue;
      if (sameCode && input.key !== other.key) note(id, "changed", "content key");
      if (input.source_sha256 !== other.source_sha256) note(id, "changed", "samples file sha256");
      if (input.run_json_sha256 !== other.run_json_sha256) note(id, "changed", "run.json sha256");
    }
  }
  const runs = [...found.entries()]
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
  return {runs, notes};
}
