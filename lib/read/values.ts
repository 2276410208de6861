// The value a chain member holds, if it is one: a matrix (pmatrix, bmatrix, (a \ b \ c), (…)^T) or a single number.
import { MATRIX_ENVS, type Atom } from "./atoms";
import { MAX_CELL_CHARS } from "../grading/parse";
import { isNumeric } from "./cells";
import { isSpaceTok, sliceOf, trimmed, type Env, type TexNode } from "./tex";
import type { Value } from "./types";

/** No hand-written matrix is larger: a larger one is not read (and its cells are never converted). */
export const MAX_ROWS = 100;
export const MAX_COLUMNS = 100;

/** The value of a member (its nodes in `tex`, read as `atoms`), or null when it is anything else (a formula, a product, text). */
export function memberValue(nodes: readonly TexNode[], atoms: readonly Atom[], tex: string): Value | null {
  if (atoms.length === 0) return null;
  if (atoms.length === 1) {
    const whole = atomValue(atoms[0], tex);
    if (whole) return whole;
  }
  return scalarValue(nodes, tex);
}

/** A matrix or a written row on its own, with ^T making it a column. */
export function atomValue(atom: Atom, tex: string): Value | null {
  if (atom.kind === "matrix") return oriented(envRows(atom.env, tex), atom.scripts.sup);
  if (atom.kind === "bracket" && (atom.open === "(" || atom.open === "[")) {
    const inner = trimmed(atom.body);
    // \left( \begin{pmatrix} … \end{pmatrix} \right): the brackets around a matrix add nothing.
    if (inner.length === 1 && inner[0].kind === "env" && MATRIX_ENVS.has(inner[0].name)) return atomValue({ kind: "matrix", env: inner[0], scripts: atom.scripts, nodes: atom.nodes }, tex);
    const entries = tupleEntries(atom.body);
    if (!entries) return atom.scripts.sup === null ? scalarValue(atom.nodes, tex) : null;
    return oriented(cellsOf([entries], tex), atom.scripts.sup);
  }
  if (atom.kind === "number" || atom.kind === "frac") return scalarValue(atom.nodes, tex);
  return null;
}

function scalarValue(nodes: readonly TexNode[], tex: string): Value | null {
  const cell = cellTex(nodes, tex);
  return cell === null ? null : { rows: [[cell]], scalar: true };
}

/** ^T turns a written row into a column; any other superscript is not a value. */
function oriented(rows: string[][] | null, sup: string | null): Value | null {
  if (!rows) return null;
  if (sup === null) return { rows, scalar: false };
  if (sup !== "T" && sup !== "⊤") return null;
  return { rows: rows[0].map((_, j) => rows.map((r) => r[j])), scalar: false };
}

/** An environment's rows (\\) of cells (&), every cell numeric; a trailing empty row is dropped. */
function envRows(env: Env, tex: string): string[][] | null {
  let body = env.body;
  // array's column spec {ccc}
  if (env.name === "array" && body[0]?.kind === "group") body = body.slice(1);
  const rows: TexNode[][][] = [[[]]];
  for (const n of body) {
    const row = rows[rows.length - 1];
    if (n.kind === "tok" && n.text === "\\\\") {
      if (rows.length >= MAX_ROWS) return null;
      rows.push([[]]);
    } else if (n.kind === "tok" && n.text === "&") {
      if (row.length >= MAX_COLUMNS) return null;
      row.push([]);
    } else row[row.length - 1].push(n);
  }
  const last = rows[rows.length - 1];
  if (rows.length > 1 && last.length === 1 && trimmed(last[0]).length === 0) rows.pop();
  return cellsOf(rows, tex);
}

/** A cell's TeX when it is a number or an expression of numbers short enough to be a cell (converted only when used). */
function cellTex(raw: readonly TexNode[], tex: string): string | null {
  const nodes = trimmed(raw);
  if (nodes.length === 0 || nodes[nodes.length - 1].end - nodes[0].start > MAX_CELL_CHARS || !isNumeric(nodes)) return null;
  return sliceOf(tex, nodes);
}

/** Every cell numeric and every row as long as the first, or null. */
function cellsOf(rows: TexNode[][][], tex: string): string[][] | null {
  const width = rows[0].length;
  const out: string[][] = [];
  for (const row of rows) {
    if (row.length !== width) return null;
    const cells: string[] = [];
    for (const raw of row) {
      const cell = cellTex(raw, tex);
      if (cell === null) return null;
      cells.push(cell);
    }
    out.push(cells);
  }
  return out;
}

/** Separators of a row written in brackets: (a \ b \ c), (a, b, c), (a & b). */
const TUPLE_SEPARATORS = new Set(["\\ ", "\\quad", "\\qquad", "\\;", "\\:", "&", ",", "~", "\\enspace"]);
const SOFT_SPACES = new Set(["\\,", "\\thinspace"]);

/** The entries of a bracketed row (two or more), or null when it is one expression. */
function tupleEntries(body: readonly TexNode[]): TexNode[][] | null {
  const entries: TexNode[][] = [[]];
  for (let k = 0; k < body.length; k++) {
    const n = body[k];
    if (n.kind === "tok" && TUPLE_SEPARATORS.has(n.text)) {
      if (entries.length >= MAX_COLUMNS) return null;
      entries.push([]);
      continue;
    }
    if (!isGap(n)) {
      entries[entries.length - 1].push(n);
      continue;
    }
    const end = gapEnd(body, k);
    if (splitsAtGap(body, k, end, entries[entries.length - 1])) {
      if (entries.length >= MAX_COLUMNS) return null;
      entries.push([]);
    }
    k = end - 1;
  }
  if (entries.length < 2) return null;
  const list: TexNode[][] = [];
  for (const e of entries) {
    const entry = trimmed(e);
    if (entry.length === 0 || !isNumeric(entry)) return null;
    list.push(entry);
  }
  return list;
}

const isGap = (n: TexNode) => isSpaceTok(n) || (n.kind === "tok" && SOFT_SPACES.has(n.text));

function gapEnd(body: readonly TexNode[], k: number): number {
  let end = k;
  while (end < body.length && isGap(body[end])) end++;
  return end;
}

/**
 * Spaces separate entries when they are wide (two or more) or sit between two numbers ("1.2 0 0.15",
 * "0.5 -1 2"); "0.5 - 1" and "1 \ln 2" stay one expression.
 */
function splitsAtGap(body: readonly TexNode[], from: number, to: number, current: TexNode[]): boolean {
  const prev = current[current.length - 1];
  const next = body[to];
  if (!prev || !next) return false;
  let width = 0;
  for (let k = from; k < to; k++) {
    const n = body[k];
    width += n.kind === "tok" ? n.text.length : 1;
  }
  const signed = next.kind === "tok" && (next.text === "-" || next.text === "−" || next.text === "+") && isNumberTok(body[to + 1]);
  const endsOperand = isNumberTok(prev) || (prev.kind === "tok" && prev.text === ")") || prev.kind === "group";
  if (width >= 2 && endsOperand) return true;
  return isNumberTok(prev) && (isNumberTok(next) || signed);
}

function isNumberTok(n: TexNode | undefined): boolean {
  if (!n || n.kind !== "tok") return false;
  const c = n.text.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 46;
}
