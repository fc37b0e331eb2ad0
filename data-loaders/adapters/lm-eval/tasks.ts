import type {TaskInfo} from "../../../src/lib/types.js";
import type {AnswerClass, TaskShape} from "./records.js";
import type {SamplesScan} from "./samples-file.js";

/**
 * lm-eval tasks → registry tasks: one task per lm-eval task name, its answer type from its records,
 * its chance from its choice counts (docs/importers.md, "lm-evaluation-harness").
 */

/**
 * Answer type per task and output kind (key `<task>\n<outputKind>`): the class of its records when
 * they agree, else `judged` (generation) — see docs.
 */
export function taskShapes(samples: SamplesScan[]): Map<string, TaskShape> {
  const classes = new Map<string, Set<AnswerClass>>();
  for (const s of samples)
    for (const run of s.runs.values()) {
      const key = `${s.task}\n${run.outputKind}`;
      const set = classes.get(key) ?? new Set();
      for (const c of run.classes) set.add(c);
      classes.set(key, set);
    }
  const resolved = new Map<string, AnswerClass>();
  for (const [key, set] of classes) resolved.set(key, set.size === 1 ? [...set][0] : "judged");
  // Two output kinds of one task with different answer types become two tasks.
  const byTask = new Map<string, Set<AnswerClass>>();
  for (const [key, cls] of resolved) {
    const task = key.split("\n")[0];
    byTask.set(task, (byTask.get(task) ?? new Set()).add(cls));
  }
  const shapes = new Map<string, TaskShape>();
  for (const [key, cls] of resolved) {
    const [task, outputKind] = key.split("\n") as [string, TaskShape["outputKind"]];
    const name = byTask.get(task)!.size > 1 ? `${task}.${cls}` : task;
    shapes.set(key, {name, cls, outputKind});
  }
  return shapes;
}

/**
 * A registry task with its chance: 0 for judged answers; 1/k when every question has the same k > 1
 * choices ("none" counts a question whose choices are unknown); else none, derived per question.
 */
export function withChance(task: TaskInfo, choiceCounts: Set<number | "none">): TaskInfo {
  const sizes = [...choiceCounts];
  if (task.answer_type === "judged") {
    task.chance = 0;
    task.note = "open-ended answers judged by the harness metric: chance taken as 0";
  } else if (sizes.length === 1 && typeof sizes[0] === "number" && sizes[0] > 1) {
    task.chance = 1 / sizes[0];
    task.note = `chance 1/${sizes[0]}: every question has ${sizes[0]} choices`;
  }
  return task;
}
