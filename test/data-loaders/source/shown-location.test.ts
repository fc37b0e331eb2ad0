import {describe, expect, it} from "vitest";
import {shownLocation} from "../../../data-loaders/source/shown-location.js";

describe("shownLocation", () => {
  const project = "/home/me/medscale";

  it("keeps a relative root relative (normalized)", () => {
    expect(shownLocation("runs/demo/medreseval", project)).toBe("runs/demo/medreseval");
    expect(shownLocation("./runs//demo/", project)).toBe("runs/demo");
    expect(shownLocation("../shared/real-logs/inspect", project)).toBe("../shared/real-logs/inspect");
  });

  it("shows an absolute path inside the project relative to it", () => {
    expect(shownLocation("/home/me/medscale/runs/demo", project)).toBe("runs/demo");
    expect(shownLocation("/home/me/medscale/runs/demo/m1", project)).toBe("runs/demo/m1");
    expect(shownLocation("/home/me/medscale", project)).toBe(".");
  });

  it("shows only the last two folders of an absolute path elsewhere", () => {
    expect(shownLocation("/tmp/medscale-site-x/root", project)).toBe("…/medscale-site-x/root");
    expect(shownLocation("/home/me/shared/real-logs/inspect", project)).toBe("…/real-logs/inspect");
    // a sibling whose name starts with the project's is outside it
    expect(shownLocation("/home/me/medscale-other/runs", project)).toBe("…/medscale-other/runs");
  });

  it("keeps a URL, with its credentials masked", () => {
    expect(shownLocation("https://example.org/runs/", project)).toBe("https://example.org/runs/");
    expect(shownLocation("https://user:secret@example.org/runs/?token=abc", project)).toBe(
      "https://***@example.org/runs/?token=***"
    );
  });
});
