// Faulty rules: each misconception recomputes one quantity the wrong way, from the
// student's own inputs. A rule returns its candidate values (none where it cannot apply).
import { activate, sigmoidDerivative } from "../nn/activations";
import { lossValue } from "../nn/losses";
import { hadamard, map, matmul, minus, plus, scale, shape, sumRows, transpose, type Matrix } from "../nn/matrix";
import { add, div, frac, isZero, ONE, sign, sub, ZERO, type Num } from "../nn/num";
import type { LayerQuantityRef, Quantity, QuantityRef } from "../exercises/quantities";
import type { MisconceptionId } from "./catalogue";
import { finalOutput, recompute, type GradingContext } from "./recompute";

type Rule = (ctx: GradingContext, ref: QuantityRef) => Matrix[];
type LayerRule = (ctx: GradingContext, ref: LayerQuantityRef) => Matrix[];

/** A rule of a layer's quantity, which never applies to the losses. */
const perLayer =
  (rule: LayerRule): Rule =>
  (ctx, ref) =>
    ref.quantity === "loss" || ref.quantity === "loss_after" ? [] : rule(ctx, ref);

const isSquare = (m: Matrix) => {
  const [r, c] = shape(m);
  return r === c;
};
const sumsToOne = (row: Num[]) => isZero(sub(row.reduce<Num>((s, t) => add(s, t), ZERO), ONE));
const N = (ctx: GradingContext) => ctx.net.inputs.length;
const K = (ctx: GradingContext) => ctx.net.targets[0].length;

// X^L = A^L, or X^L = h_hidden(A^L)
const outputActivationWrong: LayerRule = (ctx, { step, layer }) => {
  const last = ctx.L - 1;
  if (layer !== last) return [];
  const { activation, slope } = ctx.net.layers[last];
  const A = ctx.at(step, last, "A");
  const others = new Set(ctx.net.layers.slice(0, last).map((l) => l.activation));
  others.add("identity");
  others.delete(activation);
  return [...others].map((h) => activate(h, A, slope));
};

// only the first class with t ≠ 0 of each target row, or only one sample of the batch
const lossTermsMissing: Rule = (ctx, ref) => {
  const { loss, targets } = ctx.net;
  const Y = ref.quantity === "loss_after" ? finalOutput(ctx) : ctx.at(ref.step, ctx.L - 1, "X");
  const out: Matrix[] = [];
  if (targets.some((row) => row.filter((t) => !isZero(t)).length > 1)) {
    const firstOnly = targets.map((row) => {
      const k = row.findIndex((t) => !isZero(t));
      return row.map((t, j) => (j === k ? t : ZERO));
    });
    out.push([[lossValue(loss, Y, firstOnly)]]);
  }
  if (Y.length > 1) {
    Y.forEach((_, n) => {
      const alone = lossValue(loss, [Y[n]], [targets[n]]);
      out.push([[alone]], [[div(alone, frac(Y.length))]]);
    });
  }
  return out;
};

// ∂L/∂x_j = (−t_j/x_j + Σ_{i≠j} t_i/x_i) / N
const crossEntropyExtraTerms: LayerRule = (ctx, { step, layer }) => {
  if (ctx.net.loss !== "cross_entropy" || layer !== ctx.L - 1) return [];
  const Y = ctx.at(step, layer, "X");
  return [
    Y.map((row, n) => {
      const r = row.map((y, i) => (isZero(ctx.net.targets[n][i]) ? ZERO : div(ctx.net.targets[n][i], y)));
      const total = r.reduce<Num>((s, x) => add(s, x), ZERO);
      return r.map((rj) => div(sub(sub(total, rj), rj), frac(N(ctx))));
    }),
  ];
};

// the loss, or ∂L/∂X^L, without the 1/N (cross-entropy) or 1/(N K) (mse, binary cross-entropy)
const meanFactorForgotten: Rule = (ctx, ref) => {
  const { loss } = ctx.net;
  const factors = loss === "cross_entropy" ? [N(ctx)] : loss === "mse" || loss === "binary_cross_entropy" ? [N(ctx) * K(ctx), N(ctx), K(ctx)] : [];
  const unique = [...new Set(factors)].filter((f) => f > 1);
  const isLossGradient = ref.quantity === "dX" && ref.layer === ctx.L - 1;
  if (ref.quantity !== "loss" && ref.quantity !== "loss_after" && !isLossGradient) return [];
  const right = recompute(ctx, ref);
  return unique.map((f) => scale(right, frac(f)));
};

// ∂L/∂X^L of mse or sse without the 2
const squareFactorForgotten: LayerRule = (ctx, { quantity, layer, step }) => {
  if (quantity !== "dX" || layer !== ctx.L - 1 || !(ctx.net.loss === "mse" || ctx.net.loss === "sse")) return [];
  return [scale(recompute(ctx, { path: "", quantity, layer, step }), frac(1, 2))];
};

// ∂L/∂X^l = Δ^(l+1) W^(l+1) (square W)
const weightsNotTransposed: LayerRule = (ctx, { quantity, step, layer }) => {
  if (quantity !== "dX" || layer === ctx.L - 1) return [];
  const W = ctx.W(step, layer + 1);
  return isSquare(W) ? [matmul(ctx.at(step, layer + 1, "delta"), W)] : [];
};

// ∂L/∂X^l = Δ^(l+1) (W^(l+1) − η ∂L/∂W^(l+1))T
const updatedWeightsInBackprop: LayerRule = (ctx, { quantity, step: s, layer }) => {
  if (quantity !== "dX" || layer === ctx.L - 1) return [];
  const next = layer + 1;
  const delta = ctx.at(s, next, "delta");
  const updated = [ctx.at(s, next, "W_new"), minus(ctx.W(s, next), scale(ctx.at(s, next, "dW"), ctx.net.learningRate))];
  return updated.map((W) => matmul(delta, transpose(W)));
};

// Δ^l = ∂L/∂X^l (no ⊙ h'(A^l))
const activationDerivativeForgotten: LayerRule = (ctx, { quantity, step, layer }) => {
  if (quantity !== "delta" || ctx.net.layers[layer].activation === "identity") return [];
  return [ctx.at(step, layer, "dX")];
};

// Δ^l = ∂L/∂X^l ⊙ [A^l ≥ 0]
const reluDerivativeAtZero: LayerRule = (ctx, { quantity, step, layer }) => {
  if (quantity !== "delta" || ctx.net.layers[layer].activation !== "relu") return [];
  const A = ctx.at(step, layer, "A");
  if (!A.flat().some(isZero)) return [];
  return [hadamard(ctx.at(step, layer, "dX"), map(A, (a) => (sign(a) >= 0 ? ONE : ZERO)))];
};

// Δ_j = ∂L/∂x_j · x_j (1 − x_j)
const softmaxDiagonalOnly: LayerRule = (ctx, { quantity, step, layer }) => {
  if (quantity !== "delta" || ctx.net.layers[layer].activation !== "softmax") return [];
  return [hadamard(ctx.at(step, layer, "dX"), map(ctx.at(step, layer, "X"), sigmoidDerivative))];
};

// Δ^L = (X^L − T)/N where a target row does not sum to 1
const softmaxShortcutMisused: LayerRule = (ctx, { quantity, step, layer }) => {
  const { layers, loss, targets } = ctx.net;
  if (quantity !== "delta" || layers[layer].activation !== "softmax" || loss !== "cross_entropy" || targets.every(sumsToOne)) return [];
  return [scale(minus(ctx.at(step, layer, "X"), targets), frac(1, N(ctx)))];
};

// ∂L/∂W^l = X^lT Δ^l
const wrongLayerInput: LayerRule = (ctx, { quantity, step, layer }) => {
  if (quantity !== "dW") return [];
  const X = ctx.at(step, layer, "X");
  const delta = ctx.at(step, layer, "delta");
  return shape(X)[1] === shape(ctx.Xprev(step, layer))[1] ? [matmul(transpose(X), delta)] : [];
};

// (∂L/∂W^l)T
const gradientTransposed: Rule = (ctx, ref) => {
  if (ref.quantity !== "dW") return [];
  const right = recompute(ctx, ref);
  return isSquare(right) ? [transpose(right)] : [];
};

// ∂L/∂B^l = mean of Δ^l over the batch, or one row of Δ^l
const biasGradientNotSummed: LayerRule = (ctx, { quantity, step, layer }) => {
  if (quantity !== "dB" || N(ctx) < 2) return [];
  const delta = ctx.at(step, layer, "delta");
  return [[sumRows(delta).map((x) => div(x, frac(delta.length)))], ...delta.map((row) => [row])];
};

// W + η ∂L/∂W
const updateSignFlipped: LayerRule = (ctx, { quantity, step, layer }) => {
  const grad = updateParts(ctx, quantity, step, layer);
  return grad ? [plus(grad.param, scale(grad.grad, ctx.net.learningRate))] : [];
};

// W − ∂L/∂W
const learningRateForgotten: LayerRule = (ctx, { quantity, step, layer }) => {
  const grad = updateParts(ctx, quantity, step, layer);
  return grad && !isZero(sub(ctx.net.learningRate, ONE)) ? [minus(grad.param, grad.grad)] : [];
};

function updateParts(ctx: GradingContext, quantity: string, s: number, l: number): { param: Matrix; grad: Matrix } | null {
  if (quantity === "W_new") return { param: ctx.W(s, l), grad: ctx.at(s, l, "dW") };
  if (quantity === "B_new") return { param: ctx.B(s, l)!, grad: ctx.at(s, l, "dB") };
  return null;
}

/** x rounded to `digits` significant figures, or to `places` decimal places. */
export function roundSig(x: number, digits: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(digits));
}
const roundPlaces = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/** The coarse roundings a student might make: 1 or 2 significant figures, 1 decimal place. */
export const COARSE_ROUNDINGS: ((x: number) => number)[] = [(x) => roundSig(x, 1), (x) => roundSig(x, 2), (x) => roundPlaces(x, 1)];

/** Each faulty rule with the quantities it can produce, in the order they are tried. */
const FAULTS: [MisconceptionId, Quantity[], Rule][] = [
  ["output_activation_wrong", ["X"], perLayer(outputActivationWrong)],
  ["loss_terms_missing", ["loss", "loss_after"], lossTermsMissing],
  ["cross_entropy_derivative_extra_terms", ["dX"], perLayer(crossEntropyExtraTerms)],
  ["mean_factor_forgotten", ["dX", "loss", "loss_after"], meanFactorForgotten],
  ["square_factor_forgotten", ["dX"], perLayer(squareFactorForgotten)],
  ["weights_not_transposed", ["dX"], perLayer(weightsNotTransposed)],
  ["updated_weights_in_backprop", ["dX"], perLayer(updatedWeightsInBackprop)],
  // ReLU'(0) = 1 is the more specific reading when no pre-activation is negative (both give ∂L/∂X^l).
  ["relu_derivative_at_zero", ["delta"], perLayer(reluDerivativeAtZero)],
  ["activation_derivative_forgotten", ["delta"], perLayer(activationDerivativeForgotten)],
  ["softmax_jacobian_diagonal_only", ["delta"], perLayer(softmaxDiagonalOnly)],
  ["softmax_shortcut_misused", ["delta"], perLayer(softmaxShortcutMisused)],
  ["wrong_layer_input", ["dW"], perLayer(wrongLayerInput)],
  ["gradient_transposed", ["dW"], gradientTransposed],
  ["bias_gradient_not_summed", ["dB"], perLayer(biasGradientNotSummed)],
  ["update_sign_flipped", ["W_new", "B_new"], perLayer(updateSignFlipped)],
  ["learning_rate_forgotten", ["W_new", "B_new"], perLayer(learningRateForgotten)],
];

/** A rule's candidates, or none where the student's numbers leave it undefined (log 0, x/0...). */
function candidatesOf(rule: Rule, ctx: GradingContext, ref: QuantityRef): Matrix[] {
  try {
    return rule(ctx, ref);
  } catch {
    return [];
  }
}

/** The specific faulty rules that apply to a quantity, each with its candidate values. */
export function* faultyCandidates(ctx: GradingContext, ref: QuantityRef): Generator<[MisconceptionId, Matrix]> {
  for (const [id, quantities, rule] of FAULTS) {
    if (!quantities.includes(ref.quantity)) continue;
    for (const candidate of candidatesOf(rule, ctx, ref)) yield [id, candidate];
  }
}
