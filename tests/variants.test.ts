import { describe, expect, it } from "vitest";
import { builtinTemplates } from "../lib/exercises/builtin";
import { readExercise } from "../lib/exercises/instance";
import { degeneracies } from "../lib/exercises/rules";
import { drawVariant, readTemplate } from "../lib/exercises/template";
import { solve } from "../lib/nn/network";
import { templateReasonText } from "../lib/exercises/template-reasons";

const SEEDS = 1000;

describe("built-in templates", () => {
  it("ship the four worked examples as fixed exercises and as randomised templates", () => {
    const ids = builtinTemplates().map((t) => t.id);
    expect(ids.filter((id) => !id.endsWith("-random")).length).toBe(4);
    for (const id of ids.filter((id) => !id.endsWith("-random"))) expect(ids).toContain(`${id}-random`);
  });

  for (const template of builtinTemplates()) {
    it(`${template.id}: ${SEEDS} seeds give hand-friendly, valid variants`, () => {
      const rules = { ...(template.random ?? { allow_zero_preactivation: false, max_magnitude: 100 }), asked: template.asked, tolerance: template.tolerance };
      const distinct = new Set<string>();
      for (let s = 0; s < SEEDS; s++) {
        const variant = drawVariant(template, `seed-${s}`);
        const net = readExercise(variant);
        const problems = template.fixed ? [] : degeneracies(net, solve(net), rules);
        expect(problems, `seed-${s}`).toEqual([]);
        distinct.add(JSON.stringify(variant.layers));
      }
      // Randomised templates really vary; fixed ones never do.
      if (template.fixed) expect(distinct.size).toBe(1);
      else expect(distinct.size).toBeGreaterThan(SEEDS / 2);
    });
  }

  it("the same seed gives the same variant, and a different seed another one", () => {
    for (const template of builtinTemplates().filter((t) => t.random)) {
      const a = JSON.stringify(drawVariant(template, "alice"));
      const reloaded = readTemplate(JSON.parse(JSON.stringify(template)));
      expect(JSON.stringify(drawVariant(reloaded, "alice"))).toBe(a);
      expect(JSON.stringify(drawVariant(template, "bob"))).not.toBe(a);
    }
  });

  it("draws the same numbers as recorded for a known seed (stable across machines and versions)", () => {
    const lecture = builtinTemplates().find((t) => t.id === "lecture-2-3-3-2-random")!;
    const v = drawVariant(lecture, "7");
    // Recorded when the gradability rules came in (and W^2, W^3 were drawn from −1..1).
    expect(v.data).toEqual({ inputs: [[1, 1]], targets: [[1, 0]] });
    expect((v.layers as { bias: number[] }[])[0].bias).toEqual([-1, 1, -2]);
  });

  it("fixed templates reproduce their worked example exactly", () => {
    const lecture = builtinTemplates().find((t) => t.id === "lecture-2-3-3-2")!;
    const v = drawVariant(lecture, "anything");
    expect(v.data).toEqual({ inputs: [[-1, 2]], targets: [[1, 0]] });
  });
});

describe("non-degeneracy rules", () => {
  it("flag a ReLU pre-activation of exactly 0 and a dead layer", () => {
    const net = readExercise({
      loss: "half_sse",
      learning_rate: 0.1,
      data: { inputs: [[1]], targets: [[1]] },
      layers: [
        { activation: "relu", weights: [[1, -1]], bias: [-1, 0] },
        { activation: "identity", weights: [[1], [1]] },
      ],
    });
    const problems = degeneracies(net, solve(net), { allow_zero_preactivation: false, max_magnitude: 100 });
    expect(problems.map((p) => p.code)).toEqual(expect.arrayContaining(["zero_preactivation", "all_units_off"]));
    expect(problems.map(templateReasonText).join("\n")).toMatch(/step 1, layer 1: a pre-activation is exactly 0/);
  });

  it("flag saturated sigmoids, wide softmax inputs and huge values", () => {
    const net = readExercise({
      loss: "cross_entropy",
      learning_rate: 0.1,
      data: { inputs: [[10]], targets: [[1, 0]] },
      layers: [
        { activation: "sigmoid", weights: [[1]] },
        { activation: "softmax", weights: [[200, -200]] },
      ],
    });
    const problems = degeneracies(net, solve(net), { allow_zero_preactivation: false, max_magnitude: 100 }).map(templateReasonText).join("\n");
    expect(problems).toMatch(/sigmoid input is beyond ±6/);
    expect(problems).toMatch(/softmax inputs differ by more than 8/);
    expect(problems).toMatch(/above 100/);
  });
});
