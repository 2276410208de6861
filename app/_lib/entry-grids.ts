// The answer form's grids as shown and as stored, and the step that brings a draft from elsewhere
// into them (newest cell wins, lib/course/draft-merge.ts). Pure and safe in the browser: the form
// (app/_components/answer-entry.tsx) keeps its state as shown, and tests/entry-grids.test.ts
// checks these without a browser.
import { cellKey } from "./entry-cells";
import { toShown, toStored } from "./grid";
import { stampedAt, wins, type Cells, type Times } from "@/lib/course/draft-merge";

/** What the conversions need of a quantity: its path and the grid's shape as shown. */
export interface GridShape {
  path: string;
  rows: number;
  cols: number;
  /** The grid shows the contract's matrix transposed (column layout: one column per sample). */
  transpose: boolean;
}

/** Grids as shown, each of its field's shape, from grids in the contract's shape (missing cells `empty`). */
export function shownOf<T>(fields: readonly GridShape[], stored: Record<string, T[][]>, empty: T): Record<string, T[][]> {
  const out: Record<string, T[][]> = {};
  for (const f of fields) {
    const given = toShown(stored[f.path] ?? [], f.transpose);
    out[f.path] = Array.from({ length: f.rows }, (_, i) => Array.from({ length: f.cols }, (_, j) => given[i]?.[j] ?? empty));
  }
  return out;
}

/** Grids as shown back in the contract's shape. */
export function storedOf<T>(fields: readonly GridShape[], shown: Record<string, T[][]>): Record<string, T[][]> {
  return Object.fromEntries(fields.map((f) => [f.path, toStored(shown[f.path], f.transpose)]));
}

/** What bringing a draft in gives: the new grids and times (as shown), the cells whose text changed, and whether the form holds newer cells than the draft. */
export interface Taken {
  answers: Cells;
  times: Times;
  replaced: { f: number; i: number; j: number; key: string }[];
  ahead: boolean;
}

/**
 * Every cell of `theirs` (contract shape, times on this browser's clock) that wins over the
 * form's own (as shown), except those `keep` names (the cell being typed in).
 */
export function takeNewer(fields: readonly GridShape[], mine: { answers: Cells; times: Times }, theirs: { answers: Cells; times: Times }, keep: (f: number, i: number, j: number) => boolean): Taken {
  const values = shownOf(fields, theirs.answers, "");
  const at = shownOf(fields, theirs.times, 0);
  const out: Taken = { answers: {}, times: {}, replaced: [], ahead: false };
  fields.forEach((f, fi) => {
    out.times[f.path] = mine.times[f.path].map((row) => [...row]);
    out.answers[f.path] = mine.answers[f.path].map((row, i) =>
      row.map((own, j) => {
        const [v, t, ownT] = [values[f.path][i][j], at[f.path][i][j], mine.times[f.path][i][j]];
        if (wins(t, v, ownT, own) && !keep(fi, i, j)) {
          out.times[f.path][i][j] = t;
          if (v !== own) out.replaced.push({ f: fi, i, j, key: cellKey(f.path, i, j) });
          return v;
        }
        if (wins(ownT, own, t, v)) out.ahead = true;
        return own;
      }),
    );
  });
  return out;
}

/** The copy kept in a browser, read from its JSON: contract shape, times on that browser's clock (a copy from before times counts as typed when it was kept). */
export function localCopyOf(json: string | null): { answers: Cells; times: Times } | null {
  try {
    const local = JSON.parse(json ?? "null") as { answers?: Cells; times?: Times; savedAt?: number } | null;
    if (!local?.answers || typeof local.answers !== "object") return null;
    return { answers: local.answers, times: local.times ?? stampedAt(local.answers, local.savedAt ?? 0) };
  } catch {
    return null;
  }
}
