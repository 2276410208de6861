// One entry of a quantity written in the exercise's own notation, as TeX:
//   row layout (the Japanese lecture):  A^2_{12} (sample 1, unit 2), W^2_{j2}, B^2_{2}, ∂L/∂X^3_{11}
//   column layout (seed 003):           z^2_{21} (unit 2, sample 1), W^2_{2j}, b^2_{2}, ∂L/∂x^3_{11}
// Indices are the core's (row layout, 0-based); a string is a summation letter (j, n, i).
import type { Layout } from "../nn/types";
import { inLayoutOrder, symbolsOf } from "../notation";

export type Ix = number | string;

/** What a symbol is: one entry per sample (A, X, ∂L/∂X, Δ, T), weight-shaped (W, ∂L/∂W) or bias-shaped. */
export type SymbolKind = "pre" | "out" | "dX" | "delta" | "targets" | "W" | "dW" | "B" | "dB";

const shown = (i: Ix) => (typeof i === "number" ? String(i + 1) : i);

/** "12" while every index is one character, "1,12" once one is longer (so 1,12 never reads as 11,2). */
export function subscript(parts: Ix[]): string {
  const s = parts.map(shown);
  return s.every((p) => p.length === 1) ? s.join("") : s.join(",");
}

function base(kind: SymbolKind, l: number, layout: Layout): string {
  const s = symbolsOf(layout);
  switch (kind) {
    case "targets":
      return s.targets.tex;
    case "W":
    case "dW":
      return `${s.weight.tex}^{${l}}`;
    case "B":
    case "dB":
      return `${s.bias.tex}^{${l}}`;
    case "pre":
      return `${s.pre.tex}^{${l}}`;
    case "delta":
      return `${s.delta.tex}^{${l}}`;
    case "out":
    case "dX":
      return `${s.out.tex}^{${l}}`;
  }
}

/** The indices as the layout writes them: (sample, unit) in row layout, (unit, sample) in column layout; weights (in, out) or (out, in). */
function ordered(kind: SymbolKind, a: Ix, b: Ix, layout: Layout): Ix[] {
  if (kind === "B" || kind === "dB") return [b];
  return inLayoutOrder(a, b, layout);
}

/**
 * The TeX of entry (a, b) of a symbol in layer number l (1-based; 0 is the data for "out").
 * (a, b) are the core's row-layout indices: (sample, unit) or, for weights, (input, output).
 */
export function entryTex(kind: SymbolKind, l: number, a: Ix, b: Ix, layout: Layout): string {
  const symbol = `${base(kind, l, layout)}_{${subscript(ordered(kind, a, b, layout))}}`;
  return kind === "dX" || kind === "dW" || kind === "dB" ? `\\frac{\\partial L}{\\partial ${symbol}}` : symbol;
}

/** A number inside a product or a difference: negative ones in parentheses. */
export const paren = (tex: string) => (tex.startsWith("-") ? `\\left(${tex}\\right)` : tex);

/** A decimal's text as TeX: "1.235e-7" → "1.235 \times 10^{-7}"; plain decimals unchanged. */
export function decimalTex(text: string): string {
  const m = /^(-?[\d.]+)e([+-]?)(\d+)$/i.exec(text);
  if (!m) return text;
  return `${m[1]} \\times 10^{${m[2] === "-" ? "-" : ""}${m[3]}}`;
}
