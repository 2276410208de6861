// Loss functions L(Y, T) and their gradients ∂L/∂X^L, with N samples and K outputs.
import { map, type Matrix } from "./matrix";
import { add, div, frac, isZero, ln, mul, neg, ONE, sub, ZERO, type Num } from "./num";
import type { LossName } from "./types";

function sum(m: Matrix, term: (y: Num, t: Num) => Num, T: Matrix): Num {
  let s: Num = ZERO;
  m.forEach((row, n) => row.forEach((y, k) => (s = add(s, term(y, T[n][k])))));
  return s;
}

// t log y, with 0 log 0 = 0 (a class with target 0 contributes nothing)
function tLogY(t: Num, y: Num): Num {
  return isZero(t) ? ZERO : mul(t, ln(y));
}

function counts(Y: Matrix): { N: Num; NK: Num } {
  const N = Y.length;
  return { N: frac(N), NK: frac(N * (Y[0]?.length ?? 0)) };
}

// L = −(1/N) Σ_n Σ_k t log y                                        (cross_entropy)
// L = −(1/(N K)) Σ_n Σ_k [t log y + (1 − t) log(1 − y)]             (binary_cross_entropy)
// L = (1/(N K)) Σ (y − t)²,  ½ Σ (y − t)²,  Σ (y − t)²               (mse, half_sse, sse)
export function lossValue(loss: LossName, Y: Matrix, T: Matrix): Num {
  const { N, NK } = counts(Y);
  const square = (y: Num, t: Num) => mul(sub(y, t), sub(y, t));
  switch (loss) {
    case "cross_entropy":
      return neg(div(sum(Y, (y, t) => tLogY(t, y), T), N));
    case "binary_cross_entropy":
      return neg(div(sum(Y, (y, t) => add(tLogY(t, y), tLogY(sub(ONE, t), sub(ONE, y))), T), NK));
    case "mse":
      return div(sum(Y, square, T), NK);
    case "half_sse":
      return div(sum(Y, square, T), frac(2));
    case "sse":
      return sum(Y, square, T);
  }
}

// ∂L/∂X^L: −t/(N y) (cross_entropy); −(t/y − (1−t)/(1−y))/(N K) (binary_cross_entropy);
//          2(y − t)/(N K) (mse); (y − t) (half_sse); 2(y − t) (sse)
export function lossGradient(loss: LossName, Y: Matrix, T: Matrix): Matrix {
  const { N, NK } = counts(Y);
  const ratio = (t: Num, y: Num) => (isZero(t) ? ZERO : div(t, y));
  return map(Y, (y, n, k) => {
    const t = T[n][k];
    switch (loss) {
      case "cross_entropy":
        return neg(div(ratio(t, y), N));
      case "binary_cross_entropy":
        return neg(div(sub(ratio(t, y), ratio(sub(ONE, t), sub(ONE, y))), NK));
      case "mse":
        return div(mul(frac(2), sub(y, t)), NK);
      case "half_sse":
        return sub(y, t);
      case "sse":
        return mul(frac(2), sub(y, t));
    }
  });
}
