// Hand-friendliness rules for drawn variants. Each rule returns a reason when broken.
import { abs, compare, frac, isZero, sign, sub, type Num } from "../nn/num";
import type { Matrix } from "../nn/matrix";
import type { Network, Trace } from "../nn/types";

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
export function degeneracies(net: Network, trace: Trace, opts: RuleOptions): string[] {
  const problems: string[] = [];
  const limit = frac(Math.round(opts.max_magnitude));
  const tooBig = (x: Num) => compare(abs(x), limit) > 0;
  trace.steps.forEach((step, s) => {
    if (tooBig(step.loss)) problems.push(`step ${s + 1}: loss above ${opts.max_magnitude}`);
    step.layers.forEach((t, l) => {
      const where = `step ${s + 1}, layer ${l + 1}`;
      const h = net.layers[l].activation;
      if (!opts.allow_zero_preactivation && (h === "relu" || h === "leaky_relu") && entries(t.A).some(isZero)) {
        problems.push(`${where}: a pre-activation is exactly 0 (the derivative is a convention there)`);
      }
      if ((h === "sigmoid" || h === "tanh") && entries(t.A).some((a) => compare(abs(a), SQUASH_LIMIT) > 0)) {
        problems.push(`${where}: a ${h} input is beyond ±6`);
      }
      if (h === "softmax" && t.A.some((row) => spread(row) > 0)) problems.push(`${where}: softmax inputs differ by more than 8`);
      if (h === "relu" && t.A.some((row) => row.every((a) => sign(a) <= 0))) problems.push(`${where}: every unit of a sample is off`);
      const all = [t.A, t.X, t.dX, t.delta, t.dW, t.W_new, t.dB ? [t.dB] : [], t.B_new ? [t.B_new] : []].flatMap(entries);
      if (all.some(tooBig)) problems.push(`${where}: a value above ${opts.max_magnitude} in magnitude`);
      if (entries(t.dW).every(isZero)) problems.push(`${where}: the weights do not change`);
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
