// Grading a hand calculation the way a patient teaching assistant would: each quantity in
// computation order is correct, carried (right from the student's own earlier numbers),
// incorrect (with the misconception that explains it, when one does) or missing.
import type { Matrix } from "../nn/matrix";
import { toNumber } from "../nn/num";
import type { Network, Trace } from "../nn/types";
import type { Quantity, QuantityRef } from "../exercises/quantities";
import { misconceptionIn, type MisconceptionId } from "./catalogue";
import { COARSE_ROUNDINGS, faultyCandidates } from "./faults";
import { orderOf, traceValues, FLAT, SCALAR, WEIGHT_SHAPED, type Values } from "./quantity-values";
import { plainName } from "./names";
import { GradingContext, recompute } from "./recompute";
import { CarryGuard, type ShowsNothing } from "./carried-credit";
import { allTrue, entriesWithin, within, type ToleranceSpec } from "../exercises/tolerance";
import { inLayout } from "../notation";

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
  /**
   * "trivial_carry": right from the student's own numbers, but a collapse upstream makes it show
   * nothing (no credit). "collapsed": wrong, and zero, far too small or a copy where the step should show
   * something; what follows from it is watched (lib/grading/carried-credit.ts).
   */
  reason?: "trivial_carry" | "collapsed";
  /** For either reason: how the value shows nothing and which collapse upstream made it so. */
  shows_nothing?: ShowsNothing;
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
  return WEIGHT_SHAPED.has(key) ? inLayout(m, net.layout) : m;
}

const shownEntries = (e: boolean[][], key: string, net: Network) => (WEIGHT_SHAPED.has(key) ? inLayout(e, net.layout) : e);

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

const isUpdate = (ref: QuantityRef) => ref.quantity === "W_new" || ref.quantity === "B_new";

/** Why a value shows nothing, in English (the web app words it in the reader's language). Never "= 0" for a value that is not zero. */
export function showsNothingMessage(why: ShowsNothing, ref: QuantityRef, layout: Network["layout"]): string {
  const copyOf = isUpdate(ref)
    ? "These are (nearly) the parameters before the update: the update was not carried out"
    : ref.quantity === "loss_after"
      ? "This is (nearly) the loss before the update: the loss after it is computed with the updated parameters"
      : "This is (nearly) the same value as in the step before";
  if (why.from.length === 0) {
    if (why.as === "copy") return `${copyOf}. No credit, and what follows from it earns no carried credit.`;
    const what = why.as === "zero" ? "Written as zero, but this quantity is not zero" : why.next === "own" ? "Far smaller than your own earlier numbers give (under a tenth of their size)" : "Far smaller than this quantity is (under a tenth of its size)";
    return `${what}: the step shows nothing, and what follows from it earns no carried credit.`;
  }
  const names = why.from.map((p) => plainName(p, layout)).join(", ");
  const because = `Follows from your ${names}, which shows nothing (zero, far too small or a copy)`;
  if (why.as === "copy") return `${because}. ${copyOf}. No credit.`;
  return `${because}: this value is ${why.as === "zero" ? "zero" : "far smaller than it should be"} and shows no method. No credit.`;
}

const SPECIFIC = (id: MisconceptionId | undefined) => !!id && id !== "arithmetic_slip" && id !== "rounding_too_coarse";

function gradeItem(ctx: GradingContext, guard: CarryGuard, ref: QuantityRef, opts: GradeOptions): GradeItem {
  const key = ref.quantity;
  const max = opts.points?.[key] ?? 1;
  const base = { path: ref.path, max_points: max };
  const submitted = ctx.student.get(ref.path);
  if (!submitted) return { ...base, verdict: "missing", points: 0, message: "Not answered." };
  const got = numbers(submitted);
  const exact = numbersOfExact(ctx.exact.get(ref.path)!);
  const tol = opts.tolerance;
  const toExact = entriesWithin(got, exact, tol);
  const empty = (nothing: ShowsNothing, carried?: number[][]): GradeItem => ({
    ...base,
    verdict: "incorrect",
    points: 0,
    expected: shown(exact, key, ctx.net),
    ...(carried ? { carried_expected: shown(carried, key, ctx.net) } : {}),
    entries: shownEntries(toExact, key, ctx.net),
    reason: "trivial_carry",
    shows_nothing: nothing,
    message: showsNothingMessage(nothing, ref, ctx.net.layout),
  });
  if (allTrue(toExact)) {
    const nothing = guard.accepted(ref, got, exact);
    return nothing ? empty(nothing) : { ...base, verdict: "correct", points: max };
  }
  const carried = carriedValue(ctx, ref, exact);
  const fromOwn = carried ? entriesWithin(got, carried, tol) : toExact;
  const values = { expected: shown(exact, key, ctx.net), ...(carried ? { carried_expected: shown(carried, key, ctx.net) } : {}) };
  if (carried && allTrue(fromOwn)) {
    const nothing = guard.accepted(ref, got, exact);
    if (nothing) return empty(nothing, carried);
    // Right from inputs that were themselves right within tolerance: rounding, not a mistake.
    if (allTrue(entriesWithin(carried, exact, tol))) return { ...base, verdict: "correct", points: max };
    return { ...base, verdict: "carried", points: max * (opts.carriedCredit ?? 1), ...values, message: "Right from your own earlier numbers: the error was made in an earlier step (carried forward)." };
  }
  const entries = shownEntries(
    fromOwn.map((row, i) => row.map((ok, j) => ok || toExact[i][j])),
    key,
    ctx.net,
  );
  const misconception = diagnose(ctx, ref, got, carried ? [carried, exact] : [exact], tol);
  const collapse = guard.incorrect(ref, got, carried, exact, SPECIFIC(misconception));
  // A value that shows nothing is not named as a catalogue mistake: no slip makes a whole matrix zero.
  if (collapse) return { ...base, verdict: "incorrect", points: 0, ...values, entries, reason: "collapsed", shows_nothing: collapse, message: showsNothingMessage(collapse, ref, ctx.net.layout) };
  return {
    ...base,
    verdict: "incorrect",
    points: 0,
    ...values,
    entries,
    ...(misconception ? { misconception, message: misconceptionIn(misconception, "en", ctx.net.layout).hint } : { message: "This does not follow from your earlier numbers: the entries marked false are off." }),
  };
}

/** Grades a submission (already read) against an exercise's exact trace. */
export function gradeValues(net: Network, trace: Trace, student: Values, opts: GradeOptions = {}, exact: Values = traceValues(trace)): Grade {
  const ctx = new GradingContext(net, exact, student);
  const guard = new CarryGuard(ctx, opts.tolerance);
  const asked = opts.asked ? new Set(opts.asked) : undefined;
  const items = orderOf(trace)
    .filter((ref) => !asked || asked.has(ref.quantity))
    .map((ref) => gradeItem(ctx, guard, ref, opts));
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
