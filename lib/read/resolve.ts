// Each quantity's value: its last direct writing, else its entries, else the first product it appears in; checked by the project's cell parser.
import { InputError, parseScalar, type Work } from "../grading/parse";
import { converted, jsonCell } from "./cells";
import type { Chain } from "./chains";
import type { Candidate, ChainReading, Exercise } from "./interpret";
import type { Lines } from "./markdown";
import { fitted } from "./shapes";
import type { Cell, Source } from "./types";
import { chainLine, lineOfPart, sourceText } from "./where";

/** A quantity placed: its cells in the solution's shape and where they were read. */
export interface Placed {
  path: string;
  cells: Cell[][];
  source: Source;
}

export interface Resolved {
  placed: Placed[];
  /** Chains whose numbers fit nowhere (their lines go to unread). */
  unread: Chain[];
}

export function resolve(readings: ChainReading[], ex: Exercise, lines: Lines, work: Work): Resolved {
  const byPath = new Map<string, Candidate[]>();
  for (const r of readings) {
    for (const c of r.candidates) {
      const list = byPath.get(c.path);
      if (list) list.push(c);
      else byPath.set(c.path, [c]);
    }
  }
  const placed: Placed[] = [];
  const unread: Chain[] = readings.filter((r) => r.status === "unread").map((r) => r.chain);
  for (const [path, all] of byPath) {
    const outcome = choose(path, all, ex, lines, work);
    if (outcome.placed) placed.push(outcome.placed);
    unread.push(...outcome.failed);
  }
  // Entries of a quantity never placed, and chains of it with no value, are numbers that fit nowhere.
  const done = new Set(placed.map((p) => p.path));
  for (const r of readings) if (r.unreadUnless && r.status === "candidate" && !done.has(r.unreadUnless)) unread.push(r.chain);
  return { placed, unread };
}

const byPage = (a: Candidate, b: Candidate) => a.chain.index - b.chain.index || a.member - b.member;

function choose(path: string, all: Candidate[], ex: Exercise, lines: Lines, work: Work): { placed: Placed | null; failed: Chain[] } {
  const direct = all.filter((c) => c.how === "direct").sort(byPage);
  if (direct.length > 0) {
    // The last writing counts (the student corrected it); if it cannot be read, nothing is placed.
    const last = direct[direct.length - 1];
    const cells = checked(path, last, ex, work);
    return cells ? { placed: placedFrom(path, cells, last, lines), failed: [] } : { placed: null, failed: [last.chain] };
  }
  const entries = all.filter((c) => c.how === "entry").sort(byPage);
  if (entries.length > 0) return { placed: fromEntries(path, entries, ex, lines, work), failed: [] };
  // A value seen only inside products: the first product it appears in (later ones copy it).
  for (const c of all.filter((x) => x.how === "factor").sort(byPage)) {
    const cells = checked(path, c, ex, work);
    if (cells) return { placed: placedFrom(path, cells, c, lines), failed: [] };
  }
  return { placed: null, failed: [] };
}

/** The candidate's value in the quantity's shape, every cell accepted by the cell parser; else null. */
function checked(path: string, c: Candidate, ex: Exercise, work: Work): Cell[][] | null {
  const q = ex.shapes.get(path);
  if (!q) return null;
  const cells = converted(fitted(c.value, q.kind, q.shape, ex.net.layout));
  return cells && parses(path, cells, work) ? cells.map((row) => row.map(jsonCell)) : null;
}

function parses(path: string, cells: string[][], work: Work): boolean {
  try {
    cells.forEach((row, i) => row.forEach((cell, j) => parseScalar(cell, `${path}[${i}][${j}]`, work)));
    return true;
  } catch (e) {
    if (e instanceof InputError) return false;
    throw e;
  }
}

/** Entries fill their quantity only when every cell is written (the last writing of each counts). */
function fromEntries(path: string, entries: Candidate[], ex: Exercise, lines: Lines, work: Work): Placed | null {
  const q = ex.shapes.get(path);
  if (!q) return null;
  const [rows, cols] = q.shape;
  const grid: (Candidate | undefined)[][] = Array.from({ length: rows }, () => Array<Candidate | undefined>(cols).fill(undefined));
  for (const c of entries) if (c.at) grid[c.at[0]][c.at[1]] = c;
  if (grid.some((row) => row.some((c) => !c))) return null;
  const cells = converted(grid.map((row) => row.map((c) => c?.value.rows[0][0] ?? "")));
  if (!cells || !parses(path, cells, work)) return null;
  const latest = entries[entries.length - 1];
  return placedFrom(path, cells.map((row) => row.map(jsonCell)), latest, lines);
}

/** A direct writing is named by its left side's line; a factor by the line its value is on. */
function placedFrom(path: string, cells: Cell[][], c: Candidate, lines: Lines): Placed {
  const holder = c.chain.members[c.member];
  const line = c.how === "factor" && holder ? lineOfPart(holder, lines) : chainLine(c.chain, lines);
  return { path, cells, source: { path, line, text: sourceText(c.chain, c.member, lines) } };
}
