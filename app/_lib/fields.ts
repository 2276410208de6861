// The quantities a student enters for an exercise, in computation order, with their shapes
// and their labels in the lecture's notation (rendered to HTML on the server).
import type { TFunction } from "i18next";
import { texToHtml } from "./katex";
import { computationOrder, refOfPath, type QuantityRef } from "@/lib/exercises/quantities";
import type { Network } from "@/lib/nn/types";

export interface FieldSpec {
  path: string;
  labelHtml: string;
  labelText: string;
  rows: number;
  cols: number;
  group: "forward" | "loss" | "backward" | "update";
}

const GROUP: Record<string, FieldSpec["group"]> = { A: "forward", X: "forward", loss: "loss", loss_after: "loss", dX: "backward", delta: "backward", dW: "backward", dB: "backward", W_new: "update", B_new: "update" };

/** A quantity's name in the lecture's notation (TeX) and as plain text, the words in the reader's language. */
function label(ref: QuantityRef, multiStep: boolean, t: TFunction): { tex: string; text: string } {
  const l = (ref.layer ?? 0) + 1;
  const after = t("quantity.after");
  const [tex, text] = (() => {
    switch (ref.quantity) {
      case "A": return [`A^{${l}}`, `A^${l}`];
      case "X": return [`X^{${l}}`, `X^${l}`];
      case "loss": return ["L", "L"];
      case "loss_after": return [`L_{\\text{${after}}}`, `L (${after})`];
      case "dX": return [`\\dfrac{\\partial L}{\\partial X^{${l}}}`, `∂L/∂X^${l}`];
      case "delta": return [`\\Delta^{${l}}`, `Δ^${l}`];
      case "dW": return [`\\dfrac{\\partial L}{\\partial W^{${l}}}`, `∂L/∂W^${l}`];
      case "dB": return [`\\dfrac{\\partial L}{\\partial B^{${l}}}`, `∂L/∂B^${l}`];
      case "W_new": return [`W^{${l}} \\leftarrow W^{${l}} - \\eta \\dfrac{\\partial L}{\\partial W^{${l}}}`, t("quantity.updated", { q: `W^${l}` })];
      case "B_new": return [`B^{${l}} \\leftarrow B^{${l}} - \\eta \\dfrac{\\partial L}{\\partial B^{${l}}}`, t("quantity.updated", { q: `B^${l}` })];
    }
  })();
  if (multiStep && ref.step !== undefined) {
    const step = t("quantity.step", { n: ref.step + 1 });
    return { tex: `\\text{${step}: } ${tex}`, text: `${step}: ${text}` };
  }
  return { tex, text };
}

/** The name of the quantity at a contract path, rendered to HTML ("" if the path names none). */
export function quantityLabel(path: string, multiStep: boolean, t: TFunction): string {
  const ref = refOfPath(path);
  // MathML, drawn by the browser and read by screen readers: a fifth of KaTeX's HTML (a result page names 26 quantities).
  return ref ? texToHtml(label(ref, multiStep, t).tex, "mathml") : "";
}

/** Whether the paths come from an exercise of several gradient steps (their names then say which step). */
export const isMultiStep = (paths: readonly string[]) => paths.some((p) => /^steps\[[1-9]/.test(p));

/** Rows × columns of a quantity as the student writes it (weights in the exercise's layout). */
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
      return net.layout === "column" ? [fanOut, fanIn] : [fanIn, fanOut];
    default:
      return [N, fanOut];
  }
}

export function fieldsOf(net: Network, t: TFunction, asked?: readonly string[]): FieldSpec[] {
  return computationOrder(net.steps, net.layers.map((l) => !!l.B))
    .filter((ref) => !asked || asked.includes(ref.quantity))
    .map((ref) => {
      const { tex, text } = label(ref, net.steps > 1, t);
      const [rows, cols] = shapeOf(net, ref);
      // MathML, drawn by the browser: a 2-3-3-2 exercise's 26 labels are 12 KB instead of 75 KB of
      // KaTeX's HTML, sent twice (the page and the form's data). The plain-text label names the cell.
      return { path: ref.path, labelHtml: texToHtml(tex, "mathml"), labelText: text, rows, cols, group: GROUP[ref.quantity] };
    });
}
