// Which cell of the answer form a key moves to, and which cells a message names. Pure and safe in
// the browser, so tests/entry-cells.test.ts checks them without one; the form
// (app/_components/answer-entry.tsx) only focuses and displays what these return.
import type { GridShape } from "./entry-grids";

/** A cell by its quantity (index in the form) and its place in the grid as shown. */
export type CellAt = { f: number; i: number; j: number };
/** A cell and what is wrong with it. */
export type NamedCell = CellAt & { why: string };

/** The keys of a cell that move the focus (the rest stay with the input). */
export interface MoveKey {
  key: string;
  shift: boolean;
  /** The caret is at the start / end of the cell's text (arrow keys move only from there). */
  atStart: boolean;
  atEnd: boolean;
}

/**
 * Where a key moves the focus from `at`, or null when it stays in the cell (the browser does what
 * it does). Enter and → go on in reading order and into the next grid; Tab does so only from a
 * grid's last cell (past that grid's paste box), Shift+Tab from a grid's first cell back to the
 * previous grid's last; ↑ ↓ keep the column where the next grid has it.
 */
export function moveFrom(fields: readonly GridShape[], at: CellAt, k: MoveKey): CellAt | null {
  const { f, i, j } = at;
  const field = fields[f];
  const last = (g: number): CellAt => ({ f: g, i: fields[g].rows - 1, j: fields[g].cols - 1 });
  const isLast = i === field.rows - 1 && j === field.cols - 1;
  const next = (): CellAt | null => (j + 1 < field.cols ? { f, i, j: j + 1 } : i + 1 < field.rows ? { f, i: i + 1, j: 0 } : f + 1 < fields.length ? { f: f + 1, i: 0, j: 0 } : null);
  const prev = (): CellAt | null => (j > 0 ? { f, i, j: j - 1 } : i > 0 ? { f, i: i - 1, j: field.cols - 1 } : f > 0 ? last(f - 1) : null);
  switch (k.key) {
    case "Tab":
      if (!k.shift) return isLast && f + 1 < fields.length ? { f: f + 1, i: 0, j: 0 } : null;
      return i === 0 && j === 0 && f > 0 ? last(f - 1) : null;
    case "Enter":
      return next() ?? at;
    case "ArrowRight":
      return k.atEnd ? (next() ?? at) : null;
    case "ArrowLeft":
      return k.atStart ? (prev() ?? at) : null;
    case "ArrowDown":
      if (i + 1 < field.rows) return { f, i: i + 1, j };
      return f + 1 < fields.length ? { f: f + 1, i: 0, j: Math.min(j, fields[f + 1].cols - 1) } : at;
    case "ArrowUp":
      if (i > 0) return { f, i: i - 1, j };
      return f > 0 ? { f: f - 1, i: fields[f - 1].rows - 1, j: Math.min(j, fields[f - 1].cols - 1) } : at;
    default:
      return null;
  }
}

/** The cell key the form's maps use: `path[i][j]` in the grid as shown. */
export const cellKey = (path: string, i: number, j: number) => `${path}[${i}][${j}]`;

/** Cells the preview could not read (`invalid`: cell key → what it said), in the order of the form. */
export function unreadableCells(fields: readonly GridShape[], invalid: Record<string, string>): NamedCell[] {
  return fields.flatMap((f, fi) =>
    Array.from({ length: f.rows }, (_, i) => i).flatMap((i) =>
      Array.from({ length: f.cols }, (_, j) => j).flatMap((j) => {
        const why = invalid[cellKey(f.path, i, j)];
        return why === undefined ? [] : [{ f: fi, i, j, why }];
      }),
    ),
  );
}

/**
 * The server's field errors (`path[i][j]` in the CONTRACT's indices, or a whole path) as the cells
 * shown, in the order of the form; what names no cell is returned apart, labelled by `label`.
 */
export function refusedCells(fields: readonly GridShape[], errs: Record<string, string>, label: (f: number) => string): { cells: NamedCell[]; other: string[] } {
  const cells: NamedCell[] = [];
  const other: string[] = [];
  for (const [where, message] of Object.entries(errs)) {
    const fi = fields.findIndex((x) => where === x.path || where.startsWith(`${x.path}[`));
    const at = fi >= 0 ? /^\[(\d+)\]\[(\d+)\]$/.exec(where.slice(fields[fi].path.length)) : null;
    if (fi >= 0 && at) {
      const [r, c] = [Number(at[1]), Number(at[2])];
      const [i, j] = fields[fi].transpose ? [c, r] : [r, c];
      cells.push({ f: fi, i, j, why: message });
    } else other.push(`${fi >= 0 ? label(fi) : where}: ${message}`);
  }
  cells.sort((a, b) => a.f - b.f || a.i - b.i || a.j - b.j);
  return { cells, other };
}
