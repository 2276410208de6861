// The quantities a student computes, in the contract's names and computation order.

/** Per-layer quantities, then the two losses. */
export const QUANTITIES = ["A", "X", "loss", "dX", "delta", "dW", "dB", "W_new", "B_new", "loss_after"] as const;
export type Quantity = (typeof QUANTITIES)[number];
export const LAYER_KEYS = ["A", "X", "dX", "delta", "dW", "dB", "W_new", "B_new"] as const;
export type LayerKey = (typeof LAYER_KEYS)[number];

/**
 * A quantity of the contract, told apart by its name: a layer's quantity belongs to a step and
 * a layer, the loss to a step, and loss_after (the loss of the final parameters on the data) to
 * neither. Members without a step or a layer say so (`?: undefined`), so that `ref.step` and
 * `ref.layer` can be read off any QuantityRef and are numbers once the kind is known.
 */
export type QuantityRef = LayerQuantityRef | StepQuantityRef | FinalQuantityRef;

/** steps[i].layers[j].KEY */
export interface LayerQuantityRef {
  path: string;
  quantity: LayerKey;
  step: number;
  layer: number;
}

/** steps[i].loss */
export interface StepQuantityRef {
  path: string;
  quantity: "loss";
  step: number;
  layer?: undefined;
}

/** loss_after */
export interface FinalQuantityRef {
  path: string;
  quantity: "loss_after";
  step?: undefined;
  layer?: undefined;
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

/** The quantity a contract path names ("steps[0].layers[2].delta", "steps[1].loss", "loss_after"). */
export function refOfPath(path: string): QuantityRef | undefined {
  if (path === "loss_after") return { path, quantity: "loss_after" };
  const m = /^steps\[(\d+)\]\.(?:loss|layers\[(\d+)\]\.(A|X|dX|delta|dW|dB|W_new|B_new))$/.exec(path);
  if (!m) return undefined;
  const step = Number(m[1]);
  const key = LAYER_KEYS.find((k) => k === m[3]);
  return key ? { path, quantity: key, step, layer: Number(m[2]) } : { path, quantity: "loss", step };
}
