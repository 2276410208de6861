// The lecture's formulas, one function each, in row layout (one sample per row).
import { activate, activationDerivative, softmaxBackward } from "./activations";
import { addRow, hadamard, matmul, minus, scale, sumRows, transpose, type Matrix, type Vector } from "./matrix";
import { mul, sub, type Num } from "./num";
import type { Layer } from "./types";

// A^l = X^(l-1) W^l + B^l
export function preActivation(Xprev: Matrix, W: Matrix, B?: Vector): Matrix {
  const XW = matmul(Xprev, W);
  return B ? addRow(XW, B) : XW;
}

// X^l = h(A^l)
export function forwardLayer(layer: Layer, Xprev: Matrix): { A: Matrix; X: Matrix } {
  const A = preActivation(Xprev, layer.W, layer.B);
  return { A, X: activate(layer.activation, A, layer.slope) };
}

// Δ^l = ∂L/∂X^l ⊙ h'(A^l)   (softmax: Δ_j = x_j (∂L/∂x_j − Σ_i ∂L/∂x_i x_i), its full Jacobian)
export function layerDelta(layer: Layer, A: Matrix, X: Matrix, dX: Matrix): Matrix {
  if (layer.activation === "softmax") return softmaxBackward(X, dX);
  return hadamard(dX, activationDerivative(layer.activation, A, X, layer.slope));
}

// ∂L/∂X^l = Δ^(l+1) W^(l+1)T
export function outputGradient(deltaNext: Matrix, Wnext: Matrix): Matrix {
  return matmul(deltaNext, transpose(Wnext));
}

// Δ^l = Δ^(l+1) W^(l+1)T ⊙ h'(A^l)
export function hiddenDelta(layer: Layer, A: Matrix, X: Matrix, deltaNext: Matrix, Wnext: Matrix): Matrix {
  return layerDelta(layer, A, X, outputGradient(deltaNext, Wnext));
}

// ∂L/∂W^l = X^(l-1)T Δ^l
export function weightGradient(Xprev: Matrix, delta: Matrix): Matrix {
  return matmul(transpose(Xprev), delta);
}

// ∂L/∂B^l = Σ_n Δ^l_n  (the rows of Δ^l summed over the batch)
export function biasGradient(delta: Matrix): Vector {
  return sumRows(delta);
}

// W ← W − η ∂L/∂W
export function sgdUpdate(W: Matrix, grad: Matrix, eta: Num): Matrix {
  return minus(W, scale(grad, eta));
}

// B ← B − η ∂L/∂B
export function sgdUpdateBias(B: Vector, grad: Vector, eta: Num): Vector {
  return B.map((b, j) => sub(b, mul(eta, grad[j])));
}
