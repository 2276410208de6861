// The formula of one entry of each quantity, one small function per formula of the lecture, in
// both notations: its symbols, the numbers it uses (the student's own or the given data) and, once
// those numbers may show, the formula with them put in. lib/grading/explain-entry.ts turns these
// parts into an explanation; the carried value itself always comes from recompute().
import { activationDerivative } from "../nn/activations";
import type { Matrix } from "../nn/matrix";
import { sign, type Num } from "../nn/num";
import type { Layout } from "../nn/types";
import { inLayoutOrder } from "../notation";
import type { QuantityRef } from "../exercises/quantities";
import type { GradingContext } from "./recompute";
import { entryTex, paren, type Ix, type SymbolKind } from "./entry-symbols";
import type { Because } from "./explain-entry";

/** Where a number comes from: a student's quantity (by path) or the given data. */
export type Source = { path: string } | { given: Matrix };

/** The parts of an explanation that depend on the formula. */
export interface Parts {
  formula: string;
  /** Builds the substituted TeX from the numbers' TeX (called only when they may show). */
  substituted?: (v: (k: number) => string) => string;
  evaluated?: string;
  because?: Because;
  /** The inputs, in the order `substituted` refers to them (v(0), v(1)...). */
  uses: Use[];
}

export interface Use {
  kind: SymbolKind;
  l: number;
  a: number;
  b: number;
  source: Source;
}

/** A builder of formulas for one exercise: the context, the entry's layout, the number format. */
export class Formulas {
  constructor(
    readonly ctx: GradingContext,
    readonly format: (x: Num) => string,
  ) {}

  get layout(): Layout {
    return this.ctx.net.layout;
  }

  tex(kind: SymbolKind, l: number, a: Ix, b: Ix): string {
    return entryTex(kind, l, a, b, this.layout);
  }

  at(s: number, l: number, key: string): Source {
    return { path: `steps[${s}].layers[${l}].${key}` };
  }

  /** W^l in force in step s: given, or the student's update of the step before. */
  weights(s: number, l: number): Source {
    return s === 0 ? { given: this.ctx.net.layers[l].W } : this.at(s - 1, l, "W_new");
  }

  bias(s: number, l: number): Source {
    return s === 0 ? { given: [this.ctx.net.layers[l].B!] } : this.at(s - 1, l, "B_new");
  }

  /** X^(l−1): the data for the first layer. */
  previous(s: number, l: number): Source {
    return l === 0 ? { given: this.ctx.net.inputs } : this.at(s, l - 1, "X");
  }

  /** The number the formula uses: the student's own, or the exact one where they left it blank. */
  value(u: Use): Num {
    return "given" in u.source ? u.source.given[u.a][u.b] : this.ctx.own(u.source.path)[u.a][u.b];
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const sum = (terms: string[]) => terms.join(" + ").replace(/\+ -/g, "- ");
const sumOver = (letter: string, count: number) => (count === 1 ? "" : `\\sum_{${letter}} `);
/** Two numbers multiplied in the layout's order, the second in parentheses when negative. */
const product = (f: Formulas, a: string, b: string) => {
  const [first, second] = inLayoutOrder(a, b, f.layout);
  return `${first} \\cdot ${paren(second)}`;
};

/** A^l_{nk} = Σ_j X^(l−1)_{nj} W^l_{jk} + B^l_k (column: z^l_{kn} = Σ_j W^l_{kj} x^(l−1)_{jn} + b^l_k). */
function preActivationParts(f: Formulas, s: number, l: number, n: number, k: number): Parts {
  const layer = f.ctx.net.layers[l];
  const J = layer.W.length;
  const xw = (x: string, w: string) => inLayoutOrder(x, w, f.layout).join(" ");
  const uses: Use[] = range(J).flatMap((j) => [
    { kind: "out" as const, l, a: n, b: j, source: f.previous(s, l) },
    { kind: "W" as const, l: l + 1, a: j, b: k, source: f.weights(s, l) },
  ]);
  const hasBias = !!layer.B;
  if (hasBias) uses.push({ kind: "B", l: l + 1, a: 0, b: k, source: f.bias(s, l) });
  const biasTex = hasBias ? ` + ${f.tex("B", l + 1, 0, k)}` : "";
  return {
    formula: `${sumOver("j", J)}${xw(f.tex("out", l, n, "j"), f.tex("W", l + 1, "j", k))}${biasTex}`,
    substituted: (v) => sum([...range(J).map((j) => product(f, v(2 * j), v(2 * j + 1))), ...(hasBias ? [v(2 * J)] : [])]),
    uses,
  };
}

function signOf(x: Num, tex: string): Because {
  const s = sign(x);
  return { sign: s < 0 ? "negative" : s > 0 ? "positive" : "zero", tex: `${tex} ${s < 0 ? "< 0" : s > 0 ? "> 0" : "= 0"}` };
}

/** X^l_{nk} = h(A^l_{nk}); softmax: e^(A_{nk}) / Σ_i e^(A_{ni}). */
function activationParts(f: Formulas, s: number, l: number, n: number, k: number): Parts {
  const layer = f.ctx.net.layers[l];
  const A = f.at(s, l, "A");
  const a = f.tex("pre", l + 1, n, k);
  const one: Use[] = [{ kind: "pre", l: l + 1, a: n, b: k, source: A }];
  const aValue = () => f.value(one[0]);
  switch (layer.activation) {
    case "identity":
      return { formula: a, substituted: (v) => v(0), uses: one };
    case "relu":
      return { formula: `\\max\\!\\left(0,\\ ${a}\\right)`, substituted: (v) => `\\max\\!\\left(0,\\ ${v(0)}\\right)`, because: signOf(aValue(), a), uses: one };
    case "leaky_relu": {
      const slope = f.format(layer.slope);
      const negative = sign(aValue()) <= 0;
      return { formula: `\\operatorname{LReLU}\\!\\left(${a}\\right)`, substituted: (v) => `\\operatorname{LReLU}\\!\\left(${v(0)}\\right)`, evaluated: negative ? `${slope} \\cdot ${paren(f.format(aValue()))}` : undefined, because: signOf(aValue(), a), uses: one };
    }
    case "sigmoid":
      return { formula: `\\frac{1}{1 + e^{-${a}}}`, substituted: (v) => `\\frac{1}{1 + e^{-${paren(v(0))}}}`, uses: one };
    case "tanh":
      return { formula: `\\tanh ${a}`, substituted: (v) => `\\tanh ${paren(v(0))}`, uses: one };
    case "softmax": {
      const K = layer.W[0].length;
      const uses: Use[] = range(K).map((i) => ({ kind: "pre", l: l + 1, a: n, b: i, source: A }));
      return {
        formula: `\\frac{e^{${a}}}{\\sum_{i} e^{${f.tex("pre", l + 1, n, "i")}}}`,
        substituted: (v) => `\\frac{e^{${v(k)}}}{${range(K).map((i) => `e^{${v(i)}}`).join(" + ")}}`,
        uses,
      };
    }
  }
}

/** ∂L/∂X^l_{nj} = Σ_k Δ^(l+1)_{nk} W^(l+1)_{jk} (column: Σ_k W^(l+1)_{kj} δ^(l+1)_{kn}). */
function backThroughParts(f: Formulas, s: number, l: number, n: number, j: number): Parts {
  const next = f.ctx.net.layers[l + 1];
  const K = next.W[0].length;
  const uses: Use[] = range(K).flatMap((k) => [
    { kind: "delta" as const, l: l + 2, a: n, b: k, source: f.at(s, l + 1, "delta") },
    { kind: "W" as const, l: l + 2, a: j, b: k, source: f.weights(s, l + 1) },
  ]);
  const [d, w] = [f.tex("delta", l + 2, n, "k"), f.tex("W", l + 2, j, "k")];
  return {
    formula: `${sumOver("k", K)}${inLayoutOrder(d, w, f.layout).join(" ")}`,
    substituted: (v) => sum(range(K).map((k) => product(f, v(2 * k), v(2 * k + 1)))),
    uses,
  };
}

/** ∂L/∂X^L_{nk} at the output, per loss (N samples, K outputs). */
function lossGradientParts(f: Formulas, s: number, l: number, n: number, k: number): Parts {
  const { net } = f.ctx;
  const N = net.inputs.length;
  const NK = N * net.targets[0].length;
  const [y, t] = [f.tex("out", l + 1, n, k), f.tex("targets", 0, n, k)];
  const uses: Use[] = [
    { kind: "out", l: l + 1, a: n, b: k, source: f.at(s, l, "X") },
    { kind: "targets", l: 0, a: n, b: k, source: { given: net.targets } },
  ];
  const over = (m: number) => (m === 1 ? "" : `\\frac{1}{${m}} `);
  const shape = (y: string, t: string): string => {
    switch (net.loss) {
      case "cross_entropy":
        return `-\\frac{${t}}{${N === 1 ? "" : `${N} \\cdot `}${y}}`;
      case "binary_cross_entropy":
        return `-${over(NK)}\\left(\\frac{${t}}{${y}} - \\frac{1 - ${t}}{1 - ${y}}\\right)`;
      case "mse":
        return `\\frac{2}{${NK}} \\left(${y} - ${t}\\right)`;
      case "half_sse":
        return `${y} - ${t}`;
      case "sse":
        return `2 \\left(${y} - ${t}\\right)`;
    }
  };
  return { formula: shape(y, t), substituted: (v) => shape(paren(v(0)), paren(v(1))), uses };
}

/** Δ^l_{nk} = ∂L/∂X^l_{nk} · h'(A^l_{nk}), h' evaluated; softmax: its Jacobian's row, X_{nk} (∂L/∂X_{nk} − Σ_i ∂L/∂X_{ni} X_{ni}). */
function deltaParts(f: Formulas, s: number, l: number, n: number, k: number): Parts {
  const layer = f.ctx.net.layers[l];
  const h = layer.activation;
  const [A, X, dX] = [f.at(s, l, "A"), f.at(s, l, "X"), f.at(s, l, "dX")];
  const L = l + 1;
  if (h === "softmax") {
    const K = layer.W[0].length;
    const uses: Use[] = range(K).flatMap((i) => [
      { kind: "out" as const, l: L, a: n, b: i, source: X },
      { kind: "dX" as const, l: L, a: n, b: i, source: dX },
    ]);
    const x = (i: Ix) => f.tex("out", L, n, i);
    const g = (i: Ix) => f.tex("dX", L, n, i);
    return {
      formula: `${x(k)} \\left(${g(k)} - \\sum_{i} ${g("i")}\\, ${x("i")}\\right)`,
      substituted: (v) => `${paren(v(2 * k))} \\left(${v(2 * k + 1)} - \\left(${sum(range(K).map((i) => `${v(2 * i + 1)} \\cdot ${paren(v(2 * i))}`))}\\right)\\right)`,
      uses,
    };
  }
  const g: Use = { kind: "dX", l: L, a: n, b: k, source: dX };
  const byX = h === "sigmoid" || h === "tanh";
  const arg: Use = byX ? { kind: "out", l: L, a: n, b: k, source: X } : { kind: "pre", l: L, a: n, b: k, source: A };
  const uses = h === "identity" ? [g] : [g, arg];
  const name = { identity: "\\operatorname{id}", relu: "\\operatorname{ReLU}", leaky_relu: "\\operatorname{LReLU}", sigmoid: "\\sigma", tanh: "\\tanh" }[h];
  const a = f.tex("pre", L, n, k);
  const own = (u: Use) => f.value(u);
  const d = activationDerivative(h, [[own(arg)]], [[own(arg)]], layer.slope)[0][0];
  const derivativeOf = (v: (k: number) => string) => {
    if (h === "identity") return "1";
    if (h === "sigmoid") return `${paren(v(1))} \\left(1 - ${paren(v(1))}\\right)`;
    if (h === "tanh") return `\\left(1 - ${paren(v(1))}^{2}\\right)`;
    return `${name}'\\!\\left(${v(1)}\\right)`;
  };
  return {
    formula: `${f.tex("dX", L, n, k)} \\cdot ${name}'\\!\\left(${a}\\right)`,
    substituted: (v) => `${v(0)} \\cdot ${derivativeOf(v)}`,
    evaluated: `${f.format(own(g))} \\cdot ${paren(f.format(d))}`,
    because: h === "relu" || h === "leaky_relu" ? signOf(own(arg), a) : undefined,
    uses,
  };
}

/** ∂L/∂W^l_{jk} = Σ_n X^(l−1)_{nj} Δ^l_{nk} (column: Σ_n δ^l_{kn} x^(l−1)_{jn}), a sum over the samples. */
function weightGradientParts(f: Formulas, s: number, l: number, j: number, k: number): Parts {
  const N = f.ctx.net.inputs.length;
  const uses: Use[] = range(N).flatMap((n) => [
    { kind: "out" as const, l, a: n, b: j, source: f.previous(s, l) },
    { kind: "delta" as const, l: l + 1, a: n, b: k, source: f.at(s, l, "delta") },
  ]);
  const [x, d] = [f.tex("out", l, N === 1 ? 0 : "n", j), f.tex("delta", l + 1, N === 1 ? 0 : "n", k)];
  return {
    formula: `${sumOver("n", N)}${inLayoutOrder(x, d, f.layout).join(" ")}`,
    substituted: (v) => sum(range(N).map((n) => product(f, v(2 * n), v(2 * n + 1)))),
    uses,
  };
}

/** ∂L/∂B^l_k = Σ_n Δ^l_{nk}: Δ summed over the samples. */
function biasGradientParts(f: Formulas, s: number, l: number, k: number): Parts {
  const N = f.ctx.net.inputs.length;
  const uses: Use[] = range(N).map((n) => ({ kind: "delta", l: l + 1, a: n, b: k, source: f.at(s, l, "delta") }));
  return { formula: `${sumOver("n", N)}${f.tex("delta", l + 1, N === 1 ? 0 : "n", k)}`, substituted: (v) => sum(range(N).map(v)), uses };
}

/** W^l_{jk} ← W^l_{jk} − η ∂L/∂W^l_{jk} (and the same for B). */
function updateParts(f: Formulas, s: number, l: number, a: number, b: number, bias: boolean): Parts {
  const eta = f.format(f.ctx.net.learningRate);
  const [kind, grad] = bias ? (["B", "dB"] as const) : (["W", "dW"] as const);
  const uses: Use[] = [
    { kind, l: l + 1, a, b, source: bias ? f.bias(s, l) : f.weights(s, l) },
    { kind: grad, l: l + 1, a, b, source: f.at(s, l, grad) },
  ];
  return { formula: `${f.tex(kind, l + 1, a, b)} - \\eta\\, ${f.tex(grad, l + 1, a, b)}`, substituted: (v) => `${v(0)} - ${eta} \\cdot ${paren(v(1))}`, uses };
}

/** L of the output and the targets, term by term (only targets ≠ 0 count in a cross-entropy). */
function lossParts(f: Formulas, s: number): Parts {
  const { net } = f.ctx;
  const last = net.layers.length - 1;
  const [N, K] = [net.inputs.length, net.targets[0].length];
  const uses: Use[] = [];
  const terms: ((v: (k: number) => string) => string)[] = [];
  range(N).forEach((n) =>
    range(K).forEach((k) => {
      const i = uses.length;
      uses.push({ kind: "out", l: last + 1, a: n, b: k, source: f.at(s, last, "X") }, { kind: "targets", l: 0, a: n, b: k, source: { given: net.targets } });
      const tZero = sign(net.targets[n][k]) === 0;
      if (net.loss === "cross_entropy" && tZero) return;
      terms.push((v) => lossTerm(net.loss, paren(v(i)), paren(v(i + 1))));
    }),
  );
  const y = f.tex("out", last + 1, N === 1 ? 0 : "n", K === 1 ? 0 : "k");
  const t = f.tex("targets", 0, N === 1 ? 0 : "n", K === 1 ? 0 : "k");
  const bounds = `${sumOver("n", N)}${sumOver("k", K)}`;
  const factor = lossFactor(net.loss, N, K);
  return {
    formula: `${factor}${bounds}${lossTerm(net.loss, y, t)}`,
    substituted: (v) => `${factor}\\left(${sum(terms.map((term) => term(v)))}\\right)`,
    uses,
  };
}

function lossFactor(loss: string, N: number, K: number): string {
  const over = (m: number) => (m === 1 ? "" : `\\frac{1}{${m}} `);
  if (loss === "cross_entropy") return `-${over(N)}`;
  if (loss === "binary_cross_entropy") return `-${over(N * K)}`;
  if (loss === "mse") return over(N * K);
  return loss === "half_sse" ? "\\frac{1}{2} " : "";
}

function lossTerm(loss: string, y: string, t: string): string {
  if (loss === "cross_entropy") return `${t} \\log ${y}`;
  if (loss === "binary_cross_entropy") return `\\left(${t} \\log ${y} + (1 - ${t}) \\log (1 - ${y})\\right)`;
  return `\\left(${y} - ${t}\\right)^{2}`;
}

/** L with the student's final parameters: a whole forward pass, given as a formula only. */
function lossAfterParts(f: Formulas): Parts {
  const last = f.ctx.net.layers.length;
  return { formula: `L\\!\\left(${f.tex("out", last, "n", "k").replace(/_\{.*\}$/, "")}\\right)`, uses: [] };
}

/** The parts of the formula of entry (a, b) (core indices) of the quantity at `ref`. */
export function partsOf(f: Formulas, ref: QuantityRef, a: number, b: number): Parts {
  if (ref.quantity === "loss_after") return lossAfterParts(f);
  const s = ref.step;
  if (ref.quantity === "loss") return lossParts(f, s);
  const l = ref.layer;
  const last = f.ctx.net.layers.length - 1;
  switch (ref.quantity) {
    case "A":
      return preActivationParts(f, s, l, a, b);
    case "X":
      return activationParts(f, s, l, a, b);
    case "dX":
      return l === last ? lossGradientParts(f, s, l, a, b) : backThroughParts(f, s, l, a, b);
    case "delta":
      return deltaParts(f, s, l, a, b);
    case "dW":
      return weightGradientParts(f, s, l, a, b);
    case "dB":
      return biasGradientParts(f, s, l, b);
    case "W_new":
      return updateParts(f, s, l, a, b, false);
    case "B_new":
      return updateParts(f, s, l, a, b, true);
  }
}

/** The entry's own name: A^2_{12}, ∂L/∂W^1_{21}, W^1_{21} (updated: the relation is ←), L. */
export function symbolOf(f: Formulas, ref: QuantityRef, a: number, b: number): string {
  if (ref.quantity === "loss") return "L";
  if (ref.quantity === "loss_after") return "L_{\\text{after}}";
  const l = ref.layer + 1;
  const kind: Record<string, SymbolKind> = { A: "pre", X: "out", dX: "dX", delta: "delta", dW: "dW", dB: "dB", W_new: "W", B_new: "B" };
  return f.tex(kind[ref.quantity], l, a, b);
}
