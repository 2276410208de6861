// Hand-friendliness rules for drawn variants. Each rule returns a reason when broken.
import { abs, compare, frac, isZero, sign, sub, type Num } from "../nn/num";
import type { Matrix } from "../nn/matrix";
import type { Network, Trace } from "../nn/types";
import { templateReason, type TemplateReason } from "./template-reasons";

export interface RuleOptions {
  allow_zero_preactivation: boolean;
  max_magnitude: number;
}

/** Sigmoid and tanh inputs stay within ±6 (σ between 0.0025 and 0.9975): values a student can work with. */
export const SQUASH_LIMIT = frac(6);
/** Softmax inputs of one sample differ by at most 8, so no output falls below about 1/3000. */
export const SOFTMAX_SPREAD = frac(8);

const entries = (m: Matrix) => m.flat();

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
      const h = net.layers[l].activation;
      if (!opts.allow_zero_preactivation && (h === "relu" || h === "leaky_relu") && entries(t.A).some(isZero)) {
        problems.push(templateReason("zero_preactivation", where));
      }
      if ((h === "sigmoid" || h === "tanh") && entries(t.A).some((a) => compare(abs(a), SQUASH_LIMIT) > 0)) {
        problems.push(templateReason("squash_out_of_range", { ...where, activation: h }));
      }
      if (h === "softmax" && t.A.some((row) => spread(row) > 0)) problems.push(templateReason("softmax_spread", where));
      if (h === "relu" && t.A.some((row) => row.every((a) => sign(a) <= 0))) problems.push(templateReason("all_units_off", where));
      const all = [t.A, t.X, t.dX, t.delta, t.dW, t.W_new, t.dB ? [t.dB] : [], t.B_new ? [t.B_new] : []].flatMap(entries);
      if (all.some(tooBig)) problems.push(templateReason("value_too_large", { ...where, max }));
      if (entries(t.dW).every(isZero)) problems.push(templateReason("weights_unchanged", where));
    });
  });
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
