/**
 * The human name of each task and benchmark code the logs use, as the papers' prose names them
 * (MedResEval §3, Table 4; O1 Journey Part 3, Table 1; m1, Table 2). Axes, legends and tables show these,
 * never the internal code.
 */
const TASK_LABELS: Readonly<Record<string, string>> = {
  origin: "Origin (MedQA)",
  semvar: "Semantic-varied",
  redu_ava_clu: "Reducing available clues",
  exp_deci_spac: "Expanding decision space",
  inc_reas_step: "Increasing reasoning steps",
  diagnosis: "Diagnosis simulation",
  simple: "Reasoning-simple",
  complex: "Reasoning-complex",
  medqa: "MedQA",
  medbullets: "Medbullets",
  jama: "JAMA Clinical Challenge",
  "medqa.test": "MedQA (test)",
  "medqa.test_hard": "MedQA (hard subset)",
  "medbullets.test": "Medbullets (test)",
  "medbullets.test_hard": "Medbullets (hard subset)"
};

/**
 * The name a reader sees for a task, benchmark or task group code; a code with no entry is shown as it
 * is, so a root with its own tasks still renders.
 *
 * @param code the task's `name` in tasks.json (or a benchmark or group id)
 * @example
 * taskLabel("redu_ava_clu") // "Reducing available clues"
 * taskLabel("my_task") // "my_task"
 */
export function taskLabel(code: string): string {
  return Object.hasOwn(TASK_LABELS, code) ? TASK_LABELS[code] : code;
}
