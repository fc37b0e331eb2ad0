import {describe, expect, it} from "vitest";
import {placeLabels} from "../../../src/lib/charts/place-labels.js";

const bounds = {left: 0, right: 200, top: 0, bottom: 100};

describe("placeLabels", () => {
  it("puts a lone label to the right of its point", () => {
    expect(placeLabels([{x: 50, y: 50, width: 40, height: 10, r: 4}], bounds)).toEqual([
      {dx: 7, dy: 0, textAnchor: "start"}
    ]);
  });
  it("moves a label that would cover an earlier one: two points 2 px apart get disjoint boxes", () => {
    const [a, b] = placeLabels(
      [
        {x: 50, y: 50, width: 40, height: 10},
        {x: 52, y: 50, width: 40, height: 10}
      ],
      bounds
    );
    expect(a).toEqual({dx: 3, dy: 0, textAnchor: "start"});
    // Right (55 … 95) would cover the first label (53 … 93); left (9 … 49) is clear of it and of both points.
    expect(b).toEqual({dx: -3, dy: 0, textAnchor: "end"});
  });
  it("keeps labels inside the plotting area: a point at the right edge is labelled on its left", () => {
    expect(placeLabels([{x: 195, y: 50, width: 40, height: 10}], bounds)).toEqual([
      {dx: -3, dy: 0, textAnchor: "end"}
    ]);
  });
  it("keeps a label off a neighbouring point: the first goes left when its right would cover the second dot", () => {
    const spots = placeLabels(
      [
        {x: 100, y: 50, width: 20, height: 10, r: 4},
        {x: 112, y: 50, width: 20, height: 10, r: 4}
      ],
      bounds
    );
    // Right of the first: 107 … 127 covers the second dot (108 … 116); left: 73 … 93 is clear.
    expect(spots).toEqual([
      {dx: -7, dy: 0, textAnchor: "end"},
      {dx: 7, dy: 0, textAnchor: "start"}
    ]);
  });
});
