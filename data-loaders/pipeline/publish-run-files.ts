import {copyFileSync, existsSync, mkdirSync, readFileSync, statSync} from "node:fs";
import {dirname, join} from "node:path";
import {commonFiles} from "../../src/contracts/common.js";
import {type RunIndex, runFiles, type RunPageInfo} from "../../src/contracts/run-files.js";
import type {SiteFile} from "../../src/contracts/site-file.js";

/**
 * Copies every run's files (src/contracts/run-files.ts) from the prepared site data into the built site,
 * at `<dist>/data/<dataset>/<name>`, the address pages fetch them from (src/components/fetch-built-file.ts).
 * Runs after `observable build`, which empties `dist/` first. Framework would copy them too when listed in
 * `dynamicPaths`, but it extracts each from the study's archive by reading the archive from its start and
 * then copies it out of its cache: for a thousand files of a 20 MB archive that was most of its asset time,
 * where these files need no processing at all. Only the files a run-index.json names are copied.
 *
 * @example publishRunFiles(".medscale/site", "dist", ["medreseval"]) // {files: 483, bytes: 19822201}
 */
export function publishRunFiles(
  siteDir: string,
  distDir: string,
  datasets: readonly string[]
): {files: number; bytes: number} {
  let files = 0;
  let bytes = 0;
  const copy = (dataset: string, file: SiteFile<unknown>) => {
    const target = join(distDir, "data", dataset, file.name);
    mkdirSync(dirname(target), {recursive: true});
    copyFileSync(join(siteDir, dataset, file.name), target);
    files++;
    bytes += statSync(target).size;
  };
  for (const dataset of datasets) {
    const indexPath = join(siteDir, dataset, commonFiles.runIndex.name);
    if (!existsSync(indexPath)) continue;
    const index = JSON.parse(readFileSync(indexPath, "utf8")) as RunIndex;
    for (const [runId, entry] of Object.entries(index)) {
      const info = runFiles.info(runId, entry.info);
      const {responses, texts} = JSON.parse(
        readFileSync(join(siteDir, dataset, info.name), "utf8")
      ) as RunPageInfo;
      copy(dataset, info);
      copy(dataset, runFiles.votes(runId, entry.votes.file));
      for (const chunk of responses.chunks) copy(dataset, runFiles.responses(runId, chunk.file));
      for (const chunk of texts) copy(dataset, runFiles.texts(runId, chunk.file));
    }
  }
  return {files, bytes};
}
