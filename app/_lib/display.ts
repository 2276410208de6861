// Matrices of the (row-layout) core shown in the exercise's layout: samples are rows in row
// layout and columns in column layout; weights are inputs × outputs or outputs × inputs.
import { matrixTex, numTex, vectorTex, type NumLike } from "@/app/_components/tex";
import { inLayout, samplesAsRows, samplesInLayout } from "@/lib/notation";
import type { Matrix, Vector } from "@/lib/nn/matrix";
import type { Layout } from "@/lib/nn/types";

type Format = (x: NumLike) => string;

export interface Display {
  /** A per-sample matrix (X, A, ∂L/∂X, Δ, T). */
  samples: (m: Matrix, format?: Format) => string;
  /** A weight-shaped matrix (W, ∂L/∂W). */
  weights: (m: Matrix, format?: Format) => string;
  /** A bias-shaped vector (B, ∂L/∂B). */
  bias: (v: Vector, format?: Format) => string;
}

export function display(layout: Layout): Display {
  return {
    samples: (m, format = numTex) => matrixTex(samplesInLayout(m, layout), format),
    weights: (m, format = numTex) => matrixTex(inLayout(m, layout), format),
    bias: (v, format = numTex) => vectorTex(v, !samplesAsRows(layout), format),
  };
}
