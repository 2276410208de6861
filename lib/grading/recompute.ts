// "Carried" values: each quantity recomputed exactly from the student's own inputs to it.
// Where the student did not submit an input, the exact value stands in for it.
import { biasGradient, forwardLayer, layerDelta, outputGradient, preActivation, sgdUpdate, sgdUpdateBias, weightGradient } from "../nn/backprop";
import { activate } from "../nn/activations";
import { lossGradient, lossValue } from "../nn/losses";
import type { Matrix } from "../nn/matrix";
import type { Layer, Network } from "../nn/types";
import type { QuantityRef } from "../exercises/quantities";
import type { Values } from "./quantity-values";

export class GradingContext {
  constructor(
    readonly net: Network,
    readonly exact: Values,
    readonly student: Values,
  ) {}

  get L(): number {
    return this.net.layers.length;
  }

  /** The student's value of a quantity, or the exact one when they gave none. */
  own(path: string): Matrix {
    const v = this.student.get(path) ?? this.exact.get(path);
    if (!v) throw new Error(`no value for ${path}`);
    return v;
  }

  at(s: number, l: number, key: string): Matrix {
    return this.own(`steps[${s}].layers[${l}].${key}`);
  }

  /** W^l in force during step s: given for the first step, then the student's own update. */
  W(s: number, l: number): Matrix {
    return s === 0 ? this.net.layers[l].W : this.at(s - 1, l, "W_new");
  }

  B(s: number, l: number): Matrix | undefined {
    if (!this.net.layers[l].B) return undefined;
    return s === 0 ? [this.net.layers[l].B!] : this.at(s - 1, l, "B_new");
  }

  /** X^(l-1): the input of layer l (X^0 = the data). */
  Xprev(s: number, l: number): Matrix {
    return l === 0 ? this.net.inputs : this.at(s, l - 1, "X");
  }

  /** Layer l with the parameters in force during step s. */
  layer(s: number, l: number): Layer {
    const B = this.B(s, l);
    return { ...this.net.layers[l], W: this.W(s, l), ...(B ? { B: B[0] } : {}) };
  }
}

/** X^L of the final parameters (the student's last update) on the data: what loss_after is the loss of. */
export function finalOutput(ctx: GradingContext): Matrix {
  let X = ctx.net.inputs;
  for (let l = 0; l < ctx.L; l++) X = forwardLayer(ctx.layer(ctx.net.steps, l), X).X;
  return X;
}

/**
 * The student's own quantities a quantity is computed from (contract paths), in the order the
 * formula uses them. The given data and the first step's parameters are not listed: they are
 * the same for everyone.
 */
export function inputsOf(ctx: GradingContext, ref: QuantityRef): string[] {
  const at = (s: number, l: number, key: string) => `steps[${s}].layers[${l}].${key}`;
  const params = (s: number, l: number) => (s === 0 ? [] : [at(s - 1, l, "W_new"), ...(ctx.net.layers[l].B ? [at(s - 1, l, "B_new")] : [])]);
  if (ref.quantity === "loss_after") return ctx.net.layers.flatMap((_, l) => params(ctx.net.steps, l));
  const s = ref.step;
  const last = ctx.L - 1;
  if (ref.quantity === "loss") return [at(s, last, "X")];
  const l = ref.layer;
  const prevX = l === 0 ? [] : [at(s, l - 1, "X")];
  switch (ref.quantity) {
    case "A":
      return [...prevX, ...params(s, l)];
    case "X":
      return [at(s, l, "A")];
    case "dX":
      return l === last ? [at(s, l, "X")] : [at(s, l + 1, "delta"), ...(s === 0 ? [] : [at(s - 1, l + 1, "W_new")])];
    case "delta":
      return [at(s, l, "A"), at(s, l, "X"), at(s, l, "dX")];
    case "dW":
      return [...prevX, at(s, l, "delta")];
    case "dB":
      return [at(s, l, "delta")];
    case "W_new":
      return [...(s === 0 ? [] : [at(s - 1, l, "W_new")]), at(s, l, "dW")];
    case "B_new":
      return [...(s === 0 ? [] : [at(s - 1, l, "B_new")]), at(s, l, "dB")];
  }
}

/** The quantity computed correctly from the student's own inputs. */
export function recompute(ctx: GradingContext, ref: QuantityRef): Matrix {
  const { net } = ctx;
  const last = ctx.L - 1;
  if (ref.quantity === "loss_after") return [[lossValue(net.loss, finalOutput(ctx), net.targets)]];
  const s = ref.step;
  if (ref.quantity === "loss") return [[lossValue(net.loss, ctx.at(s, last, "X"), net.targets)]];
  const l = ref.layer;
  const layer = ctx.layer(s, l);
  switch (ref.quantity) {
    case "A":
      return preActivation(ctx.Xprev(s, l), layer.W, layer.B);
    case "X":
      return activate(layer.activation, ctx.at(s, l, "A"), layer.slope);
    case "dX":
      return l === last ? lossGradient(net.loss, ctx.at(s, l, "X"), net.targets) : outputGradient(ctx.at(s, l + 1, "delta"), ctx.W(s, l + 1));
    case "delta":
      return layerDelta(layer, ctx.at(s, l, "A"), ctx.at(s, l, "X"), ctx.at(s, l, "dX"));
    case "dW":
      return weightGradient(ctx.Xprev(s, l), ctx.at(s, l, "delta"));
    case "dB":
      return [biasGradient(ctx.at(s, l, "delta"))];
    case "W_new":
      return sgdUpdate(layer.W, ctx.at(s, l, "dW"), net.learningRate);
    case "B_new":
      return [sgdUpdateBias(layer.B!, ctx.at(s, l, "dB")[0], net.learningRate)];
  }
}
