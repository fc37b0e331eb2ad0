import {describe, expect, it} from "vitest";
import {shownLocation} from "../../../data-loaders/source/shown-location.js";

describe("shownLocation", () => {
  it("shows a path inside the working directory relative to it", () => {
    expect(shownLocation("/home/me/medscale/runs/demo", "/home/me/medscale")).toBe("runs/demo");
    expect(shownLocation("/home/me/medscale", "/home/me/medscale")).toBe(".");
  });
  it("shows only the last two folders of an absolute path elsewhere", () => {
    expect(shownLocation("/tmp/medscale-site-x/root", "/home/me/medscale")).toBe("…/medscale-site-x/root");
    expect(shownLocation("/home/me/shared/real-logs/inspect", "/home/me/medscale")).toBe(
      "…/real-logs/inspect"
    );
  });
  it("leaves relative paths and URLs as given", () => {
    expect(shownLocation("../shared/real-logs/inspect", "/home/me/medscale")).toBe(
      "../shared/real-logs/inspect"
    );
    expect(shownLocation("https://***@example.org/runs/", "/home/me/medscale")).toBe(
      "https://***@example.org/runs/"
    );
  });
});
