// One entry as the student wrote it, in the cell syntax the grader reads (the TeX is converted by lib/grading/latex.ts).
import { latexToPlain } from "../grading/latex";
import { MAX_CELL_CHARS } from "../grading/parse";
import { JOINER } from "./markdown";
import type { TexNode } from "./tex";
import type { Cell } from "./types";

const NUMERIC_TOKENS = new Set(["+", "-", "−", "–", "*", "/", "^", "(", ")", "[", "]", "×", "·", "⋅", "÷", "e", "\\frac", "\\dfrac", "\\tfrac", "\\cdot", "\\times", "\\div", "\\ln", "\\log", "\\exp", "\\sqrt", "\\pi", "\\,", "\\;", "\\:", "\\!", "\\mathrm", "\\ast"]);

/** Whether nodes are a number or an arithmetic expression of numbers (e^{-2}, \frac{0.135}{1.135}, 0.119 \cdot 0.881). */
export function isNumeric(nodes: readonly TexNode[]): boolean {
  let digits = false;
  const ok = (list: readonly TexNode[], depth: number): boolean =>
    depth < 8 &&
    list.every((n) => {
      if (n.kind === "env") return false;
      if (n.kind === "group") return ok(n.body, depth + 1);
      if (/^\d/.test(n.text) || /^\.\d/.test(n.text)) return (digits = true);
      return /^[\s\u200b]+$/.test(n.text) || NUMERIC_TOKENS.has(n.text);
    });
  return ok(nodes, 0) && digits;
}

/** The cell syntax of one entry's TeX, or null when it is too long to be a cell. */
export function cellOf(tex: string): string | null {
  if (tex.length > MAX_CELL_CHARS) return null;
  let s = latexToPlain(tex.split(JOINER).join(""))
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
