// Hand-friendly means gradable (issue 9): no drawn variant hands out points for answers that show
// nothing. Checked on the exact solution of every drawn variant with the grader's tolerance,
// independently of lib/exercises/rules.ts; then each rule on a hand-made degenerate instance.
import { describe, expect, it } from "vitest";
import { builtinTemplates } from "../lib/exercises/builtin";
import { readExercise } from "../lib/exercises/instance";
import { QUANTITIES, type Quantity } from "../lib/exercises/quantities";
import { degeneracies } from "../lib/exercises/rules";
import { toSolution, type LayerSolution } from "../lib/exercises/solution";
import { drawVariant, drawVariantReport, MAX_REDRAWS, readGradingSettings, readTemplate } from "../lib/exercises/template";
import { InvalidInputError } from "../lib/exercises/errors";
import { frequentReasons, templateReason, templateReasonText } from "../lib/exercises/template-reasons";
import { within, type ToleranceSpec } from "../lib/exercises/tolerance";
import { reasonIn } from "../lib/i18n";
import { solve } from "../lib/nn/network";
import { isZero, type Num } from "../lib/nn/num";

const SEEDS = 200;
const LAYER_KEYS = ["A", "X", "dX", "delta", "dW", "dB", "W_new", "B_new"] as const;

const rows = (v: number | number[] | number[][]): number[][] => (typeof v === "number" ? [[v]] : Array.isArray(v[0]) ? (v as number[][]) : [v as number[]]);
/** Some entry of `got` is outside the tolerance of `ref`: writing `got` does not pass as `ref`. */
const showsDifference = (got: number[][], ref: number[][], tol?: ToleranceSpec) => ref.some((row, i) => row.some((r, j) => !within(got[i][j], r, tol)));
const zerosLike = (m: number[][]) => m.map((row) => row.map(() => 0));
const sig3 = (x: number) => Number(x.toPrecision(3));

describe("every drawn variant is gradable: answers that show nothing earn nothing", () => {
  for (const template of builtinTemplates().filter((t) => t.random)) {
    it(`${template.id} × ${SEEDS} seeds`, () => {
      let smallestFirstLoss = Infinity;
      for (let seed = 0; seed < SEEDS; seed++) {
        const variant = drawVariant(template, `gradable-${seed}`);
        const net = readExercise(variant);
        const trace = solve(net);
        const exact = toSolution(trace, net.layout);
        const { tolerance: tol, asked = [...QUANTITIES] } = readGradingSettings(variant);
        const isAsked = (q: Quantity) => asked.includes(q);
        const at = (what: string) => `${template.id} seed ${seed}: ${what}`;
        const given = variant.layers as { weights: number[][]; bias?: number[] }[];

        exact.steps.forEach((step, s) => {
          // (a) All zeros never pass as an asked quantity that is not exactly zero.
          if (isAsked("loss")) expect(showsDifference([[0]], [[step.loss]], tol), at(`steps[${s}].loss = 0 passes`)).toBe(true);
          step.layers.forEach((layer, l) => {
            for (const key of LAYER_KEYS) {
              const value = layer[key as keyof LayerSolution];
              const exactValue = trace.steps[s].layers[l][key];
              if (!value || !exactValue || !isAsked(key)) continue;
              const exactlyZero = (exactValue as (Num | Num[])[]).flat().every(isZero);
              if (!exactlyZero) expect(showsDifference(zerosLike(rows(value)), rows(value), tol), at(`all zeros pass as steps[${s}].layers[${l}].${key}`)).toBe(true);
            }
            // (b) The parameters before the step, copied, never pass as the updated ones.
            const before = s === 0 ? { W: given[l].weights, B: given[l].bias } : { W: exact.steps[s - 1].layers[l].W_new, B: exact.steps[s - 1].layers[l].B_new };
            expect(showsDifference(before.W, layer.W_new, tol), at(`W^${l + 1} unchanged passes as updated in step ${s + 1}`)).toBe(true);
            if (layer.B_new) expect(showsDifference([before.B!], [layer.B_new], tol), at(`B^${l + 1} unchanged passes as updated in step ${s + 1}`)).toBe(true);
          });
        });
        // (c) The loss before each step, copied, never passes as the loss after it; and the network
        // learns visibly: at 3 significant figures the first loss is above the final one, by more
        // than the tolerance.
        const losses = [...exact.steps.map((step) => step.loss), exact.loss_after];
        for (let s = 0; s + 1 < losses.length; s++) expect(showsDifference([[losses[s]]], [[losses[s + 1]]], tol), at(`loss of step ${s + 1} unchanged passes`)).toBe(true);
        if (isAsked("loss_after")) expect(showsDifference([[0]], [[exact.loss_after]], tol), at("loss_after = 0 passes")).toBe(true);
        const [first, last] = [losses[0], losses[losses.length - 1]];
        expect(sig3(first), at(`loss ${first} → ${last} does not improve at 3 significant figures`)).toBeGreaterThan(sig3(last));
        expect(showsDifference([[first]], [[last]], tol), at("the final loss passes as the first")).toBe(true);
        smallestFirstLoss = Math.min(smallestFirstLoss, first);
      }
      expect(smallestFirstLoss).toBeGreaterThan(0.005);
    });
  }
});

const RULES = { allow_zero_preactivation: false, max_magnitude: 100 };
const codesOf = (exercise: Record<string, unknown>, opts: Partial<Parameters<typeof degeneracies>[2]> = {}) => {
  const net = readExercise(exercise);
  return degeneracies(net, solve(net), { ...RULES, ...opts });
};
const identityNet = (x: number, t: number | string, W: number, B: number | undefined, learning_rate: number) => ({
  loss: "half_sse",
  learning_rate,
  data: { inputs: [[x]], targets: [[t]] },
  layers: [{ activation: "identity", weights: [[W]], ...(B === undefined ? {} : { bias: [B] }) }],
});

describe("the gradability rules, on hand-made degenerate instances", () => {
  // y = 1 against t = 1.004: the network is trained already, every gradient is 0.004.
  const nearlyTrained = identityNet(1, "1.004", 1, 0, 0.1);

  it("all zeros passing as an asked quantity, a loss of 0 passing, parameters and loss that barely move", () => {
    const problems = codesOf(nearlyTrained);
    const codes = problems.map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(["zero_answer_passes", "zero_loss_passes", "zero_loss_after_passes", "update_too_small", "loss_unchanged"]));
    expect(problems.filter((p) => p.code === "zero_answer_passes").map((p) => p.params.quantity)).toEqual(["dX", "delta", "dW", "dB", "B_new"]);
    expect(problems.filter((p) => p.code === "update_too_small").map((p) => p.params.parameter)).toEqual(["W", "B"]);
    // Worded for people in the lecture's notation, layers from 1: no contract key (dW, B_new) in the text.
    expect(problems.filter((p) => p.code === "zero_answer_passes").map((p) => p.params.name)).toEqual(["∂L/∂X^1", "Δ^1", "∂L/∂W^1", "∂L/∂B^1", "B^1 − η ∂L/∂B^1"]);
    expect(problems.map(templateReasonText).join("\n")).toMatch(/step 1, layer 1: all zeros would pass as ∂L\/∂W\^1 /);
    expect(problems.map(templateReasonText).join("\n")).toMatch(/step 1, layer 1: W\^1 left unchanged would pass as updated/);
    expect(problems.map(templateReasonText).join("\n")).not.toMatch(/\b(dX|dW|dB|delta|W_new|B_new)\b/);
    for (const locale of ["ja", "ko"] as const) expect(problems.map((p) => reasonIn(locale, p)).join("\n")).toContain("B^1 − η ∂L/∂B^1");
    // A column-layout exercise is told in its own symbols.
    const column = codesOf({ ...nearlyTrained, layout: "column" });
    expect(column.filter((p) => p.code === "zero_answer_passes").map((p) => p.params.name)).toEqual(["∂L/∂x^1", "δ^1", "∂L/∂W^1", "∂L/∂b^1", "b^1 − η ∂L/∂b^1"]);
    expect(column.filter((p) => p.code === "update_too_small").map((p) => p.params.name)).toEqual(["W^1", "b^1"]);
  });

  it("judge only the asked quantities, with the exercise's tolerance", () => {
    const forwardOnly = codesOf(nearlyTrained, { asked: ["A", "X", "loss"] }).map((p) => p.code);
    expect(forwardOnly).toContain("zero_loss_passes");
    expect(forwardOnly).not.toContain("zero_answer_passes");
    expect(forwardOnly).not.toContain("zero_loss_after_passes");
    // Within 0.001 absolute, the gradients of 0.004 are no longer answered by zeros (the updated B, 0.0004, still is).
    const strict = codesOf(nearlyTrained, { tolerance: { absolute: 0.001, relative: 0 } });
    expect(strict.filter((p) => p.code === "zero_answer_passes").map((p) => p.params.quantity)).toEqual(["B_new"]);
    expect(strict.map((p) => p.code)).toContain("update_too_small");
  });

  it("a loss that goes up (the update overshoots)", () => {
    // y = 0 against t = 1 with η = 1: W 0 → 2, B 0 → 1, y 0 → 5, the loss 0.5 → 8.
    const problems = codesOf(identityNet(2, 1, 0, 0, 1));
    expect(problems.map((p) => p.code)).toEqual(["loss_not_improved"]);
    expect(templateReasonText(problems[0])).toBe("the loss goes from 0.500 to 8.00: no visible improvement at 3 significant figures (the network is trained already, or the update overshoots)");
  });

  it("a loss after the update within tolerance of the loss before", () => {
    // W 0 → 0.01 shows, but the loss 50 → 49.90005 is within 1%.
    expect(codesOf(identityNet(1, 10, 0, undefined, 0.001)).map((p) => p.code)).toEqual(["loss_unchanged"]);
  });

  it("updates hidden by the relative tolerance of large parameters", () => {
    // W = 50 moves by 0.1, less than 1% of 49.9.
    expect(codesOf(identityNet(1, 49, 50, undefined, 0.1))).toEqual([{ code: "update_too_small", params: { step: 1, layer: 1, parameter: "W", name: "W^1" } }]);
    // B = 50 moves by 0.1 while W = 1 moves by 0.1 too: only B is hidden.
    expect(codesOf(identityNet(1, 50, 1, 50, 0.1))).toEqual([{ code: "update_too_small", params: { step: 1, layer: 1, parameter: "B", name: "B^1" } }]);
  });

  it("a template that only draws degenerate variants is refused after a bounded search, naming the reasons", () => {
    const template = readTemplate({
      id: "nearly-trained",
      title: "Nearly trained",
      random: {
        loss: "half_sse",
        learning_rate: 0.1,
        sizes: [1, 1],
        activations: ["identity"],
        draw: { inputs: { fixed: [[1]] }, targets: { fixed: [["1.004"]] }, weights: { fixed: [[1]] }, bias: { fixed: [[0]] } },
      },
    });
    let refusal: unknown;
    try {
      drawVariantReport(template, "any");
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(InvalidInputError);
    const e = refusal as InvalidInputError;
    expect(e.why?.code).toBe("no_variant");
    // The three reasons met first, each in every one of the 2000 draws.
    expect(e.why?.causes?.map((c) => [c.reason.code, c.count, c.of])).toEqual([
      ["zero_loss_passes", MAX_REDRAWS, MAX_REDRAWS],
      ["zero_answer_passes", MAX_REDRAWS, MAX_REDRAWS],
      ["update_too_small", MAX_REDRAWS, MAX_REDRAWS],
    ]);
    expect(e.message).toMatch(/^random: no hand-friendly variant found in 2000 draws; the draws were rejected most often because: step 1: 0 would pass as the loss .* \(2000\/2000\); step 1, layer 1: all zeros would pass as ∂L\/∂X\^1 .*\. Change what these name/);
    // The causes are plain data: a copy (as from a worker thread) is worded in Japanese too.
    const ja = reasonIn("ja", JSON.parse(JSON.stringify(e.why)));
    expect(ja).toMatch(/^2000 回引いても.*主な棄却理由: ステップ 1: 損失を 0 と答えても正解になります.*\(2000\/2000\)/);
  });

  it("name first what stopped the draws that came closest, then the most frequent reasons", () => {
    const zero = templateReason("zero_preactivation", { step: 1, layer: 1 });
    const off = templateReason("all_units_off", { step: 1, layer: 2 });
    const small = templateReason("update_too_small", { step: 1, layer: 1, parameter: "W" });
    const closest = [[small], [small]];
    const rejected = [[zero, off], [zero], [zero, off], ...closest];
    expect(frequentReasons(rejected, 3, closest).map((c) => [c.reason.code, c.count])).toEqual([["update_too_small", 2], ["zero_preactivation", 3], ["all_units_off", 2]]);
    expect(frequentReasons(rejected, 2).map((c) => c.reason.code)).toEqual(["zero_preactivation", "all_units_off"]);
  });
});
