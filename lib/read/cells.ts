// One entry as the student wrote it, in the cell syntax the grader reads (the TeX is converted by lib/grading/latex.ts).
import { latexToPlain } from "../grading/latex";
import { MAX_CELL_CHARS } from "../grading/parse";
import { JOINER } from "./markdown";
import { isSpaceTok, type TexNode } from "./tex";
import type { Cell } from "./types";

/** Marks around a number that change nothing (an underlined or boxed result). */
const WRAPPERS = ["\\underline", "\\boxed", "\\fbox", "\\mathbf", "\\textbf", "\\bm", "\\boldsymbol"];
const WRAPPER_PATTERN = /\\(?:underline|boxed|fbox|mathbf|textbf|bm|boldsymbol)(?![a-zA-Z])/g;

const NUMERIC_TOKENS = new Set(["+", "-", "−", "–", "*", "/", "^", "(", ")", "[", "]", "×", "·", "⋅", "÷", "e", "\\frac", "\\dfrac", "\\tfrac", "\\cdot", "\\times", "\\div", "\\ln", "\\log", "\\exp", "\\sqrt", "\\pi", "\\,", "\\;", "\\:", "\\!", "\\mathrm", "\\ast", ...WRAPPERS]);

/** Whether nodes are a number or an arithmetic expression of numbers (e^{-2}, \frac{0.135}{1.135}, 0.119 \cdot 0.881). */
export function isNumeric(nodes: readonly TexNode[]): boolean {
  const seen = { digits: false };
  return numericNodes(nodes, 0, seen) && seen.digits;
}

function numericNodes(list: readonly TexNode[], depth: number, seen: { digits: boolean }): boolean {
  if (depth >= 8) return false;
  for (const n of list) {
    if (n.kind === "env") return false;
    if (n.kind === "group") {
      if (!numericNodes(n.body, depth + 1, seen)) return false;
      continue;
    }
    const c = n.text.charCodeAt(0);
    if ((c >= 48 && c <= 57) || (c === 46 && n.text.length > 1)) seen.digits = true;
    else if (!isSpaceTok(n) && !NUMERIC_TOKENS.has(n.text)) return false;
  }
  return true;
}

const PLAIN = /^-?\d+(?:\.\d+)?$/;

/** The cell syntax of one entry's TeX, or null when it is too long to be a cell. */
export function cellOf(tex: string): string | null {
  if (tex.length > MAX_CELL_CHARS) return null;
  // Most cells are plain decimals: nothing to convert.
  if (PLAIN.test(tex)) return tex;
  let s = latexToPlain(tex.split(JOINER).join("").replace(WRAPPER_PATTERN, ""))
    .replace(/[\u2212\u2013]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
  // latexToPlain brackets every part of a fraction: ((0.135)/(1.135)) reads better as 0.135/1.135.
  for (let k = 0; k < 8; k++) {
    const tidier = s.replace(/(?<!\^)\((-?\d+(?:\.\d+)?)\)/g, "$1");
    if (tidier === s) break;
    s = tidier;
  }
  while (wrapped(s)) s = s.slice(1, -1).trim();
  return s === "" || s.length > MAX_CELL_CHARS ? null : s;
}

/** Every cell's TeX in the cell syntax, or null when one cannot be. */
export function converted(rows: readonly (readonly string[])[] | null): string[][] | null {
  if (!rows) return null;
  const out: string[][] = [];
  for (const row of rows) {
    const cells: string[] = [];
    for (const tex of row) {
      const cell = cellOf(tex);
      if (cell === null) return null;
      cells.push(cell);
    }
    out.push(cells);
  }
  return out;
}

/** "(…)" whose first bracket closes at the very end. */
function wrapped(s: string): boolean {
  if (!s.startsWith("(") || !s.endsWith(")")) return false;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "(") depth++;
    else if (s[i] === ")" && --depth === 0) return i === s.length - 1;
  }
  return false;
}

/** A plain decimal becomes a JSON number (as the contract's example writes them); anything else stays text. */
export function jsonCell(text: string): Cell {
  const m = /^-?(\d+)(?:\.(\d+))?$/.exec(text);
  if (m && m[1].length + (m[2]?.length ?? 0) <= 15) return Number(text);
  return text;
}
