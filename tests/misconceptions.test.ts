// Injected mistakes: for each catalogue entry, simulate students who make exactly that
// mistake once (and carry it forward correctly), then check the grader names it.
import { describe, expect, it } from "vitest";
import { readExercise } from "../lib/exercises/instance";
import type { QuantityRef } from "../lib/exercises/quantities";
import { gradeValues } from "../lib/grading/grade";
import { MISCONCEPTION_IDS, type MisconceptionId } from "../lib/grading/catalogue";
import { orderOf, traceValues, type Values } from "../lib/grading/quantity-values";
import { GradingContext, recompute } from "../lib/grading/recompute";
import { lossValue } from "../lib/nn/losses";
import { hadamard, map, matmul, minus, plus, scale, sumRows, transpose, type Matrix } from "../lib/nn/matrix";
import { solve } from "../lib/nn/network";
import { div, exactFromNumber, frac, isZero, ONE, sign, sub, toNumber, ZERO, type Num } from "../lib/nn/num";
import type { Activation, LossName, Network } from "../lib/nn/types";
import { rng } from "./helpers";

interface Shape {
  sizes: number[];
  hidden: Activation[];
  output: Activation;
  loss: LossName;
  batch: number;
  targets?: "one_hot" | "multi_hot";
  integers?: boolean;
  bias?: boolean;
}

function randomNet(r: () => number, shape: Shape): Network {
  const pick = (lo: number, hi: number) => (shape.integers ? Math.floor(lo + r() * (hi - lo + 1)) : Math.round((lo + r() * (hi - lo)) * 10) / 10);
  const mat = (rows: number, cols: number, lo: number, hi: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => pick(lo, hi)));
  const K = shape.sizes[shape.sizes.length - 1];
  const targets = Array.from({ length: shape.batch }, () => {
    if (shape.targets === "one_hot" || shape.targets === "multi_hot") {
      const row = Array.from({ length: K }, () => 0);
      row[Math.floor(r() * K)] = 1;
      if (shape.targets === "multi_hot") row[(row.indexOf(1) + 1 + Math.floor(r() * (K - 1))) % K] = 1;
      return row;
    }
    return Array.from({ length: K }, () => Math.round((r() * 2 - 1) * 10) / 10);
  });
  const L = shape.sizes.length - 1;
  return readExercise({
    loss: shape.loss,
    learning_rate: 0.1,
    data: { inputs: mat(shape.batch, shape.sizes[0], -2, 2), targets },
    layers: Array.from({ length: L }, (_, l) => ({
      activation: l === L - 1 ? shape.output : shape.hidden[l % shape.hidden.length],
      weights: mat(shape.sizes[l], shape.sizes[l + 1], -1, 1),
      ...(shape.bias === false ? {} : { bias: mat(1, shape.sizes[l + 1], -1, 1)[0] }),
    })),
  });
}

const round4 = (m: Matrix): Matrix => m.map((row) => row.map((x) => exactFromNumber(Number(toNumber(x).toPrecision(4)))));

type Fault = (ctx: GradingContext, ref: QuantityRef, r: () => number) => Matrix | null;

/** A student who computes every quantity from their own earlier numbers (4 significant figures), with one fault. */
function simulate(net: Network, exact: Values, order: QuantityRef[], target: QuantityRef | null, fault: Fault | null, r: () => number): Values | null {
  const student: Values = new Map();
  const ctx = new GradingContext(net, exact, student);
  for (const ref of order) {
    let value = recompute(ctx, ref);
    if (ref === target && fault) {
      const faulty = fault(ctx, ref, r);
      if (!faulty) return null;
      value = faulty;
    }
    student.set(ref.path, round4(value));
  }
  return student;
}

const last = (ctx: GradingContext) => ctx.L - 1;
const isLayer = (ref: QuantityRef, q: string) => ref.quantity === q;
const square = (m: Matrix) => m.length === m[0].length;

// Each entry: the exercises where the mistake can happen, which quantity it hits, and the student's faulty computation (written independently of lib/grading/faults.ts).
const CASES: Record<MisconceptionId, { shape: (r: () => number) => Shape; at: (ref: QuantityRef, ctx: GradingContext) => boolean; fault: Fault }> = {
  output_activation_wrong: {
    shape: (r) => ({ sizes: [2, 3, 2], hidden: ["relu"], output: r() < 0.5 ? "softmax" : "sigmoid", loss: "mse", batch: 1 }),
    at: (ref, ctx) => isLayer(ref, "X") && ref.layer === last(ctx),
    fault: (ctx, ref) => ctx.at(ref.step!, ref.layer!, "A"),
  },
  loss_terms_missing: {
    shape: () => ({ sizes: [2, 3, 3], hidden: ["relu"], output: "softmax", loss: "cross_entropy", batch: 1, targets: "multi_hot" }),
    at: (ref) => ref.quantity === "loss",
    fault: (ctx, ref) => {
      const T = ctx.net.targets.map((row) => row.map((t, k) => (k === row.findIndex((x) => !isZero(x)) ? t : ZERO)));
      return [[lossValue("cross_entropy", ctx.at(ref.step!, last(ctx), "X"), T)]];
    },
  },
  cross_entropy_derivative_extra_terms: {
    shape: (r) => ({ sizes: [2, 3, 2 + Math.floor(r() * 2)], hidden: ["relu"], output: "softmax", loss: "cross_entropy", batch: 1, targets: "one_hot" }),
    at: (ref, ctx) => isLayer(ref, "dX") && ref.layer === last(ctx),
    fault: (ctx, ref) =>
      ctx.at(ref.step!, ref.layer!, "X").map((row, n) => {
        // the lecture's ∂L/∂x_j = −t_j/x_j + Σ_{i≠j} t_i/x_i, then the mean's 1/N
        const q = row.map((x, i) => div(ctx.net.targets[n][i], x));
        return q.map((_, j) => {
          let s: Num = ZERO;
          q.forEach((qi, i) => (s = i === j ? sub(s, qi) : sub(s, sub(ZERO, qi))));
          return div(s, frac(ctx.net.inputs.length));
        });
      }),
  },
  mean_factor_forgotten: {
    shape: () => ({ sizes: [2, 3, 2], hidden: ["tanh"], output: "identity", loss: "mse", batch: 2 }),
    at: (ref, ctx) => isLayer(ref, "dX") && ref.layer === last(ctx),
    fault: (ctx, ref) => scale(recompute(ctx, ref), frac(ctx.net.inputs.length * ctx.net.targets[0].length)),
  },
  square_factor_forgotten: {
    shape: (r) => ({ sizes: [2, 2, 1 + Math.floor(r() * 2)], hidden: ["sigmoid"], output: "identity", loss: r() < 0.5 ? "mse" : "sse", batch: 1 }),
    at: (ref, ctx) => isLayer(ref, "dX") && ref.layer === last(ctx),
    fault: (ctx, ref) => minus(ctx.at(ref.step!, ref.layer!, "X"), ctx.net.targets).map((row) => row.map((d) => (ctx.net.loss === "mse" ? div(d, frac(ctx.net.targets[0].length)) : d))),
  },
  weights_not_transposed: {
    shape: () => ({ sizes: [2, 3, 3, 2], hidden: ["relu"], output: "softmax", loss: "cross_entropy", batch: 1, targets: "one_hot" }),
    at: (ref, ctx) => isLayer(ref, "dX") && ref.layer! < last(ctx) && square(ctx.W(ref.step!, ref.layer! + 1)),
    fault: (ctx, ref) => matmul(ctx.at(ref.step!, ref.layer! + 1, "delta"), ctx.W(ref.step!, ref.layer! + 1)),
  },
  updated_weights_in_backprop: {
    shape: () => ({ sizes: [2, 3, 2], hidden: ["sigmoid"], output: "identity", loss: "sse", batch: 1 }),
    at: (ref, ctx) => isLayer(ref, "dX") && ref.layer! < last(ctx),
    fault: (ctx, ref) => {
      const next = ref.layer! + 1;
      const Wnew = minus(ctx.W(ref.step!, next), scale(ctx.at(ref.step!, next, "dW"), ctx.net.learningRate));
      return matmul(ctx.at(ref.step!, next, "delta"), transpose(Wnew));
    },
  },
  activation_derivative_forgotten: {
    shape: (r) => ({ sizes: [2, 3, 2], hidden: [(["relu", "sigmoid", "tanh", "leaky_relu"] as const)[Math.floor(r() * 4)]], output: "identity", loss: "half_sse", batch: 1 }),
    at: (ref, ctx) => isLayer(ref, "delta") && ref.layer! < last(ctx),
    fault: (ctx, ref) => ctx.at(ref.step!, ref.layer!, "dX"),
  },
  relu_derivative_at_zero: {
    shape: () => ({ sizes: [2, 3, 1], hidden: ["relu"], output: "identity", loss: "half_sse", batch: 1, integers: true }),
    at: (ref, ctx) => isLayer(ref, "delta") && ref.layer! < last(ctx) && ctx.at(ref.step!, ref.layer!, "A").flat().some(isZero),
    fault: (ctx, ref) => hadamard(ctx.at(ref.step!, ref.layer!, "dX"), map(ctx.at(ref.step!, ref.layer!, "A"), (a) => (sign(a) >= 0 ? ONE : ZERO))),
  },
  softmax_jacobian_diagonal_only: {
    shape: () => ({ sizes: [2, 3, 3], hidden: ["relu"], output: "softmax", loss: "cross_entropy", batch: 1, targets: "one_hot" }),
    at: (ref, ctx) => isLayer(ref, "delta") && ref.layer === last(ctx),
    fault: (ctx, ref) => {
      const X = ctx.at(ref.step!, ref.layer!, "X");
      return hadamard(ctx.at(ref.step!, ref.layer!, "dX"), hadamard(X, map(X, (x) => sub(ONE, x))));
    },
  },
  softmax_shortcut_misused: {
    shape: () => ({ sizes: [2, 3, 3], hidden: ["relu"], output: "softmax", loss: "cross_entropy", batch: 1, targets: "multi_hot", bias: false }),
    at: (ref, ctx) => isLayer(ref, "delta") && ref.layer === last(ctx),
    fault: (ctx, ref) => minus(ctx.at(ref.step!, ref.layer!, "X"), ctx.net.targets),
  },
  wrong_layer_input: {
    shape: () => ({ sizes: [3, 3, 3, 2], hidden: ["tanh"], output: "identity", loss: "half_sse", batch: 1 }),
    at: (ref, ctx) => isLayer(ref, "dW") && square(ctx.net.layers[ref.layer!].W),
    fault: (ctx, ref) => matmul(transpose(ctx.at(ref.step!, ref.layer!, "X")), ctx.at(ref.step!, ref.layer!, "delta")),
  },
  gradient_transposed: {
    shape: () => ({ sizes: [2, 2, 2], hidden: ["sigmoid"], output: "identity", loss: "half_sse", batch: 1 }),
    at: (ref, ctx) => isLayer(ref, "dW") && square(ctx.net.layers[ref.layer!].W),
    fault: (ctx, ref) => transpose(matmul(transpose(ctx.Xprev(ref.step!, ref.layer!)), ctx.at(ref.step!, ref.layer!, "delta"))),
  },
  bias_gradient_not_summed: {
    shape: (r) => ({ sizes: [1, 2, 1], hidden: ["sigmoid"], output: "identity", loss: "mse", batch: 2 + Math.floor(r() * 2) }),
    at: (ref) => isLayer(ref, "dB"),
    fault: (ctx, ref, r) => {
      const delta = ctx.at(ref.step!, ref.layer!, "delta");
      return r() < 0.5 ? [sumRows(delta).map((x) => div(x, frac(delta.length)))] : [delta[Math.floor(r() * delta.length)]];
    },
  },
  update_sign_flipped: {
    shape: () => ({ sizes: [2, 2, 1], hidden: ["relu"], output: "identity", loss: "half_sse", batch: 1 }),
    at: (ref) => isLayer(ref, "W_new"),
    fault: (ctx, ref) => plus(ctx.W(ref.step!, ref.layer!), scale(ctx.at(ref.step!, ref.layer!, "dW"), ctx.net.learningRate)),
  },
  learning_rate_forgotten: {
    shape: () => ({ sizes: [2, 2, 1], hidden: ["relu"], output: "identity", loss: "half_sse", batch: 1 }),
    at: (ref) => isLayer(ref, "B_new"),
    fault: (ctx, ref) => minus(ctx.B(ref.step!, ref.layer!)!, ctx.at(ref.step!, ref.layer!, "dB")),
  },
  rounding_too_coarse: {
    shape: () => ({ sizes: [2, 3, 2], hidden: ["sigmoid"], output: "softmax", loss: "cross_entropy", batch: 1, targets: "one_hot" }),
    at: (ref) => ref.quantity === "X" || ref.quantity === "delta",
    fault: (ctx, ref) => map(recompute(ctx, ref), (x) => exactFromNumber(Number(toNumber(x).toPrecision(1)))),
  },
  arithmetic_slip: {
    shape: () => ({ sizes: [2, 3, 2], hidden: ["relu"], output: "identity", loss: "half_sse", batch: 1 }),
    at: (ref) => ref.quantity === "A" || ref.quantity === "dW" || ref.quantity === "W_new",
    fault: (ctx, ref, r) => {
      const m = recompute(ctx, ref);
      const [i, j] = [Math.floor(r() * m.length), Math.floor(r() * m[0].length)];
      const bump = exactFromNumber((r() < 0.5 ? -1 : 1) * (1 + Math.floor(r() * 9)));
      return m.map((row, a) => row.map((x, b) => (a === i && b === j ? sub(x, bump) : x)));
    },
  },
};

const TRIALS = 200;

describe("injected mistakes are diagnosed", () => {
  const rates: string[] = [];
  for (const id of MISCONCEPTION_IDS) {
    it(`${id}: at least 95% of ${TRIALS} faulty submissions are named, and no correct one is`, () => {
      const r = rng(MISCONCEPTION_IDS.indexOf(id) + 1);
      const c = CASES[id];
      let counted = 0;
      let named = 0;
      let guarded = 0;
      const wrongNames = new Map<string, number>();
      for (let attempt = 0; counted < TRIALS && attempt < TRIALS * 20; attempt++) {
        const net = randomNet(r, c.shape(r));
        const trace = solve(net);
        const exact = traceValues(trace);
        const order = orderOf(trace);
        // The honest student: everything right (to 4 significant figures), nothing flagged.
        const honest = simulate(net, exact, order, null, null, r)!;
        const clean = gradeValues(net, trace, honest);
        expect(clean.items.filter((i) => i.verdict !== "correct").map((i) => i.path)).toEqual([]);
        const probe = new GradingContext(net, exact, honest);
        const eligible = order.filter((ref) => c.at(ref, probe));
        if (eligible.length === 0) continue;
        const target = eligible[Math.floor(r() * eligible.length)];
        const student = simulate(net, exact, order, target, c.fault, r);
        if (!student) continue;
        const graded = gradeValues(net, trace, student);
        const item = graded.items.find((i) => i.path === target.path)!;
        if (item.verdict !== "incorrect") continue; // the fault did not change the answer
        counted++;
        // One honest mistake carried forward: everything after it keeps its carried credit (the
        // gaming guard never fires), except where the student's numbers leave a step undefined.
        const after = graded.items.slice(graded.items.indexOf(item) + 1);
        for (const later of after) {
          if (later.reason) {
            // The contract withholds it only downstream of a collapse: here, the mistake itself wiped its quantity out (rounding every entry to 0).
            expect(item.reason, `${later.path} after ${target.path}: ${later.message}`).toBe("collapsed");
            expect(later.shows_nothing?.from, later.path).toEqual([target.path]);
            guarded++;
            continue;
          }
          if (later.carried_expected !== undefined || later.verdict !== "incorrect") expect(["correct", "carried"], later.path).toContain(later.verdict);
        }
        if (item.misconception === id) named++;
        else wrongNames.set(String(item.misconception), (wrongNames.get(String(item.misconception)) ?? 0) + 1);
      }
      const rate = named / counted;
      rates.push(`${id.padEnd(38)} ${(100 * rate).toFixed(1)}% of ${counted}${guarded ? `, ${guarded} later steps of zeros` : ""}${wrongNames.size ? `  (else: ${[...wrongNames].map(([k, v]) => `${k}×${v}`).join(", ")})` : ""}`);
      console.log(rates[rates.length - 1]);
      expect(counted).toBe(TRIALS);
      expect(rate).toBeGreaterThanOrEqual(0.95);
    });
  }
});
