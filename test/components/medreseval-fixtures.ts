import type {ReportMean, ReportRun} from "../../src/contracts/medreseval.js";

/** A small slice of report.json: four Llama models and two Qwen models, by hand. */
const models: [string, string, string, number, number][] = [
  ["llama-7B", "llama", "~7B", 7, 1.4],
  ["llama2-7B", "llama2", "~7B", 7, 2],
  ["llama3-8B", "llama3", "~7B", 8, 15],
  ["llama-65B", "llama", "~70B", 65, 1.4],
  ["llama3-70B", "llama3", "~70B", 70, 15],
  ["Qwen2-7B", "Qwen2", "~7B", 7, 7]
];
const scores: Record<string, Record<string, number>> = {
  "llama-7B": {origin: 0.011, semvar: 0.047, exp_deci_spac: 0.005, diagnosis: -0.064},
  "llama2-7B": {origin: 0.203, semvar: 0.075, exp_deci_spac: -0.021, diagnosis: -0.031},
  "llama3-8B": {origin: 0.369, semvar: 0.319, exp_deci_spac: 0.019, diagnosis: 0.064},
  "llama-65B": {origin: 0.341, semvar: 0.291, exp_deci_spac: 0.049, diagnosis: 0.051},
  "llama3-70B": {origin: 0.61, semvar: 0.601, exp_deci_spac: 0.325, diagnosis: 0.241},
  "Qwen2-7B": {origin: 0.34, semvar: 0.335, exp_deci_spac: 0.06, diagnosis: 0.119}
};

export const runs: ReportRun[] = models.flatMap(([model, family, size_class, params_b, train_tokens_t]) =>
  Object.entries(scores[model]).map(([task, normalized]) => ({
    run_id: `${model}.${task}`,
    model,
    family,
    params_b,
    train_tokens_t,
    instruct: false,
    size_class,
    task,
    questions: 100,
    accuracy: 0.5,
    normalized
  }))
);

export const means: ReportMean[] = models.flatMap(([model, family, size_class, params_b, train_tokens_t]) => [
  {
    group: "simple",
    model,
    family,
    size_class,
    params_b,
    train_tokens_t,
    instruct: false,
    mean: (scores[model].origin + scores[model].semvar) / 2,
    run_ids: [`${model}.origin`, `${model}.semvar`],
    reason: null
  },
  {
    group: "complex",
    model,
    family,
    size_class,
    params_b,
    train_tokens_t,
    instruct: false,
    mean: scores[model].exp_deci_spac,
    run_ids: [`${model}.exp_deci_spac`],
    reason: null
  }
]);
