import {existsSync, mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {analysisPage} from "./analysis-template.js";

/**
 * `npm run new:analysis -- <name> [--study <id>]`: writes src/analyses/<name>.md, a page that already
 * opens a study's tables with SQL and draws one figure (docs/authoring.md). Refuses to overwrite.
 */
const ANALYSES_DIR = "src/analyses";

function main(args: string[]): number {
  const studyFlag = args.indexOf("--study");
  const study = studyFlag >= 0 ? args[studyFlag + 1] : "medreseval";
  const name = args.filter((_, i) => i !== studyFlag && i !== studyFlag + 1)[0];
  if (!name || !/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    process.stderr.write(
      "usage: npm run new:analysis -- <name> [--study <id>]  (name: lower-case, digits, -)\n"
    );
    return 2;
  }
  const path = join(ANALYSES_DIR, `${name}.md`);
  if (existsSync(path)) {
    process.stderr.write(`${path} exists; pick another name or edit it\n`);
    return 1;
  }
  mkdirSync(ANALYSES_DIR, {recursive: true});
  writeFileSync(path, analysisPage(name, study ?? "medreseval"));
  process.stdout.write(
    `wrote ${path}\nopen http://127.0.0.1:3000/analyses/${name} under \`npm run dev\` ` +
      `(add it to observablehq.config.ts's pages to list it in the sidebar)\n`
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
