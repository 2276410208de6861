// Forward pass, loss, backward pass and update for a whole network, step after step.
import { forwardLayer, layerDelta, outputGradient, sgdUpdate, sgdUpdateBias, weightGradient, biasGradient } from "./backprop";
import { lossGradient, lossValue } from "./losses";
import { map, type Matrix } from "./matrix";
import { cleaned } from "./num";
import type { Layer, LayerTrace, Network, StepTrace, Trace } from "./types";

/** A matrix with the 50-digit rounding noise of cancellations (−2e-50 for an exact 0) set to 0. */
const denoise = (m: Matrix): Matrix => map(m, cleaned);

/** A^l and X^l for l = 1..L. */
export function forward(layers: Layer[], inputs: Matrix): { A: Matrix; X: Matrix }[] {
  const out: { A: Matrix; X: Matrix }[] = [];
  let X = inputs;
  for (const layer of layers) {
    const f = forwardLayer(layer, X);
    out.push({ A: denoise(f.A), X: denoise(f.X) });
    X = out[out.length - 1].X;
  }
  return out;
}

/** One gradient step: forward, loss, backward (l = L..1), then every update at once. */
export function trainStep(net: Network, layers: Layer[]): { step: StepTrace; updated: Layer[] } {
  const fwd = forward(layers, net.inputs);
  const L = layers.length;
  const Y = fwd[L - 1].X;
  const loss = lossValue(net.loss, Y, net.targets);
  const traces: LayerTrace[] = new Array(L);
  let dX = denoise(lossGradient(net.loss, Y, net.targets));
  for (let l = L - 1; l >= 0; l--) {
    const layer = layers[l];
    const { A, X } = fwd[l];
    const delta = denoise(layerDelta(layer, A, X, dX));
    const Xprev = l === 0 ? net.inputs : fwd[l - 1].X;
    const dW = denoise(weightGradient(Xprev, delta));
    const dB = layer.B ? biasGradient(delta).map(cleaned) : undefined;
    traces[l] = {
      A,
      X,
      dX,
      delta,
      dW,
      W_new: sgdUpdate(layer.W, dW, net.learningRate),
      ...(layer.B && dB ? { dB, B_new: sgdUpdateBias(layer.B, dB, net.learningRate) } : {}),
    };
    // Backprop uses the old W^l: updates are applied only after the whole backward pass.
    if (l > 0) dX = denoise(outputGradient(delta, layer.W));
  }
  const updated = layers.map((layer, l) => ({ ...layer, W: traces[l].W_new, ...(layer.B ? { B: traces[l].B_new } : {}) }));
  return { step: { loss: cleaned(loss), layers: traces }, updated };
}

/** The whole worked solution: every step, then the loss of the final parameters. */
export function solve(net: Network): Trace {
  const steps: StepTrace[] = [];
  let layers = net.layers;
  for (let s = 0; s < net.steps; s++) {
    const { step, updated } = trainStep(net, layers);
    steps.push(step);
    layers = updated;
  }
  const fwd = forward(layers, net.inputs);
  return { steps, lossAfter: cleaned(lossValue(net.loss, fwd[fwd.length - 1].X, net.targets)) };
}
