import {mkdtemp} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {readLmEvalReported} from "../../../../data-loaders/adapters/lm-eval/index.js";
import {lmEvalFlags, lmEvalStudy} from "../../../../data-loaders/studies/real-logs/lm-eval.js";
import {openRoot} from "../../../../data-loaders/source/index.js";
import {realSet} from "../../adapters/helpers.js";
import {provenance, study} from "./helpers.js";

describe("lmEvalFlags", () => {
  it("lmEvalFlags flags mostly-invalid runs and a reported 0 medscale does not reproduce", () => {
    const base = {accuracy: 0.7, reported_accuracy: 0.7, unparsed: 0, samples: 10, filter: "get-answer"};
    expect(lmEvalFlags(base)).toEqual([]);
    expect(lmEvalFlags({...base, unparsed: 5})).toEqual([]); // half is not "most"
    expect(lmEvalFlags({...base, accuracy: 0, reported_accuracy: 0, unparsed: 6})[0]).toMatch(
      /filter get-answer left 6 of 10 answers invalid/
    );
    expect(lmEvalFlags({...base, accuracy: 0.4, reported_accuracy: 0, filter: "none"})).toEqual([
      "the results file reports 0, medscale scores 0.400 from the same answers: the harness reported zero by mistake"
    ]);
    expect(lmEvalFlags({...base, reported_accuracy: 0.6})).toEqual([
      "medscale's accuracy differs from the results file"
    ]);
  });
});

describe("lmEvalStudy on the real set (../shared/real-logs/lm-eval-harness)", () => {
  const lm = realSet("lm-eval-harness");
  it.skipIf(!lm)(
    "lm-eval: runs equal their results files except the flagged zero; flags as documented",
    async () => {
      const root = await openRoot(lm as string, {
        cacheDir: await mkdtemp(path.join(os.tmpdir(), "medscale-cache-"))
      });
      const reported = await readLmEvalReported(root);
      const s = await study(lm as string, "lm-eval", (c, a) =>
        lmEvalStudy(c, a, provenance("lm-eval-harness"), reported)
      );
      expect(s.runs).toHaveLength(33);
      const zero = s.runs.filter((r) => r.flags.some((f) => f.includes("reported zero by mistake")));
      expect(zero.map((r) => r.run_id)).toEqual([
        "llama3.1-pro16-0827-Inst_241016.ko_winogrande.2024-11-19T14-45-00.455726.none"
      ]);
      expect(zero[0].accuracy).toBeCloseTo(0.4, 12);
      for (const r of s.runs) {
        expect(r.upstream_accuracy, r.run_id).toBeCloseTo(r.reported_accuracy as number, 12);
        if (!zero.includes(r)) expect(r.accuracy, r.run_id).toBeCloseTo(r.reported_accuracy as number, 12);
      }
      // docs/importers.md: EXAONE winogrande, 7 llama3.1-pro16-0827-Inst_241016 ko_winogrande runs, SOLAR 15-57-16,
      // and gpt-4o winogrande (7 of 10 invalid).
      const invalid = s.runs
        .filter((r) => r.flags.some((f) => f.includes("answers invalid")))
        .map((r) => r.run_id);
      expect(invalid).toHaveLength(10);
      expect(
        invalid.filter((id) => id.startsWith("llama3.1-pro16-0827-Inst_241016.ko_winogrande"))
      ).toHaveLength(7);
      expect(invalid).toContain("gpt-4o.winogrande.2024-12-23T14-29-31.806745.get-answer");
      expect(invalid).toContain(
        "upstage_SOLAR-10.7B-Instruct-v1.0.ko_winogrande.2024-11-19T15-57-16.853832.get-answer"
      );
      expect(invalid.some((id) => id.startsWith("LGAI-EXAONE"))).toBe(true);
      // Six results files have no samples file.
      expect(
        new Set(s.unmatched_results.filter((r) => r.samples_file === null).map((r) => r.results_file)).size
      ).toBe(6);
      expect(s.rejected).toEqual([
        expect.objectContaining({
          file: "output/llama3.1-pro16-0827-Inst_241016/samples_ko_winogrande_2024-11-19T14-19-15.115705.jsonl",
          lines: 8
        })
      ]);
    }
  );
});
