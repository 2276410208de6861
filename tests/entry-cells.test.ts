// Where the answer form's keys move the focus, and how it names cells: checked on a small form of
// three grids (a 1×2, a 2×1 shown transposed as in column layout, and a 2×3), cell by cell.
import { describe, expect, it } from "vitest";
import { moveFrom, refusedCells, unreadableCells, cellKey, type MoveKey } from "../app/_lib/entry-cells";

const fields = [
  { path: "a", rows: 1, cols: 2, transpose: false },
  { path: "b", rows: 2, cols: 1, transpose: true },
  { path: "c", rows: 2, cols: 3, transpose: false },
];
const key = (k: string, more: Partial<MoveKey> = {}): MoveKey => ({ key: k, shift: false, atStart: true, atEnd: true, ...more });

describe("moving between cells and grids", () => {
  it("Tab leaves a grid only from its last cell, to the next grid's first; Shift+Tab goes back from a first cell", () => {
    expect(moveFrom(fields, { f: 0, i: 0, j: 0 }, key("Tab"))).toBeNull();
    expect(moveFrom(fields, { f: 0, i: 0, j: 1 }, key("Tab"))).toEqual({ f: 1, i: 0, j: 0 });
    expect(moveFrom(fields, { f: 1, i: 1, j: 0 }, key("Tab"))).toEqual({ f: 2, i: 0, j: 0 });
    // The form's last cell: the browser's own Tab goes on to the submit button.
    expect(moveFrom(fields, { f: 2, i: 1, j: 2 }, key("Tab"))).toBeNull();
    expect(moveFrom(fields, { f: 2, i: 0, j: 0 }, key("Tab", { shift: true }))).toEqual({ f: 1, i: 1, j: 0 });
    expect(moveFrom(fields, { f: 2, i: 0, j: 1 }, key("Tab", { shift: true }))).toBeNull();
    expect(moveFrom(fields, { f: 0, i: 0, j: 0 }, key("Tab", { shift: true }))).toBeNull();
  });

  it("Enter and → go on in reading order into the next grid; → and ← only from the end or start of the text", () => {
    expect(moveFrom(fields, { f: 2, i: 0, j: 2 }, key("Enter"))).toEqual({ f: 2, i: 1, j: 0 });
    expect(moveFrom(fields, { f: 0, i: 0, j: 1 }, key("ArrowRight"))).toEqual({ f: 1, i: 0, j: 0 });
    expect(moveFrom(fields, { f: 0, i: 0, j: 0 }, key("ArrowRight", { atEnd: false }))).toBeNull();
    expect(moveFrom(fields, { f: 1, i: 0, j: 0 }, key("ArrowLeft"))).toEqual({ f: 0, i: 0, j: 1 });
    expect(moveFrom(fields, { f: 1, i: 0, j: 0 }, key("ArrowLeft", { atStart: false }))).toBeNull();
    // At the very end Enter stays put (and is not typed into the cell).
    expect(moveFrom(fields, { f: 2, i: 1, j: 2 }, key("Enter"))).toEqual({ f: 2, i: 1, j: 2 });
  });

  it("↓ and ↑ keep the column, as far as the next grid has it", () => {
    expect(moveFrom(fields, { f: 0, i: 0, j: 1 }, key("ArrowDown"))).toEqual({ f: 1, i: 0, j: 0 });
    expect(moveFrom(fields, { f: 1, i: 1, j: 0 }, key("ArrowDown"))).toEqual({ f: 2, i: 0, j: 0 });
    expect(moveFrom(fields, { f: 2, i: 0, j: 2 }, key("ArrowUp"))).toEqual({ f: 1, i: 1, j: 0 });
    expect(moveFrom(fields, { f: 2, i: 1, j: 2 }, key("ArrowUp"))).toEqual({ f: 2, i: 0, j: 2 });
    expect(moveFrom(fields, { f: 2, i: 0, j: 0 }, key("a"))).toBeNull();
  });
});

describe("naming cells", () => {
  it("lists the cells the preview could not read in the order of the form", () => {
    const invalid = { [cellKey("c", 1, 0)]: "cannot read", [cellKey("a", 0, 1)]: "empty", [cellKey("c", 0, 2)]: "divides by zero" };
    expect(unreadableCells(fields, invalid)).toEqual([
      { f: 0, i: 0, j: 1, why: "empty" },
      { f: 2, i: 0, j: 2, why: "divides by zero" },
      { f: 2, i: 1, j: 0, why: "cannot read" },
    ]);
  });

  it("turns the server's contract indices into the cells as shown (transposed grids swap them), the rest named by label", () => {
    const { cells, other } = refusedCells(fields, { "c[1][2]": "empty", "b[0][1]": "cannot read", b: "wrong shape", elsewhere: "?" }, (fi) => fields[fi].path.toUpperCase());
    expect(cells).toEqual([
      { f: 1, i: 1, j: 0, why: "cannot read" },
      { f: 2, i: 1, j: 2, why: "empty" },
    ]);
    expect(other).toEqual(["B: wrong shape", "elsewhere: ?"]);
  });
});
