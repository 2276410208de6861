// The quantities a student enters for an exercise, in computation order, with their shapes
// and their labels in the lecture's notation (rendered to HTML on the server).
import type { TFunction } from "i18next";
import { texToHtml } from "./katex";
import { computationOrder, refOfPath, type QuantityRef } from "@/lib/exercises/quantities";
import type { Layout, Network } from "@/lib/nn/types";
import { inLayoutOrder, samplesAsRows, symbolsOf } from "@/lib/notation";

export interface FieldSpec {
  path: string;
  labelHtml: string;
  labelText: string;
  /** Rows × columns of the grid as the student writes it (the exercise's layout). */
  rows: number;
  cols: number;
  /** Whether the grid is the contract's matrix transposed (column layout: one column per sample, biases as columns). */
  transpose: boolean;
  group: "forward" | "loss" | "backward" | "update";
}

const GROUP: Record<string, FieldSpec["group"]> = { A: "forward", X: "forward", loss: "loss", loss_after: "loss", dX: "backward", delta: "backward", dW: "backward", dB: "backward", W_new: "update", B_new: "update" };

/** A quantity's name in the exercise's notation (TeX) and as plain text, the words in the reader's language. */
function label(ref: QuantityRef, multiStep: boolean, t: TFunction, layout: Layout): { tex: string; text: string } {
  const l = (ref.layer ?? 0) + 1;
  const after = t("quantity.after");
  const s = symbolsOf(layout);
  const [tex, text] = (() => {
    switch (ref.quantity) {
      case "A": return [`${s.pre.tex}^{${l}}`, `${s.pre.text}^${l}`];
      case "X": return [`${s.out.tex}^{${l}}`, `${s.out.text}^${l}`];
      case "loss": return ["L", "L"];
      case "loss_after": return [`L_{\\text{${after}}}`, `L (${after})`];
      case "dX": return [`\\dfrac{\\partial L}{\\partial ${s.out.tex}^{${l}}}`, `∂L/∂${s.out.text}^${l}`];
      case "delta": return [`${s.delta.tex}^{${l}}`, `${s.delta.text}^${l}`];
      case "dW": return [`\\dfrac{\\partial L}{\\partial W^{${l}}}`, `∂L/∂W^${l}`];
      case "dB": return [`\\dfrac{\\partial L}{\\partial ${s.bias.tex}^{${l}}}`, `∂L/∂${s.bias.text}^${l}`];
      case "W_new": return [`W^{${l}} \\leftarrow W^{${l}} - \\eta \\dfrac{\\partial L}{\\partial W^{${l}}}`, t("quantity.updated", { q: `W^${l}` })];
      case "B_new": return [`${s.bias.tex}^{${l}} \\leftarrow ${s.bias.tex}^{${l}} - \\eta \\dfrac{\\partial L}{\\partial ${s.bias.tex}^{${l}}}`, t("quantity.updated", { q: `${s.bias.text}^${l}` })];
    }
  })();
  if (multiStep && ref.step !== undefined) {
    const step = t("quantity.step", { n: ref.step + 1 });
    return { tex: `\\text{${step}: } ${tex}`, text: `${step}: ${text}` };
  }
  return { tex, text };
}

/** The name of the quantity at a contract path, rendered to HTML ("" if the path names none). */
export function quantityLabel(path: string, multiStep: boolean, t: TFunction, layout: Layout = "row"): string {
  const ref = refOfPath(path);
  // MathML, drawn by the browser and read by screen readers: a fifth of KaTeX's HTML (a result page names 26 quantities).
  return ref ? texToHtml(label(ref, multiStep, t, layout).tex, "mathml") : "";
}

/** The plain-text name of the quantity at a contract path ("δ^2", "∂L/∂W^1"), or the path itself. */
export function quantityText(path: string, multiStep: boolean, t: TFunction, layout: Layout = "row"): string {
  const ref = refOfPath(path);
  return ref ? label(ref, multiStep, t, layout).text : path;
}

/** Quantities with one entry per sample (and biases) are transposed in column layout: samples become columns. */
export function transposedIn(layout: Layout, quantity: QuantityRef["quantity"]): boolean {
  return !samplesAsRows(layout) && ["A", "X", "dX", "delta", "dB", "B_new"].includes(quantity);
}

/** Whether the paths come from an exercise of several gradient steps (their names then say which step). */
export const isMultiStep = (paths: readonly string[]) => paths.some((p) => /^steps\[[1-9]/.test(p));

/** Rows × columns of a quantity in the contract (one row per sample; weights in the exercise's layout). */
export function shapeOf(net: Network, ref: QuantityRef): [number, number] {
  const N = net.inputs.length;
  const layer = net.layers[ref.layer ?? 0];
  const [fanIn, fanOut] = [layer.W.length, layer.W[0].length];
  switch (ref.quantity) {
    case "loss":
    case "loss_after":
      return [1, 1];
    case "dB":
    case "B_new":
      return [1, fanOut];
    case "dW":
    case "W_new":
      return inLayoutOrder(fanIn, fanOut, net.layout);
    default:
      return [N, fanOut];
  }
}

export function fieldsOf(net: Network, t: TFunction, asked?: readonly string[]): FieldSpec[] {
  return computationOrder(net.steps, net.layers.map((l) => !!l.B))
    .filter((ref) => !asked || asked.includes(ref.quantity))
    .map((ref) => {
      const { tex, text } = label(ref, net.steps > 1, t, net.layout);
      const transpose = transposedIn(net.layout, ref.quantity);
      const [r, c] = shapeOf(net, ref);
      const [rows, cols] = transpose ? [c, r] : [r, c];
      // MathML, drawn by the browser: a 2-3-3-2 exercise's 26 labels are 12 KB instead of 75 KB of
      // KaTeX's HTML, sent twice (the page and the form's data). The plain-text label names the cell.
      return { path: ref.path, labelHtml: texToHtml(tex, "mathml"), labelText: text, rows, cols, transpose, group: GROUP[ref.quantity] };
    });
}
