// The lecture's notation as TeX, for both layouts:
//   row layout (one sample per row):       A^l = X^(l-1) W^l + B^l,  X^l = h(A^l)
//   column layout (one sample per column): z^l = W^l x^(l-1) + b^l,  x^l = h(z^l)
import type { Activation, Layout, LossName } from "../nn/types";
import { byLayout, inLayoutOrder, symbolsOf } from "./index";

/** The symbols of one layout; `l` is a layer number (or a TeX expression such as "l-1"). */
export interface Notation {
  layout: Layout;
  /** pre-activation (A^l or z^l) */
  pre: (l: number | string) => string;
  /** layer output (X^l or x^l); X^0 are the inputs */
  out: (l: number | string) => string;
  weight: (l: number | string) => string;
  bias: (l: number | string) => string;
  /** Δ^l or δ^l */
  delta: (l: number | string) => string;
  targets: string;
  /** A^l = X^(l-1) W^l + B^l (or z^l = W^l x^(l-1) + b^l) */
  forward: (l: number | "l", hasBias: boolean) => string;
  /** ∂L/∂X^l = Δ^(l+1) (W^(l+1))^T (or (W^(l+1))^T δ^(l+1)) */
  backThrough: (l: number) => string;
  /** ∂L/∂W^l = (X^(l-1))^T Δ^l (or δ^l (x^(l-1))^T) */
  weightGrad: (l: number) => string;
  /** ∂L/∂B^l: Δ^l itself for one sample, its rows (columns) summed over a batch */
  biasGrad: (l: number, batch: number) => string;
  /** entry k of sample n of a matrix symbol, e.g. X^3_{nk} (row) or x^3_{kn} (column); just _k for one sample */
  entry: (symbol: string, batch: number, k?: string) => string;
}

export const partial = (of: string) => `\\frac{\\partial L}{\\partial ${of}}`;
const T = "^{\\top}";

export function notation(layout: Layout): Notation {
  const s = symbolsOf(layout);
  const pre = (l: number | string) => `${s.pre.tex}^{${l}}`;
  const out = (l: number | string) => `${s.out.tex}^{${l}}`;
  const weight = (l: number | string) => `${s.weight.tex}^{${l}}`;
  const bias = (l: number | string) => `${s.bias.tex}^{${l}}`;
  const delta = (l: number | string) => `${s.delta.tex}^{${l}}`;
  const entry = (symbol: string, batch: number, k = "k") => (batch === 1 ? `${symbol}_{${k}}` : `${symbol}_{${inLayoutOrder("n", k, layout).join("")}}`);
  // Products in the layout's order: X W and Δ Wᵀ in row layout, W x and Wᵀ δ in column layout.
  const times = (a: string, b: string) => byLayout(layout, `${a} ${b}`, `${b} ${a}`);
  return {
    layout,
    pre,
    out,
    weight,
    bias,
    delta,
    targets: s.targets.tex,
    entry,
    forward: (l, hasBias) => {
      const prev = l === "l" ? "l-1" : l - 1;
      const product = times(out(prev), weight(l));
      return `${pre(l)} = ${product}${hasBias ? ` + ${bias(l)}` : ""}`;
    },
    backThrough: (l) => `${partial(out(l))} = ${times(delta(l + 1), `\\left(${weight(l + 1)}\\right)${T}`)}`,
    weightGrad: (l) => `${partial(weight(l))} = ${times(`\\left(${out(l - 1)}\\right)${T}`, delta(l))}`,
    biasGrad: (l, batch) => `${partial(bias(l))} = ${batch === 1 ? delta(l) : `\\sum_{n=1}^{${batch}} ${entry(delta(l), batch, "")}`}`,
  };
}

/** h as TeX, e.g. \operatorname{ReLU}. */
export function activationTex(h: Activation, slope?: string): string {
  switch (h) {
    case "identity":
      return "\\operatorname{id}";
    case "relu":
      return "\\operatorname{ReLU}";
    case "leaky_relu":
      return slope ? `\\operatorname{LReLU}_{${slope}}` : "\\operatorname{LReLU}";
    case "sigmoid":
      return "\\sigma";
    case "tanh":
      return "\\tanh";
    case "softmax":
      return "\\operatorname{softmax}";
  }
}

/** The sum over samples and outputs, an entry of a per-sample matrix, and the mean factors, with N and K filled in. */
function sums(n: Notation, N: number, K: number) {
  const bounds = [...(N === 1 ? [] : [`\\sum_{n=1}^{${N}}`]), ...(K === 1 ? [] : [`\\sum_{k=1}^{${K}}`])];
  const frac = (m: number) => (m === 1 ? "" : `\\frac{1}{${m}}`);
  // Indices only where there is more than one sample or output: X^3_{nk}, X^3_{n}, X^3_{k} or X^3.
  const at = (symbol: string) => (K === 1 ? (N === 1 ? symbol : `${symbol}_{n}`) : n.entry(symbol, N));
  return { over: bounds.join(" "), at, perN: frac(N), perNK: frac(N * K) };
}

/** The loss L of the network's output Y = X^L (x^L) and targets T (t), as TeX. */
export function lossTex(loss: LossName, n: Notation, L: number, N: number, K: number): string {
  const { over, at, perN, perNK } = sums(n, N, K);
  const [y, t] = [at(n.out(L)), at(n.targets)];
  switch (loss) {
    case "cross_entropy":
      return `L = -${perN} ${over} ${t} \\log ${y}`;
    case "binary_cross_entropy":
      return `L = -${perNK} ${over} \\Big( ${t} \\log ${y} + (1 - ${t}) \\log (1 - ${y}) \\Big)`;
    case "mse":
      return `L = ${perNK} ${over} \\left( ${y} - ${t} \\right)^2`;
    case "half_sse":
      return `L = \\frac{1}{2} ${over} \\left( ${y} - ${t} \\right)^2`;
    case "sse":
      return `L = ${over} \\left( ${y} - ${t} \\right)^2`;
  }
}

/** ∂L/∂X^L entry by entry, as TeX (the start of the backward pass). */
export function lossGradientTex(loss: LossName, n: Notation, L: number, N: number, K: number): string {
  const { at } = sums(n, N, K);
  const [y, t] = [at(n.out(L)), at(n.targets)];
  const lhs = partial(y);
  const NK = N * K;
  switch (loss) {
    case "cross_entropy":
      return `${lhs} = -\\frac{${t}}{${N === 1 ? "" : `${N}\\,`}${y}}`;
    case "binary_cross_entropy":
      return `${lhs} = -${NK === 1 ? "" : `\\frac{1}{${NK}}`} \\left( \\frac{${t}}{${y}} - \\frac{1 - ${t}}{1 - ${y}} \\right)`;
    case "mse":
      return `${lhs} = ${NK === 1 ? "2" : `\\frac{2}{${NK}}`} \\left( ${y} - ${t} \\right)`;
    case "half_sse":
      return `${lhs} = ${y} - ${t}`;
    case "sse":
      return `${lhs} = 2 \\left( ${y} - ${t} \\right)`;
  }
}

/** Δ^l from ∂L/∂X^l: entry-wise h'(A^l), or softmax's full Jacobian. */
export function deltaTex(h: Activation, n: Notation, l: number, N: number, slope?: string): string {
  if (h === "softmax") {
    const x = (k: string) => n.entry(n.out(l), N, k);
    const g = (k: string) => partial(x(k));
    return `${n.entry(n.delta(l), N, "j")} = ${x("j")} \\Big( ${g("j")} - \\sum_{i} ${g("i")}\\, ${x("i")} \\Big)`;
  }
  const grad = partial(n.out(l));
  if (h === "identity") return `${n.delta(l)} = ${grad}`;
  return `${n.delta(l)} = ${grad} \\odot ${activationTex(h, slope)}'\\!\\left(${n.pre(l)}\\right)`;
}
