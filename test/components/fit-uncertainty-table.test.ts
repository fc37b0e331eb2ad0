import {expect, it} from "vitest";
import {fitUncertaintyTable} from "../../src/components/fit-uncertainty-table.js";
import type {StudyExtrapolation, StudyFit} from "../../src/contracts/medreseval.js";
import {expectSnapshot, testDocument} from "../snapshot.js";

const fit = {
  id: "simple.~7B",
  n_points: 3,
  alpha: 0.2,
  intervals: {
    alpha: {method: "percentile", level: 0.95, lower: 0.18, upper: 0.22, replicates: 1000, valid: 1000},
    coefficient: null
  },
  alpha_se: 0.01,
  alpha_ci_t: [0.073, 0.327],
  alpha_ci_models: {lower: 0.15, upper: 0.26, replicates: 2000, used: 1990, seed: 1},
  huber: {alpha: 0.19, coefficient: 0.9, delta: 0.001, outliers: 1},
  forms: [
    {form: "power law", slope: -0.2, intercept: 0, loo_rmse: 0.0123, reason: null},
    {
      form: "logistic in ln D",
      slope: null,
      intercept: null,
      loo_rmse: null,
      reason: "a score outside the range of the logistic in ln D"
    }
  ],
  warnings: ["3 points: fewer than 4, α rests on too few models to trust its interval"],
  clustering: {
    clusters: 800,
    points: [],
    alpha_se: 0.01,
    alpha_clustered_se: 0.014,
    inflation: 1.4,
    alpha_ci: [0.1804, 0.2196],
    alpha_clustered_ci: [0.1726, 0.2274]
  }
} as unknown as StudyFit;
const extrapolation = {
  from_size_class: "~7B",
  to_size_class: "~70B",
  to_train_tokens_t: 5,
  tokens_t: 54.8,
  prediction_interval: {method: "fieller", level: 0.95, lower: 27.9, upper: 202.9, reason: null},
  by_form: [
    {form: "power law", tokens_t: 54.8},
    {form: "logistic in ln D", tokens_t: null}
  ],
  warnings: ["54.8T is 3.0× the largest D this fit observed (18T)"]
} as unknown as StudyExtrapolation;

it("fitUncertaintyTable shows α's three intervals with what each covers, the forms, the Fieller interval and warnings", () => {
  const el = fitUncertaintyTable(fit, [extrapolation], {document: testDocument()});
  const rows = [...el.querySelectorAll("tbody tr")].map((tr) =>
    [...tr.querySelectorAll("td")].map((td) => td.textContent)
  );
  expect(rows.map((r) => r[1])).toEqual(["0.1800–0.2200", "0.0730–0.3270", "0.1500–0.2600", "0.1726–0.2274"]);
  expect(rows[3][2]).toContain("1.40× the 0.0100 of independent questions (800 clusters)");
  expect(rows[1][0]).toBe("t-interval, 1 degree of freedom");
  expect([...el.querySelectorAll(".warning")].map((w) => w.textContent)).toHaveLength(2);
  expect(el.textContent).toContain("Fieller 95 % 27.9–202.9T");
  expect(el.textContent).toContain("logistic in ln D never");
  expectSnapshot(el, "fit-uncertainty-table");
});

it("fitUncertaintyTable leaves the clustered row out when the logs carry no clusters", () => {
  const plain = {...fit, clustering: {...fit.clustering, clusters: 0}} as StudyFit;
  const el = fitUncertaintyTable(plain, [], {document: testDocument()});
  expect(el.querySelectorAll("tbody tr")).toHaveLength(3);
});
