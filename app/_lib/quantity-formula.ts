// One quantity's step of the worked solution as TeX (formula = exact value), in the exercise's
// notation: the result page puts it beside the student's own entries once the rule reveals it.
// The formulas are notation.ts's, the matrices display.ts's, as in the full worked solution.
import { display } from "./display";
import { activationTex, deltaTex, lossGradientTex, lossTex, notation, partial } from "@/lib/notation/tex";
import { exactTex, numTex } from "@/app/_components/tex";
import { refOfPath } from "@/lib/exercises/quantities";
import { toText } from "@/lib/nn/num";
import type { Layer, Network, Trace } from "@/lib/nn/types";

/** The parameters of layer l in force during step s: given, then each step's update. */
function layerAt(net: Network, trace: Trace, s: number, l: number): Layer {
  if (s === 0) return net.layers[l];
  const { W_new, B_new } = trace.steps[s - 1].layers[l];
  return { ...net.layers[l], W: W_new, ...(B_new ? { B: B_new } : {}) };
}

/** The worked solution's line for the quantity at `path`, or undefined for a path the exercise has not. */
export function quantityFormulaTex(net: Network, trace: Trace, path: string): string | undefined {
  const ref = refOfPath(path);
  if (!ref) return undefined;
  const n = notation(net.layout);
  const show = display(net.layout);
  const [N, K, L] = [net.inputs.length, net.targets[0].length, net.layers.length];
  if (ref.quantity === "loss_after") return `L_{\\text{after}} = ${numTex(trace.lossAfter)}`;
  const step = trace.steps[ref.step];
  if (!step) return undefined;
  if (ref.quantity === "loss") return `${lossTex(net.loss, n, L, N, K)} = ${numTex(step.loss)}`;
  const i = ref.layer;
  const l = i + 1;
  const t = step.layers[i];
  if (!t) return undefined;
  const layer = layerAt(net, trace, ref.step, i);
  const h = layer.activation;
  const slope = h === "leaky_relu" ? toText(layer.slope) : undefined;
  const update = (symbol: string) => `${symbol} \\leftarrow ${symbol} - ${exactTex(net.learningRate)}\\, ${partial(symbol)} = `;
  switch (ref.quantity) {
    case "A":
      return `${n.forward(l, layer.B !== undefined)} = ${show.samples(t.A)}`;
    case "X":
      return `${n.out(l)} = ${activationTex(h, slope)}\\!\\left(${n.pre(l)}\\right) = ${show.samples(t.X)}`;
    case "dX":
      return l === L ? `${lossGradientTex(net.loss, n, L, N, K)}, \\quad ${partial(n.out(l))} = ${show.samples(t.dX)}` : `${n.backThrough(l)} = ${show.samples(t.dX)}`;
    case "delta":
      return `${deltaTex(h, n, l, N, slope)}, \\quad ${n.delta(l)} = ${show.samples(t.delta)}`;
    case "dW":
      return `${n.weightGrad(l)} = ${show.weights(t.dW)}`;
    case "dB":
      return t.dB ? `${n.biasGrad(l, N)} = ${show.bias(t.dB)}` : undefined;
    case "W_new":
      return `${update(n.weight(l))}${show.weights(t.W_new)}`;
    case "B_new":
      return t.B_new ? `${update(n.bias(l))}${show.bias(t.B_new)}` : undefined;
  }
}
