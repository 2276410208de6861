// "Explain this entry": what a teaching assistant writes in the margin beside one wrong entry.
// The entry's own formula, the student's own numbers put into it (the given data where everyone
// shares it), the value those numbers give, what the student wrote, and which of the numbers used
// were themselves off. The value comes from recompute() (the grader's carried value), so the
// explanation and the grade can never disagree. Data only (exact text and TeX): the result page,
// the instructor's page and the tests share it.
import type { Matrix } from "../nn/matrix";
import { toNumber, toText, type Num } from "../nn/num";
import type { Layout } from "../nn/types";
import { refOfPath, type QuantityRef } from "../exercises/quantities";
import { recompute, type GradingContext } from "./recompute";
import { decimalTex } from "./entry-symbols";
import { Formulas, partsOf, symbolOf, type Use } from "./explain-formulas";
import { within, type ToleranceSpec } from "../exercises/tolerance";
import { WEIGHT_SHAPED } from "./quantity-values";
import { inLayoutOrder } from "../notation";

/** One number the entry is computed from. */
export interface EntryInput {
  /** The student's quantity it belongs to (contract path); absent for the given data. */
  path?: string;
  /** The entry in the contract's indices (only with `path`). */
  row?: number;
  col?: number;
  tex: string;
  /** The number used, as exact text and TeX; absent when it is an exact value not yet revealed. */
  text?: string;
  valueTex?: string;
  /** The student left the quantity blank: the exact value stood in for it. */
  missing: boolean;
  /** The student's number is outside the tolerance of the exact one. */
  off: boolean;
  /** The exact number, only for an input that was off and only once the rule reveals it. */
  exactText?: string;
  exactTex?: string;
}

/** Why an activation's derivative (or ReLU itself) takes the value it does: "A = −1.3 < 0". */
export interface Because {
  sign: "negative" | "zero" | "positive";
  tex: string;
}

export interface EntryExplanation {
  path: string;
  row: number;
  col: number;
  layout: Layout;
  /** The entry's name, e.g. \Delta^{2}_{12}. */
  symbolTex: string;
  /** "=" for a computed value, "\leftarrow" for an update (W ← W − η ∂L/∂W). */
  relationTex: string;
  /** Its formula in symbols, e.g. ∂L/∂X^2_{12} · ReLU'(A^2_{12}). */
  formulaTex: string;
  /** The formula with the numbers used put in (absent where the formula is a whole forward pass). */
  substitutedTex?: string;
  /** An intermediate form with derivatives evaluated (absent while the result is hidden). */
  evaluatedTex?: string;
  because?: Because;
  /** The value the numbers used give; absent while hidden, or where those numbers leave it undefined. */
  resultText?: string;
  resultTex?: string;
  /** The numbers used leave the value undefined (the log of 0, a division by 0). */
  undefinedResult: boolean;
  /** What the student wrote for this entry. */
  wroteText?: string;
  wroteTex?: string;
  inputs: EntryInput[];
  /**
   * The result is the exact answer (every number used was right) and the reveal rule does not yet
   * allow the solution: the formula and the names of its inputs show; their numbers, the
   * substitution and the result wait.
   */
  hidesResult: boolean;
}

export interface ExplainOptions {
  tolerance?: ToleranceSpec;
  /** Whether the reader may see exact values (lib/course/reveal.ts). */
  revealed: boolean;
  /** TeX of a number (the web app passes its own); default: 4 significant digits. */
  format?: (x: Num) => string;
}

/** Default TeX of a number: exact when short, else 4 significant digits. */
function plainTex(x: Num): string {
  const exact = toText(x);
  if (exact.length <= 7 && !exact.includes("/")) return exact;
  return decimalTex(String(Number(toNumber(x).toPrecision(4))));
}

/** The contract's indices of a core entry: weight-shaped quantities are transposed in column layout. */
function contractIndex(path: string, a: number, b: number, layout: Layout): [number, number] {
  const key = path.split(".").pop()!;
  return WEIGHT_SHAPED.has(key) ? inLayoutOrder(a, b, layout) : [a, b];
}

/** The input as the explanation lists it: its number, and whether it was off (the exact number only once revealed). */
function describeInput(f: Formulas, u: Use, opts: ExplainOptions): EntryInput {
  const tex = f.tex(u.kind, u.l, u.a, u.b);
  const used = f.value(u);
  if ("given" in u.source) return { tex, text: toText(used), valueTex: f.format(used), missing: false, off: false };
  const { path } = u.source;
  const [row, col] = contractIndex(path, u.a, u.b, f.layout);
  const exact = f.ctx.exact.get(path)![u.a][u.b];
  const mine = f.ctx.student.get(path)?.[u.a][u.b];
  const missing = mine === undefined;
  const off = !missing && !within(toNumber(mine), toNumber(exact), opts.tolerance);
  const shows = !missing || opts.revealed;
  return {
    path,
    row,
    col,
    tex,
    ...(shows ? { text: toText(used), valueTex: f.format(used) } : {}),
    missing,
    off,
    ...(off && opts.revealed ? { exactText: toText(exact), exactTex: f.format(exact) } : {}),
  };
}

/** Inputs listed once each (a softmax row or a loss uses some numbers twice in its formula). */
function distinct(inputs: EntryInput[]): EntryInput[] {
  const seen = new Set<string>();
  return inputs.filter((i) => {
    const key = `${i.path ?? "given"}|${i.tex}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The carried value of a whole quantity, computed once per quantity however many entries are explained. */
export type CarriedCache = Map<string, Matrix | null>;

function carried(ctx: GradingContext, ref: QuantityRef, cache: CarriedCache): Matrix | null {
  if (!cache.has(ref.path)) {
    try {
      cache.set(ref.path, recompute(ctx, ref));
    } catch {
      cache.set(ref.path, null);
    }
  }
  return cache.get(ref.path)!;
}

/**
 * Explains entry (row, col) of the quantity at `path`, in the contract's indices (one row per
 * sample; dW and W_new in the exercise's layout; a flat dB or loss at row 0).
 */
export function explainEntry(ctx: GradingContext, path: string, row: number, col: number, opts: ExplainOptions, cache: CarriedCache = new Map()): EntryExplanation {
  const ref = refOfPath(path);
  const exact = ctx.exact.get(path);
  if (!ref || !exact) throw new RangeError(`no quantity at ${path}`);
  const layout = ctx.net.layout;
  const [a, b] = contractIndex(path, row, col, layout);
  if (!exact[a] || exact[a][b] === undefined) throw new RangeError(`no entry (${row}, ${col}) in ${path}`);
  const f = new Formulas(ctx, opts.format ?? plainTex);
  const parts = partsOf(f, ref, a, b);
  const described = parts.uses.map((u) => describeInput(f, u, opts));
  const hidesResult = !opts.revealed && !described.some((i) => i.off);
  // Inputs all right and the solution not yet revealed: their numbers put into the formula would be
  // the exact answer one step away (and a cell evaluates expressions). The formula and the names of
  // the inputs show; the numbers wait for the reveal.
  const listed: EntryInput[] = hidesResult ? described.map(({ text, valueTex, ...named }) => (void text, void valueTex, named)) : described;
  const inputs = distinct(listed);
  const value = carried(ctx, ref, cache)?.[a]?.[b];
  const showsNumbers = listed.every((i) => i.valueTex !== undefined);
  const mine = ctx.student.get(path)?.[a][b];
  return {
    path,
    row,
    col,
    layout,
    symbolTex: symbolOf(f, ref, a, b),
    relationTex: ref.quantity === "W_new" || ref.quantity === "B_new" ? "\\leftarrow" : "=",
    formulaTex: parts.formula,
    ...(parts.substituted && showsNumbers ? { substitutedTex: parts.substituted((k) => listed[k].valueTex!) } : {}),
    ...(!hidesResult && showsNumbers && parts.evaluated ? { evaluatedTex: parts.evaluated } : {}),
    ...(!hidesResult && showsNumbers && parts.because ? { because: parts.because } : {}),
    ...(!hidesResult && value !== undefined ? { resultText: toText(value), resultTex: f.format(value) } : {}),
    undefinedResult: value === undefined,
    ...(mine !== undefined ? { wroteText: toText(mine), wroteTex: f.format(mine) } : {}),
    inputs,
    hidesResult,
  };
}

/** Every wrong entry of a graded attempt (entries marked false), in the contract's indices. */
export function wrongEntries(items: readonly { path: string; entries?: boolean[][]; verdict: string }[]): { path: string; row: number; col: number }[] {
  return items.flatMap((item) => (item.verdict === "incorrect" && item.entries ? item.entries.flatMap((r, row) => r.flatMap((ok, col) => (ok ? [] : [{ path: item.path, row, col }]))) : []));
}
