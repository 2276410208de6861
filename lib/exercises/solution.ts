// The contract's solution JSON from an exact trace (numbers as doubles, matrices in the exercise's layout).
import type { Matrix, Vector } from "../nn/matrix";
import { inLayout } from "../notation";
import { toNumber } from "../nn/num";
import type { Layout, Trace } from "../nn/types";

export interface LayerSolution {
  A: number[][];
  X: number[][];
  dX: number[][];
  delta: number[][];
  dW: number[][];
  dB?: number[];
  W_new: number[][];
  B_new?: number[];
}

export interface Solution {
  layout: Layout;
  steps: { loss: number; layers: LayerSolution[] }[];
  loss_after: number;
}

const mat = (m: Matrix) => m.map((row) => row.map(toNumber));
const vec = (v: Vector) => v.map(toNumber);

export function toSolution(trace: Trace, layout: Layout): Solution {
  return {
    layout,
    steps: trace.steps.map((step) => ({
      loss: toNumber(step.loss),
      layers: step.layers.map((t) => ({
        A: mat(t.A),
        X: mat(t.X),
        dX: mat(t.dX),
        delta: mat(t.delta),
        dW: mat(inLayout(t.dW, layout)),
        ...(t.dB ? { dB: vec(t.dB) } : {}),
        W_new: mat(inLayout(t.W_new, layout)),
        ...(t.B_new ? { B_new: vec(t.B_new) } : {}),
      })),
    })),
    loss_after: toNumber(trace.lossAfter),
  };
}
