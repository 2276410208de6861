// The answer form's grids as shown and as stored (app/_lib/entry-grids.ts): a column-layout
// quantity round-trips through its transposed grid, and a draft from elsewhere brings in only the
// cells newer than the form's own, never the one being typed in.
import { describe, expect, it } from "vitest";
import { localCopyOf, shownOf, storedOf, takeNewer } from "../app/_lib/entry-grids";

// z^1 of a 3-4-3 network in column layout with two samples: stored 2×4 (one row per sample), shown 4×2.
const z1 = { path: "steps[0].layers[0].A", rows: 4, cols: 2, transpose: true };
const loss = { path: "steps[0].loss", rows: 1, cols: 1, transpose: false };
const fields = [z1, loss];
const stored = { [z1.path]: [["1", "2", "3", "4"], ["5", "6", "7", "8"]], [loss.path]: [["0.5"]] };

describe("grids as shown and as stored", () => {
  it("shows a column-layout quantity one column per sample and stores it back unchanged", () => {
    const shown = shownOf(fields, stored, "");
    expect(shown[z1.path]).toEqual([["1", "5"], ["2", "6"], ["3", "7"], ["4", "8"]]);
    expect(storedOf(fields, shown)).toEqual(stored);
  });

  it("fills what a draft lacks with blanks of the grid's shape", () => {
    expect(shownOf(fields, {}, "")[z1.path]).toEqual(Array.from({ length: 4 }, () => ["", ""]));
    expect(shownOf(fields, { [z1.path]: [[3]] }, 0)[z1.path][0]).toEqual([3, 0]);
  });
});

describe("bringing in a draft from elsewhere", () => {
  const mine = { answers: shownOf(fields, stored, ""), times: shownOf(fields, { [z1.path]: [[10, 10, 10, 10], [10, 10, 10, 10]], [loss.path]: [[50]] }, 0) };

  it("takes each newer cell at its place as shown, keeps older ones, and says when the form holds newer cells", () => {
    const theirs = { answers: { [z1.path]: [["9", "2", "3", "4"], ["5", "6", "7", "-1/405"]], [loss.path]: [["0.75"]] }, times: { [z1.path]: [[20, 5, 5, 5], [5, 5, 5, 30]], [loss.path]: [[40]] } };
    const taken = takeNewer(fields, mine, theirs, () => false);
    expect(taken.answers[z1.path]).toEqual([["9", "5"], ["2", "6"], ["3", "7"], ["4", "-1/405"]]);
    expect(taken.times[z1.path][3][1]).toBe(30);
    expect(taken.replaced.map((c) => [c.i, c.j])).toEqual([[0, 0], [3, 1]]);
    expect(taken.answers[loss.path]).toEqual([["0.5"]]);
    expect(taken.ahead).toBe(true);
    // The form's own grids are not changed in place.
    expect(mine.answers[z1.path][0][0]).toBe("1");
  });

  it("leaves the cell being typed in alone", () => {
    const theirs = { answers: { [loss.path]: [["0.75"]] }, times: { [loss.path]: [[99]] } };
    expect(takeNewer(fields, mine, theirs, (f) => f === 1).answers[loss.path]).toEqual([["0.5"]]);
    expect(takeNewer(fields, mine, theirs, () => false).answers[loss.path]).toEqual([["0.75"]]);
  });

  it("reads a browser's copy from before cells had times as typed when it was kept", () => {
    expect(localCopyOf(JSON.stringify({ savedAt: 77, answers: { [loss.path]: [["1"]] } }))).toEqual({ answers: { [loss.path]: [["1"]] }, times: { [loss.path]: [[77]] } });
    expect(localCopyOf("not json")).toBeNull();
    expect(localCopyOf(null)).toBeNull();
  });
});
