import { describe, expect, it } from "vitest";
import { explain } from "../lib/exercises/explain";
import { readExercise } from "../lib/exercises/instance";
import { solve } from "../lib/nn/network";
import { workedExamples } from "./helpers";

const text = (prefix: string) => {
  const { exercise } = workedExamples().find((e) => e.name.startsWith(prefix))!;
  const net = readExercise(exercise);
  return explain(net, solve(net));
};

describe("explain", () => {
  it("walks the lecture's exercise in computation order, formula before numbers", () => {
    const t = text("000");
    const order = ["A^1 = X^0 W^1 + B^1", "X^1 = relu(A^1)", "L = 2.12693", "Δ^3_j = x_j", "∂L/∂W^1 = X^0T Δ^1", "W^1 ← W^1 − η ∂L/∂W^1", "Improvement"];
    const positions = order.map((s) => t.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(t).toContain("-15.8543");
    expect(t).toContain("0.735761");
    expect(t).not.toMatch(/NaN|undefined/);
  });

  it("aligns the columns of every multi-row matrix", () => {
    const t = text("000");
    const block = t.split("\n").filter((l) => /^(W\^2 = |      )[⎡⎢⎣]/.test(l)).slice(0, 3);
    expect(block).toHaveLength(3);
    expect(new Set(block.map((l) => l.length)).size).toBe(1);
  });

  it("uses column notation and outputs × inputs weights for a column-layout exercise", () => {
    const t = text("003");
    expect(t).toContain("z^1 = W^1 x^0");
    expect(t).toContain("∂L/∂W^2 = δ^2 x^1T");
    const w1 = t.split("\n").filter((l) => /^(W\^1 = |      )[⎡⎢⎣]/.test(l));
    expect(w1.length).toBeGreaterThanOrEqual(4);
  });

  it("shows every step of a two-step exercise", () => {
    const t = text("001");
    expect(t).toContain("Step 2 — backward");
    expect(t).not.toMatch(/NaN|undefined/);
  });
});
