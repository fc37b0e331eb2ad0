import {DuckDBScalarFunction, VARCHAR, type DuckDBConnection} from "@duckdb/node-api";
import {extractAnswer} from "../../src/lib/scoring/extract/index.js";

/**
 * The JavaScript functions the scoring query (scoring.ts) calls, registered on a connection:
 *
 * - `medscale_extract(response, answer_type, choices_json)`: medscale's TypeScript answer extractor
 *   (src/lib/scoring/extract), the one definition of extraction, run inside the query;
 * - `medscale_json(text)`: `JSON.stringify` of a string, so rejection reasons quote values exactly as
 *   the TypeScript scorer does.
 *
 * DuckDB calls them a chunk (up to 2048 rows) at a time on the JS thread.
 */
export function registerScoringFunctions(connection: DuckDBConnection): void {
  const choicesCache = new Map<string, string[]>();
  const choicesOf = (json: string | null): string[] | null => {
    if (json === null) return null;
    let parsed = choicesCache.get(json);
    if (parsed === undefined) {
      parsed = JSON.parse(json) as string[];
      choicesCache.set(json, parsed);
    }
    return parsed;
  };
  connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: "medscale_extract",
      returnType: VARCHAR,
      parameterTypes: [VARCHAR, VARCHAR, VARCHAR],
      specialHandling: true, // NULL choices are meaningful (A–J allowed): the function sees them
      mainFunction: (_info, input, output) => {
        const responses = input.getColumnVector(0);
        const types = input.getColumnVector(1);
        const choices = input.getColumnVector(2);
        for (let i = 0; i < input.rowCount; i++) {
          const response = responses.getItem(i) as string | null;
          const type = types.getItem(i) as string | null;
          output.setItem(
            i,
            response === null || type === null
              ? null
              : extractAnswer(response, type, choicesOf(choices.getItem(i) as string | null))
          );
        }
        output.flush();
      }
    })
  );
  connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: "medscale_json",
      returnType: VARCHAR,
      parameterTypes: [VARCHAR],
      mainFunction: (_info, input, output) => {
        const values = input.getColumnVector(0);
        for (let i = 0; i < input.rowCount; i++) {
          const value = values.getItem(i) as string | null;
          output.setItem(i, value === null ? null : JSON.stringify(value));
        }
        output.flush();
      }
    })
  );
}
