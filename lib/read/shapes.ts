// Fitting a written value to a quantity's shape in the solution: one row per sample, W in the exercise's layout.
import type { Quantity } from "../exercises/quantities";
import type { Layout } from "../nn/types";
import { samplesAsRows, transposed } from "../notation";
import type { Value } from "./types";

export type Kind = "sample" | "weight" | "flat" | "scalar";

export function kindOf(key: Quantity): Kind {
  if (key === "loss" || key === "loss_after") return "scalar";
  if (key === "dW" || key === "W_new") return "weight";
  if (key === "dB" || key === "B_new") return "flat";
  return "sample";
}

/** Rows × columns of a quantity as the solution holds it (a flat list is one row). */
export type Shape = readonly [number, number];

/**
 * The value in the solution's shape, or null when it does not fit. A per-sample quantity is written
 * with samples as rows (row layout) or as columns (column layout), and a single sample's vector either
 * way; W-shaped quantities keep the exercise's layout; a vector may stand for a matrix with one row or column.
 */
export function fitted(value: Value, kind: Kind, shape: Shape, layout: Layout): string[][] | null {
  const [r, c] = shape;
  const rows = value.rows;
  const vector = asVector(rows);
  if (kind === "scalar" || kind === "flat") return vector && vector.length === r * c ? [vector] : null;
  if (kind === "weight") {
    if (sameShape(rows, r, c)) return rows;
    return (r === 1 || c === 1) && vector && vector.length === r * c ? reshaped(vector, r, c) : null;
  }
  const asWritten = samplesAsRows(layout) ? rows : transposed(rows);
  if (sameShape(asWritten, r, c)) return asWritten;
  return r === 1 && vector && vector.length === c ? [vector] : null;
}

const sameShape = (m: string[][], r: number, c: number) => m.length === r && m.every((row) => row.length === c);

/** The entries of a one-row or one-column matrix. */
function asVector(m: string[][]): string[] | null {
  if (m.length === 1) return m[0];
  return m.every((row) => row.length === 1) ? m.map((row) => row[0]) : null;
}

function reshaped(v: string[], r: number, c: number): string[][] {
  return Array.from({ length: r }, (_, i) => v.slice(i * c, (i + 1) * c));
}
