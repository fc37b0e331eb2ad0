import {gzipSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {fetchBuiltFile} from "../../src/components/fetch-built-file.js";
import {runFiles, type RunVote} from "../../src/contracts/run-files.js";
import {jsonFile} from "../../src/contracts/site-file.js";

const vote: RunVote = {
  question_id: "q1",
  round: 0,
  gold: "A",
  prediction: "A",
  correct: true,
  tie: false,
  unparsed: 0,
  answers: ["A", "B", "A"],
  chunk: 0
};

/** A server holding `files` (path → body); records every URL asked for. */
function server(files: Record<string, Uint8Array | string>) {
  const asked: string[] = [];
  const fetch = async (url: URL) => {
    asked.push(url.href);
    const body = files[url.pathname];
    return body === undefined
      ? new Response("not found", {status: 404})
      : new Response(typeof body === "string" ? body : new Uint8Array(body));
  };
  return {asked, fetch};
}

describe("fetchBuiltFile", () => {
  const root = new URL("https://example.org/site/");
  const file = runFiles.votes("Qwen2.5-7B.vanilla.medqa#1", "votes-0123456789ab.json.gz");
  const path = "/site/data/medreseval/runs/Qwen2.5-7B.vanilla.medqa%231/votes-0123456789ab.json.gz";

  it("fetches the built file at its own path under the site root, each segment encoded, and gunzips it", async () => {
    const {asked, fetch} = server({[path]: gzipSync(JSON.stringify([vote]))});
    expect(await fetchBuiltFile(root, "medreseval", file, {fetch})).toEqual([vote]);
    expect(asked).toEqual([`https://example.org${path}`]);
  });

  it("falls back to the preview server's /_file/ address on a 404", async () => {
    const devPath = path.replace("/site/data/", "/site/_file/data/");
    const {asked, fetch} = server({[devPath]: gzipSync(JSON.stringify([vote]))});
    expect(await fetchBuiltFile(root, "medreseval", file, {fetch})).toEqual([vote]);
    expect(asked).toHaveLength(2);
  });

  it("fails with the file's name when neither address has it", async () => {
    const {fetch} = server({});
    await expect(fetchBuiltFile(root, "medreseval", file, {fetch})).rejects.toThrow(
      `runs/Qwen2.5-7B.vanilla.medqa#1/votes-0123456789ab.json.gz: HTTP 404`
    );
  });

  it("reads a plain JSON file as JSON", async () => {
    const {fetch} = server({"/site/data/m1/runs/r/run.json": '{"a":1}'});
    expect(await fetchBuiltFile(root, "m1", jsonFile<{a: number}>("runs/r/run.json"), {fetch})).toEqual({
      a: 1
    });
  });
});
