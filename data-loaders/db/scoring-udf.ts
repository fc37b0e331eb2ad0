import {
  DuckDBScalarFunction,
  INTEGER,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBType
} from "@duckdb/node-api";
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
 * - `medscale_extract(key, response)`: medscale's answer extractor, for the answer type and choices that
 *   the query numbered `key` and put in `extractKeys` (read-samples.ts): a number is read from DuckDB's
 *   vector in place, where each string is copied out; NULL when no answer is found.
 */
export function registerScoringFunctions(connection: DuckDBConnection): ScoringFunctions {
  const functions: ScoringFunctions = {extractKeys: new Map()};
  const register = (
    name: string,
    parameterTypes: DuckDBType[],
    f: (values: (string | number | null)[]) => string | null
  ) =>
    connection.registerScalarFunction(
      DuckDBScalarFunction.create({
        name,
        returnType: VARCHAR,
        parameterTypes,
        mainFunction: (_info, input, output) => {
          const columns = parameterTypes.map((_, c) => input.getColumnVector(c));
          for (let i = 0; i < input.rowCount; i++)
            output.setItem(i, f(columns.map((column) => column.getItem(i) as string | number | null)));
          output.flush();
        }
      })
    );
  // Stryker disable next-line ConditionalExpression: JSON.stringify(null) is "null", and the one argument that can be NULL (a cluster, scoring.ts) is coalesced to 'null' there; gold and question_id are never NULL where it is called
  register("medscale_json", [VARCHAR], ([value]) => (value === null ? null : JSON.stringify(value)));
  register("medscale_check", [VARCHAR], ([line]) => JSON.stringify(checkFromSql(JSON.parse(line as string))));
  register("medscale_extract", [INTEGER, VARCHAR], ([key, response]) => {
    const {answerType, choices} = functions.extractKeys.get(key as number)!;
    return extractAnswer(response as string, answerType, choices);
  });
  return functions;
}

/** State the registered functions read: set by the query that calls them, before it does. */
export interface ScoringFunctions {
  /** `medscale_extract`'s keys: the answer type and choices of each. */
  extractKeys: Map<number, {answerType: string; choices: string[] | null}>;
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
      // Stryker disable next-line StringLiteral: checkLine reads no question_id (validate-sample.ts checks it, and the SQL of read-samples.ts)
      question_id: "",
      sample: 0,
      gold: line.g,
      choices: line.c === null ? null : (JSON.parse(line.c) as string[]),
      // Stryker disable next-line StringLiteral: checkLine only asks whether a response is given (`!== null`), not what it says
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
