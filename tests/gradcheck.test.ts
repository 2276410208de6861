// The backward pass against central finite differences, in 50-digit arithmetic,
// on random networks of every activation × loss × layout.
import { describe, expect, it } from "vitest";
import { readExercise } from "../lib/exercises/instance";
import { lossValue } from "../lib/nn/losses";
import { forward, solve } from "../lib/nn/network";
import { add, div, frac, isZero, mul, neg, sub, toBig, type Num } from "../lib/nn/num";
import type { Matrix } from "../lib/nn/matrix";
import { ACTIVATIONS, LAYOUTS, LOSSES, type Activation, type LossName, type Network } from "../lib/nn/types";
import { rng } from "./helpers";

const HIDDEN = ACTIVATIONS.filter((a) => a !== "softmax");

function outputsFor(loss: LossName): Activation[] {
  if (loss === "cross_entropy") return ["softmax", "sigmoid"];
  if (loss === "binary_cross_entropy") return ["sigmoid"];
  return [...ACTIVATIONS];
}

function randomExercise(seed: number, hidden: Activation, output: Activation, loss: LossName, layout: "row" | "column") {
  const r = rng(seed);
  const d = (lo: number, hi: number) => Math.round((lo + r() * (hi - lo)) * 1000) / 1000;
  const sizes = [1 + Math.floor(r() * 3), 2 + Math.floor(r() * 2), 1 + Math.floor(r() * 3)];
  if (output === "softmax") sizes[2] = Math.max(2, sizes[2]);
  const batch = 1 + Math.floor(r() * 3);
  const mat = (rows: number, cols: number, lo: number, hi: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => d(lo, hi)));
  const layer = (l: number, activation: Activation) => {
    const w = mat(sizes[l], sizes[l + 1], -1, 1);
    const weights = layout === "column" ? w[0].map((_, j) => w.map((row) => row[j])) : w;
    return { activation, weights, ...(l === 0 || r() < 0.7 ? { bias: mat(1, sizes[l + 1], -0.5, 0.5)[0] } : {}) };
  };
  const targets = loss === "cross_entropy" || loss === "binary_cross_entropy" ? mat(batch, sizes[2], 0, 1) : mat(batch, sizes[2], -1, 1);
  return {
    layout,
    loss,
    learning_rate: 0.1,
    data: { inputs: mat(batch, sizes[0], -2, 2), targets },
    layers: [layer(0, hidden), layer(1, output)],
  };
}

function lossWith(net: Network, l: number, key: "W" | "B", i: number, j: number, delta: Num): Num {
  const layers = net.layers.map((layer, k) => {
    if (k !== l) return layer;
    if (key === "W") return { ...layer, W: layer.W.map((row, a) => row.map((w, b) => (a === i && b === j ? add(w, delta) : w))) };
    return { ...layer, B: layer.B!.map((b, a) => (a === j ? add(b, delta) : b)) };
  });
  const fwd = forward(layers, net.inputs);
  return lossValue(net.loss, fwd[fwd.length - 1].X, net.targets);
}

// ∂L/∂θ ≈ (L(θ + h) − L(θ − h)) / 2h, with h = 10^−15 (error ~h² = 10^−30 at 50 digits)
function finiteDifference(net: Network, l: number, key: "W" | "B", i: number, j: number): Num {
  const h = frac(1n, 10n ** 15n);
  return div(sub(lossWith(net, l, key, i, j, h), lossWith(net, l, key, i, j, neg(h))), mul(h, frac(2)));
}

const kink = (m: Matrix) => m.flat().some(isZero);

describe("the backward pass agrees with finite differences", () => {
  let seed = 1;
  for (const layout of LAYOUTS) {
    for (const loss of LOSSES) {
      for (const hidden of HIDDEN) {
        for (const output of outputsFor(loss)) {
          it(`${hidden} → ${output}, ${loss}, ${layout} layout`, () => {
            const net = readExercise(randomExercise(seed++, hidden, output, loss, layout));
            const step = solve(net).steps[0];
            if (step.layers.some((t) => kink(t.A))) return; // a ReLU kink has no derivative to compare
            net.layers.forEach((layer, l) => {
              layer.W.forEach((row, i) =>
                row.forEach((_, j) => {
                  const fd = toBig(finiteDifference(net, l, "W", i, j));
                  const analytic = toBig(step.layers[l].dW[i][j]);
                  expect(fd.minus(analytic).abs().lessThanOrEqualTo(analytic.abs().times("1e-20").plus("1e-25"))).toBe(true);
                }),
              );
              layer.B?.forEach((_, j) => {
                const fd = toBig(finiteDifference(net, l, "B", 0, j));
                const analytic = toBig(step.layers[l].dB![j]);
                expect(fd.minus(analytic).abs().lessThanOrEqualTo(analytic.abs().times("1e-20").plus("1e-25"))).toBe(true);
              });
            });
          });
        }
      }
    }
  }
});
