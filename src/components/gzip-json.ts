/**
 * Reads a gzip JSON site file (a `gzipJsonFile` of src/contracts) in the browser: the bytes are gunzipped
 * with the platform's DecompressionStream, no library needed. A server that already decoded the file
 * (one sending `Content-Encoding: gzip` for `.gz`) hands over plain JSON, which is read as it is.
 *
 * @example
 * const votes = await gzipJson<RunVote[]>(await fetch("data/medreseval/runs/r1/votes-9f86d081884c.json.gz"));
 */
export async function gzipJson<T>(file: {arrayBuffer(): Promise<ArrayBuffer>}): Promise<T> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const text = gzip
    ? await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text()
    : new TextDecoder().decode(bytes);
  return JSON.parse(text) as T;
}
