import {describe, expect, it} from "vitest";
import {siteLocation} from "../../../data-loaders/pipeline/site-location.js";

describe("siteLocation", () => {
  const project = "/home/me/medscale";

  it("keeps a relative root relative (normalized)", () => {
    expect(siteLocation("runs/demo/medreseval", project)).toBe("runs/demo/medreseval");
    expect(siteLocation("./runs//demo/", project)).toBe("runs/demo");
    expect(siteLocation("../shared/real-logs/inspect", project)).toBe("../shared/real-logs/inspect");
  });

  it("shows an absolute root inside the project relative to it", () => {
    expect(siteLocation("/home/me/medscale/runs/demo/m1", project)).toBe("runs/demo/m1");
    expect(siteLocation("/home/me/medscale", project)).toBe(".");
  });

  it("keeps an absolute root outside the project, and a URL, as the user gave them", () => {
    expect(siteLocation("/data/runs", project)).toBe("/data/runs");
    expect(siteLocation("/home/me/medscale-other/runs", project)).toBe("/home/me/medscale-other/runs");
    expect(siteLocation("https://example.org/runs/", project)).toBe("https://example.org/runs/");
  });

  it("masks the credentials of a URL", () => {
    expect(siteLocation("https://user:secret@example.org/runs/", project)).toBe(
      "https://***@example.org/runs/"
    );
  });
});
