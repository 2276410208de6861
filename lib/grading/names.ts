// Quantities named in plain text in the lecture's notation (Δ^3, ∂L/∂X^3, W^2 updated), for the
// grader's English messages and the command line. The web app renders its own KaTeX names.
import type { Layout } from "../nn/types";
import { refOfPath } from "../exercises/quantities";
import { layerQuantityText, symbolsOf } from "../notation";

/** A contract path's quantity in the lecture's notation: row layout A, X, Δ, B; column z, x, δ, b. */
export function plainName(path: string, layout: Layout = "row"): string {
  const ref = refOfPath(path);
  if (!ref) return path;
  if (ref.quantity === "loss_after") return "L after the update";
  const stepNote = ref.step ? ` (step ${ref.step + 1})` : "";
  if (ref.quantity === "loss") return `L${stepNote}`;
  const s = symbolsOf(layout);
  const n = ref.layer + 1;
  const updated: Record<string, string> = { W_new: `${s.weight.text}^${n} updated`, B_new: `${s.bias.text}^${n} updated` };
  return (updated[ref.quantity] ?? layerQuantityText(ref.quantity, n, layout)) + stepNote;
}
