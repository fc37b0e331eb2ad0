import {describe, expect, it} from "vitest";
import {dataSourceLabel} from "../../src/components/data-source-label.js";
import type {SiteMeta} from "../../src/contracts/common.js";
import {testDocument} from "../snapshot.js";

const base: SiteMeta = {
  id: "medreseval",
  title: "MedResEval",
  location: "runs/demo/medreseval",
  format: "canonical",
  root: null,
  absent_reason: null,
  files: 12,
  input_sha256: "abc",
  models: [],
  tasks: [],
  prepared_at: "2026-11-30T00:00:00Z"
};

describe("dataSourceLabel", () => {
  const document = testDocument();

  it("labels synthetic demo logs as such, with the root's own description as text", () => {
    const el = dataSourceLabel(
      {...base, root: {synthetic: true, description: "Calibrated <b>demo</b>."}},
      {document}
    );
    expect(el.className).toBe("synthetic-label");
    expect(el.textContent).toContain("MedResEval: synthetic demo logs, not real model output.");
    expect(el.textContent).toContain("Calibrated <b>demo</b>.");
    expect(el.querySelector("b")).toBeNull();
  });

  it("labels real logs by where they were read", () => {
    const el = dataSourceLabel(
      {...base, title: "Inspect", location: "../shared/real-logs/inspect"},
      {document}
    );
    expect(el.className).toBe("real-data-label");
    expect(el.textContent).toBe(
      "Inspect: real logs. Read from ../shared/real-logs/inspect (canonical format, 12 files)."
    );
  });

  it("warns, with the reason, when the logs are absent", () => {
    const el = dataSourceLabel(
      {...base, location: null, absent_reason: "../shared/real-logs/x does not exist"},
      {document}
    );
    expect(el.className).toBe("warning");
    expect(el.textContent).toBe(
      "MedResEval: the logs are absent from this build. ../shared/real-logs/x does not exist. Nothing below is computed for it."
    );
  });
});
