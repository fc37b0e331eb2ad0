import {describe, expect, it} from "vitest";
import {bootstrapFits, percentileInterval, withIntervals} from "../../../src/lib/scaling/fit-bootstrap.js";
import {tokensToMatch, type Extrapolation} from "../../../src/lib/scaling/extrapolate.js";
import {fitPowerLaw, type Interval, type PowerLawFit} from "../../../src/lib/scaling/power-law-fit.js";
import type {RunCorrectness} from "../../../src/lib/scoring/run-accuracy.js";
import {seededRandom} from "../../../src/lib/stats/random.js";
import {parseStudy} from "../../../src/lib/scaling/study.js";
import type {ModelInfo} from "../../../src/lib/types.js";

/** A run with the first k of n questions correct (order is irrelevant to resampling). */
function run(model: string, task: string, n: number, k: number, chance = 0.2): RunCorrectness {
  const correct = new Uint8Array(n);
  correct.fill(1, 0, k);
  return {run_id: `${model}.${task}`, model, task, correct, chance, chances: null, max: 1};
}

const tinyStudy = parseStudy(
  {
    version: 1,
    id: "tiny",
    title: "Tiny",
    groups: [{id: "g", tasks: ["t1", "t2"]}],
    extrapolations: [{group: "g", from: "~7B", to: "~70B", to_train_tokens_t: 5}]
  },
  "tiny"
);
const tinyModels: ModelInfo[] = [
  {name: "s1", family: "f", params_b: 7, train_tokens_t: 1},
  {name: "s2", family: "f", params_b: 7, train_tokens_t: 2},
  {name: "s3", family: "f", params_b: 7, train_tokens_t: 4},
  {name: "b1", family: "f", params_b: 70, train_tokens_t: 1},
  {name: "b2", family: "f", params_b: 70, train_tokens_t: 3}
];
const tinyRuns: RunCorrectness[] = [
  run("s3", "t2", 6, 4),
  run("s1", "t1", 5, 2),
  run("s1", "t2", 5, 1),
  run("s2", "t1", 6, 3),
  {...run("s2", "t2", 4, 2), chances: Float64Array.of(0.5, 0.25, 0.25, 0.5), chance: 0.375},
  run("s3", "t1", 7, 5),
  run("b1", "t1", 8, 4),
  run("b1", "t2", 8, 3),
  run("b2", "t1", 9, 7),
  run("b2", "t2", 9, 6)
];

describe("percentileInterval", () => {
  it("interpolates like type-7 quantiles, skips NaN, and leaves +Infinity bounds open", () => {
    const values = Float64Array.from({length: 101}, (_, i) => 100 - i);
    expect(percentileInterval(values, 0.9)).toEqual({
      method: "percentile",
      level: 0.9,
      lower: expect.closeTo(5, 12),
      upper: expect.closeTo(95, 12),
      replicates: 101,
      valid: 101
    });
    // 0..9 with level 0.5: positions 2.25 and 6.75.
    const withNaN = Float64Array.of(NaN, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, NaN);
    expect(percentileInterval(withNaN, 0.5)).toMatchObject({
      lower: 2.25,
      upper: 6.75,
      replicates: 12,
      valid: 10
    });
    const open = Float64Array.of(1, 2, 3, Infinity, Infinity);
    expect(percentileInterval(open, 0.5)).toMatchObject({lower: 2, upper: null});
    expect(percentileInterval(Float64Array.of(NaN), 0.95)).toBeNull();
  });
});

describe("bootstrapFits", () => {
  it("replicates equal a by-hand resample of the same random stream (tolerance 1e-12)", () => {
    const B = 3;
    const seed = 11;
    const boot = bootstrapFits(tinyRuns, tinyModels, tinyStudy, {replicates: B, seed});
    expect(boot.runs).toEqual([...tinyRuns.map((r) => r.run_id)].sort());
    expect(boot.draws_per_replicate).toBe(5 + 5 + 6 + 4 + 7 + 6 + 8 + 8 + 9 + 9);

    // The documented contract: one stream, replicate by replicate, runs sorted by run_id, one
    // uniform draw per resampled question.
    const random = seededRandom(seed);
    const sorted = [...tinyRuns].sort((a, b) => (a.run_id < b.run_id ? -1 : 1));
    for (let b = 0; b < B; b++) {
      const norm = new Map<string, number>();
      for (const r of sorted) {
        const n = r.correct.length;
        let hits = 0;
        let chance = 0;
        for (let i = 0; i < n; i++) {
          const k = Math.floor(random() * n);
          hits += r.correct[k];
          chance += r.chances ? r.chances[k] : r.chance;
        }
        chance /= n;
        norm.set(r.run_id, (hits / n - chance) / (1 - chance));
      }
      const fitOf = (names: string[]) =>
        fitPowerLaw(
          names.map((m) => ({
            model: m,
            train_tokens_t: tinyModels.find((x) => x.name === m)!.train_tokens_t!,
            p: (norm.get(`${m}.t1`)! + norm.get(`${m}.t2`)!) / 2
          }))
        );
      const small = fitOf(["s1", "s2", "s3"]);
      const big = fitOf(["b1", "b2"]);
      expect(boot.fits[0].alpha[b]).toBeCloseTo(small.alpha!, 12);
      expect(boot.fits[0].coefficient[b]).toBeCloseTo(small.coefficient!, 12);
      expect(boot.fits[1].alpha[b]).toBeCloseTo(big.alpha!, 12);
      const d = tokensToMatch(
        {alpha: small.alpha!, coefficient: small.coefficient!},
        {alpha: big.alpha!, coefficient: big.coefficient!},
        5
      );
      if (Number.isFinite(d)) expect(boot.extrapolations[0].tokens_t[b] / d).toBeCloseTo(1, 12);
      else expect(boot.extrapolations[0].tokens_t[b]).toBe(Infinity);
      expect(boot.extrapolations[0].alpha_ratio[b]).toBeCloseTo(big.alpha! / small.alpha!, 12);
    }
  });

  it("is deterministic for a seed, independent of input order, and changes with the seed", () => {
    const a = bootstrapFits(tinyRuns, tinyModels, tinyStudy, {replicates: 200, seed: 5});
    const b = bootstrapFits([...tinyRuns].reverse(), tinyModels, tinyStudy, {replicates: 200, seed: 5});
    const c = bootstrapFits(tinyRuns, tinyModels, tinyStudy, {replicates: 200, seed: 6});
    expect(b.fits[0].alpha).toEqual(a.fits[0].alpha);
    expect(b.fits.map((f) => f.alpha_interval)).toEqual(a.fits.map((f) => f.alpha_interval));
    expect(b.extrapolations[0].interval).toEqual(a.extrapolations[0].interval);
    expect(c.fits[0].alpha).not.toEqual(a.fits[0].alpha);
    expect(c.fits[0].alpha_interval).not.toEqual(a.fits[0].alpha_interval);
    expect(c.extrapolations[0].interval).not.toEqual(a.extrapolations[0].interval);
  });

  it("marks replicates where a mean reaches 1 as NaN and counts them", () => {
    // One task; s1 answers 1 of 2 with chance 0: a resample is all-correct (P = 1) w.p. 1/4.
    const study = parseStudy({version: 1, id: "x", title: "X", groups: [{id: "g", tasks: ["t"]}]}, "x");
    const runs = [run("s1", "t", 2, 1, 0), run("s2", "t", 50, 20, 0), run("s3", "t", 50, 30, 0)];
    const boot = bootstrapFits(runs, tinyModels, study, {replicates: 2000, seed: 3});
    const dist = boot.fits.find((f) => f.id === "g.~7B")!;
    const nan = dist.alpha.filter(Number.isNaN).length;
    expect(nan).toBeGreaterThan(400); // expected 500 of 2000
    expect(nan).toBeLessThan(600);
    expect(dist.alpha_interval!.valid).toBe(2000 - nan);
    for (let b = 0; b < 2000; b++)
      expect(Number.isNaN(dist.coefficient[b])).toBe(Number.isNaN(dist.alpha[b]));
    // The ~70B fit has no points: no distribution, no interval.
    expect(boot.fits.find((f) => f.id === "g.~70B")!.alpha_interval).toBeNull();
  });

  it("leaves an extrapolation replicate NaN when either fit has none, and counts it", () => {
    // s1 answers 1 of 2 (chance 0): its resample is all-correct w.p. 1/4, and then the ~7B fit has no α.
    const study = parseStudy(
      {
        version: 1,
        id: "x",
        title: "X",
        groups: [{id: "g", tasks: ["t"]}],
        extrapolations: [{group: "g", from: "~7B", to: "~70B", to_train_tokens_t: 5}]
      },
      "x"
    );
    const runs = [
      run("s1", "t", 2, 1, 0),
      run("s2", "t", 50, 20, 0),
      run("s3", "t", 50, 30, 0),
      run("b1", "t", 50, 20, 0),
      run("b2", "t", 50, 35, 0)
    ];
    const boot = bootstrapFits(runs, tinyModels, study, {replicates: 200, seed: 3});
    expect(boot.method).toMatch(/^question-level bootstrap within runs; percentile intervals$/);
    const from = boot.fits.find((f) => f.id === "g.~7B")!;
    const to = boot.fits.find((f) => f.id === "g.~70B")!;
    const e = boot.extrapolations[0];
    let nan = 0;
    for (let b = 0; b < 200; b++) {
      const none = Number.isNaN(from.alpha[b]) || Number.isNaN(to.alpha[b]);
      expect(Number.isNaN(e.tokens_t[b])).toBe(none);
      expect(Number.isNaN(e.alpha_ratio[b])).toBe(none);
      if (none) nan++;
    }
    expect(nan).toBeGreaterThan(0);
    expect(e.interval!.valid).toBe(200 - nan);
    expect(e.alpha_ratio_interval!.valid).toBe(200 - nan);
  });

  it("resamples only the runs behind a fitted law; a fit without α keeps NaN replicates and no interval", () => {
    // ~7B: three models at 6T, one D, so no α (and (3·ln 6)/3 is 2.2e-16 off ln 6: a regression tried
    // anyway would give a huge finite slope). ~70B: b1 and b2 at 1T and 3T.
    const models: ModelInfo[] = [
      ...["u1", "u2", "u3"].map((name) => ({name, family: "f", params_b: 7, train_tokens_t: 6})),
      ...tinyModels.filter((m) => m.params_b === 70)
    ];
    const study = parseStudy(
      {
        version: 1,
        id: "x",
        title: "X",
        groups: [{id: "g", tasks: ["t"]}],
        extrapolations: [
          {group: "g", from: "~7B", to: "~70B", to_train_tokens_t: 5},
          {group: "g", from: "~70B", to: "~7B", to_train_tokens_t: 5}
        ]
      },
      "x"
    );
    const runs = [
      run("u1", "t", 5, 2),
      run("u2", "t", 5, 3),
      run("u3", "t", 5, 1),
      run("b1", "t", 8, 4),
      run("b2", "t", 9, 5)
    ];
    const boot = bootstrapFits(runs, models, study, {replicates: 50, seed: 4});
    expect(boot.runs).toEqual(["b1.t", "b2.t"]);
    expect(boot.draws_per_replicate).toBe(8 + 9);
    expect(boot.fits.map((f) => f.id)).toEqual(["g.~7B", "g.~70B"]);
    const [small, big] = boot.fits;
    expect(Array.from(small.alpha).every(Number.isNaN)).toBe(true);
    expect(Array.from(small.coefficient).every(Number.isNaN)).toBe(true);
    expect([small.alpha_interval, small.coefficient_interval]).toEqual([null, null]);
    expect(big.alpha_interval!.valid).toBeGreaterThan(0);
    expect(big.coefficient_interval!.valid).toBe(big.alpha_interval!.valid);
    for (const e of boot.extrapolations) {
      expect(Array.from(e.tokens_t).every(Number.isNaN)).toBe(true);
      expect([e.interval, e.alpha_ratio_interval]).toEqual([null, null]);
    }
  });

  it("rejects bad replicates and levels and a run without questions; B = 1 is allowed", () => {
    for (const replicates of [0, -1, 1.5])
      expect(() => bootstrapFits(tinyRuns, tinyModels, tinyStudy, {replicates})).toThrow(
        new RangeError(`bootstrap: replicates must be an integer ≥ 1, got ${replicates}`)
      );
    for (const level of [0, 1, -0.5, 1.5, NaN])
      expect(() => bootstrapFits(tinyRuns, tinyModels, tinyStudy, {replicates: 1, level})).toThrow(
        new RangeError(`bootstrap: level must be in (0, 1), got ${level}`)
      );
    expect(() => bootstrapFits([...tinyRuns, run("s1", "t3", 0, 0)], tinyModels, tinyStudy)).toThrow(
      new Error("bootstrap: run s1.t3 has no questions")
    );
    const one = bootstrapFits(tinyRuns, tinyModels, tinyStudy, {replicates: 1, seed: 2, level: 0.5});
    const alpha = one.fits[0].alpha;
    expect(alpha.length).toBe(1);
    expect(one.fits[0].alpha_interval).toEqual({
      method: "percentile",
      level: 0.5,
      lower: alpha[0],
      upper: alpha[0],
      replicates: 1,
      valid: 1
    });
  });

  it("rejects duplicate run ids and mismatched chance arrays", () => {
    expect(() => bootstrapFits([tinyRuns[0], tinyRuns[0]], tinyModels, tinyStudy)).toThrow(
      /duplicate run_id "s3.t2"/
    );
    const bad = {...tinyRuns[1], chances: Float64Array.of(0.2)};
    expect(() => bootstrapFits([bad], tinyModels, tinyStudy)).toThrow(/5 questions but 1 chances/);
  });
});

describe("withIntervals", () => {
  // Hand-built distributions: only the intervals matter, and each is a distinct object to match by identity.
  const interval = (lower: number): Interval => ({
    method: "percentile",
    level: 0.95,
    lower,
    upper: lower + 1,
    replicates: 10,
    valid: 10
  });
  const dist = (id: string, a: number) => ({
    id,
    alpha: new Float64Array(0),
    intercept: new Float64Array(0),
    coefficient: new Float64Array(0),
    alpha_interval: interval(a),
    coefficient_interval: interval(a + 0.5)
  });
  const question = {group: "g", from_size_class: "~7B", to_size_class: "~70B", to_train_tokens_t: 5};
  const boot = () =>
    ({
      replicates: 10,
      seed: 1,
      level: 0.95,
      method: "m",
      runs: [],
      draws_per_replicate: 0,
      fits: [dist("g.~7B", 1), dist("h.~7B", 3)],
      extrapolations: [
        {
          ...question,
          tokens_t: new Float64Array(0),
          alpha_ratio: new Float64Array(0),
          interval: interval(7),
          alpha_ratio_interval: interval(9)
        }
      ]
    }) as ReturnType<typeof bootstrapFits>;
  const fit = (id: string) => ({id, alpha: 0.2, intervals: null}) as unknown as PowerLawFit;
  const extrapolation = (changes: Partial<Extrapolation>) =>
    ({...question, tokens_t: 2, interval: null, alpha_ratio_interval: null, ...changes}) as Extrapolation;

  it("fills each fit's intervals from the distribution of the same id, and null where there is none", () => {
    const b = boot();
    const {fits} = withIntervals([fit("h.~7B"), fit("g.~70B"), fit("g.~7B")], [], b);
    expect(fits.map((f) => f.id)).toEqual(["h.~7B", "g.~70B", "g.~7B"]);
    expect(fits[0].intervals!.alpha).toBe(b.fits[1].alpha_interval);
    expect(fits[0].intervals!.coefficient).toBe(b.fits[1].coefficient_interval);
    expect(fits[1].intervals).toBeNull();
    expect(fits[2].intervals).toEqual({alpha: interval(1), coefficient: interval(1.5)});
    expect(fits[2].alpha).toBe(0.2);
  });

  it("fills an extrapolation only from the distribution of the same group, size classes and target tokens", () => {
    const b = boot();
    const {extrapolations} = withIntervals(
      [],
      [
        extrapolation({}),
        extrapolation({group: "h"}),
        extrapolation({from_size_class: "~70B", to_size_class: "~7B"}),
        extrapolation({to_train_tokens_t: 6})
      ],
      b
    );
    expect(extrapolations[0].interval).toBe(b.extrapolations[0].interval);
    expect(extrapolations[0].alpha_ratio_interval).toBe(b.extrapolations[0].alpha_ratio_interval);
    expect(extrapolations[0].tokens_t).toBe(2);
    for (const e of extrapolations.slice(1)) {
      expect(e.interval).toBeNull();
      expect(e.alpha_ratio_interval).toBeNull();
    }
  });
});
