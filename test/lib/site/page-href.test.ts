import {describe, expect, it} from "vitest";
import {pageHref} from "../../../src/lib/site/page-href.js";

describe("pageHref", () => {
  it("adds .html to a page path, even when the last segment already has a dot", () => {
    expect(pageHref("../comparison")).toBe("../comparison.html");
    expect(pageHref("./run", "llama-7B.origin")).toBe("./run/llama-7B.origin.html");
  });
  it("encodes each segment after the first, so any run id stays one segment", () => {
    expect(pageHref("../real-inspect/run", "a/b c#1")).toBe("../real-inspect/run/a%2Fb%20c%231.html");
  });
  it("keeps a folder's trailing slash and appends an anchor", () => {
    expect(pageHref("./")).toBe("./");
    expect(pageHref("./audit", "simple-7b", {hash: "backtest"})).toBe("./audit/simple-7b.html#backtest");
  });
});
