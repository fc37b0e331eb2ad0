import type {RunCorrectness} from "./run-accuracy.js";

/**
 * Compact per-question correctness for the browser refit: one bit per question, packed
 * least-significant bit first, base64. 10,000 questions take 1.7 kB. Works in Node 20 and browsers
 * (`btoa`/`atob`), so the page decodes exactly what the build encoded.
 */

/** One run as written to `fit-inputs.json`. */
export interface EncodedRun {
  run_id: string;
  model: string;
  task: string;
  strategy: string | null;
  /** Questions. */
  n: number;
  /** {@link packBits} of the 0/1 correctness vector. */
  correct: string;
  chance: number;
  /** Per-question chance when it varies by question, else null. */
  chances: number[] | null;
  max: number;
}

/**
 * Packs a 0/1 vector into base64, 8 questions a byte, least-significant bit first.
 *
 * @example
 * packBits(Uint8Array.of(1, 0, 1)) // "BQ==" (0b101)
 */
export function packBits(bits: Uint8Array): string {
  const bytes = new Uint8Array(Math.ceil(bits.length / 8));
  for (let i = 0; i < bits.length; i++) {
    if (bits[i] !== 0 && bits[i] !== 1)
      throw new RangeError(`packBits: entry ${i} is ${bits[i]}, not 0 or 1`);
    if (bits[i]) bytes[i >> 3] |= 1 << (i & 7);
  }
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * Inverse of {@link packBits}: the first `length` bits.
 *
 * @throws {RangeError} when the text holds fewer than `length` bits
 * @example
 * unpackBits("BQ==", 3) // Uint8Array [1, 0, 1]
 */
export function unpackBits(encoded: string, length: number): Uint8Array {
  const binary = atob(encoded);
  if (binary.length * 8 < length) {
    throw new RangeError(`unpackBits: ${binary.length * 8} bits encoded, ${length} expected`);
  }
  const bits = new Uint8Array(length);
  // Stryker disable next-line EqualityOperator: `i <= length` is equivalent — a typed array ignores the write at index length
  for (let i = 0; i < length; i++) bits[i] = (binary.charCodeAt(i >> 3) >> (i & 7)) & 1;
  return bits;
}

/** A run's correctness in the compact form of `fit-inputs.json`. */
export function encodeRunCorrectness(run: RunCorrectness): EncodedRun {
  return {
    run_id: run.run_id,
    model: run.model,
    task: run.task,
    strategy: run.strategy ?? null,
    n: run.correct.length,
    correct: packBits(run.correct),
    chance: run.chance,
    chances: run.chances ? Array.from(run.chances) : null,
    max: run.max
  };
}

/** Inverse of {@link encodeRunCorrectness}. */
export function decodeRunCorrectness(run: EncodedRun): RunCorrectness {
  if (run.chances && run.chances.length !== run.n) {
    throw new RangeError(`run ${run.run_id}: ${run.n} questions but ${run.chances.length} chances`);
  }
  return {
    run_id: run.run_id,
    model: run.model,
    task: run.task,
    strategy: run.strategy,
    correct: unpackBits(run.correct, run.n),
    chance: run.chance,
    chances: run.chances ? Float64Array.from(run.chances) : null,
    max: run.max
  };
}
