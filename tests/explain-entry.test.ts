// "Explain this entry" checked against independent references: the real hand calculations of the
// worked examples (their mistakes as the examples' README lists them), values derived by hand from
// the student's own numbers, the grader's carried value (recompute) for every wrong entry, and the
// rule that hides a result the student may still submit.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readExercise } from "../lib/exercises/instance";
import { refOfPath } from "../lib/exercises/quantities";
import { toSolution } from "../lib/exercises/solution";
import { explainEntry, wrongEntries, type EntryExplanation } from "../lib/grading/explain-entry";
import { gradeValues, type Grade } from "../lib/grading/grade";
import { traceValues } from "../lib/grading/quantity-values";
import { GradingContext, recompute } from "../lib/grading/recompute";
import { readSubmission } from "../lib/grading/submission";
import { explainAttempt } from "../lib/course/explanations";
import { toNumber } from "../lib/nn/num";
import { solve } from "../lib/nn/network";
import { destroyPools, runTask } from "../lib/workers/pool";
import { WORKED } from "./helpers";

type Submission = { steps: { layers: Record<string, unknown>[] }[] } & Record<string, unknown>;

/** Seed 000 with Δ¹ written as ∂L/∂X¹ itself: the ReLU mask forgotten (A¹₁₁ = −2 < 0 should give 0). */
const forgotReluMask = (s: Submission) => {
  s.steps[0].layers[0].delta = [[-15.84, 15.84, -10.56]];
};

function attempt(name: string, edit: (s: Submission) => void = () => {}) {
  const net = readExercise(JSON.parse(readFileSync(join(WORKED, `${name}.json`), "utf8")));
  const trace = solve(net);
  const exact = traceValues(trace);
  const submission = JSON.parse(readFileSync(join(__dirname, "submissions", `${name}.submission.json`), "utf8")) as Submission;
  edit(submission);
  const student = readSubmission(submission, exact, net.layout, { steps: net.steps, layers: net.layers.length });
  const ctx = new GradingContext(net, exact, student);
  const grade = gradeValues(net, trace, student, {}, exact);
  const explain = (path: string, row: number, col: number, revealed = true) => explainEntry(ctx, path, row, col, { revealed });
  return { net, trace, ctx, grade, explain };
}

const LECTURE = "000-lecture-2-3-3-2-relu-softmax";
const COLUMN = "003-column-3-4-3-relu-softmax-no-bias";
const item = (g: Grade, path: string) => g.items.find((i) => i.path === path)!;
/** An entry of a grade's shown value (a number, a flat list or rows). */
const entryOf = (v: unknown, row: number, col: number): number => (typeof v === "number" ? v : Array.isArray((v as unknown[])[0]) ? (v as number[][])[row][col] : (v as number[])[col]);
/** A result's exact text as a number: a decimal, or a fraction such as "-5/3". */
const valueOf = (text: string | undefined) => (text?.includes("/") ? Number(text.split("/")[0]) / Number(text.split("/")[1]) : Number(text));
const offInputs = (e: EntryExplanation) => e.inputs.filter((i) => i.off);

describe("explaining one entry with the student's own numbers", () => {
  it("000, ∂L/∂X³₁₂ = 8.4 (the lecture's extra terms): −T₁₂ / X³₁₂ = −0 / 0.881 = 0, from their own right X³", () => {
    const { explain, grade } = attempt(LECTURE);
    const e = explain("steps[0].layers[2].dX", 0, 1);
    expect(e.symbolTex).toBe("\\frac{\\partial L}{\\partial X^{3}_{12}}");
    expect(e.formulaTex).toBe("-\\frac{T_{12}}{X^{3}_{12}}");
    expect(e.substitutedTex).toBe("-\\frac{0}{0.881}");
    expect(e.resultText).toBe("0");
    expect(e.wroteText).toBe("8.4");
    expect(offInputs(e)).toEqual([]);
    expect(entryOf(item(grade, "steps[0].layers[2].dX").carried_expected, 0, 1)).toBe(0);
  });

  it("000, ∂L/∂X¹₁₃ = −10.56 (an arithmetic slip): Σ_k Δ²₁ₖ W²₃ₖ = 2.64·(−1) + 0·2 + 4.4·(−3) = −15.84", () => {
    const { explain } = attempt(LECTURE);
    const e = explain("steps[0].layers[0].dX", 0, 2);
    expect(e.formulaTex).toBe("\\sum_{k} \\Delta^{2}_{1k} W^{2}_{3k}");
    expect(e.substitutedTex).toBe("2.64 \\cdot \\left(-1\\right) + 0 \\cdot 2 + 4.4 \\cdot \\left(-3\\right)");
    // By hand from the student's Δ² = (2.64, 0, 4.4) and the given third row of W²: −2.64 − 13.2, exactly.
    expect(e.resultText).toBe("-15.84");
    expect(e.wroteText).toBe("-10.56");
    // The given W² is named but never "off": it is the same for everyone.
    expect(e.inputs.filter((i) => !i.path).map((i) => i.tex)).toEqual(["W^{2}_{31}", "W^{2}_{32}", "W^{2}_{33}"]);
  });

  it("000, B² updated, first entry 0.936: B²₁ ← 1 − 0.1 · 2.64 = 0.736", () => {
    const { explain } = attempt(LECTURE);
    const e = explain("steps[0].layers[1].B_new", 0, 0);
    expect(e.relationTex).toBe("\\leftarrow");
    expect(e.formulaTex).toBe("B^{2}_{1} - \\eta\\, \\frac{\\partial L}{\\partial B^{2}_{1}}");
    expect(e.substitutedTex).toBe("1 - 0.1 \\cdot 2.64");
    expect(e.resultText).toBe("0.736");
    expect(e.wroteText).toBe("0.936");
  });

  it("a forgotten ReLU mask: Δ¹₁₁ = ∂L/∂X¹₁₁ · ReLU′(A¹₁₁) = −15.84 · 0 = 0, because A¹₁₁ = −2 < 0", () => {
    const { explain } = attempt(LECTURE, forgotReluMask);
    const e = explain("steps[0].layers[0].delta", 0, 0);
    expect(e.formulaTex).toBe("\\frac{\\partial L}{\\partial X^{1}_{11}} \\cdot \\operatorname{ReLU}'\\!\\left(A^{1}_{11}\\right)");
    expect(e.substitutedTex).toBe("-15.84 \\cdot \\operatorname{ReLU}'\\!\\left(-2\\right)");
    expect(e.evaluatedTex).toBe("-15.84 \\cdot 0");
    expect(e.because).toEqual({ sign: "negative", tex: "A^{1}_{11} < 0" });
    expect(e.resultText).toBe("0");
    expect(e.wroteText).toBe("-15.84");
  });

  it("names an input that was itself off, and gives its exact value only once the rule reveals it", () => {
    const { explain } = attempt(LECTURE, forgotReluMask);
    const hidden = explain("steps[0].layers[0].delta", 0, 2, false);
    // The student's ∂L/∂X¹₁₃ = −10.56 was the slip: the result (0) is not the answer they may
    // still submit for the right reasons, so it shows; the exact ∂L/∂X¹₁₃ does not.
    expect(offInputs(hidden)).toEqual([{ path: "steps[0].layers[0].dX", row: 0, col: 2, tex: "\\frac{\\partial L}{\\partial X^{1}_{13}}", text: "-10.56", valueTex: "-10.56", missing: false, off: true }]);
    expect(hidden.hidesResult).toBe(false);
    expect(hidden.resultText).toBe("0");
    const shown = explain("steps[0].layers[0].delta", 0, 2, true);
    expect(Number(offInputs(shown)[0].exactText)).toBeCloseTo(-15.854347403601883, 12);
  });

  it("hides the result while every input was right and the rule does not yet reveal, and shows it once it does", () => {
    const { explain } = attempt(LECTURE);
    const hidden = explain("steps[0].layers[1].B_new", 0, 0, false);
    expect(hidden.hidesResult).toBe(true);
    expect(hidden).not.toHaveProperty("resultText");
    expect(hidden).not.toHaveProperty("resultTex");
    // The formula and the names of its inputs show, not the numbers put into it: "1 − 0.1 · 2.64" is the answer one step away.
    expect(hidden.formulaTex).toContain("\\eta");
    expect(hidden).not.toHaveProperty("substitutedTex");
    expect(hidden.inputs.length).toBeGreaterThan(0);
    expect(hidden.inputs.every((i) => i.text === undefined && i.valueTex === undefined && i.tex.length > 0)).toBe(true);
    expect(JSON.stringify(hidden)).not.toContain("2.64");
    expect(explain("steps[0].layers[1].B_new", 0, 0, true).substitutedTex).toBe("1 - 0.1 \\cdot 2.64");
    const relu = attempt(LECTURE, forgotReluMask).explain("steps[0].layers[0].delta", 0, 0, false);
    // "· 0" and "because A < 0" would give the hidden result away.
    expect(relu).not.toHaveProperty("evaluatedTex");
    expect(relu).not.toHaveProperty("because");
    expect(explain("steps[0].layers[1].B_new", 0, 0, true).hidesResult).toBe(false);
  });

  it("never shows the exact value of an input the student left blank before the reveal", () => {
    // 003 gives no ∂L/∂x²: the grader let the exact one stand in for it.
    const { explain } = attempt(COLUMN);
    const hidden = explain("steps[0].layers[1].delta", 0, 0, false);
    const blank = hidden.inputs.filter((i) => i.missing);
    expect(blank.length).toBe(3);
    expect(blank.every((i) => i.text === undefined && i.valueTex === undefined)).toBe(true);
    expect(hidden).not.toHaveProperty("substitutedTex");
    expect(explain("steps[0].layers[1].delta", 0, 0, true).substitutedTex).toContain("0.356");
  });
});

describe("column layout speaks its own notation", () => {
  it("003, z²₂₁ = −0.445 (a transcription slip): Σ_j W²₂ⱼ x¹ⱼ₁ = −0.2·1.2 + 0.3·0 + 0.1·0.15 − 0.3·0.9 = −0.495", () => {
    const { explain } = attempt(COLUMN);
    // The contract's z² is one row per sample: entry [0][1] is what the column grid shows as (2, 1).
    const e = explain("steps[0].layers[1].A", 0, 1);
    expect(e.symbolTex).toBe("z^{2}_{21}");
    expect(e.formulaTex).toBe("\\sum_{j} W^{2}_{2j} x^{1}_{j1}");
    expect(e.substitutedTex).toBe("-0.2 \\cdot 1.2 + 0.3 \\cdot 0 + 0.1 \\cdot 0.15 - 0.3 \\cdot 0.9");
    expect(e.resultText).toBe("-0.495");
    expect(e.wroteText).toBe("-0.445");
  });

  it("003, the loss counts every class with a target: −(1 log 0.356 + 1 log 0.179)", () => {
    const { explain } = attempt(COLUMN);
    const e = explain("steps[0].loss", 0, 0);
    expect(e.substitutedTex).toBe("-\\left(1 \\log 0.356 + 1 \\log 0.179\\right)");
    expect(Number(e.resultText)).toBeCloseTo(-Math.log(0.356) - Math.log(0.179), 12);
    expect(e.wroteText).toBe("1.032");
  });

  it("003, δ² is softmax's Jacobian row in column notation, and ∂L/∂W entries are (output, input)", () => {
    const { explain, net } = attempt(COLUMN);
    const d = explain("steps[0].layers[1].delta", 0, 1);
    expect(d.symbolTex).toBe("\\delta^{2}_{21}");
    expect(d.formulaTex).toContain("\\sum_{i} \\frac{\\partial L}{\\partial x^{2}_{i1}}\\, x^{2}_{i1}");
    // dW is stored in the layout (outputs × inputs): contract [2][0] is ∂L/∂W²₃₁ = δ²₃₁ x¹₁₁.
    expect(net.layout).toBe("column");
    const w = explainEntry(attempt(COLUMN, (s) => {
      (s.steps[0].layers[1].dW as number[][])[2][0] = 9;
    }).ctx, "steps[0].layers[1].dW", 2, 0, { revealed: true });
    expect(w.symbolTex).toBe("\\frac{\\partial L}{\\partial W^{2}_{31}}");
    expect(w.formulaTex).toBe("\\delta^{2}_{31} x^{1}_{11}");
    expect(w.substitutedTex).toBe("0.466 \\cdot 1.2");
    expect(Number(w.resultText)).toBeCloseTo(0.466 * 1.2, 12);
  });
});

describe("the explained value is the grader's carried value", () => {
  /** Every entry of every quantity off by 10% (and a little): each is explained. */
  function everythingOff(name: string) {
    const net = readExercise(JSON.parse(readFileSync(join(WORKED, `${name}.json`), "utf8")));
    const solution = toSolution(solve(net), net.layout) as unknown as Record<string, unknown>;
    const bent = JSON.parse(JSON.stringify(solution), (_k, v) => (typeof v === "number" ? Number((v * 1.1 + 0.05).toPrecision(4)) : v));
    return bent as Submission;
  }

  for (const name of [LECTURE, "001-all-ones-1-2-2-1-half-sse", "002-sigmoid-1-2-2-1-mse-3-samples", COLUMN]) {
    it(`${name}: every wrong entry's result equals recompute() and the grade's carried_expected`, () => {
      const bent = everythingOff(name);
      const { ctx, grade, explain } = attempt(name, (s) => Object.assign(s, bent));
      const wrong = wrongEntries(grade.items);
      expect(wrong.length).toBeGreaterThan(10);
      for (const { path, row, col } of wrong) {
        const e = explain(path, row, col);
        const ref = refOfPath(path)!;
        const [a, b] = ctx.net.layout === "column" && /dW|W_new/.test(path) ? [col, row] : [row, col];
        const own = recompute(ctx, ref)[a][b];
        expect(e.resultText, `${path} [${row}][${col}]`).toBeDefined();
        expect(valueOf(e.resultText)).toBeCloseTo(toNumber(own), 9);
        const carried = item(grade, path).carried_expected;
        if (carried !== undefined) expect(valueOf(e.resultText)).toBeCloseTo(entryOf(carried, row, col), 9);
      }
    });
  }

  it("explains a stored attempt (form cells) at most MAX_EXPLAINED entries, by quantity", () => {
    const net = readExercise(JSON.parse(readFileSync(join(WORKED, `${LECTURE}.json`), "utf8")));
    const exerciseJson = readFileSync(join(WORKED, `${LECTURE}.json`), "utf8");
    const submission = JSON.parse(readFileSync(join(__dirname, "submissions", `${LECTURE}.submission.json`), "utf8"));
    const { grade } = attempt(LECTURE);
    const byPath = explainAttempt({ exerciseJson, answersJson: JSON.stringify(submission), grade, revealed: false });
    expect(Object.keys(byPath)).toEqual(["steps[0].layers[2].dX", "steps[0].layers[0].dX", "steps[0].layers[1].B_new"]);
    expect(byPath["steps[0].layers[1].B_new"][0].hidesResult).toBe(true);
    expect(net.layout).toBe("row");
    expect(Object.values(explainAttempt({ exerciseJson, answersJson: JSON.stringify(submission), grade, revealed: true, limit: 2 })).flat()).toHaveLength(2);
  });
});

describe("off the request thread", () => {
  afterAll(destroyPools);

  it("the worker pool's explain task gives what explainAttempt gives in-process", async () => {
    const exerciseJson = readFileSync(join(WORKED, `${LECTURE}.json`), "utf8");
    const answersJson = readFileSync(join(__dirname, "submissions", `${LECTURE}.submission.json`), "utf8");
    const { grade } = attempt(LECTURE);
    for (const revealed of [false, true]) {
      const pooled = await runTask("explain", { exerciseJson, answersJson, grade, revealed });
      expect(pooled).toEqual(explainAttempt({ exerciseJson, answersJson, grade, revealed }));
    }
  });
});
