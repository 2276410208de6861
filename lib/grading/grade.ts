// Grading a hand calculation the way a patient teaching assistant would: each quantity in
// computation order is correct, carried (right from the student's own earlier numbers),
// incorrect (with the misconception that explains it, when one does) or missing.
import type { Matrix } from "../nn/matrix";
import { toNumber } from "../nn/num";
import type { Network, Trace } from "../nn/types";
import type { Quantity, QuantityRef } from "../exercises/quantities";
import { CATALOGUE, type MisconceptionId } from "./catalogue";
import { COARSE_ROUNDINGS, faultyCandidates } from "./faults";
import { orderOf, traceValues, FLAT, SCALAR, WEIGHT_SHAPED, type Values } from "./quantity-values";
import { plainName } from "./names";
import { GradingContext, recompute } from "./recompute";
import { trivialCarry, type TrivialCarry } from "./trivial";
import { allTrue, entriesWithin, within, type ToleranceSpec } from "./tolerance";

export type Verdict = "correct" | "carried" | "incorrect" | "missing";
type Shown = number | number[] | number[][];

export interface GradeItem {
  path: string;
  verdict: Verdict;
  points: number;
  max_points: number;
  expected?: Shown;
  carried_expected?: Shown;
  entries?: boolean[][];
  misconception?: MisconceptionId;
  message?: string;
  /** "trivial_carry": right from the student's own numbers, but the step shows nothing (no credit). */
  reason?: "trivial_carry";
  /** For a trivial carry: the inputs that were zero, or what the value copies. */
  shows_nothing?: TrivialCarry;
}

export interface Grade {
  score: number;
  max_score: number;
  /** Share taken off a late submission's score (the problem set's late policy). */
  late_penalty?: number;
  first_divergence: string | null;
  /** How many asked quantities the submission answered (0: nothing was submitted). */
  answered: number;
  items: GradeItem[];
}

export interface GradeOptions {
  tolerance?: ToleranceSpec;
  /** The quantities asked (default: all). */
  asked?: readonly Quantity[];
  points?: Partial<Record<Quantity, number>>;
  /** Share of a quantity's points for a carried-forward answer (default 1: full credit). */
  carriedCredit?: number;
}

const sameShape = (a: unknown[][], b: unknown[][]) => a.length === b.length && a.every((row, i) => row.length === b[i].length);
const numbers = (m: Matrix): number[][] => m.map((row) => row.map(toNumber));

/**
 * numbers() of an exact value, once per value: the exact trace is kept per exercise, and turning
 * its fractions and big decimals into doubles at every grading was a fifth of a grading's time.
 */
const exactNumbers = new WeakMap<Matrix, number[][]>();
function numbersOfExact(m: Matrix): number[][] {
  let n = exactNumbers.get(m);
  if (!n) {
    n = Object.freeze(numbers(m).map((row) => Object.freeze(row))) as number[][];
    exactNumbers.set(m, n);
  }
  return n;
}

/** A matrix as the contract writes it: a number, a flat list, or rows in the exercise's layout. */
function shown(m: number[][], key: string, net: Network): Shown {
  if (SCALAR.has(key)) return m[0][0];
  if (FLAT.has(key)) return m[0];
  return WEIGHT_SHAPED.has(key) && net.layout === "column" ? m[0].map((_, j) => m.map((row) => row[j])) : m;
}

const shownEntries = (e: boolean[][], key: string, net: Network) => (WEIGHT_SHAPED.has(key) && net.layout === "column" ? e[0].map((_, j) => e.map((row) => row[j])) : e);

/** The catalogue entry that reproduces the student's value from their own inputs, if any. */
export function diagnose(ctx: GradingContext, ref: QuantityRef, got: number[][], references: number[][][], tol?: ToleranceSpec): MisconceptionId | undefined {
  for (const [id, candidate] of faultyCandidates(ctx, ref)) {
    if (sameShape(got, candidate) && allTrue(entriesWithin(got, numbers(candidate), tol))) return id;
  }
  const exactly = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  for (const round of COARSE_ROUNDINGS) {
    for (const r of references) {
      const rounded = r.map((row) => row.map(round));
      if (got.every((row, i) => row.every((g, j) => exactly(g, rounded[i][j])))) return "rounding_too_coarse";
    }
  }
  const wrong = got.flat().filter((g, k) => !references.some((r) => within(g, r.flat()[k], tol))).length;
  return wrong === 1 && got.flat().length > 1 ? "arithmetic_slip" : undefined;
}

/**
 * The quantity recomputed exactly from the student's own inputs, or undefined where their numbers
 * leave it undefined (the log of 0 or of a negative, a division by 0, a value too large to hold):
 * that quantity is then graded against the exact value alone.
 */
function carriedValue(ctx: GradingContext, ref: QuantityRef, exact: number[][]): number[][] | undefined {
  try {
    const m = numbers(recompute(ctx, ref));
    return sameShape(m, exact) && m.every((row) => row.every(Number.isFinite)) ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Why a carried value earns nothing, in English (the web app words it in the reader's language). */
function trivialMessage(why: TrivialCarry, layout: Network["layout"]): string {
  if (why.kind === "copy") {
    return why.of === "loss"
      ? "This is the loss before the update: the loss after it is computed with the updated parameters."
      : "These are the parameters before the update, unchanged: the update was not carried out.";
  }
  const names = why.inputs.map((p) => plainName(p, layout)).join(", ");
  return `Follows from your ${names}, but ${names} = 0 makes this step show nothing.`;
}

function gradeItem(ctx: GradingContext, ref: QuantityRef, opts: GradeOptions): GradeItem {
  const key = ref.quantity;
  const max = opts.points?.[key] ?? 1;
  const base = { path: ref.path, max_points: max };
  const submitted = ctx.student.get(ref.path);
  if (!submitted) return { ...base, verdict: "missing", points: 0, message: "Not answered." };
  const got = numbers(submitted);
  const exact = numbersOfExact(ctx.exact.get(ref.path)!);
  const tol = opts.tolerance;
  const toExact = entriesWithin(got, exact, tol);
  if (allTrue(toExact)) return { ...base, verdict: "correct", points: max };
  const carried = carriedValue(ctx, ref, exact);
  const fromOwn = carried ? entriesWithin(got, carried, tol) : toExact;
  if (carried && allTrue(fromOwn)) {
    // Right from inputs that were themselves right within tolerance: rounding, not a mistake.
    if (allTrue(entriesWithin(carried, exact, tol))) return { ...base, verdict: "correct", points: max };
    const trivial = trivialCarry(ctx, ref, got, tol);
    if (trivial) {
      return {
        ...base,
        verdict: "incorrect",
        points: 0,
        expected: shown(exact, key, ctx.net),
        carried_expected: shown(carried, key, ctx.net),
        entries: shownEntries(toExact, key, ctx.net),
        reason: "trivial_carry",
        shows_nothing: trivial,
        message: trivialMessage(trivial, ctx.net.layout),
      };
    }
    return {
      ...base,
      verdict: "carried",
      points: max * (opts.carriedCredit ?? 1),
      expected: shown(exact, key, ctx.net),
      carried_expected: shown(carried, key, ctx.net),
      message: "Right from your own earlier numbers: the error was made in an earlier step (carried forward).",
    };
  }
  const entries = fromOwn.map((row, i) => row.map((ok, j) => ok || toExact[i][j]));
  const misconception = diagnose(ctx, ref, got, carried ? [carried, exact] : [exact], tol);
  return {
    ...base,
    verdict: "incorrect",
    points: 0,
    expected: shown(exact, key, ctx.net),
    ...(carried ? { carried_expected: shown(carried, key, ctx.net) } : {}),
    entries: shownEntries(entries, key, ctx.net),
    ...(misconception ? { misconception, message: CATALOGUE[misconception].en } : { message: "This does not follow from your earlier numbers: the entries marked false are off." }),
  };
}

/** Grades a submission (already read) against an exercise's exact trace. */
export function gradeValues(net: Network, trace: Trace, student: Values, opts: GradeOptions = {}, exact: Values = traceValues(trace)): Grade {
  const ctx = new GradingContext(net, exact, student);
  const asked = opts.asked ? new Set(opts.asked) : undefined;
  const items = orderOf(trace)
    .filter((ref) => !asked || asked.has(ref.quantity))
    .map((ref) => gradeItem(ctx, ref, opts));
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    score: round(items.reduce((s, i) => s + i.points, 0)),
    max_score: round(items.reduce((s, i) => s + i.max_points, 0)),
    first_divergence: items.find((i) => i.verdict === "incorrect")?.path ?? null,
    answered: items.filter((i) => i.verdict !== "missing").length,
    items,
  };
}

/** A late submission's grade: the same verdicts, the score reduced by the penalty (0..1). */
export function withLatePenalty(grade: Grade, penalty: number): Grade {
  if (penalty <= 0) return grade;
  return { ...grade, score: Math.round(grade.score * (1 - penalty) * 1000) / 1000, late_penalty: penalty };
}
