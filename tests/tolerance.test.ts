import { describe, expect, it } from "vitest";
import { readExercise } from "../lib/exercises/instance";
import { gradeSubmission } from "../lib/grading";
import { within } from "../lib/exercises/tolerance";
import { solve } from "../lib/nn/network";

describe("tolerance", () => {
  it("defaults to the contract's max(0.005, 1% of the reference)", () => {
    expect(within(0.7405, 0.736)).toBe(true);
    expect(within(0.745, 0.736)).toBe(false);
    expect(within(101, 100)).toBe(true);
    expect(within(101.5, 100)).toBe(false);
    expect(within(0.004, 0)).toBe(true);
  });

  it("can be set as relative/absolute or as significant figures", () => {
    expect(within(0.74, 0.736, { absolute: 0.001, relative: 0 })).toBe(false);
    expect(within(0.737, 0.736, { absolute: 0.001, relative: 0 })).toBe(true);
    expect(within(0.74, 0.736, { sig_figs: 2 })).toBe(true);
    expect(within(0.74, 0.736, { sig_figs: 3 })).toBe(false);
    expect(within(0.736, 0.7361, { sig_figs: 3 })).toBe(true);
  });
});

describe("grading settings of an exercise", () => {
  const net = readExercise({
    loss: "half_sse",
    learning_rate: 0.5,
    data: { inputs: [[2]], targets: [[1]] },
    layers: [{ activation: "identity", weights: [[1]], bias: [0] }],
  });
  const trace = solve(net);
  // A = 2, loss ½, Δ = 1, ∂L/∂W = 2, W_new = 1 − 0.5·2 = 0. The student slips on Δ and carries it on.
  const submission = { steps: [{ layers: [{ A: [[2]], X: [[2]], dX: [[1]], delta: [[3]], dW: [[6]], W_new: [[-2]] }] }] };

  it("gives carried answers full credit by default and a share when carried_credit says so", () => {
    const full = gradeSubmission(net, trace, submission, { asked: ["A", "X", "dX", "delta", "dW", "W_new"] });
    expect(full.items.map((i) => i.verdict)).toEqual(["correct", "correct", "correct", "incorrect", "carried", "carried"]);
    expect(full.score).toBe(5);
    const half = gradeSubmission(net, trace, submission, { asked: ["A", "X", "dX", "delta", "dW", "W_new"], carriedCredit: 0.5, points: { dW: 2 } });
    expect(half.max_score).toBe(7);
    expect(half.score).toBe(3 + 0.5 * 2 + 0.5 * 1);
  });

  it("applies a stricter tolerance given by the exercise", () => {
    const close = { steps: [{ layers: [{ A: [[2.004]] }] }] };
    expect(gradeSubmission(net, trace, close).items[0].verdict).toBe("correct");
    expect(gradeSubmission(net, trace, close, { tolerance: { sig_figs: 4 } }).items[0].verdict).toBe("incorrect");
  });
});
