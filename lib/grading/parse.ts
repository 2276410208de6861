// Reading what a student types into a cell: decimals, fractions, short expressions.
//
// mathjs only parses (never evaluates): we walk its syntax tree ourselves and accept numbers,
// + − × ÷ ^, parentheses, e, pi and a few functions (exp, ln/log, sqrt, abs). Everything else
// (assignments, function definitions, import, createUnit, evaluate, units, matrices, strings...)
// is refused with a message naming the cell. Sizes are bounded before any work is done, and a
// power is checked for overflow before it is computed, so `9^9^9^9` is refused at once.
import type { MathNode } from "mathjs";
import { abs, add, div, exactFromText, exp, frac, isFraction, ln, math, mul, neg, sign, sub, toBig, toNumber, type Num } from "../nn/num";
import { parseLatexMatrix, latexToPlain } from "./latex";
import { reasonText, type Reason, type ReasonCode, type ReasonParams } from "./input-reasons";

export { isFraction, toNumber, type Num };

export const MAX_CELL_CHARS = 200;
export const MAX_MATRIX_CHARS = 20_000;
export const MAX_DEPTH = 20;
export const MAX_NODES = 100;
export const MAX_DIM = 100;
/** Beyond this no hand calculation goes; it also keeps every intermediate far from overflow. */
export const MAX_MAGNITUDE = 1e15;

/** A cell (or matrix) a student typed that cannot be read; `cell` is its path, e.g. steps[0].layers[1].A[0][2]. */
export class InputError extends Error {
  /** The reason in English. */
  readonly reason: string;
  /** The reason as a code and its values, for a translation. */
  readonly why: Reason;
  constructor(
    readonly cell: string,
    code: ReasonCode,
    params: ReasonParams = {},
  ) {
    const why = { code, params };
    const reason = reasonText(why);
    super(`${cell}: ${reason}`);
    this.name = "InputError";
    this.reason = reason;
    this.why = why;
  }
}

const FUNCTIONS: Record<string, (x: Num) => Num> = {
  exp: (x) => exp(x),
  ln: (x) => ln(x),
  log: (x) => ln(x),
  sqrt: (x) => toBig(x).sqrt(),
  abs: (x) => abs(x),
};
const CONSTANTS: Record<string, () => Num> = {
  e: () => exp(frac(1)),
  pi: () => toBig(frac(0)).acos().times(2),
};

/** Typographic variants students paste from notes: − × · ÷ and full-width digits. */
function normalise(text: string): string {
  return text
    .trim()
    .replace(/[\u2212\u2012\u2013\u2014]/g, "-")
    .replace(/[×·⋅∙]/g, "*")
    .replace(/÷/g, "/")
    .replace(/\{/g, "(")
    .replace(/\}/g, ")")
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

function checkMagnitude(x: Num, cell: string, text: string): Num {
  const v = Math.abs(toNumber(x));
  if (!Number.isFinite(v) || v > MAX_MAGNITUDE) throw new InputError(cell, "too_large", { text });
  return x;
}

function power(base: Num, exponent: Num, cell: string, text: string): Num {
  const b = toNumber(base);
  const e = toNumber(exponent);
  // Estimate the size first: |b|^e > 1e15 is refused without computing it.
  if (b !== 0 && e * Math.log10(Math.abs(b)) > 15) throw new InputError(cell, "too_large", { text });
  if (b === 0 && e < 0) throw new InputError(cell, "divides_by_zero", { text });
  if (isFraction(exponent) && exponent.d === 1n && isFraction(base)) return base.pow(exponent);
  if (sign(base) < 0 && !(isFraction(exponent) && exponent.d === 1n)) throw new InputError(cell, "negative_fractional_power", { text });
  return toBig(base).pow(toBig(exponent));
}

function evaluateNode(node: MathNode, cell: string, text: string, depth: number): Num {
  if (depth > MAX_DEPTH) throw new InputError(cell, "too_deep", { text: text.slice(0, 40) });
  const go = (n: MathNode) => checkMagnitude(evaluateNode(n, cell, text, depth + 1), cell, text);
  switch (node.type) {
    case "ConstantNode": {
      const value = (node as unknown as { value: unknown }).value;
      const exact = exactFromText(String(value));
      if (typeof value === "string" || !exact) throw new InputError(cell, "not_a_number", { text });
      return exact;
    }
    case "ParenthesisNode":
      return go((node as unknown as { content: MathNode }).content);
    case "SymbolNode": {
      const name = (node as unknown as { name: string }).name;
      if (CONSTANTS[name]) return CONSTANTS[name]();
      throw new InputError(cell, "unknown_name", { name });
    }
    case "OperatorNode": {
      const { fn, args } = node as unknown as { fn: string; args: MathNode[] };
      if (args.length === 1) {
        if (fn === "unaryMinus") return neg(go(args[0]));
        if (fn === "unaryPlus") return go(args[0]);
      } else if (args.length === 2) {
        const [a, b] = [go(args[0]), go(args[1])];
        switch (fn) {
          case "add":
            return add(a, b);
          case "subtract":
            return sub(a, b);
          case "multiply":
            return mul(a, b);
          case "divide":
            if (sign(b) === 0) throw new InputError(cell, "divides_by_zero", { text });
            return div(a, b);
          case "pow":
            return power(a, b, cell, text);
        }
      }
      throw new InputError(cell, "operator_not_allowed", { text, op: (node as unknown as { op: string }).op });
    }
    case "FunctionNode": {
      const { fn, args } = node as unknown as { fn: MathNode; args: MathNode[] };
      const name = fn.type === "SymbolNode" ? (fn as unknown as { name: string }).name : "";
      const f = FUNCTIONS[name];
      if (!f || args.length !== 1) throw new InputError(cell, "function_not_allowed", { text, name: name || "?" });
      const x = go(args[0]);
      if ((name === "ln" || name === "log") && sign(x) <= 0) throw new InputError(cell, "log_of_non_positive", { text });
      if (name === "sqrt" && sign(x) < 0) throw new InputError(cell, "sqrt_of_negative", { text });
      if (name === "exp" && toNumber(x) > 34) throw new InputError(cell, "too_large", { text });
      return f(x);
    }
    default:
      throw new InputError(cell, "not_an_expression", { text: text.slice(0, 40) });
  }
}

/** One cell: a finite number, or a string holding a decimal, a fraction or a short expression. */
export function parseScalar(input: unknown, cell: string): Num {
  if (typeof input === "number") {
    if (!Number.isFinite(input)) throw new InputError(cell, "not_finite");
    return checkMagnitude(exactFromText(String(input))!, cell, String(input));
  }
  if (typeof input !== "string") throw new InputError(cell, "not_a_cell", { got: input === null ? "null" : Array.isArray(input) ? "a list" : typeof input });
  if (input.length > MAX_CELL_CHARS) throw new InputError(cell, "too_long", { length: input.length, max: MAX_CELL_CHARS });
  const text = normalise(input.includes("\\") ? latexToPlain(input) : input);
  if (text === "") throw new InputError(cell, "empty");
  if (/^-?\d+,\d+$/.test(text)) throw new InputError(cell, "decimal_comma", { text, fixed: text.replace(",", ".") });
  const exact = exactFromText(text);
  if (exact) return checkMagnitude(exact, cell, text);
  if (/[=;:[\]{}"'`?!<>&|#@$]/.test(text)) throw new InputError(cell, "not_an_expression", { text });
  let node: MathNode;
  try {
    node = math.parse(text);
  } catch {
    throw new InputError(cell, "unreadable", { text });
  }
  let count = 0;
  node.traverse(() => void count++);
  if (count > MAX_NODES) throw new InputError(cell, "expression_too_long", { text: text.slice(0, 40) });
  return checkMagnitude(evaluateNode(node, cell, text, 0), cell, text);
}

/** A matrix: JSON rows, a flat list (one row), "1 2; 3 4", JSON text, or a LaTeX pmatrix/bmatrix. */
export function parseMatrix(input: unknown, cell: string): Num[][] {
  let rows: unknown[][];
  if (typeof input === "string") {
    if (input.length > MAX_MATRIX_CHARS) throw new InputError(cell, "too_long", { length: input.length, max: MAX_MATRIX_CHARS });
    rows = splitMatrixText(input, cell);
  } else if (Array.isArray(input)) {
    rows = input.every((r) => Array.isArray(r)) ? (input as unknown[][]) : input.some((r) => Array.isArray(r)) ? badRows(cell) : [input];
  } else if (typeof input === "number") {
    rows = [[input]];
  } else {
    throw new InputError(cell, "not_a_matrix", { got: input === null ? "null" : typeof input });
  }
  if (rows.length === 0 || rows[0].length === 0) throw new InputError(cell, "empty_matrix");
  if (rows.length > MAX_DIM || rows.some((r) => r.length > MAX_DIM)) throw new InputError(cell, "matrix_too_large", { max: MAX_DIM });
  const width = rows[0].length;
  rows.forEach((r, i) => {
    if (r.length !== width) throw new InputError(`${cell}[${i}]`, "ragged_rows", { row: i, length: r.length, width });
  });
  return rows.map((r, i) => r.map((x, j) => parseScalar(x, `${cell}[${i}][${j}]`)));
}

function badRows(cell: string): never {
  throw new InputError(cell, "mixed_rows");
}

function splitMatrixText(text: string, cell: string): unknown[][] {
  const t = text.trim();
  if (t.includes("\\begin")) return parseLatexMatrix(t, () => new InputError(cell, "latex_without_matrix"));
  if (t.startsWith("[")) {
    let json: unknown;
    try {
      json = JSON.parse(t);
    } catch {
      throw new InputError(cell, "bad_json");
    }
    if (!Array.isArray(json)) throw new InputError(cell, "not_rows");
    return json.every((r) => Array.isArray(r)) ? (json as unknown[][]) : [json];
  }
  return t
    .split(/\s*[;\n]\s*/)
    .filter((row) => row.trim() !== "")
    .map((row) => (/[,\t]/.test(row) ? row.split(/[,\t]/) : row.trim().split(/\s+/)).map((c) => c.trim()));
}
