import {readFileSync} from "node:fs";
import * as aq from "arquero";
import type {RunMetrics} from "../../../src/lib/types.js";

/** One cell of Table 4: published normalized score beside the one computed from the logs (percent). */
export interface Table4Cell {
  model: string;
  task: string;
  published: number | null;
  reproduced: number | null;
  difference: number | null;
  run_id: string | null;
}

export const TABLE4_TASKS = [
  "origin",
  "semvar",
  "redu_ava_clu",
  "exp_deci_spac",
  "inc_reas_step",
  "diagnosis"
];

/** Reads medscale's transcription of the published Table 4 (data-loaders/studies/medreseval/reference/). */
export function readPublishedTable4(
  path = "data-loaders/studies/medreseval/reference/medreseval-table4.csv"
): aq.ColumnTable {
  return aq.fromCSV(readFileSync(path, "utf8")).fold(TABLE4_TASKS, {as: ["task", "published"]});
}

/**
 * Table 4 regenerated: every published cell joined (full outer) to the run of the same model × task,
 * reproduced = 100 × normalized score; a cell missing on either side stays null.
 */
export function table4Comparison(
  runs: readonly RunMetrics[],
  published = readPublishedTable4()
): Table4Cell[] {
  const rows = runs.filter((r) => TABLE4_TASKS.includes(r.task));
  // Built from columns, so a root without Table 4's tasks still has the join keys.
  const reproduced = aq.table({
    model: rows.map((r) => r.model),
    task: rows.map((r) => r.task),
    reproduced: rows.map((r) => (r.normalized === null ? null : 100 * r.normalized)),
    run_id: rows.map((r) => r.run_id)
  });
  return (
    published
      // Two key lists: a flat ["model", "task"] would mean left key "model" = right key "task".
      .join_full(reproduced, [
        ["model", "task"],
        ["model", "task"]
      ])
      .derive({
        difference: aq.escape((d: Table4Cell) =>
          d.published === null ||
          d.reproduced === null ||
          d.published === undefined ||
          d.reproduced === undefined
            ? null
            : d.reproduced - d.published
        )
      })
      .objects()
      .map((o) => o as Record<string, unknown>)
      .map((d) => ({
        model: d.model as string,
        task: d.task as string,
        published: (d.published as number | undefined) ?? null,
        reproduced: (d.reproduced as number | undefined) ?? null,
        difference: (d.difference as number | undefined) ?? null,
        run_id: (d.run_id as string | undefined) ?? null
      }))
  );
}
