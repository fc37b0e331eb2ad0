import {seededRandom} from "../src/lib/stats/random.js";
import {MCQ_10, MCQ_5, scaledQuestions, type DemoTask} from "./demo-medreseval-registry.js";
import {fnvSeed, normal, shuffle} from "./demo-random.js";
import {drawCaseWords, type CaseWords} from "./demo-text-vocabulary.js";

/**
 * The question bank of the MedResEval demo: every task's questions (ids, golds, options, latent
 * difficulty, case vocabulary), identical for every model; the derived tasks are built from shared
 * MedQA source questions (docs/demo-generator.md).
 */

/** A question as every model sees it. */
export interface DemoQuestion {
  question_id: string;
  gold: string;
  /** Option labels (mcq only). */
  choices: string[] | null;
  /** Latent difficulty, shared across models (higher = harder). */
  difficulty: number;
  /** The wrong answer models fall for most often. */
  lure: string;
  /** inc_reas_step: the proposed answer to verify. */
  given: string | null;
  /** The MedQA source question it derives from (samples' `cluster`); null for diagnosis, which has none. */
  cluster: string | null;
  words: CaseWords;
}

/** The cluster id of MedQA source question `index` (0-based): origin's question id with the task's prefix. */
export function medqaCluster(index: number): string {
  return `medqa-${String(index + 1).padStart(4, "0")}`;
}

/** A MedQA source question: its correct letter and difficulty, derived tasks inherit them. */
function medqaSource(seed: number, index: number): {gold: string; difficulty: number; wrong: string} {
  const random = seededRandom(fnvSeed(seed, "medqa", index));
  const gold = MCQ_5[Math.floor(random() * 5)];
  const wrong = MCQ_5.filter((l) => l !== gold)[Math.floor(random() * 4)];
  return {gold, difficulty: normal(random), wrong};
}

/** Which MedQA questions the derived tasks use (the paper's "800 parsable questions"). */
function parsableSources(seed: number, count: number): number[] {
  const pool = Array.from({length: Math.max(1273, count)}, (_, i) => i);
  return shuffle(seededRandom(fnvSeed(seed, "parsable")), pool).slice(0, count);
}

/**
 * The questions of a task at a scale, identical for every model: ids, golds, choices, latent
 * difficulty and case vocabulary.
 */
export function buildQuestions(seed: number, task: DemoTask, scale = 1): DemoQuestion[] {
  const n = scaledQuestions(task, scale);
  const name = task.info.name;
  const random = seededRandom(fnvSeed(seed, "questions", name));
  const id = (i: number) => `${name}-${String(i + 1).padStart(4, "0")}`;
  const mix = (sourceDifficulty: number, weight: number) =>
    weight * sourceDifficulty + Math.sqrt(1 - weight * weight) * normal(random);
  const lureOf = (gold: string, options: readonly string[]) => {
    const others = options.filter((o) => o !== gold);
    return others[Math.floor(random() * others.length)];
  };
  const questions: DemoQuestion[] = [];
  const diagnosis = name === "diagnosis";
  const push = (q: Omit<DemoQuestion, "question_id" | "words">) =>
    questions.push({question_id: id(questions.length), ...q, words: drawCaseWords(random, diagnosis)});

  switch (name) {
    case "origin":
    case "semvar":
      for (let i = 0; i < n; i++) {
        const source = medqaSource(seed, i);
        push({
          gold: source.gold,
          choices: MCQ_5,
          difficulty: name === "origin" ? source.difficulty : mix(source.difficulty, 0.9),
          lure: source.wrong,
          given: null,
          cluster: medqaCluster(i)
        });
      }
      break;
    case "redu_ava_clu": {
      const sources = parsableSources(seed, Math.ceil(n / 4));
      for (const s of sources) {
        const source = medqaSource(seed, s);
        // Correct option (true), wrong option (false), and their negations (false, true), shuffled.
        for (const gold of shuffle(random, ["true", "false", "false", "true"]))
          push({
            gold,
            choices: null,
            difficulty: mix(source.difficulty, 0.6),
            lure: gold === "true" ? "false" : "true",
            given: null,
            cluster: medqaCluster(s)
          });
      }
      break;
    }
    case "exp_deci_spac":
    case "inc_reas_step": {
      const sources = parsableSources(seed, Math.ceil(n / 2));
      for (const s of sources) {
        const source = medqaSource(seed, s);
        const firstIsOriginal = random() < 0.5;
        for (const original of firstIsOriginal ? [true, false] : [false, true]) {
          const difficulty = mix(source.difficulty, 0.6);
          if (name === "exp_deci_spac") {
            const gold = original ? "yes" : "no";
            push({
              gold,
              choices: null,
              difficulty,
              lure: original ? "no" : "yes",
              given: null,
              cluster: medqaCluster(s)
            });
          } else {
            // Given answer correct (original) or the source's wrong option; gold is the correct letter.
            const given = original ? source.gold : source.wrong;
            push({
              gold: source.gold,
              choices: MCQ_5,
              difficulty,
              lure: original ? lureOf(source.gold, MCQ_5) : given,
              given,
              cluster: medqaCluster(s)
            });
          }
        }
      }
      break;
    }
    case "diagnosis":
      for (let i = 0; i < n; i++) {
        const gold = random() < 0.1 ? "J" : MCQ_10[Math.floor(random() * 9)];
        push({
          gold,
          choices: MCQ_10,
          difficulty: normal(random),
          lure: lureOf(gold, MCQ_10),
          given: null,
          cluster: null
        });
      }
      break;
    default:
      throw new Error(`buildQuestions: unknown task ${name}`);
  }
  return questions.slice(0, n);
}
