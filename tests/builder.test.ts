import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../lib/exercises/errors";
import { previewTemplate, solvedPreview, templateFromForm } from "../lib/teach/builder";
import { templateReasonText } from "../lib/exercises/template-reasons";
import { reasonIn } from "../lib/i18n";

describe("the template builder", () => {
  it("turns the form into a template of the exercises/ format, with asked quantities, points and tolerance", () => {
    const t = templateFromForm({ title: "Sigmoid 2-2-1", sizes: "2, 2, 1", activations: "sigmoid,identity", loss: "mse", bias: "1", batch: "2", weightsStep: "0.5", asked: ["A", "X", "dW"], points_dW: "2", tolerance: "sig_figs", sigFigs: "3", targets: "range" });
    expect(t.id).toBe("sigmoid-2-2-1");
    expect(t.random).toMatchObject({ sizes: [2, 2, 1], activations: ["sigmoid", "identity"], loss: "mse", batch: 2, bias: true });
    expect(t.asked).toEqual(["A", "X", "dW"]);
    expect(t.points).toEqual({ dW: 2 });
    expect(t.tolerance).toEqual({ sig_figs: 3 });
  });

  it("names the field at fault", () => {
    expect(() => templateFromForm({ sizes: "2,3,2", activations: "relu", loss: "mse" })).toThrow(InvalidInputError);
    expect(() => templateFromForm({ sizes: "2,3,2", activations: "relu", loss: "mse" })).toThrow(/random\.activations: needs 2 entries/);
    expect(() => templateFromForm({ sizes: "2,2", activations: "swish" })).toThrow(/random\.activations: “swish” is not an activation/);
    expect(() => templateFromForm({ sizes: "2,x,1", activations: "relu,identity" })).toThrow(/random\.sizes: give 2 to 6 layer sizes/);
    expect(() => templateFromForm({ sizes: "2,1", activations: "relu", weightsStep: "0" })).toThrow(/random\.draw\.weights\.step: must be positive/);
    expect(() => templateFromForm({ sizes: "2,1", activations: "relu", batch: "two" })).toThrow(/random\.batch: expected a whole number from 1 to 8, got “two”/);
    expect(() => templateFromForm({ sizes: "2,1", activations: "relu", steps: "11" })).toThrow(/random\.steps: expected a whole number from 1 to 10/);
    expect(() => templateFromForm({ sizes: "2,1", activations: "relu", learningRate: "-0.1" })).toThrow(/random\.learning_rate: expected a positive number/);
    expect(() => templateFromForm({ sizes: "2,1", activations: "relu", learningRate: "0/3" })).toThrow(/random\.learning_rate: expected a positive number/);
    // A decimal or a fraction is a learning rate.
    expect(templateFromForm({ sizes: "2,1", activations: "relu", loss: "half_sse", targets: "range", learningRate: "0.05" }).random?.learning_rate).toBe(0.05);
    expect(templateFromForm({ sizes: "2,1", activations: "relu", loss: "half_sse", targets: "range", learningRate: "1/20" }).random?.learning_rate).toBe("1/20");
  });

  it("keeps the reason of a refusal as a code, worded in Japanese for a Japanese instructor", () => {
    const refusal = (() => {
      try {
        templateFromForm({ sizes: "2,3,2", activations: "relu", loss: "mse" });
      } catch (e) {
        return e as InvalidInputError;
      }
    })()!;
    expect(refusal.why).toEqual({ code: "entries_per_layer", params: { layers: 2, got: 1 } });
    expect(reasonIn("ja", refusal.why!)).toBe("層ごとに 1 つ、2 個必要ですが、1 個でした");
  });

  it("previews three hand-friendly variants and reports the degenerate draws it rejected", () => {
    // Integer weights and inputs with ReLU often give a pre-activation of exactly 0: those draws are rejected.
    const t = templateFromForm({ sizes: "2,3,1", activations: "relu,identity", loss: "half_sse", bias: "1", targets: "range", weightsMin: "-1", weightsMax: "1", biasesMin: "-1", biasesMax: "1", inputsMin: "-1", inputsMax: "1" });
    const previews = previewTemplate(t);
    expect(previews).toHaveLength(3);
    expect(previews.some((p) => p.rejected.length > 0)).toBe(true);
    expect(previews.flatMap((p) => p.rejected).map(templateReasonText).join("\n")).toMatch(/exactly 0|every unit|do not change/);
    for (const p of previews) expect(solvedPreview(p.exercise).trace.steps).toHaveLength(1);
  });

  it("refuses, after a bounded search, a template whose draws all pass for free, and says what to change", () => {
    // η = 0.0001: no update of W moves by more than the tolerance, and the loss does not change.
    const t = templateFromForm({ sizes: "1,1", activations: "identity", loss: "half_sse", targets: "range", learningRate: "0.0001" });
    let refusal: unknown;
    try {
      previewTemplate(t, undefined, Infinity);
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(InvalidInputError);
    const e = refusal as InvalidInputError;
    expect(e.why?.causes?.map((c) => c.reason.code)).toEqual(expect.arrayContaining(["update_too_small", "loss_unchanged"]));
    expect(e.why?.causes?.find((c) => c.reason.code === "loss_unchanged")?.count).toBe(2000);
    expect(e.message).toMatch(/no hand-friendly variant found in 2000 draws; the draws were rejected most often because: .*W\^\d left unchanged would pass as updated .*\(\d+\/2000\)/);
    expect(reasonIn("ko", e.why!)).toMatch(/주된 기각 이유: .*갱신하지 않고 그대로 써도/);
  });

  it("gives up a preview's search at its time budget, and still says what to change", () => {
    // The lecture's shape with η = 0.0001: every draw is solved and rejected, so only the budget stops it.
    const t = templateFromForm({ sizes: "2,3,3,2", activations: "relu,relu,softmax", loss: "cross_entropy", learningRate: "0.0001" });
    const started = performance.now();
    let refusal: InvalidInputError | undefined;
    try {
      previewTemplate(t, undefined, 150);
    } catch (e) {
      refusal = e as InvalidInputError;
    }
    const took = performance.now() - started;
    expect(refusal?.why?.code).toBe("no_variant");
    expect(Number(refusal!.why!.params.draws)).toBeLessThan(2000);
    expect(refusal!.why!.causes!.length).toBeGreaterThan(0);
    console.log(`preview gave up after ${took.toFixed(0)} ms and ${refusal!.why!.params.draws} draws`);
    // One draw past the deadline at most: the budget plus a draw's time, not 2,000 draws.
    expect(took).toBeLessThan(1500);
  });
});
