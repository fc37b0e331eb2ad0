import * as aq from "arquero";
import type {MedresevalComparisonRow, Table4Cell} from "../../../src/contracts/medreseval.js";
import {normalizedGranularityCheck} from "../../../src/lib/stats/normalized-granularity.js";
import type {RunMetrics} from "../../../src/lib/types.js";
import {f, finish, g, key, type RowBase} from "./comparison-rows.js";
import type {LogRun} from "./log-runs.js";
import type {Table4Row} from "./paper.js";
import {readTable4, TABLE4_PATH, TABLE4_TASKS} from "./reference/table4.js";

/**
 * MedResEval Table 4 (Appendix D) compared with the logs, cell by cell: {@link table4Cell} is the one
 * comparison of a cell (published beside 100 × the run's normalized score). The Table 4 page's grid
 * (`table4.json`, {@link table4Comparison}) and the Table 4 rows of `comparison.json`
 * ({@link table4Rows}, with tolerance and verdict) are both built from it.
 */

/**
 * One Table 4 cell compared: reproduced = 100 × the run's normalized score (Eq. 4, percent),
 * difference = reproduced − published; null where either side is missing.
 *
 * @example
 * table4Cell("a", "origin", 10, {run_id: "a.origin", normalized: 0.1004})
 * // {model: "a", task: "origin", published: 10, reproduced: 10.04, difference: 0.04, run_id: "a.origin"}
 */
export function table4Cell(
  model: string,
  task: string,
  published: number | null,
  run: {run_id: string; normalized: number | null} | null
): Table4Cell {
  const reproduced = run === null || run.normalized === null ? null : 100 * run.normalized;
  return {
    model,
    task,
    published,
    reproduced,
    difference: published === null || reproduced === null ? null : reproduced - published,
    run_id: run?.run_id ?? null
  };
}

/** medscale's transcription of the published Table 4 as (model, task, published) rows, in its order. */
export function readPublishedTable4(path: string = TABLE4_PATH): aq.ColumnTable {
  const cells = readTable4(path).flatMap((row) =>
    TABLE4_TASKS.map((task) => ({model: row.model, task, published: Number(row.cells[task])}))
  );
  return aq.table({
    model: cells.map((c) => c.model),
    task: cells.map((c) => c.task),
    published: cells.map((c) => c.published)
  });
}

/**
 * Table 4 regenerated (`table4.json`): every published cell joined (full outer) to the run of the same
 * model × task, each pair compared by {@link table4Cell}; a cell missing on either side stays null.
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
    normalized: rows.map((r) => r.normalized),
    run_id: rows.map((r) => r.run_id)
  });
  return (
    published
      // Two key lists: a flat ["model", "task"] would mean left key "model" = right key "task".
      .join_full(reproduced, [
        ["model", "task"],
        ["model", "task"]
      ])
      .objects()
      .map((o) => o as Record<string, unknown>)
      .map((d) => {
        const runId = (d.run_id as string | undefined) ?? null;
        return table4Cell(
          d.model as string,
          d.task as string,
          (d.published as number | undefined) ?? null,
          runId === null ? null : {run_id: runId, normalized: (d.normalized as number | undefined) ?? null}
        );
      })
  );
}

/**
 * The Table 4 rows of `comparison.json`: each published cell against the logs' one run of that
 * model × task ({@link table4Cell}), with the tolerance of the printed rounding plus half a question,
 * and a granularity check — can some whole number of correct answers out of the run's questions print
 * as the published value at all?
 *
 * @param runsByCell the logs' runs by {@link key}(model, task), after the study's run selection
 */
export function table4Rows(
  table4: readonly Table4Row[],
  runsByCell: ReadonlyMap<string, LogRun[]>
): MedresevalComparisonRow[] {
  return table4.flatMap((row) =>
    Object.entries(row.cells).map(([task, pub]) => {
      const base: RowBase = {
        item: `Table 4 · ${row.model} · ${task} (normalized %)`,
        table: "Table 4",
        where: "Appendix D",
        unit: "normalized %",
        published: pub,
        tableName: "Table 4"
      };
      const found = runsByCell.get(key(row.model, task)) ?? [];
      if (found.length !== 1) {
        const selected = found.length > 1 ? ` (${found.length} runs, none selected)` : "";
        return finish({
          ...base,
          reproduced: null,
          granularity: null,
          granularityNote: "",
          derived: [],
          runIds: [],
          fit: null,
          missing: `no single run in the logs for ${row.model} × ${task}${selected}`,
          extra: []
        });
      }
      const r = found[0];
      const compared = table4Cell(row.model, task, pub.value, r);
      const check = normalizedGranularityCheck(pub, r.questions, r.chance, r.max);
      return finish({
        ...base,
        reproduced: compared.reproduced,
        granularity: 100 * r.half_step,
        granularityNote: ` — one question = ${g(check.step)} points: ${r.questions} questions, chance ${g(r.chance, 1)}`,
        derived: [],
        runIds: [r.run_id],
        fit: null,
        missing: null,
        extra: check.ok
          ? []
          : [
              {
                cause: "granularity",
                text:
                  `granularity: with ${r.questions} questions and chance ${g(r.chance, 1)} (the logs), the score moves in steps ` +
                  `of ${g(check.step)} points — ${f(check.below, pub.decimals + 3)} and ` +
                  `${f(check.above, pub.decimals + 3)} are neighbours and neither prints ` +
                  `as ${pub.text}, so no whole number of correct answers gives the published value`
              }
            ]
      });
    })
  );
}
