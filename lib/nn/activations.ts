// Activation functions h and their derivatives h', entry-wise, plus softmax (row-wise).
import { map, type Matrix } from "./matrix";
import { add, div, exp, mul, neg, ONE, sign, sub, ZERO, type Num } from "./num";
import type { Activation } from "./types";

// relu(a) = max(0, a)
export function relu(a: Num): Num {
  return sign(a) > 0 ? a : ZERO;
}

// relu'(a) = 1 if a > 0, else 0 (relu'(0) = 0 by the course's convention)
export function reluDerivative(a: Num): Num {
  return sign(a) > 0 ? ONE : ZERO;
}

// leaky(a) = a if a > 0, else slope · a
export function leakyRelu(a: Num, slope: Num): Num {
  return sign(a) > 0 ? a : mul(slope, a);
}

// leaky'(a) = 1 if a > 0, else slope
export function leakyReluDerivative(a: Num, slope: Num): Num {
  return sign(a) > 0 ? ONE : slope;
}

// σ(a) = 1 / (1 + e^(−a))
export function sigmoid(a: Num): Num {
  return div(ONE, add(ONE, exp(neg(a))));
}

// σ'(a) = σ(a) (1 − σ(a)), from x = σ(a)
export function sigmoidDerivative(x: Num): Num {
  return mul(x, sub(ONE, x));
}

// tanh(a) = (e^a − e^(−a)) / (e^a + e^(−a))
export function tanh(a: Num): Num {
  const p = exp(a);
  const m = exp(neg(a));
  return div(sub(p, m), add(p, m));
}

// tanh'(a) = 1 − tanh(a)², from x = tanh(a)
export function tanhDerivative(x: Num): Num {
  return sub(ONE, mul(x, x));
}

// softmax(a)_j = e^(a_j − max a) / Σ_k e^(a_k − max a), for each row
export function softmax(A: Matrix): Matrix {
  return A.map((row) => {
    const top = row.reduce((m, a) => (sign(sub(a, m)) > 0 ? a : m));
    const e = row.map((a) => exp(sub(a, top)));
    const total = e.reduce<Num>((s, x) => add(s, x), ZERO);
    return e.map((x) => div(x, total));
  });
}

// Δ_j = Σ_i g_i ∂x_i/∂a_j = x_j (g_j − Σ_i g_i x_i): softmax's full Jacobian applied to g = ∂L/∂X
export function softmaxBackward(X: Matrix, G: Matrix): Matrix {
  return X.map((x, n) => {
    const dot = x.reduce<Num>((s, xi, i) => add(s, mul(G[n][i], xi)), ZERO);
    return x.map((xj, j) => mul(xj, sub(G[n][j], dot)));
  });
}

// X^l = h(A^l)
export function activate(h: Activation, A: Matrix, slope: Num): Matrix {
  switch (h) {
    case "identity":
      return A;
    case "relu":
      return map(A, relu);
    case "leaky_relu":
      return map(A, (a) => leakyRelu(a, slope));
    case "sigmoid":
      return map(A, sigmoid);
    case "tanh":
      return map(A, tanh);
    case "softmax":
      return softmax(A);
  }
}

// h'(A^l), entry-wise (softmax has no entry-wise derivative: see softmaxBackward)
export function activationDerivative(h: Exclude<Activation, "softmax">, A: Matrix, X: Matrix, slope: Num): Matrix {
  switch (h) {
    case "identity":
      return map(A, () => ONE);
    case "relu":
      return map(A, reluDerivative);
    case "leaky_relu":
      return map(A, (a) => leakyReluDerivative(a, slope));
    case "sigmoid":
      return map(X, sigmoidDerivative);
    case "tanh":
      return map(X, tanhDerivative);
  }
}
