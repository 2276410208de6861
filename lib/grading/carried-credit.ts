// Carried credit and its gaming guard: the contract's "Carried credit", in one place.
//
// Two outcomes are fixed. Work that avoids the method (zeros, tiny numbers, a twentieth of the
// real size, near-copies of the updates and of the loss) earns no backward point; an honest
// student who makes one mistake and carries on correctly loses nothing after it, even where their
// own numbers make a later step zero or a copy. The rule that gives both:
//
// - an `incorrect` value *collapses* when it is small next to the value recomputed from the
//   student's own inputs, or next to the exact value (for updates and the loss after the update:
//   its change from what the step started from is small);
// - a value computed from a collapse (directly, or through values tainted this way) earns no
//   carried credit when it is *degenerate*: small next to the exact value, or, in a later step,
//   a copy of the same quantity one step earlier while the exact one changed;
// - nothing else loses carried credit.
//
// One refinement keeps outcome 2 where a catalogue mistake happens to give a small or zero value
// (one sample's row of Δ as ∂L/∂B, softmax's diagonal only, ReLU applied to an output whose
// pre-activations are all negative): a value that a specific faulty rule reproduces from the
// student's own numbers, and that no collapse feeds, is a mistake to name, not a collapse. A slip
// or a rounding never is: writing zeros where one entry is not zero "fits" a slip.
import type { Matrix } from "../nn/matrix";
import { toNumber } from "../nn/num";
import type { QuantityRef } from "../exercises/quantities";
import { inputsOf, type GradingContext } from "./recompute";
import { allTrue, DEFAULT_TOLERANCE, entriesWithin, type ToleranceSpec } from "../exercises/tolerance";

/** Under this share of a reference's largest entry, every entry of a value is small. */
export const SMALL_SHARE = 0.1;

/**
 * How a value shows nothing: every entry 0; far smaller than it should be; or (for an update, the
 * loss after it, or a later step's value) nearly what came before it.
 */
export type Emptiness = "zero" | "small" | "copy";

/** Why an item earned nothing although the tolerance alone might have accepted it. */
export interface ShowsNothing {
  as: Emptiness;
  /** For a collapse: what it is small next to, the student's own inputs or the exact value. */
  next?: "own" | "exact";
  /** The collapsed quantities upstream that make this value show nothing (contract paths; empty for a collapse that starts it). */
  from: string[];
}

/** The web app's message key (result.trivial.*) for a value that shows nothing: a collapse, or a value that follows from one. */
export function showsNothingKey(why: ShowsNothing, quantity: string | undefined): string {
  const copy = quantity === "W_new" || quantity === "B_new" ? "CopyParameters" : quantity === "loss_after" ? "CopyLoss" : "CopyStep";
  const how = why.as === "copy" ? copy : why.as === "zero" ? "Zero" : why.from.length === 0 ? (why.next === "own" ? "SmallOwn" : "SmallExact") : "Small";
  return `result.trivial.${why.from.length === 0 ? "collapsed" : "from"}${how}`;
}

const numbers = (m: Matrix): number[][] => m.map((row) => row.map(toNumber));
const minus = (a: number[][], b: number[][]) => a.map((row, i) => row.map((x, j) => x - b[i][j]));
const largest = (m: number[][]) => m.reduce((top, row) => row.reduce((t, x) => Math.max(t, Math.abs(x)), top), 0);
const allZero = (m: number[][]) => m.every((row) => row.every((x) => x === 0));
const sameShape = (a: number[][], b: number[][]) => a.length === b.length && a.every((row, i) => row.length === b[i].length);

/** Twice the absolute tolerance (0.01 by default): within it of zero, a value is nothing next to a reference that is not. */
export function zeroBand(tol?: ToleranceSpec): number {
  const absolute = tol && "absolute" in tol && tol.absolute !== undefined ? tol.absolute : DEFAULT_TOLERANCE.absolute;
  return 2 * absolute;
}

/**
 * The contract's *small*: every entry of `value` is under a tenth of the largest entry of
 * `reference`, or within `band` of zero while the reference is not. Nothing is small next to zero.
 */
export function small(value: number[][], reference: number[][], band: number): boolean {
  const top = largest(reference);
  if (top === 0 || !sameShape(value, reference)) return false;
  const limit = SMALL_SHARE * top;
  return value.every((row) => row.every((x) => Math.abs(x) < limit || (top > band && Math.abs(x) <= band)));
}

/** What an update or the loss after it started from: the student's own value (or the exact one, where they gave none) and the exact one. */
function startOf(ctx: GradingContext, ref: QuantityRef): { mine: number[][]; exact: number[][] } | undefined {
  if (ref.quantity === "loss_after") {
    const last = `steps[${ctx.net.steps - 1}].loss`;
    return { mine: numbers(ctx.own(last)), exact: numbers(ctx.exact.get(last)!) };
  }
  if (ref.quantity !== "W_new" && ref.quantity !== "B_new") return undefined;
  const { step, layer } = ref;
  const given = ref.quantity === "W_new" ? ctx.net.layers[layer].W : [ctx.net.layers[layer].B!];
  if (step === 0) return { mine: numbers(given), exact: numbers(given) };
  const prev = `steps[${step - 1}].layers[${layer}].${ref.quantity}`;
  return { mine: numbers(ctx.own(prev)), exact: numbers(ctx.exact.get(prev)!) };
}

/** The same quantity one step earlier (the student's own and the exact one), for a later step's values other than updates. */
function previousStepOf(ctx: GradingContext, ref: QuantityRef): { mine: number[][]; exact: number[][] } | undefined {
  if (ref.step === undefined || ref.step === 0) return undefined;
  const prev = ref.path.replace(/^steps\[\d+\]/, `steps[${ref.step - 1}]`);
  const exact = ctx.exact.get(prev);
  return exact ? { mine: numbers(ctx.own(prev)), exact: numbers(exact) } : undefined;
}

/**
 * The gaming guard of one grading: walks the quantities in computation order, remembers which
 * collapsed (or were tainted by a collapse), and says which carried values earn nothing.
 */
export class CarryGuard {
  /** Tainted paths, each with the collapses it follows from. */
  private readonly tainted = new Map<string, string[]>();
  private readonly band: number;

  constructor(
    private readonly ctx: GradingContext,
    private readonly tol?: ToleranceSpec,
  ) {
    this.band = zeroBand(tol);
  }

  /** The collapses feeding a quantity through its inputs, in computation order, once each. */
  private feeding(ref: QuantityRef): string[] {
    const from = inputsOf(this.ctx, ref).flatMap((p) => this.tainted.get(p) ?? []);
    return [...new Set(from)];
  }

  /**
   * `got`, measured from `base`, shows nothing next to `reference` measured from `referenceBase`:
   * small, or accepted by the tolerance as the base itself (zero, or the parameters before the
   * update) while the reference is not. The second catches a near-copy next to an update that moves
   * by just over the tolerance, which no tenth of its size can.
   */
  private empty(got: number[][], base: number[][] | undefined, reference: number[][], referenceBase: number[][] | undefined): boolean {
    const from = (m: number[][], b: number[][] | undefined) => (b ? minus(m, b) : m);
    if (small(from(got, base), from(reference, referenceBase), this.band)) return true;
    const passesAs = (m: number[][], b: number[][] | undefined) => allTrue(entriesWithin(m, b ?? m.map((row) => row.map(() => 0)), this.tol));
    return passesAs(got, base) && !passesAs(reference, referenceBase);
  }

  /** How `got` is degenerate next to the exact value (small, or a copy of what came before while the exact value moved), or undefined. */
  private degenerate(ref: QuantityRef, got: number[][], exact: number[][]): Emptiness | undefined {
    const start = startOf(this.ctx, ref);
    if (start) return this.empty(got, start.mine, exact, start.exact) ? "copy" : undefined;
    if (this.empty(got, undefined, exact, undefined)) return allZero(got) ? "zero" : "small";
    const prev = previousStepOf(this.ctx, ref);
    if (prev && this.empty(got, prev.mine, exact, prev.exact)) return "copy";
    return undefined;
  }

  /**
   * A value the tolerance accepts (right from the student's own inputs, or even within tolerance
   * of the exact value): why it earns nothing, or undefined when it keeps its credit. Only a
   * collapse upstream can take it away: a near-copy of an update fed by zeros is within the
   * relative tolerance of a large parameter that moves by less than 1% of its size.
   */
  accepted(ref: QuantityRef, got: number[][], exact: number[][]): ShowsNothing | undefined {
    if (this.tainted.size === 0) return undefined;
    const from = this.feeding(ref);
    if (from.length === 0) return undefined;
    const as = this.degenerate(ref, got, exact);
    if (!as) return undefined;
    this.tainted.set(ref.path, from);
    return { as, from };
  }

  /**
   * An incorrect value: whether it collapses (then what follows from it is watched), or undefined.
   * `named`: a specific catalogue mistake reproduces it (not a slip or a rounding).
   */
  incorrect(ref: QuantityRef, got: number[][], carried: number[][] | undefined, exact: number[][], named: boolean): ShowsNothing | undefined {
    const from = this.feeding(ref);
    if (named && from.length === 0) return undefined;
    const start = startOf(this.ctx, ref);
    const next = carried && this.empty(got, start?.mine, carried, start?.mine) ? "own" : this.empty(got, start?.mine, exact, start?.exact) ? "exact" : undefined;
    // Fed by a collapse, a value is also tainted by being a copy of the step before (a later step's near-copies).
    const as = next ? (start ? "copy" : allZero(got) ? "zero" : "small") : from.length > 0 ? this.degenerate(ref, got, exact) : undefined;
    if (!as) return undefined;
    this.tainted.set(ref.path, from.length > 0 ? from : [ref.path]);
    return { as, ...(next ? { next } : {}), from };
  }
}
