// The two notations of the course, decided here and nowhere else (pure, safe in the browser):
//   row layout (the Japanese lecture, one sample per row):    A^l = X^(l-1) W^l + B^l, X^l = h(A^l), Δ^l
//   column layout (seed 003, one sample per column):          z^l = W^l x^(l-1) + b^l, x^l = h(z^l), δ^l
// The core computes in row layout; a layout says how its matrices are written and named.
import type { Layout } from "../nn/types";

/** Each symbol of a layout, as TeX and as plain text. */
export interface Symbols {
  /** pre-activation: A or z */
  pre: { tex: string; text: string };
  /** layer output: X or x (X^0 the inputs) */
  out: { tex: string; text: string };
  /** Δ or δ */
  delta: { tex: string; text: string };
  /** B or b */
  bias: { tex: string; text: string };
  /** T or t */
  targets: { tex: string; text: string };
  /** the weights, W in both */
  weight: { tex: string; text: string };
}

const ROW: Symbols = {
  pre: { tex: "A", text: "A" },
  out: { tex: "X", text: "X" },
  delta: { tex: "\\Delta", text: "Δ" },
  bias: { tex: "B", text: "B" },
  targets: { tex: "T", text: "T" },
  weight: { tex: "W", text: "W" },
};

const COLUMN: Symbols = {
  pre: { tex: "z", text: "z" },
  out: { tex: "x", text: "x" },
  delta: { tex: "\\delta", text: "δ" },
  bias: { tex: "b", text: "b" },
  targets: { tex: "t", text: "t" },
  weight: { tex: "W", text: "W" },
};

/** The symbol table of a layout. */
export const symbolsOf = (layout: Layout): Symbols => (layout === "row" ? ROW : COLUMN);

/** Whether the layout writes one sample per row (the core's own order). */
export const samplesAsRows = (layout: Layout): boolean => layout === "row";

/** A matrix's transpose (any entries). */
export function transposed<T>(m: readonly (readonly T[])[]): T[][] {
  if (m.length === 0) return [];
  return m[0].map((_, j) => m.map((row) => row[j]));
}

/**
 * A weight-shaped matrix (W, ∂L/∂W) of the core as the layout writes it, and back: inputs × outputs
 * in row layout, outputs × inputs in column layout (the same transpose both ways).
 */
export function inLayout<T>(m: readonly (readonly T[])[], layout: Layout): T[][] {
  return layout === "row" ? m.map((row) => [...row]) : transposed(m);
}

/** A per-sample matrix (X, A, ∂L/∂X, Δ, T) as the layout shows it: samples as rows, or as columns. */
export const samplesInLayout = <T>(m: readonly (readonly T[])[], layout: Layout): T[][] => inLayout(m, layout);

/**
 * Two things in the order the layout writes them: (a, b) in row layout, (b, a) in column layout.
 * The indices of a core entry (sample, unit) → (unit, sample); the factors of a product X W → W x.
 */
export function inLayoutOrder<I>(a: I, b: I, layout: Layout): [I, I] {
  return layout === "row" ? [a, b] : [b, a];
}

/** A layer's quantity, by its contract key (A, X, dX, delta, dW, dB, W_new, B_new). */
export type LayerQuantityKey = "A" | "X" | "dX" | "delta" | "dW" | "dB" | "W_new" | "B_new";

/**
 * A layer's quantity in plain text in the layout's symbols, the layer counted from 1 as the lecture
 * does: A^2 or z^2, ∂L/∂X^2, Δ^2, ∂L/∂W^2; an update as its rule, W^2 − η ∂L/∂W^2 (no words: the
 * same in every language).
 */
export function layerQuantityText(key: LayerQuantityKey, layer: number, layout: Layout): string {
  const s = symbolsOf(layout);
  const of = (symbol: string) => `${symbol}^${layer}`;
  const names: Record<LayerQuantityKey, string> = {
    A: of(s.pre.text),
    X: of(s.out.text),
    dX: `∂L/∂${of(s.out.text)}`,
    delta: of(s.delta.text),
    dW: `∂L/∂${of(s.weight.text)}`,
    dB: `∂L/∂${of(s.bias.text)}`,
    W_new: `${of(s.weight.text)} − η ∂L/∂${of(s.weight.text)}`,
    B_new: `${of(s.bias.text)} − η ∂L/∂${of(s.bias.text)}`,
  };
  return names[key];
}

/** A layout's value: the row one's or the column one's. */
export function byLayout<T>(layout: Layout, row: T, column: T): T {
  return layout === "row" ? row : column;
}

/**
 * A sentence written in the lecture's row notation (A, X, Δ, B, Y − T), as the misconception
 * catalogue words its hints, in the exercise's notation: column layout names the same quantities
 * z, x, δ, b and ŷ − t. Symbols only: the words around them stay.
 */
export function wordsIn(layout: Layout, text: string): string {
  return byLayout(layout, text, columnWords(text));
}

const COLUMN_SYMBOLS: [RegExp, string][] = [
  [/\bA\^/g, "z^"],
  [/\bX\^/g, "x^"],
  [/\bB\^/g, "b^"],
  [/Δ/g, "δ"],
  [/(?<![\w^)])Y(?!\w)/g, "ŷ"],
  [/(?<![\w^)])T(?!\w)/g, "t"],
];

const columnWords = (text: string) => COLUMN_SYMBOLS.reduce((s, [from, to]) => s.replace(from, to), text);
