// Reading what a student types into a cell: decimals, fractions, short expressions.
//
// mathjs only parses (never evaluates): we walk its syntax tree ourselves and accept numbers,
// + − × ÷ ^, parentheses, e, pi and a few functions (exp, ln/log, sqrt, abs). Everything else
// (assignments, function definitions, import, createUnit, evaluate, units, matrices, strings...)
// is refused with a message naming the cell.
//
// The work is bounded before it is done, not only the result: a cell is at most 200 characters,
// 100 syntax nodes, 20 levels deep and 12 functions or powers; a number's exact value is sized from
// its text before it is built (`1e-1000000000` is refused at once); an exact power is sized from
// its operands before it is computed (`1.0001^30000`: 30000 × 27 bits, refused without computing);
// every exact intermediate stays within MAX_EXACT_BITS. Each reading spends from a budget of work
// (Work), estimated from the syntax tree and the operands' sizes, so a whole matrix or submission
// of expensive cells is refused as soon as its estimate runs past the budget.
import type { MathNode } from "mathjs";
import { abs, add, div, exactFromNumber, exactFromText, exp, frac, isFraction, ln, math, mul, neg, sign, sub, toBig, toNumber, ZERO, type Num } from "../nn/num";
import { parseLatexMatrix, latexToPlain } from "./latex";
import { reasonText, type Reason, type ReasonCode, type ReasonParams } from "./input-reasons";
import { toHalfWidth } from "./full-width";

export { isFraction, toNumber, type Num };

export const MAX_CELL_CHARS = 200;
export const MAX_MATRIX_CHARS = 20_000;
export const MAX_DEPTH = 20;
export const MAX_NODES = 100;
export const MAX_DIM = 100;
/** Beyond this no hand calculation goes; it also keeps every intermediate far from overflow. */
export const MAX_MAGNITUDE = 1e15;
/**
 * The size of any exact intermediate: numerator and denominator together, in bits (about 600
 * digits). A 200-character decimal needs at most ~660; (-1/405)^5, 0.9^100 or 1.001^100 fit;
 * 1.0001^30000 (800,000 bits) does not. Operations on numbers of this size take microseconds.
 */
export const MAX_EXACT_BITS = 2048;
/** The digits of a number's exact denominator, read from its text before it is built (10^600 ≈ 2^1993). */
export const MAX_EXACT_DIGITS = 600;
/**
 * A cell's value is kept exact up to this size (about 75 digits: any decimal or fraction a student
 * writes by hand); beyond it, it is kept as a 50-digit decimal, which grading treats alike at a
 * fraction of the cost (recomputing from the student's numbers multiplies their sizes).
 */
export const MAX_KEPT_BITS = 256;
/**
 * exp, ln, sqrt and powers per cell: each is a 50-digit series (0.05–0.7 ms), the rest is cheap.
 * A softmax output of 8 classes written out, e^a/(e^a+…+e^h), has 9.
 */
export const MAX_CALLS = 12;
/** A LaTeX matrix cell longer than this is not converted (it is refused as too long). */
export const MAX_LATEX_CELL_CHARS = 1000;

/**
 * What reading costs, in units of work of about a microsecond each (measured on the 2-core
 * development machine under load), charged before the work is done: a cell; each character
 * mathjs parses; each syntax node; exp or ln (a 50-digit series), sqrt, a power of a 50-digit
 * decimal by a whole number or by any other number (a logarithm and a series); and an exact
 * operation on operands of b bits together, (b/bits)² (gcd and products are quadratic).
 */
export const COST = { cell: 20, char: 5, node: 20, series: 250, sqrt: 60, power: 150, realPower: 700, bits: 128 } as const;
/** One cell on its own: never binding within the limits above (at most ~11,000 units). */
export const CELL_WORK = 20_000;
/** A pasted matrix (the preview): about 0.1 s; a 64×64 paste of plain numbers needs ~82,000. */
export const MATRIX_WORK = 100_000;
/**
 * A submission: a base plus this much per cell the exercise asks for, more than a typical
 * expression cell costs ("e^-2/(1+e^-2)" ≈ 770), so that an honest answer fits even with an
 * expression in every cell, and a hostile one stops after ~20 ms + ~1 ms per asked cell.
 */
export const SUBMISSION_WORK = { base: 20_000, perCell: 1_000 } as const;

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

/**
 * A budget of work shared by the cells of one reading (a cell, a pasted matrix, a submission).
 * A matrix or a submission is read in two passes (estimatedFirst): the first parses every cell
 * and charges its estimated cost from its syntax tree, computing nothing; the second computes,
 * charging only what depends on the values (the size of exact operands). So a reading whose
 * estimate runs past the budget is refused after parsing alone.
 */
export class Work {
  used = 0;
  /** "both" for a single cell: estimate and compute in one pass. */
  phase: "both" | "estimate" | "compute" = "both";
  /** The expressions parsed while estimating, by text, for the pass that computes them. */
  readonly parsed = new Map<string, { node: MathNode; cost: number }>();
  constructor(readonly limit: number) {}
  spend(units: number, cell: string): void {
    this.used += units;
    if (this.used > this.limit) throw new InputError(cell, "too_much_work");
  }
  /** A cost estimated from the text or the syntax tree: charged once, before anything is computed. */
  estimate(units: number, cell: string): void {
    if (this.phase !== "compute") this.spend(units, cell);
  }
}

/** `read` run twice on the same budget: estimating every cell first, then computing (once when already inside such a reading). */
export function estimatedFirst<T>(work: Work, read: (work: Work) => T): T {
  if (work.phase !== "both") return read(work);
  try {
    work.phase = "estimate";
    read(work);
    work.phase = "compute";
    return read(work);
  } finally {
    work.phase = "both";
  }
}

const FUNCTIONS: Record<string, (x: Num) => Num> = {
  exp: (x) => exp(x),
  ln: (x) => ln(x),
  log: (x) => ln(x),
  sqrt: (x) => toBig(x).sqrt(),
  abs: (x) => abs(x),
};
/** Functions that leave the exact rationals: a 50-digit series each. */
const CALLS = new Set(["exp", "ln", "log", "sqrt"]);
// e and pi are computed once (50-digit values are immutable).
let E: Num | undefined;
let PI: Num | undefined;
const CONSTANTS: Record<string, () => Num> = {
  e: () => (E ??= exp(frac(1))),
  pi: () => (PI ??= toBig(frac(0)).acos().times(2)),
};

/** Typographic variants students paste from notes: − × · ÷, and what an input method types full-width (full-width.ts). */
function normalise(text: string): string {
  return toHalfWidth(text)
    .trim()
    .replace(/[\u2212\u2012\u2013\u2014]/g, "-")
    .replace(/[×·⋅∙]/g, "*")
    .replace(/÷/g, "/")
    .replace(/\{/g, "(")
    .replace(/\}/g, ")");
}

/** Bits of |n| (from its hexadecimal digits: linear, no big arithmetic). */
function bitLength(n: bigint): number {
  return (n < 0n ? -n : n).toString(16).length * 4;
}

/** log2 |n| for n ≠ 0, to about 12 significant digits. */
function log2Abs(n: bigint): number {
  const h = (n < 0n ? -n : n).toString(16);
  const head = h.slice(0, 12);
  return Math.log2(parseInt(head, 16)) + 4 * (h.length - head.length);
}

const LOG10_2 = Math.log10(2);

/** log10 |x| for x ≠ 0, without computing a logarithm of x. */
function log10Abs(x: Num): number {
  if (isFraction(x)) return (log2Abs(x.n) - log2Abs(x.d)) * LOG10_2;
  const [mantissa, exponent] = x.abs().toExponential(14).split("e");
  return Math.log10(Number(mantissa)) + Number(exponent);
}

/** The bits of an exact value's numerator and denominator together (0 for a 50-digit decimal: its size is fixed). */
const exactBits = (x: Num) => (isFraction(x) ? bitLength(x.n) + bitLength(x.d) : 0);

/** A decimal literal: sign, integer digits, fraction digits, exponent. */
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const RATIO = /^[+-]?\d+\s*\/\s*[+-]?\d+$/;

/**
 * A decimal literal is sized from its text before its exact value is built: `1e-1000000000` has
 * 13 characters and a billion-digit denominator. Texts of another form pass (exactFromText decides).
 */
function checkLiteral(literal: string, cell: string, text: string): void {
  const m = DECIMAL.exec(literal.trim());
  if (!m) return;
  const [int, fraction] = [m[2], m[3] ?? ""];
  const exponent = m[4] === undefined ? 0 : Number(m[4]); // ±Infinity for an absurd exponent
  const all = int + fraction;
  const digits = all.replace(/^0+/, "");
  if (digits === "") return; // zero
  // The value lies in [10^(order-1), 10^order).
  const order = int.length - (all.length - digits.length) + exponent;
  if (order > 16) throw new InputError(cell, "too_large", { text });
  // Its exact denominator is 10^(fraction digits − exponent), before reduction.
  if (fraction.length - exponent > MAX_EXACT_DIGITS) throw new InputError(cell, "exact_too_long", { text, digits: MAX_EXACT_DIGITS });
}

function checkMagnitude(x: Num, cell: string, text: string): Num {
  const v = Math.abs(toNumber(x));
  if (!Number.isFinite(v) || v > MAX_MAGNITUDE) throw new InputError(cell, "too_large", { text });
  if (exactBits(x) > MAX_EXACT_BITS) throw new InputError(cell, "exact_too_long", { text, digits: MAX_EXACT_DIGITS });
  return x;
}

/** e^x, refused above 1e15 before it is computed. */
function expOf(x: Num, cell: string, text: string): Num {
  if (toNumber(x) > 34) throw new InputError(cell, "too_large", { text });
  return exp(x);
}

function power(base: Num, exponent: Num, cell: string, text: string, work: Work): Num {
  const e = toNumber(exponent);
  if (sign(base) === 0) {
    if (e < 0) throw new InputError(cell, "divides_by_zero", { text });
  } else {
    // Estimate the size first: |b|^e > 1e15 is refused without computing it.
    if (e * log10Abs(base) > 15) throw new InputError(cell, "too_large", { text });
  }
  if (isFraction(exponent) && exponent.d === 1n && isFraction(base)) {
    // An exact power has |e| times the bits of its base: estimated from the operands, then computed.
    const bits = sign(base) === 0 ? 0 : Math.abs(e) * (log2Abs(base.n) + log2Abs(base.d));
    if (bits > MAX_EXACT_BITS) throw new InputError(cell, "exact_too_long", { text, digits: MAX_EXACT_DIGITS });
    work.spend(((bits + exactBits(base)) / COST.bits) ** 2, cell);
    return base.pow(exponent);
  }
  const whole = isFraction(exponent) ? exponent.d === 1n : exponent.isInteger();
  if (sign(base) < 0 && !whole) throw new InputError(cell, "negative_fractional_power", { text });
  return toBig(base).pow(toBig(exponent));
}

const kids = (node: MathNode): MathNode[] => {
  const out: MathNode[] = [];
  node.forEach((child) => void out.push(child));
  return out;
};

const isSymbol = (node: MathNode, name: string) => node.type === "SymbolNode" && (node as unknown as { name: string }).name === name;

/** A whole number written out (2, -3, +4), as an exponent: an exact power or a few 50-digit products. */
function isWholeLiteral(node: MathNode): boolean {
  if (node.type === "ParenthesisNode") return isWholeLiteral((node as unknown as { content: MathNode }).content);
  if (node.type === "OperatorNode" && (node as unknown as { args: MathNode[] }).args.length === 1) return isWholeLiteral((node as unknown as { args: MathNode[] }).args[0]);
  return node.type === "ConstantNode" && /^\d+$/.test(String((node as unknown as { value: unknown }).value));
}

/** The cost of a call of exp/ln/sqrt or of a power, from the syntax tree alone. */
function callCost(node: MathNode): number {
  if (node.type === "FunctionNode") {
    const fn = (node as unknown as { fn: MathNode }).fn;
    const name = fn.type === "SymbolNode" ? (fn as unknown as { name: string }).name : "";
    return name === "sqrt" ? COST.sqrt : CALLS.has(name) ? COST.series : 0;
  }
  if (node.type === "OperatorNode" && (node as unknown as { fn: string }).fn === "pow") {
    const [base, exponent] = (node as unknown as { args: MathNode[] }).args;
    return isSymbol(base, "e") ? COST.series : isWholeLiteral(exponent) ? COST.power : COST.realPower;
  }
  return 0;
}

/**
 * The syntax tree's checks and estimated cost, before anything is evaluated: nodes, depth, calls
 * of exp/ln/sqrt and powers, and the size of every number written in it.
 */
function inspect(root: MathNode, cell: string, text: string): number {
  // First the number of nodes (without recursion), so that a long sum is named as long, not as deep.
  let nodes = 0;
  for (const stack = [root]; stack.length > 0; ) {
    if (++nodes > MAX_NODES) throw new InputError(cell, "expression_too_long", { text: text.slice(0, 40) });
    stack.push(...kids(stack.pop()!));
  }
  let calls = 0;
  let cost = COST.node * nodes;
  const visit = (node: MathNode, depth: number) => {
    if (depth > MAX_DEPTH) throw new InputError(cell, "too_deep", { text: text.slice(0, 40) });
    if (node.type === "ConstantNode") checkLiteral(String((node as unknown as { value: unknown }).value), cell, text);
    const call = callCost(node);
    if (call > 0 && ++calls > MAX_CALLS) throw new InputError(cell, "too_many_calls", { text, max: MAX_CALLS });
    cost += call;
    for (const child of kids(node)) visit(child, depth + 1);
  };
  visit(root, 0);
  return cost;
}

function evaluateNode(node: MathNode, cell: string, text: string, work: Work): Num {
  const go = (n: MathNode) => checkMagnitude(evaluateNode(n, cell, text, work), cell, text);
  switch (node.type) {
    case "ConstantNode": {
      const value = (node as unknown as { value: unknown }).value;
      const exact = typeof value === "string" ? null : exactLiteral(String(value), cell, text);
      if (!exact) throw new InputError(cell, "not_a_number", { text });
      return exact;
    }
    case "ParenthesisNode":
      return go((node as unknown as { content: MathNode }).content);
    case "SymbolNode": {
      const name = (node as unknown as { name: string }).name;
      if (Object.hasOwn(CONSTANTS, name)) return CONSTANTS[name]();
      throw new InputError(cell, "unknown_name", { name });
    }
    case "OperatorNode": {
      const { fn, args } = node as unknown as { fn: string; args: MathNode[] };
      if (args.length === 1) {
        if (fn === "unaryMinus") return neg(go(args[0]));
        if (fn === "unaryPlus") return go(args[0]);
      } else if (args.length === 2) {
        // e^x is exp(x): one series instead of a logarithm and a series.
        if (fn === "pow" && isSymbol(args[0], "e")) return expOf(go(args[1]), cell, text);
        const [a, b] = [go(args[0]), go(args[1])];
        // Exact operands: gcd and products are quadratic in their size.
        work.spend(((exactBits(a) + exactBits(b)) / COST.bits) ** 2, cell);
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
            return power(a, b, cell, text, work);
        }
      }
      throw new InputError(cell, "operator_not_allowed", { text, op: (node as unknown as { op: string }).op });
    }
    case "FunctionNode": {
      const { fn, args } = node as unknown as { fn: MathNode; args: MathNode[] };
      const name = fn.type === "SymbolNode" ? (fn as unknown as { name: string }).name : "";
      const f = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
      if (!f || args.length !== 1) throw new InputError(cell, "function_not_allowed", { text, name: name || "?" });
      const x = go(args[0]);
      if ((name === "ln" || name === "log") && sign(x) <= 0) throw new InputError(cell, "log_of_non_positive", { text });
      if (name === "sqrt" && sign(x) < 0) throw new InputError(cell, "sqrt_of_negative", { text });
      if (name === "exp") return expOf(x, cell, text);
      return f(x);
    }
    default:
      throw new InputError(cell, "not_an_expression", { text: text.slice(0, 40) });
  }
}

/**
 * An exact rational from a decimal or fraction text, sized from the text before it is built. A
 * decimal is read from its digits directly (what exactFromText does through a BigNumber's
 * toFraction, which costs a hundred times more: most cells are plain decimals).
 */
function exactLiteral(literal: string, cell: string, text: string) {
  checkLiteral(literal, cell, text);
  const m = DECIMAL.exec(literal.trim());
  if (!m || m[2] + (m[3] ?? "") === "") return exactFromText(literal);
  const [, minus, int, fraction = "", exponent = "0"] = m;
  const digits = BigInt(int + fraction) * (minus === "-" ? -1n : 1n);
  if (digits === 0n) return frac(0); // whatever its exponent
  const shift = Number(exponent) - fraction.length; // within ±(MAX_EXACT_DIGITS + 16) after checkLiteral
  return shift >= 0 ? frac(digits * 10n ** BigInt(shift)) : frac(digits, 10n ** BigInt(-shift));
}

/**
 * One cell: a finite number, or a string holding a decimal, a fraction or a short expression.
 * `work` is the budget it spends from (its own, unless it is one cell of a matrix or a submission);
 * while it estimates, an expression is checked and charged but not computed (its value reads 0).
 */
export function parseScalar(input: unknown, cell: string, work: Work = new Work(CELL_WORK)): Num {
  if (typeof input === "number") {
    if (!Number.isFinite(input)) throw new InputError(cell, "not_finite");
    work.estimate(COST.cell, cell);
    if (work.phase === "estimate") return ZERO;
    // A JSON number is a finite double, so its exact value is bounded (about 1,100 bits at most):
    // the contract grades every finite number, however large or small; only typed text is capped.
    return kept(exactFromNumber(input));
  }
  if (typeof input !== "string") throw new InputError(cell, "not_a_cell", { got: input === null ? "null" : Array.isArray(input) ? "a list" : typeof input });
  if (input.length > MAX_CELL_CHARS) throw new InputError(cell, "too_long", { length: input.length, max: MAX_CELL_CHARS });
  work.estimate(COST.cell, cell);
  const text = normalise(input.includes("\\") ? latexToPlain(input) : input);
  if (text === "") throw new InputError(cell, "empty");
  // A comma (or 、) is never a decimal point: said with what the student typed, and how to write it.
  if (/^-?\d+,\d+$/.test(text)) throw new InputError(cell, "decimal_comma", { text: input.trim(), fixed: text.replace(",", ".") });
  if (/^[-+\d.,\s]*,[-+\d.,\s]*$/.test(text)) throw new InputError(cell, "comma_in_cell", { text: input.trim() });
  if (text.includes("\u3002")) throw new InputError(cell, "stray_stop", { text: input.trim() });
  // While estimating, a number is only charged: it is read (and checked) once, when computing.
  if (work.phase === "estimate" && (DECIMAL.test(text) || RATIO.test(text))) return ZERO;
  const exact = exactLiteral(text, cell, text);
  if (exact) return kept(checkMagnitude(exact, cell, text));
  if (/[=;:[\]{}"'`?!<>&|#@$]/.test(text)) throw new InputError(cell, "not_an_expression", { text });
  let tree = work.parsed.get(text);
  if (!tree) {
    work.estimate(COST.char * text.length, cell);
    let node: MathNode;
    try {
      node = math.parse(text);
    } catch {
      throw new InputError(cell, "unreadable", { text });
    }
    tree = { node, cost: inspect(node, cell, text) };
    if (work.phase === "estimate") work.parsed.set(text, tree);
  } else {
    // The same text in another cell: parsed once, charged each time.
    work.estimate(COST.char * text.length, cell);
  }
  work.estimate(tree.cost, cell);
  if (work.phase === "estimate") return ZERO;
  return kept(checkMagnitude(evaluateNode(tree.node, cell, text, work), cell, text));
}

/** A cell's value as it is kept: exact up to MAX_KEPT_BITS, else its 50-digit decimal. */
const kept = (x: Num): Num => (exactBits(x) > MAX_KEPT_BITS ? toBig(x) : x);

/** At most this many cells, in the shape named `expected` (checked before any cell is read). */
export interface CellLimit {
  cells: number;
  expected: string;
}

/** A matrix: JSON rows, a flat list (one row), "1 2; 3 4", JSON text, or a LaTeX pmatrix/bmatrix. */
export function parseMatrix(input: unknown, cell: string, work: Work = new Work(MATRIX_WORK), limit?: CellLimit): Num[][] {
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
  if (limit && rows.length * width > limit.cells) throw new InputError(cell, "wrong_shape", { expected: limit.expected, got: `${rows.length}×${width}` });
  return estimatedFirst(work, (w) => rows.map((r, i) => r.map((x, j) => parseScalar(x, `${cell}[${i}][${j}]`, w))));
}

function badRows(cell: string): never {
  throw new InputError(cell, "mixed_rows");
}

function splitMatrixText(text: string, cell: string): unknown[][] {
  // Full-width first, so that a full-width space, "，" or "、" separates cells and "；" rows.
  const t = toHalfWidth(text).trim();
  if (t.includes("\\begin")) return parseLatexMatrix(t, () => new InputError(cell, "latex_without_matrix"), MAX_LATEX_CELL_CHARS);
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
