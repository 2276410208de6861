// The quantities a student enters for an exercise, in computation order, with their shapes
// and their labels in the lecture's notation (rendered to HTML on the server).
import { texToHtml } from "./katex";
import { computationOrder, type QuantityRef } from "@/lib/exercises/quantities";
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

function label(ref: QuantityRef, steps: number): { tex: string; text: string } {
  const l = (ref.layer ?? 0) + 1;
  const [tex, text] = (() => {
    switch (ref.quantity) {
      case "A": return [`A^{${l}}`, `A^${l}`];
      case "X": return [`X^{${l}}`, `X^${l}`];
      case "loss": return ["L", "L"];
      case "loss_after": return ["L_{\\text{after update}}", "L after the update"];
      case "dX": return [`\\dfrac{\\partial L}{\\partial X^{${l}}}`, `∂L/∂X^${l}`];
      case "delta": return [`\\Delta^{${l}}`, `Δ^${l}`];
      case "dW": return [`\\dfrac{\\partial L}{\\partial W^{${l}}}`, `∂L/∂W^${l}`];
      case "dB": return [`\\dfrac{\\partial L}{\\partial B^{${l}}}`, `∂L/∂B^${l}`];
      case "W_new": return [`W^{${l}} \\leftarrow W^{${l}} - \\eta \\dfrac{\\partial L}{\\partial W^{${l}}}`, `updated W^${l}`];
      case "B_new": return [`B^{${l}} \\leftarrow B^{${l}} - \\eta \\dfrac{\\partial L}{\\partial B^{${l}}}`, `updated B^${l}`];
    }
  })();
  if (steps > 1 && ref.step !== undefined) return { tex: `\\text{step ${ref.step + 1}: } ${tex}`, text: `step ${ref.step + 1}: ${text}` };
  return { tex, text };
}

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

export function fieldsOf(net: Network, asked?: readonly string[]): FieldSpec[] {
  return computationOrder(net.steps, net.layers.map((l) => !!l.B))
    .filter((ref) => !asked || asked.includes(ref.quantity))
    .map((ref) => {
      const { tex, text } = label(ref, net.steps);
      const [rows, cols] = shapeOf(net, ref);
      return { path: ref.path, labelHtml: texToHtml(tex, "html"), labelText: text, rows, cols, group: GROUP[ref.quantity] };
    });
}
