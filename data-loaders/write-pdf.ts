import {existsSync} from "node:fs";
import {parseArgs} from "node:util";
import {printReport, REPORT_PAGES} from "./print/print-report.js";

const USAGE = `usage: npm run pdf [-- --dist <dir>] [--out <file>] [--paper a4|letter] [--site-url <url>] [--page <path>…]

Prints the built site's reports (npm run build first) as one paper-like PDF with headless Chromium
(/usr/bin/chromium, or CHROMIUM_PATH). Defaults: --dist dist, --out dist-pdf/medscale-report.pdf, --paper a4,
pages ${REPORT_PAGES.join(", ")}. With --site-url (where the site is published), links to pages not
printed point there; without it they become numbered references to the pages' paths in the site.
`;

/** `npm run pdf`: the report as a PDF (docs/site.md, "The report as a PDF"). */
async function main(args: string[]): Promise<number> {
  const {values} = parseArgs({
    args,
    options: {
      dist: {type: "string", default: process.env.MEDSCALE_DIST ?? "dist"},
      out: {type: "string", default: "dist-pdf/medscale-report.pdf"},
      paper: {type: "string", default: "a4"},
      "site-url": {type: "string"},
      page: {type: "string", multiple: true},
      help: {type: "boolean"}
    }
  });
  const paper = values.paper;
  if (values.help || (paper !== "a4" && paper !== "letter")) {
    process.stderr.write(USAGE);
    return values.help ? 0 : 2;
  }
  if (!existsSync(`${values.dist}/index.html`)) {
    process.stderr.write(`pdf: no built site in ${values.dist}/ (run npm run build first)\n`);
    return 1;
  }
  const started = performance.now();
  const result = await printReport({
    dist: values.dist,
    out: values.out,
    paper,
    pages: values.page ?? REPORT_PAGES,
    siteUrl: values["site-url"] ?? null
  });
  process.stdout.write(
    `wrote ${result.out}: ${(result.bytes / 1e6).toFixed(2)} MB, ${result.titles.length} reports ` +
      `(${result.titles.join("; ")}), ${result.references.length} pages cited, ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s\n`
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`pdf: ${error.message}\n`);
    process.exitCode = 1;
  }
);
