// Quantities named in plain text in the lecture's notation (Δ^3, ∂L/∂X^3, W^2 updated), for the
// grader's English messages and the command line. The web app renders its own KaTeX names.
import type { Layout } from "../nn/types";
import { refOfPath } from "../exercises/quantities";

/** A contract path's quantity in the lecture's notation: row layout A, X, Δ, B; column z, x, δ, b. */
export function plainName(path: string, layout: Layout = "row"): string {
  const ref = refOfPath(path);
  if (!ref) return path;
  if (ref.quantity === "loss_after") return "L after the update";
  const stepNote = ref.step ? ` (step ${ref.step + 1})` : "";
  if (ref.quantity === "loss") return `L${stepNote}`;
  const row = layout === "row";
  const n = ref.layer + 1;
  const names: Record<string, string> = {
    A: row ? `A^${n}` : `z^${n}`,
    X: row ? `X^${n}` : `x^${n}`,
    dX: row ? `∂L/∂X^${n}` : `∂L/∂x^${n}`,
    delta: row ? `Δ^${n}` : `δ^${n}`,
    dW: `∂L/∂W^${n}`,
    dB: row ? `∂L/∂B^${n}` : `∂L/∂b^${n}`,
    W_new: `W^${n} updated`,
    B_new: row ? `B^${n} updated` : `b^${n} updated`,
  };
  return names[ref.quantity] + stepNote;
}
