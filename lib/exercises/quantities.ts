// The quantities a student computes, in the contract's names and computation order.

/** Per-layer quantities, then the two losses. */
export const QUANTITIES = ["A", "X", "loss", "dX", "delta", "dW", "dB", "W_new", "B_new", "loss_after"] as const;
export type Quantity = (typeof QUANTITIES)[number];
export type LayerKey = "A" | "X" | "dX" | "delta" | "dW" | "dB" | "W_new" | "B_new";

export interface QuantityRef {
  /** The contract's path: steps[i].layers[j].KEY, steps[i].loss or loss_after. */
  path: string;
  quantity: Quantity;
  step?: number;
  layer?: number;
}

/**
 * Every quantity of a solution in computation order: for each step, forward (A then X for
 * l = 1..L), loss, backward (dX, delta, dW, dB for l = L..1), updates (W_new, B_new for
 * l = 1..L); after the last step, loss_after. Bias quantities only where layers have a bias.
 */
export function computationOrder(steps: number, hasBias: boolean[]): QuantityRef[] {
  const L = hasBias.length;
  const out: QuantityRef[] = [];
  const at = (step: number, layer: number, key: LayerKey) =>
    out.push({ path: `steps[${step}].layers[${layer}].${key}`, quantity: key, step, layer });
  for (let s = 0; s < steps; s++) {
    for (let l = 0; l < L; l++) (["A", "X"] as const).forEach((k) => at(s, l, k));
    out.push({ path: `steps[${s}].loss`, quantity: "loss", step: s });
    for (let l = L - 1; l >= 0; l--) {
      (["dX", "delta", "dW"] as const).forEach((k) => at(s, l, k));
      if (hasBias[l]) at(s, l, "dB");
    }
    for (let l = 0; l < L; l++) {
      at(s, l, "W_new");
      if (hasBias[l]) at(s, l, "B_new");
    }
  }
  out.push({ path: "loss_after", quantity: "loss_after" });
  return out;
}
