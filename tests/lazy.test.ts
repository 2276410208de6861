// The lazy student: an exact forward pass, then zeros for every ∂L/∂X, Δ, ∂L/∂W and ∂L/∂B, the
// old parameters copied as the updated ones and the old loss as the new one. Carried credit used
// to pay 93–96% for this; now it earns nothing on any backward quantity that is not itself
// exactly zero (or, for an update, exactly unchanged).
import { describe, expect, it } from "vitest";
import { builtinTemplates } from "../lib/exercises/builtin";
import { readExercise } from "../lib/exercises/instance";
import { toSolution } from "../lib/exercises/solution";
import { drawVariant, readGradingSettings } from "../lib/exercises/template";
import { gradeSubmission } from "../lib/grading";
import { solve } from "../lib/nn/network";
import type { Network } from "../lib/nn/types";

const SEEDS = 200;
const BACKWARD = new Set(["dX", "delta", "dW", "dB"]);
const UPDATES = new Set(["W_new", "B_new"]);

const zeros = (m: number[][]) => m.map((row) => row.map(() => 0));
const transpose = (m: number[][]) => m[0].map((_, j) => m.map((row) => row[j]));

/** The given parameters of layer l as the student writes them (weights in the exercise's layout). */
function given(net: Network, l: number): { W: number[][]; B?: number[] } {
  const W = net.layers[l].W.map((row) => row.map(Number));
  return { W: net.layout === "column" ? transpose(W) : W, ...(net.layers[l].B ? { B: net.layers[l].B!.map(Number) } : {}) };
}

function lazySubmission(net: Network) {
  const solution = toSolution(solve(net), net.layout);
  // The parameters never change, so every step's forward pass is the first one.
  const first = solution.steps[0];
  return {
    steps: solution.steps.map((step) => ({
      loss: first.loss,
      layers: step.layers.map((layer, l) => {
        const old = given(net, l);
        return {
          A: first.layers[l].A,
          X: first.layers[l].X,
          dX: zeros(layer.dX),
          delta: zeros(layer.delta),
          dW: zeros(layer.dW),
          ...(layer.dB ? { dB: layer.dB.map(() => 0) } : {}),
          W_new: old.W,
          ...(old.B ? { B_new: old.B } : {}),
        };
      }),
    })),
    loss_after: first.loss,
  };
}

const keyOf = (path: string) => path.split(".").pop()!;
const allZero = (v: unknown): boolean => (Array.isArray(v) ? v.every(allZero) : v === 0);

describe("the lazy submission earns nothing after the forward pass", () => {
  for (const template of builtinTemplates().filter((t) => t.random)) {
    it(`${template.id} × ${SEEDS} seeds`, () => {
      let lazyShare = 0;
      for (let seed = 0; seed < SEEDS; seed++) {
        const variant = drawVariant(template, `lazy-${seed}`);
        const net = readExercise(variant);
        const trace = solve(net);
        const exact = toSolution(trace, net.layout);
        const settings = readGradingSettings(variant);
        const grade = gradeSubmission(net, trace, lazySubmission(net), { tolerance: settings.tolerance, asked: settings.asked, points: settings.points });
        for (const item of grade.items) {
          const key = keyOf(item.path);
          if (item.points === 0 || !(BACKWARD.has(key) || UPDATES.has(key) || key === "loss_after")) continue;
          // Points on a backward quantity only where the exact answer is what the lazy student wrote.
          const ref = item.path === "loss_after" ? undefined : (exact.steps[Number(/steps\[(\d+)\]/.exec(item.path)![1])].layers[Number(/layers\[(\d+)\]/.exec(item.path)![1])] as unknown as Record<string, unknown>)[key];
          if (BACKWARD.has(key)) expect(allZero(ref), `${template.id} seed ${seed}: ${item.path} ${item.verdict}`).toBe(true);
          else expect.fail(`${template.id} seed ${seed}: ${item.path} earned ${item.points} (${item.verdict})`);
        }
        lazyShare += grade.score / grade.max_score;
      }
      console.log(`${template.id}: the lazy submission earns ${((100 * lazyShare) / SEEDS).toFixed(1)}% on average (the forward pass and the loss)`);
    });
  }
});
