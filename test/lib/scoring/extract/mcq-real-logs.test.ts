import {existsSync, readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {extractMcq} from "../../../../src/lib/scoring/extract/mcq.js";
import {splitThinking} from "../../../../src/lib/scoring/extract/think.js";

/*
 * extractMcq against the answers MedAgentsBench logged for real model outputs. Its
 * `predicted_answer` came from an LLM judge (gpt-4o-mini, JSON schema with an enum of the option
 * letters), so it always names a letter, even for refusals and truncated traces; the two can only
 * agree where the response commits to a letter. The logs are read at run time from
 * ../shared/real-logs (MEDSCALE_REAL_LOGS overrides); no text from them is copied here.
 *
 * Pairs (response → logged answer), by field:
 * - completion, raw_response, ensemble_response, final_raw_response → predicted_answer;
 * - raw_responses of medprompt: the entry the method selected (equal to final_solution) →
 *   predicted_answer, which was extracted from it; the other entries have no logged answer;
 * - raw_responses of multipersona (rounds × personas) → rounds_answers, entry by entry.
 */

// ../shared/real-logs beside the repository root, found from this file (not from the working directory).
const REAL_LOGS =
  process.env.MEDSCALE_REAL_LOGS?.trim() ||
  fileURLToPath(new URL("../../../../../shared/real-logs/", import.meta.url));
const OUTPUT_DIR = join(REAL_LOGS, "medagentsbench", "output");
const PRESENT = existsSync(OUTPUT_DIR);
if (!PRESENT)
  console.warn(
    `mcq-real-logs: skipped: ../shared/real-logs absent (no ${OUTPUT_DIR}; set MEDSCALE_REAL_LOGS to the real-logs folder)`
  );

interface Pair {
  /** `<dataset>/<file>#<realidx>/<field>[<index>]`, stable across runs. */
  key: string;
  /** Model and method from the file name, e.g. `gpt-4o|multipersona-2`. */
  group: string;
  method: string;
  field: string;
  response: string;
  logged: string;
  choices: string[];
}

interface LogRecord {
  realidx?: number;
  options?: Record<string, string>;
  predicted_answer?: unknown;
  completion?: unknown;
  raw_response?: unknown;
  ensemble_response?: unknown;
  final_raw_response?: unknown;
  final_solution?: unknown;
  raw_responses?: unknown;
  rounds_answers?: unknown;
}

function loadPairs(): Pair[] {
  const pairs: Pair[] = [];
  const files = (readdirSync(OUTPUT_DIR, {recursive: true}) as string[])
    .filter((f) => f.endsWith(".json"))
    .sort();
  for (const file of files) {
    const name = file.replace(/^.*\//, "").replace(/\.json$/, "");
    // <model>-<dataset>-<split>-<method>, the split being test or test_hard.
    const m = /^(.+)-(medqa|medbullets)-(test_hard|test)-(.+)$/.exec(name);
    if (m === null) throw new Error(`${file}: unexpected file name`);
    const [, model, , , method] = m;
    // Python's json.dump writes NaN for a missing prediction (aflow, spo files); JSON has no NaN.
    const text = readFileSync(join(OUTPUT_DIR, file), "utf8").replace(/(?<=": )NaN(?=,?\n)/g, "null");
    const records = JSON.parse(text) as LogRecord[];
    records.forEach((r, line) => {
      const choices = Object.keys(r.options ?? {});
      const id = `${file}#${r.realidx ?? line}`;
      const add = (field: string, response: unknown, logged: unknown) => {
        if (typeof response === "string" && typeof logged === "string") {
          pairs.push({
            key: `${id}/${field}`,
            group: `${model}|${method}`,
            method,
            field,
            response,
            logged,
            choices
          });
        }
      };
      for (const field of [
        "completion",
        "raw_response",
        "ensemble_response",
        "final_raw_response"
      ] as const) {
        add(field, r[field], r.predicted_answer);
      }
      const raw = r.raw_responses;
      if (!Array.isArray(raw)) return;
      if (typeof r.final_solution === "string") {
        const selected = raw.indexOf(r.final_solution);
        if (selected !== -1) add(`raw_responses[${selected}]`, raw[selected], r.predicted_answer);
      } else if (Array.isArray(r.rounds_answers)) {
        raw.forEach((round, i) => {
          const answers = (r.rounds_answers as unknown[])[i];
          if (!Array.isArray(round) || !Array.isArray(answers)) return;
          round.forEach((response, j) => add(`raw_responses[${i}][${j}]`, response, answers[j]));
        });
      }
    });
  }
  return pairs;
}

/** FNV-1a, 32 bits: a fixed, seedless order for sampling. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Why a pair cannot be compared on equal terms; decided from the log alone, not the extractor. */
function structuralCategory(p: Pair): string | null {
  if (splitThinking(p.response).unclosed !== null)
    return "truncated trace (unclosed <think>): unparsed by rule";
  if (p.method === "few_shot") return "few-shot: answers are option texts without a letter";
  return null;
}

/**
 * Sampled pairs known to disagree, with the reason (each is checked to still disagree). Keys only,
 * no text. Empty: every sampled pair agrees at present; an entry needs a reason a reviewer can check.
 */
const KNOWN_SAMPLE_DISAGREEMENTS: Record<string, string> = {};

const SAMPLE_PER_GROUP = 2;

describe.skipIf(!PRESENT)(`extractMcq on the real MedAgentsBench outputs in ${OUTPUT_DIR}`, () => {
  const pairs = PRESENT ? loadPairs() : [];
  const extracted = pairs.map((p) => extractMcq(p.response, p.choices));

  it("reads every file with raw text", () => {
    expect(new Set(pairs.map((p) => p.group)).size).toBeGreaterThanOrEqual(16);
    expect(pairs.length).toBeGreaterThan(6000);
  });

  it("agrees with the logged answer on a deterministic sample across models and methods", () => {
    const byGroup = new Map<string, number[]>();
    pairs.forEach((p, i) => {
      if (structuralCategory(p) !== null) return;
      const list = byGroup.get(`${p.group}|${p.field.replace(/\[.*$/, "")}`) ?? [];
      list.push(i);
      byGroup.set(`${p.group}|${p.field.replace(/\[.*$/, "")}`, list);
    });
    const sample = [...byGroup.values()].flatMap((list) =>
      list.sort((a, b) => fnv1a(pairs[a].key) - fnv1a(pairs[b].key)).slice(0, SAMPLE_PER_GROUP)
    );
    const models = new Set(sample.map((i) => pairs[i].group.split("|")[0]));
    const methods = new Set(sample.map((i) => pairs[i].method));
    const fields = new Set(sample.map((i) => pairs[i].field.replace(/\[.*$/, "")));
    console.log(
      `sample: ${sample.length} responses, ${models.size} models, ${methods.size} methods ` +
        `(${[...methods].sort().join(", ")}), fields ${[...fields].sort().join(", ")}`
    );
    expect(sample.length).toBeGreaterThanOrEqual(30);
    expect(models.size).toBeGreaterThanOrEqual(8);
    expect(methods.size).toBeGreaterThanOrEqual(5);
    for (const i of sample) {
      const p = pairs[i];
      if (p.key in KNOWN_SAMPLE_DISAGREEMENTS) expect(extracted[i], p.key).not.toBe(p.logged);
      else expect(extracted[i], p.key).toBe(p.logged);
    }
  });

  it("agrees overall, and rarely names a different letter", () => {
    let agree = 0;
    let comparable = 0;
    let comparableAgree = 0;
    let otherLetter = 0;
    const categories = new Map<string, number>();
    const groups = new Map<string, [number, number]>();
    pairs.forEach((p, i) => {
      const got = extracted[i];
      const structural = structuralCategory(p);
      const g = groups.get(`${p.group}|${p.field.replace(/\[.*$/, "")}`) ?? [0, 0];
      g[1] += 1;
      if (structural === null) comparable += 1;
      if (got === p.logged) {
        agree += 1;
        g[0] += 1;
        if (structural === null) comparableAgree += 1;
      } else {
        if (got !== null) otherLetter += 1;
        const category =
          structural ??
          (got === null
            ? "no letter committed to (refusal, answer by option text only, 'none of the options')"
            : p.response.includes("</think>")
              ? "visible answer differs from the closed trace's conclusion (the judge read the trace)"
              : "a different letter (letter contradicts the named option text, or judge reading)");
        categories.set(category, (categories.get(category) ?? 0) + 1);
      }
      groups.set(`${p.group}|${p.field.replace(/\[.*$/, "")}`, g);
    });
    const rate = agree / pairs.length;
    const comparableRate = comparableAgree / comparable;
    const lines = [
      `agreement with predicted_answer: ${agree}/${pairs.length} = ${(100 * rate).toFixed(2)}%`,
      `  excluding truncated traces and few-shot: ${comparableAgree}/${comparable} = ${(100 * comparableRate).toFixed(2)}%`,
      `  a different letter than logged: ${otherLetter} (${((100 * otherLetter) / pairs.length).toFixed(2)}%)`,
      "disagreements by category:",
      ...[...categories].sort((a, b) => b[1] - a[1]).map(([c, n]) => `  ${String(n).padStart(5)}  ${c}`),
      "agreement by model|method|field:",
      ...[...groups].sort().map(([g, [a, n]]) => `  ${g}: ${a}/${n}`)
    ];
    console.log(lines.join("\n"));
    // Thresholds. By rule, truncated traces (5.4% of pairs) and option-text answers (few-shot,
    // 4.9%) stay unparsed while the judge still logged a letter, so ~89.5% is the ceiling; 87%
    // leaves about 80 responses of slack before a regression fails the test.
    expect(rate).toBeGreaterThan(0.87);
    // Outside those two structural categories disagreement is rare (99.0% measured): refusals,
    // 'none of the options', and letters that contradict the option text the response names.
    expect(comparableRate).toBeGreaterThan(0.98);
    // False positives are the costly error: a letter where the judge read another (0.43% measured).
    expect(otherLetter / pairs.length).toBeLessThan(0.01);
  });
});
