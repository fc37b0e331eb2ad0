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

/**
 * A 32-bit stream seed from labels: FNV-1a with a murmur3 finalizer. The MedResEval demo's streams use
 * it (it predates {@link streamSeed}); switching would change every byte of that root.
 */
export function fnvSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  const text = parts.join("\u0000");
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
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
