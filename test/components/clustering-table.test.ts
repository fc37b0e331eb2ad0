import {expect, it} from "vitest";
import {clusteringTable} from "../../src/components/clustering-table.js";
import type {ClusteringSummary} from "../../src/contracts/medreseval.js";
import {expectSnapshot, testDocument} from "../snapshot.js";

const summary: ClusteringSummary = {
  clusters: 1273,
  groups: [
    {
      group: "simple",
      label: "Reasoning-simple",
      models: 18,
      questions: 2546,
      clustered_questions: 2546,
      ratio_min: 1.144,
      ratio_median: 1.166,
      ratio_max: 1.183
    },
    {
      group: "diagnosis",
      label: "Diagnosis",
      models: 18,
      questions: 1989,
      clustered_questions: 0,
      ratio_min: 1,
      ratio_median: 1,
      ratio_max: 1
    }
  ],
  fits: [
    {
      id: "complex.~7B",
      group: "complex",
      size_class: "~7B",
      alpha: 0.06996,
      alpha_bootstrap_sd: 0.00588,
      alpha_se: 0.00617,
      alpha_clustered_se: 0.00852,
      inflation: 1.3815
    }
  ],
  means: []
};

it("clusteringTable says how much wider clustering makes the group means and α, and tables both", () => {
  const el = clusteringTable(summary, {groupLabel: (id) => id.toUpperCase(), document: testDocument()});
  // Diagnosis has no question sharing a cluster: it is tabled but not named in the sentence.
  expect(el.querySelector("p")!.textContent).toBe(
    "The logs group their questions into 1273 clusters (questions derived from one source question). Counting " +
      "the variants of one source as correlated widens the standard error of a model's group mean 1.17× on " +
      "SIMPLE, and the question-level standard error of α 1.38× (complex.~7B)."
  );
  const cells = [...el.querySelectorAll("tbody tr")].map((tr) =>
    [...tr.querySelectorAll("td")].map((td) => td.textContent)
  );
  expect(cells).toEqual([
    ["SIMPLE", "18", "2546", "2546", "1.17× (1.14×–1.18×)"],
    ["DIAGNOSIS", "18", "1989", "0", "1.00× (1.00×–1.00×)"],
    ["complex.~7B", "0.0700", "0.0059", "0.0062", "0.0085", "1.38×"]
  ]);
  expectSnapshot(el, "clustering-table");
});

it("clusteringTable says so when the logs carry no clusters", () => {
  const el = clusteringTable({...summary, clusters: 0}, {document: testDocument()});
  expect(el.textContent).toContain("no cluster ids");
  expect(el.querySelectorAll("table")).toHaveLength(0);
});
