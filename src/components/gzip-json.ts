/**
 * The bytes of a gzip site file, gunzipped in the browser with the platform's DecompressionStream, no
 * library needed. A server that already decoded the file (one sending `Content-Encoding: gzip` for `.gz`)
 * hands over the plain bytes, which are returned as they are (no gzip magic number 1f 8b).
 *
 * @example
 * const wasm = await gunzipped(new Uint8Array(await (await fetch("duckdb-eh.wasm.gz")).arrayBuffer()));
 */
export async function gunzipped(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  if (!(bytes[0] === 0x1f && bytes[1] === 0x8b)) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Reads a gzip JSON site file (a `gzipJsonFile` of src/contracts) in the browser, through {@link gunzipped}.
 *
 * @example
 * const votes = await gzipJson<RunVote[]>(await fetch("data/medreseval/runs/r1/votes-9f86d081884c.json.gz"));
 */
export async function gzipJson<T>(file: {arrayBuffer(): Promise<ArrayBuffer>}): Promise<T> {
  const bytes = await gunzipped(new Uint8Array(await file.arrayBuffer()));
  return JSON.parse(new TextDecoder().decode(bytes)) as T;
}
