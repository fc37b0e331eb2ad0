import {createHash} from "node:crypto";

/**
 * Random helpers of the demo generators. Every random choice comes from a `seededRandom` stream whose
 * seed is a hash of (seed, purpose, labels), so a run's content does not depend on the order runs are
 * written in.
 */

/** A 32-bit stream seed from labels (sha256, first four bytes). */
export function streamSeed(...parts: (string | number)[]): number {
  return createHash("sha256").update(parts.join("\u0000")).digest().readUInt32LE(0);
}

/** A standard normal draw (Box–Muller). */
export function normal(random: () => number): number {
  const u = 1 - random(); // (0, 1], so log is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Shuffles `items` in place (Fisher–Yates) and returns them. */
export function shuffle<T>(random: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
