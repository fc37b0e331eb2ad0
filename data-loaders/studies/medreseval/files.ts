import type {BootstrapFile, FitInputsFile, ReplicateValue} from "../../../src/contracts/medreseval.js";
import {encodeRunCorrectness} from "../../../src/lib/scoring/correctness-codec.js";
import type {RunCorrectness} from "../../../src/lib/scoring/run-accuracy.js";
import type {FitBootstrap} from "../../../src/lib/scaling/fit-bootstrap.js";
import type {Study} from "../../../src/lib/scaling/study.js";
import type {ModelInfo} from "../../../src/lib/types.js";

/**
 * The two files of the audit pages that carry the analysis's raw material: the bootstrap replicates
 * (`bootstrap.json`) and the per-question correctness the browser refits from (`fit-inputs.json`).
 */

/**
 * Bootstrap replicates for JSON: 7 significant digits; NaN → null; ±Infinity → "Infinity"/"-Infinity".
 *
 * @example
 * compactReplicates(Float64Array.of(0.123456789, NaN, Infinity)) // [0.1234568, null, "Infinity"]
 */
export function compactReplicates(values: Float64Array): ReplicateValue[] {
  return Array.from(values, (v) =>
    Number.isNaN(v)
      ? null
      : v === Infinity
        ? "Infinity"
        : v === -Infinity
          ? "-Infinity"
          : Number(v.toPrecision(7))
  );
}

/** The `bootstrap.json` the audit pages draw their histograms from. */
export function bootstrapFile(boot: FitBootstrap): BootstrapFile {
  return {
    replicates: boot.replicates,
    seed: boot.seed,
    level: boot.level,
    method: boot.method,
    runs: boot.runs,
    draws_per_replicate: boot.draws_per_replicate,
    fits: boot.fits.map((f) => ({
      id: f.id,
      alpha: compactReplicates(f.alpha),
      coefficient: compactReplicates(f.coefficient),
      alpha_interval: f.alpha_interval,
      coefficient_interval: f.coefficient_interval
    })),
    extrapolations: boot.extrapolations.map((e) => ({
      group: e.group,
      from_size_class: e.from_size_class,
      to_size_class: e.to_size_class,
      to_train_tokens_t: e.to_train_tokens_t,
      tokens_t: compactReplicates(e.tokens_t),
      alpha_ratio: compactReplicates(e.alpha_ratio),
      interval: e.interval,
      alpha_ratio_interval: e.alpha_ratio_interval
    }))
  };
}

/**
 * What the browser needs to refit from per-question correctness with the same `src/lib` code: the
 * study, the models and the encoded correctness of the runs of the fitted groups' tasks.
 */
export function fitInputsFile(out: {
  study: Study;
  models: ModelInfo[];
  correctness: readonly RunCorrectness[];
}): FitInputsFile {
  const tasks = new Set(out.study.groups.filter((g) => g.fit).flatMap((g) => g.tasks));
  return {
    study: out.study,
    models: out.models,
    runs: out.correctness.filter((c) => tasks.has(c.task)).map(encodeRunCorrectness)
  };
}
