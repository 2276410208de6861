// The network of an exercise, always held in row layout (A = X W + B, one sample per row).
// Column-layout exercises (z = W x + b) are transposed on the way in and out.
import type { Matrix, Vector } from "./matrix";
import type { Num } from "./num";

export const ACTIVATIONS = ["identity", "relu", "leaky_relu", "sigmoid", "tanh", "softmax"] as const;
export const LOSSES = ["cross_entropy", "binary_cross_entropy", "mse", "half_sse", "sse"] as const;
export const LAYOUTS = ["row", "column"] as const;

export type Activation = (typeof ACTIVATIONS)[number];
export type LossName = (typeof LOSSES)[number];
export type Layout = (typeof LAYOUTS)[number];

export interface Layer {
  activation: Activation;
  /** Slope of leaky ReLU for negative inputs. */
  slope: Num;
  /** W^l, shape (inputs × outputs). */
  W: Matrix;
  /** B^l, one entry per output; absent for a layer without bias. */
  B?: Vector;
}

export interface Network {
  layout: Layout;
  loss: LossName;
  /** η */
  learningRate: Num;
  steps: number;
  /** X^0: the inputs, one row per sample. */
  inputs: Matrix;
  /** T: the targets, one row per sample. */
  targets: Matrix;
  layers: Layer[];
}

/** Everything computed for layer l during one step (the lecture's names). */
export interface LayerTrace {
  A: Matrix;
  X: Matrix;
  dX: Matrix;
  delta: Matrix;
  dW: Matrix;
  dB?: Vector;
  W_new: Matrix;
  B_new?: Vector;
}

export interface StepTrace {
  loss: Num;
  layers: LayerTrace[];
}

export interface Trace {
  steps: StepTrace[];
  lossAfter: Num;
}
