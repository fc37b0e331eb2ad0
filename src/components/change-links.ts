import type {SiteChanges} from "../contracts/changes.js";
import {pageHref} from "../lib/site/page-href.js";

/** Where a run, fit or verdict of a diff is shown in the built site, from a page at `root`. */
export interface ChangeLinks {
  run(study: string, runId: string): string | null;
  fit(study: string, fitId: string): string | null;
  verdict(): string;
}

/**
 * The links of the "What changed" page: a run to its run page (`run.html?id=`) unless the run left the logs,
 * a fit to its audit page when this build has one, a verdict to the paper-vs-reproduced page.
 *
 * @param root the site root relative to the page, e.g. "." for a top-level page
 */
export function changeLinks(data: SiteChanges, root = "."): ChangeLinks {
  const removed = new Set(
    data.runs.filter((r) => r.change === "removed").map((r) => `${r.study}\t${r.run_id}`)
  );
  return {
    run: (study, runId) =>
      study && !removed.has(`${study}\t${runId}`)
        ? `${pageHref(`${root}/${study}`, "run")}?id=${encodeURIComponent(runId)}`
        : null,
    fit: (study, fitId) => {
      const slug = data.audits[study]?.[fitId];
      return slug ? pageHref(`${root}/${study}/audit`, slug) : null;
    },
    verdict: () => pageHref(`${root}/comparison`)
  };
}
