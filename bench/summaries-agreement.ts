import {existsSync, mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {readExtractionAgreement} from "../data-loaders/db/summaries.js";
import {analyzeRoot} from "../data-loaders/pipeline/analyze.js";
import {exportParquet} from "../data-loaders/pipeline/export-parquet.js";

/**
 * How often the portable SQL regexes of data-loaders/db/extract-answers.sql give the answer medscale's
 * TypeScript extractor gives, per root and answer type (docs/summaries.md quotes the figures).
 * Usage: node --import tsx bench/summaries-agreement.ts <root>… (default: the three demo roots and
 * /work/shared/real-logs/medagentsbench when present; an absent root is skipped with a message).
 */
const DEFAULT_ROOTS = [
  "runs/demo/medreseval",
  "runs/demo/o1journey",
  "runs/demo/m1",
  "../shared/real-logs/medagentsbench"
];

const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : DEFAULT_ROOTS;
const work = mkdtempSync(join(tmpdir(), "medscale-agreement-"));
try {
  for (const [index, root] of roots.entries()) {
    if (!existsSync(root)) {
      process.stdout.write(`${root}: absent, skipped\n`);
      continue;
    }
    const parquet = join(work, `parquet-${index}`);
    const {extra: rows} = await analyzeRoot(
      root,
      {database: join(work, "db.duckdb")},
      async (connection, a) => {
        await exportParquet(connection, a.ingest.rootId, parquet);
        return readExtractionAgreement(connection, parquet);
      }
    );
    for (const r of rows ?? [])
      process.stdout.write(
        `${root} ${r.answer_type}: ${r.agreed}/${r.samples} agree (${((100 * r.agreed) / r.samples).toFixed(2)} %; ` +
          `both unparsed ${r.both_unparsed}, only TypeScript ${r.only_typescript}, only SQL ${r.only_sql}, different ${r.different})\n`
      );
  }
} finally {
  rmSync(work, {recursive: true, force: true});
}
