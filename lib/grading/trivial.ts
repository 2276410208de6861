// The gaming guard of carried credit (the contract's "Carried credit"): a value carried from the
// student's own numbers earns credit only when the step shows the method on those numbers.
// Zeros where the exact inputs are not zero make every later gradient zero and every update a
// copy, and a copied parameter or loss shows no update at all: neither earns carried credit.
//
// "Zero" and "copy" are judged against the size of the exact quantity, not the absolute
// tolerance: writing 0.000001 instead of 0 is still zero next to an exact Δ of 0.3, while an
// honest small Δ (0.003 where the exact one is 0.004) is not.
import type { Matrix } from "../nn/matrix";
import { toNumber } from "../nn/num";
import { refOfPath, type QuantityRef } from "../exercises/quantities";
import { inputsOf, type GradingContext } from "./recompute";
import { allTrue, entriesWithin, type ToleranceSpec } from "./tolerance";

/** Why a carried value shows nothing: the inputs that were zero, or what it copies. */
export type TrivialCarry = { kind: "zero_inputs"; inputs: string[] } | { kind: "copy"; of: "parameters" | "loss" };

/** Below this share of the exact value's size, a number is nothing. */
const NEGLIGIBLE = 0.01;

const numbers = (m: Matrix): number[][] => m.map((row) => row.map(toNumber));
const sameShape = (a: number[][], b: number[][]) => a.length === b.length && a.every((row, i) => row.length === b[i].length);
const largest = (m: number[][]) => Math.max(0, ...m.flat().map(Math.abs));
const minus = (a: number[][], b: number[][]) => a.map((row, i) => row.map((x, j) => x - b[i][j]));

/** Every entry of m negligible next to the largest entry of `scale`. */
const negligible = (m: number[][], scale: number[][]) => largest(m) <= NEGLIGIBLE * largest(scale);

/** The student's inputs to the step that differ from the exact ones (beyond tolerance), with the exact ones. */
function differingInputs(ctx: GradingContext, ref: QuantityRef, tol?: ToleranceSpec) {
  return inputsOf(ctx, ref).flatMap((path) => {
    const mine = ctx.student.get(path);
    const exact = ctx.exact.get(path);
    if (!mine || !exact) return [];
    const [value, reference] = [numbers(mine), numbers(exact)];
    return sameShape(value, reference) && allTrue(entriesWithin(value, reference, tol)) ? [] : [{ path, value, reference }];
  });
}

/** The parameters before an update of W^l or B^l (the student's and the exact ones) and the exact value after it. */
function paramsBeforeAndAfter(ctx: GradingContext, path: string): { before: Matrix[]; exactAfter: Matrix } | undefined {
  const ref = refOfPath(path);
  if (!ref || (ref.quantity !== "W_new" && ref.quantity !== "B_new")) return undefined;
  const { step: s, layer: l } = ref;
  const exactAfter = ctx.exact.get(path)!;
  if (s === 0) return { before: [ref.quantity === "W_new" ? ctx.net.layers[l!].W : [ctx.net.layers[l!].B!]], exactAfter };
  const prev = `steps[${s! - 1}].layers[${l}].${ref.quantity}`;
  return { before: [ctx.student.get(prev), ctx.exact.get(prev)].filter((m): m is Matrix => !!m), exactAfter };
}

/** Whether updated parameters `got` are the ones before the update: their change is negligible next to the exact change. */
function unchanged(ctx: GradingContext, path: string, got: number[][]): boolean {
  const update = paramsBeforeAndAfter(ctx, path);
  if (!update) return false;
  const exactChange = minus(numbers(update.exactAfter), numbers(update.before[update.before.length - 1]));
  return update.before.some((m) => {
    const before = numbers(m);
    return sameShape(before, got) && negligible(minus(got, before), exactChange);
  });
}

/** The loss after the update written as the student's own loss before it. */
function lossCopied(ctx: GradingContext, got: number[][]): boolean {
  const own = ctx.student.get(`steps[${ctx.net.steps - 1}].loss`);
  return !!own && toNumber(own[0][0]) === got[0][0];
}

/** Why the carried value `got` shows nothing, or undefined when it earns its credit. */
export function trivialCarry(ctx: GradingContext, ref: QuantityRef, got: number[][], tol?: ToleranceSpec): TrivialCarry | undefined {
  // An input shows nothing when it is zero, or when it is a parameter left as it was before its update.
  const differing = differingInputs(ctx, ref, tol);
  const empty = differing.filter((d) => negligible(d.value, d.reference) || unchanged(ctx, d.path, d.value));
  if (differing.length > 0 && empty.length === differing.length) {
    const zeros = differing.filter((d) => negligible(d.value, d.reference)).map((d) => d.path);
    return zeros.length > 0 ? { kind: "zero_inputs", inputs: zeros } : { kind: "copy", of: ref.quantity === "loss_after" ? "loss" : "parameters" };
  }
  // A zero input that makes the step's result zero too (Δ = 0 ⊙ h'(A), ∂L/∂W = Xᵀ 0), whatever the other inputs.
  const zeros = differing.filter((d) => negligible(d.value, d.reference));
  const exact = ctx.exact.get(ref.path);
  if (zeros.length > 0 && exact && negligible(got, numbers(exact))) return { kind: "zero_inputs", inputs: zeros.map((d) => d.path) };
  if (ref.quantity === "loss_after" && lossCopied(ctx, got)) return { kind: "copy", of: "loss" };
  if ((ref.quantity === "W_new" || ref.quantity === "B_new") && unchanged(ctx, ref.path, got)) return { kind: "copy", of: "parameters" };
  return undefined;
}
