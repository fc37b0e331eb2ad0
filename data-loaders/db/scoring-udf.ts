import {DuckDBScalarFunction, VARCHAR, type DuckDBConnection} from "@duckdb/node-api";

/**
 * The JavaScript function the scoring query (scoring.ts) calls, registered on a connection:
 * `medscale_json(text)`, `JSON.stringify` of a string, so rejection reasons quote values exactly as the
 * TypeScript scorer does. DuckDB calls it a chunk (up to 2048 rows) at a time on the JS thread.
 *
 * The answer extractor no longer runs here: staging (pipeline/stage-line.ts) runs it on the worker
 * threads, beside JSON.parse, so that the response text is not copied out of DuckDB again (docs/ingest.md).
 */
export function registerScoringFunctions(connection: DuckDBConnection): void {
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
