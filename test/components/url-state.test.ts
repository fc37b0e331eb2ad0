import {describe, expect, it} from "vitest";
import {
  bindParam,
  bindSort,
  listParam,
  optionParam,
  readParam,
  searchText,
  shownSort,
  sortParam,
  textParam,
  type UrlEnvironment,
  writeParam
} from "../../src/components/url-state.js";
import {testDocument} from "../snapshot.js";

/** A page's location and history, recording each replaceState. */
function page(href: string): UrlEnvironment & {calls: string[]} {
  const env = {
    calls: [] as string[],
    location: {href},
    history: {
      state: {scroll: 1},
      replaceState(state: unknown, _: string, url: string | URL) {
        expect(state).toEqual({scroll: 1});
        env.location.href = String(url);
        env.calls.push(String(url));
      }
    }
  };
  return env;
}

describe("readParam", () => {
  const show = optionParam("show", ["all", "wrong", "ties"], "all");
  it("reads a known value and falls back to the default for an absent or unknown one", () => {
    expect(readParam(show, page("https://h/medscale/m1/run.html?id=r1&show=wrong"))).toBe("wrong");
    expect(readParam(show, page("https://h/medscale/m1/run.html?id=r1"))).toBe("all");
    expect(readParam(show, page("https://h/medscale/m1/run.html?show=bogus"))).toBe("all");
  });
  it("reads an empty list as empty, unlike an absent one", () => {
    const models = listParam("models", ["a", "b"]);
    expect(readParam(models, page("https://h/p?models="))).toEqual([]);
    expect(readParam(models, page("https://h/p"))).toEqual(["a", "b"]);
    expect(readParam(models, page("https://h/p?models=a%252Cb,c"))).toEqual(["a,b", "c"]);
  });
  it("reads a sort as a known column and a direction", () => {
    const sort = sortParam("sort", ["model", "accuracy"]);
    expect(readParam(sort, page("https://h/p?sort=-accuracy"))).toEqual({sort: "accuracy", reverse: true});
    expect(readParam(sort, page("https://h/p?sort=model"))).toEqual({sort: "model", reverse: false});
    expect(readParam(sort, page("https://h/p?sort=secret"))).toEqual({sort: undefined, reverse: false});
  });
});

describe("writeParam", () => {
  it("sets a value with replaceState, keeping the path, the other parameters and the anchor", () => {
    const env = page("https://h/medscale/m1/run.html?id=r%201#votes");
    writeParam(textParam("q"), "medqa 0001", env);
    expect(env.calls).toEqual(["https://h/medscale/m1/run.html?id=r+1&q=medqa+0001#votes"]);
    expect(readParam(textParam("q"), env)).toBe("medqa 0001");
  });
  it("removes a default value, and does not touch the history when nothing changes", () => {
    const env = page("https://h/p?show=wrong&id=r1");
    const show = optionParam("show", ["all", "wrong"], "all");
    writeParam(show, "all", env);
    expect(env.location.href).toBe("https://h/p?id=r1");
    writeParam(show, "all", env);
    expect(env.calls).toHaveLength(1);
  });
  it("round-trips a list holding a comma, and writes an empty list as an empty parameter", () => {
    const models = listParam("models", ["a"]);
    const env = page("https://h/p");
    writeParam(models, ["x,y", "z"], env);
    expect(readParam(models, env)).toEqual(["x,y", "z"]);
    writeParam(models, [], env);
    expect(env.location.href).toBe("https://h/p?models=");
    writeParam(models, ["a"], env);
    expect(env.location.href).toBe("https://h/p");
  });
});

describe("bindParam and bindSort", () => {
  const document = testDocument();
  it("writes an input's value on every input event", () => {
    const env = page("https://h/p");
    const form = document.createElement("form");
    const box = form.appendChild(document.createElement("input"));
    bindParam(form, textParam("filter"), searchText, env);
    box.value = "gpt-4o";
    form.dispatchEvent(new document.defaultView!.Event("input"));
    expect(env.location.href).toBe("https://h/p?filter=gpt-4o");
  });
  it("writes the sort a table shows after a click on its heading", () => {
    const env = page("https://h/p?x=1");
    const table = document.createElement("form");
    table.innerHTML =
      '<table><thead><tr><th></th><th title="model"><span></span>model</th><th title="accuracy"><span></span>accuracy</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>';
    const accuracy = table.querySelector<HTMLElement>('th[title="accuracy"]')!;
    // as Inputs.table does: the heading's own handler marks the sorted column, ▴ then ▾
    accuracy.addEventListener("click", () => {
      const mark = accuracy.querySelector("span")!;
      mark.textContent = mark.textContent === "▴" ? "▾" : "▴";
    });
    const sort = sortParam("sort", ["model", "accuracy"]);
    bindSort(table, sort, env);
    expect(shownSort(table)).toEqual({sort: undefined, reverse: false});
    accuracy.click();
    expect(env.location.href).toBe("https://h/p?x=1&sort=accuracy");
    accuracy.click();
    expect(env.location.href).toBe("https://h/p?x=1&sort=-accuracy");
    table.querySelector("td")!.click();
    expect(env.calls).toHaveLength(2);
  });
});

describe("listParam", () => {
  it("writes a set in one order, so the default in another order leaves the URL plain", () => {
    const models = listParam("models", ["b", "a"]);
    const env = page("https://h/p?models=c");
    writeParam(models, ["a", "b"], env);
    expect(env.location.href).toBe("https://h/p");
    writeParam(models, ["c", "a"], env);
    expect(env.location.href).toBe("https://h/p?models=a%2Cc");
  });
});
