import { describe, expect, it } from "vitest";
import { readExercise } from "../lib/exercises/instance";
import { toSolution } from "../lib/exercises/solution";
import { solve } from "../lib/nn/network";
import { isFraction, isZero, toBig } from "../lib/nn/num";
import { builtinTemplates } from "../lib/exercises/builtin";
import { drawVariant } from "../lib/exercises/template";
import { mismatches, workedExamples } from "./helpers";

describe("solve reproduces the worked examples", () => {
  for (const { name, exercise, expected } of workedExamples()) {
    it(`matches ${name}.expected.json to relative 1e-9`, () => {
      const net = readExercise(exercise);
      const got = toSolution(solve(net), net.layout);
      expect(mismatches(got, expected)).toEqual([]);
    });
  }
});

describe("exact arithmetic", () => {
  it("keeps a ReLU network with a squared loss in exact fractions", () => {
    const example = workedExamples().find((e) => e.name.startsWith("001"));
    const trace = solve(readExercise(example!.exercise));
    const values = trace.steps.flatMap((s) => [s.loss, ...s.layers.flatMap((l) => [...l.A.flat(), ...l.dW.flat(), ...l.W_new.flat()])]);
    expect(values.every(isFraction)).toBe(true);
    expect(isFraction(trace.lossAfter)).toBe(true);
  });

  it("gets 0.1 + 0.2 style data exactly right where float64 would not", () => {
    const net = readExercise({
      loss: "sse",
      learning_rate: 0.1,
      data: { inputs: [[0.1]], targets: [[0.3]] },
      layers: [{ activation: "identity", weights: [[1]], bias: [0.2] }],
    });
    const trace = solve(net);
    // A = 0.1 + 0.2 = 0.3 exactly, so the loss is exactly 0 and nothing moves.
    expect(isFraction(trace.steps[0].loss) && trace.steps[0].loss.n === 0n).toBe(true);
  });

  it("carries at least 30 significant digits through softmax", () => {
    const example = workedExamples().find((e) => e.name.startsWith("000"));
    const loss = solve(readExercise(example!.exercise)).steps[0].loss;
    // A^3 = (−1, 1), so L = −ln(e^−1 / (e^−1 + e^1)) = ln(1 + e²); 40 digits from Python's decimal module.
    const reference = "2.126928011042972496443726806358304431434";
    expect(isFraction(loss)).toBe(false);
    expect(toBig(loss).minus(reference).abs().lessThan("1e-38")).toBe(true);
  });

  it("prints an exact 0 as 0, not as the 50-digit rounding left by a cancellation", () => {
    // Where two hidden units have equal outgoing weights, ∂L/∂X^2 = Δ^3 W^3T is exactly 0 but
    // computed through softmax at 50 digits it used to come out as −2e-50 (5 times in these 30 variants).
    const template = builtinTemplates().find((t) => t.id === "lecture-2-3-3-2-random")!;
    let noisy = 0;
    let zeros = 0;
    for (let seed = 0; seed < 30; seed++) {
      const trace = solve(readExercise(drawVariant(template, `n${seed}`)));
      for (const layer of trace.steps[0].layers) {
        for (const m of [layer.A, layer.X, layer.dX, layer.delta, layer.dW, [layer.dB ?? []], layer.W_new]) {
          for (const x of m.flat()) {
            if (isZero(x)) zeros++;
            else if (toBig(x).abs().lessThan("1e-30")) noisy++;
          }
        }
      }
    }
    expect(noisy).toBe(0);
    expect(zeros).toBeGreaterThan(0);
  });
});
