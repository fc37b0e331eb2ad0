import {randomLcg} from "d3";

/**
 * A seeded source of uniform numbers in [0, 1), so bootstraps and the demo generator are
 * reproducible: the same seed gives the same stream in Node and in the browser.
 *
 * @example
 * const random = seededRandom(42); random(); // 0.2523…, the same on every run
 */
export function seededRandom(seed: number): () => number {
  return randomLcg(seed);
}

/** A uniform integer in [0, n) drawn from `random`. */
export function randomInt(random: () => number, n: number): number {
  return Math.floor(random() * n);
}
