import {DuckDBScalarFunction, VARCHAR, type DuckDBConnection} from "@duckdb/node-api";
import {checkLine} from "../../src/lib/scoring/check-line.js";
import {extractAnswer} from "../../src/lib/scoring/extract/index.js";

/**
 * The JavaScript functions the ingest queries call, registered on a connection. DuckDB calls each a
 * chunk (up to 2048 rows) at a time on the JS thread; the queries call the costly ones once per distinct
 * value.
 *
 * - `medscale_json(text)`: `JSON.stringify` of a string, so rejection reasons quote values exactly as the
 *   TypeScript scorer does (scoring.ts).
 * - `medscale_check(line)`: check-line.ts on a line's gold, choices and upstream answer, given as JSON
 *   `{t: answer type, g: gold, c: choices as JSON text or null, h: answer given, a: answer, x: response
 *   given}`; returns JSON `{r: reason}` or `{g: gold, x: extract, u: upstream answer}` (read-samples.ts).
 * - `medscale_extract(answer_type, choices, response)`: medscale's answer extractor (choices as JSON text,
 *   '' for none); NULL when no answer is found (read-samples.ts).
 */
export function registerScoringFunctions(connection: DuckDBConnection): void {
  const register = (name: string, parameters: number, f: (values: (string | null)[]) => string | null) =>
    connection.registerScalarFunction(
      DuckDBScalarFunction.create({
        name,
        returnType: VARCHAR,
        parameterTypes: Array.from({length: parameters}, () => VARCHAR),
        mainFunction: (_info, input, output) => {
          const columns = Array.from({length: parameters}, (_, c) => input.getColumnVector(c));
          for (let i = 0; i < input.rowCount; i++)
            output.setItem(i, f(columns.map((column) => column.getItem(i) as string | null)));
          output.flush();
        }
      })
    );
  register("medscale_json", 1, ([value]) => (value === null ? null : JSON.stringify(value)));
  register("medscale_check", 1, ([line]) => JSON.stringify(checkFromSql(JSON.parse(line!))));
  register("medscale_extract", 3, ([answerType, choices, response]) =>
    extractAnswer(response!, answerType!, choices ? (JSON.parse(choices) as string[]) : null)
  );
}

interface SqlLine {
  t: string;
  g: string;
  c: string | null;
  h: boolean;
  a: string | null;
  x: boolean;
}

function checkFromSql(line: SqlLine): {r: string} | {g: string; x: boolean; u: string | null} {
  const checked = checkLine(
    {
      question_id: "",
      sample: 0,
      gold: line.g,
      choices: line.c === null ? null : (JSON.parse(line.c) as string[]),
      response: line.x ? "" : null,
      output_tokens: null,
      round: null,
      upstream_correct: null,
      ...(line.h ? {answer: line.a} : {})
    },
    line.t
  );
  if ("reason" in checked) return {r: checked.reason};
  return {g: checked.gold, x: checked.extract, u: checked.upstream ?? null};
}
