// The misconception catalogue read in a column-layout exercise's notation (issue 21): names, what
// the student did and hints say z, x, δ, b, ŷ − t, and the products whose order differs in
// column layout (W^T δ for Δ W^T, δ x^T for X^T Δ) are written in that order, not merely renamed.
// The grader's own message for seed 003 (column layout) is the column hint.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUE, MISCONCEPTION_IDS, misconceptionIn } from "../lib/grading/catalogue";
import { readExercise } from "../lib/exercises/instance";
import { gradeSubmission } from "../lib/grading";
import { solve } from "../lib/nn/network";
import { WORKED } from "./helpers";

const LANGS = ["en", "ja", "ko"] as const;
/** Row notation's symbols: A^, X^, B^ (and X_, a row entry), Δ, Y − T. */
const ROW_SYMBOLS = /\b[AXB]\^|\bX_|Δ|Y − T|\bT\)/;

describe("the catalogue in the exercise's notation", () => {
  it("is the row text itself for a row-layout exercise", () => {
    for (const id of MISCONCEPTION_IDS)
      for (const lang of LANGS) {
        const c = CATALOGUE[id];
        expect(misconceptionIn(id, lang, "row")).toEqual({ name: c.name[lang], did: c.did[lang], hint: c[lang] });
      }
  });

  it("names no row symbol, sample row or row layout for a column-layout exercise, in any language", () => {
    for (const id of MISCONCEPTION_IDS)
      for (const lang of LANGS) {
        const { name, did, hint } = misconceptionIn(id, lang, "column");
        for (const text of [name, did, hint]) expect(text, `${id} ${lang}`).not.toMatch(ROW_SYMBOLS);
        if (lang === "en") for (const text of [did, hint]) expect(text, id).not.toMatch(/\brow\b/);
      }
  });

  it("writes the column layout's products in their own order", () => {
    const col = (id: Parameters<typeof misconceptionIn>[0]) => misconceptionIn(id, "en", "column");
    expect(col("softmax_shortcut_misused").name).toBe("Shortcut ŷ − t used where it does not hold");
    expect(col("weights_not_transposed").hint).toContain("∂L/∂x^l = W^(l+1)T δ^(l+1)");
    expect(col("weights_not_transposed").did).toContain("W^(l+1) δ^(l+1) instead of W^(l+1)T δ^(l+1)");
    expect(col("wrong_layer_input").hint).toContain("∂L/∂W^l = δ^l x^(l−1)T");
    expect(col("gradient_transposed").hint).toContain("δ^l x^(l−1)T");
    expect(col("bias_gradient_not_summed").did).toContain("one sample's column of δ^l");
    expect(col("softmax_shortcut_misused").did).toContain("a target column does not sum to 1");
    // The softmax Jacobian's Kronecker delta would read as the error δ: written [i = j].
    expect(col("softmax_jacobian_diagonal_only").hint).toContain("∂x_i/∂z_j = x_i([i = j] − x_j)");
    expect(misconceptionIn("wrong_layer_input", "ja", "column").hint).toContain("δ^l x^(l−1)T");
    expect(misconceptionIn("weights_not_transposed", "ko", "column").did).toContain("W^(l+1)T δ^(l+1)");
    // Entries without a rewrite have their symbols renamed.
    expect(col("activation_derivative_forgotten").hint).toMatch(/^δ\^l = ∂L\/∂x\^l ⊙ h'\(z\^l\)/);
  });

  it("is what the grader says about seed 003's softmax shortcut (column layout)", () => {
    const name = "003-column-3-4-3-relu-softmax-no-bias";
    const net = readExercise(JSON.parse(readFileSync(join(WORKED, `${name}.json`), "utf8")));
    const submission = JSON.parse(readFileSync(join(__dirname, "submissions", `${name}.submission.json`), "utf8"));
    const delta = gradeSubmission(net, solve(net), submission).items.find((i) => i.path === "steps[0].layers[1].delta")!;
    expect(delta.misconception).toBe("softmax_shortcut_misused");
    expect(delta.message).toBe(misconceptionIn("softmax_shortcut_misused", "en", "column").hint);
    expect(delta.message).toContain("each target column sums to 1");
  });
});
