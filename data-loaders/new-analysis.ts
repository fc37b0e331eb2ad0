import {STUDY_FILES} from "../src/contracts/index.js";
import {writeAnalysisPage} from "./analysis-template.js";

/**
 * `npm run new:analysis -- <name> [--study <id>]`: writes src/analyses/<name>.md, a page that already
 * opens a study's tables with SQL and draws one figure (docs/authoring.md).
 */
function main(args: string[]): number {
  const flag = args.indexOf("--study");
  const study = flag >= 0 ? args[flag + 1] : "medreseval";
  const names = args.filter((_, i) => flag < 0 || (i !== flag && i !== flag + 1));
  if (names.length !== 1 || study === undefined) {
    process.stderr.write("usage: npm run new:analysis -- <name> [--study <id>]\n");
    return 2;
  }
  try {
    const path = writeAnalysisPage(names[0], study, Object.keys(STUDY_FILES));
    process.stdout.write(
      `wrote ${path}\nsee it at /analyses/${names[0]} under \`npm run dev\`; ` +
        `add it to observablehq.config.ts (section "Analyses") to list it in the sidebar\n`
    );
    return 0;
  } catch (error) {
    process.stderr.write(`new:analysis: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
