// Hand-friendliness rules for drawn variants. Each rule returns a reason when broken.
import { abs, compare, frac, isZero, sign, sub, toNumber, type Num } from "../nn/num";
import type { Matrix } from "../nn/matrix";
import type { Activation, Network, Trace } from "../nn/types";
import { allTrue, DEFAULT_TOLERANCE, entriesWithin, within, type ToleranceSpec } from "./tolerance";
import { QUANTITIES, type LayerKey, type Quantity } from "./quantities";
import { layerQuantityText, symbolsOf } from "../notation";
import { templateReason, type TemplateReason } from "./template-reasons";

export interface RuleOptions {
  allow_zero_preactivation: boolean;
  max_magnitude: number;
  /** The quantities the exercise asks (default: all). */
  asked?: readonly Quantity[];
  /** The exercise's grading tolerance (default: the contract's). */
  tolerance?: ToleranceSpec;
}

/** Sigmoid and tanh inputs stay within ±6 (σ between 0.0025 and 0.9975): values a student can work with. */
export const SQUASH_LIMIT = frac(6);
/** Softmax inputs of one sample differ by at most 8, so no output falls below about 1/3000. */
export const SOFTMAX_SPREAD = frac(8);

const entries = (m: Matrix) => m.flat();
const numbers = (m: Matrix) => m.map((row) => row.map(toNumber));

/** The value a student writes with 3 significant figures. */
export const threeSigFigs = (x: number) => Number(x.toPrecision(3));

/** The rules on one layer's pre-activations A^l alone. */
function preactivationProblems(h: Activation, A: Matrix, where: { step: number; layer: number }, opts: RuleOptions): TemplateReason[] {
  const problems: TemplateReason[] = [];
  if (!opts.allow_zero_preactivation && (h === "relu" || h === "leaky_relu") && entries(A).some(isZero)) {
    problems.push(templateReason("zero_preactivation", where));
  }
  if ((h === "sigmoid" || h === "tanh") && entries(A).some((a) => compare(abs(a), SQUASH_LIMIT) > 0)) {
    problems.push(templateReason("squash_out_of_range", { ...where, activation: h }));
  }
  if (h === "softmax" && A.some((row) => spread(row) > 0)) problems.push(templateReason("softmax_spread", where));
  if (h === "relu" && A.some((row) => row.every((a) => sign(a) <= 0))) problems.push(templateReason("all_units_off", where));
  return problems;
}

/**
 * The rules on the first forward pass alone (the A^l of step 1): most rejected draws fail here,
 * so a draw is checked on them before its (costlier) backward pass. Every reason found here is
 * also one of `degeneracies`, so checking these first never changes which draw is accepted.
 */
export function forwardDegeneracies(net: Network, fwd: { A: Matrix }[], opts: RuleOptions): TemplateReason[] {
  return fwd.flatMap((f, l) => preactivationProblems(net.layers[l].activation, f.A, { step: 1, layer: l + 1 }, opts));
}

/** The reasons a variant is not hand-friendly; empty when it is fine. */
export function degeneracies(net: Network, trace: Trace, opts: RuleOptions): TemplateReason[] {
  const problems: TemplateReason[] = [];
  const max = opts.max_magnitude;
  const limit = frac(Math.round(opts.max_magnitude));
  const tooBig = (x: Num) => compare(abs(x), limit) > 0;
  trace.steps.forEach((step, s) => {
    if (tooBig(step.loss)) problems.push(templateReason("loss_too_large", { step: s + 1, max }));
    step.layers.forEach((t, l) => {
      const where = { step: s + 1, layer: l + 1 };
      problems.push(...preactivationProblems(net.layers[l].activation, t.A, where, opts));
      const all = [t.A, t.X, t.dX, t.delta, t.dW, t.W_new, t.dB ? [t.dB] : [], t.B_new ? [t.B_new] : []].flatMap(entries);
      if (all.some(tooBig)) problems.push(templateReason("value_too_large", { ...where, max }));
      if (entries(t.dW).every(isZero)) problems.push(templateReason("weights_unchanged", where));
    });
  });
  problems.push(...gradabilityProblems(net, trace, opts));
  return problems;
}

/**
 * Hand-friendly means gradable: no free points for answers that show nothing. With the exercise's
 * tolerance, a variant is rejected when
 * - zero_answer_passes / zero_loss_passes / zero_loss_after_passes: an all-zero answer is within
 *   tolerance of an asked quantity that is not exactly zero (every entry of it is that small);
 * - update_too_small: the parameters before a step, left unchanged, are within tolerance of the
 *   updated ones (every entry of W, or of B, moves by less than the tolerance);
 * - loss_unchanged: the loss before a step is within tolerance of the loss after it;
 * - loss_not_improved: the network is trained already or the update overshoots: rounded to 3
 *   significant figures the first loss is not above the final one (or, over several steps, the
 *   final loss is within tolerance of the first).
 */
export function gradabilityProblems(net: Network, trace: Trace, opts: Pick<RuleOptions, "asked" | "tolerance">): TemplateReason[] {
  const problems: TemplateReason[] = [];
  const tol = opts.tolerance ?? DEFAULT_TOLERANCE;
  const asked = new Set<Quantity>(opts.asked ?? QUANTITIES);
  const seen = new Map<Matrix, number[][]>();
  const num = (m: Matrix) => seen.get(m) ?? (seen.set(m, numbers(m)), seen.get(m)!);
  // An all-zero answer passes a quantity that is not exactly zero.
  const zeroPasses = (m: Matrix) => !entries(m).every(isZero) && allTrue(entriesWithin(m.map((row) => row.map(() => 0)), num(m), tol));
  const losses = [...trace.steps.map((step) => toNumber(step.loss)), toNumber(trace.lossAfter)];
  trace.steps.forEach((step, s) => {
    if (asked.has("loss") && zeroPasses([[step.loss]])) problems.push(templateReason("zero_loss_passes", { step: s + 1 }));
    step.layers.forEach((t, l) => {
      const where = { step: s + 1, layer: l + 1 };
      const layerValues: [LayerKey, Matrix | undefined][] = [["A", t.A], ["X", t.X], ["dX", t.dX], ["delta", t.delta], ["dW", t.dW], ["dB", t.dB && [t.dB]], ["W_new", t.W_new], ["B_new", t.B_new && [t.B_new]]];
      for (const [q, m] of layerValues) {
        // Named for people in the exercise's notation, 1-based (∂L/∂X^2); the contract's key stays in `quantity`.
        if (m && asked.has(q) && zeroPasses(m)) problems.push(templateReason("zero_answer_passes", { ...where, quantity: q, name: layerQuantityText(q, l + 1, net.layout) }));
      }
      // Parameters left as they were pass as updated ones (dW exactly 0 is weights_unchanged already).
      const before = s === 0 ? net.layers[l] : { W: trace.steps[s - 1].layers[l].W_new, B: trace.steps[s - 1].layers[l].B_new };
      const copyPasses = (old: Matrix, updated: Matrix) => allTrue(entriesWithin(num(old), num(updated), tol));
      if (!entries(t.dW).every(isZero) && copyPasses(before.W, t.W_new)) problems.push(templateReason("update_too_small", { ...where, parameter: "W", name: `${symbolsOf(net.layout).weight.text}^${l + 1}` }));
      if (before.B && t.B_new && copyPasses([before.B], [t.B_new])) problems.push(templateReason("update_too_small", { ...where, parameter: "B", name: `${symbolsOf(net.layout).bias.text}^${l + 1}` }));
    });
    // The loss before the step, copied, passes as the loss after it.
    if (within(losses[s], losses[s + 1], tol)) problems.push(templateReason("loss_unchanged", { step: s + 1 }));
  });
  if (asked.has("loss_after") && zeroPasses([[trace.lossAfter]])) problems.push(templateReason("zero_loss_after_passes"));
  const [first, last] = [losses[0], losses[losses.length - 1]];
  // Not trained already: at 3 significant figures the first loss is above the final one, by more than the tolerance.
  if (!(threeSigFigs(first) > threeSigFigs(last)) || (trace.steps.length > 1 && within(first, last, tol))) {
    problems.push(templateReason("loss_not_improved", { before: first.toPrecision(3), after: last.toPrecision(3) }));
  }
  return problems;
}

function spread(row: Num[]): number {
  let lo = row[0];
  let hi = row[0];
  for (const a of row) {
    if (compare(a, lo) < 0) lo = a;
    if (compare(a, hi) > 0) hi = a;
  }
  return compare(sub(hi, lo), SOFTMAX_SPREAD);
}
