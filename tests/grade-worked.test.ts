// The four real hand calculations (transcribed in tests/submissions/) graded against their
// exercises: the mistakes listed in the worked examples' README are found and named, the
// steps after them are credited as carried, and correct rounded work raises no alarm.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readExercise } from "../lib/exercises/instance";
import { gradeSubmission, type Grade } from "../lib/grading";
import { solve } from "../lib/nn/network";
import { WORKED } from "./helpers";

function grade(name: string, edit: (submission: { steps: { layers: Record<string, unknown>[] }[] }) => void = () => {}): Grade {
  const net = readExercise(JSON.parse(readFileSync(join(WORKED, `${name}.json`), "utf8")));
  const submission = JSON.parse(readFileSync(join(__dirname, "submissions", `${name}.submission.json`), "utf8"));
  edit(submission);
  return gradeSubmission(net, solve(net), submission);
}

const verdicts = (g: Grade, verdict: string) => g.items.filter((i) => i.verdict === verdict).map((i) => i.path);
const item = (g: Grade, path: string) => g.items.find((i) => i.path === path)!;

describe("grading the seed documents", () => {
  it("000 (lecture, Japanese notes): the lecture's ∂L/∂X^3 is the first divergence; two slips are named; the rest is right", () => {
    const g = grade("000-lecture-2-3-3-2-relu-softmax");
    expect(g.first_divergence).toBe("steps[0].layers[2].dX");
    expect(item(g, "steps[0].layers[2].dX").misconception).toBe("cross_entropy_derivative_extra_terms");
    // For two classes the lecture's two slips cancel: Δ^3 comes out right.
    expect(item(g, "steps[0].layers[2].delta").verdict).toBe("correct");
    expect(item(g, "steps[0].layers[0].dX")).toMatchObject({ verdict: "incorrect", misconception: "arithmetic_slip", entries: [[true, true, false]] });
    // The ReLU mask (0, 1, 0) hides the slip: Δ^1 is right.
    expect(item(g, "steps[0].layers[0].delta").verdict).toBe("correct");
    expect(item(g, "steps[0].layers[1].B_new")).toMatchObject({ verdict: "incorrect", misconception: "arithmetic_slip", entries: [[false, true, true]] });
    expect(item(g, "steps[0].layers[2].B_new").verdict).toBe("correct");
    expect(item(g, "loss_after").verdict).toBe("correct");
    expect(verdicts(g, "incorrect")).toEqual(["steps[0].layers[2].dX", "steps[0].layers[0].dX", "steps[0].layers[1].B_new"]);
  });

  it("001 (all ones, two updates): nothing is marked incorrect", () => {
    const g = grade("001-all-ones-1-2-2-1-half-sse");
    expect(verdicts(g, "incorrect")).toEqual([]);
    expect(verdicts(g, "carried")).toEqual([]);
    expect(g.first_divergence).toBeNull();
    expect(verdicts(g, "correct").length).toBeGreaterThan(20);
  });

  it("002 (sigmoid, 3 samples, Korean notes): nothing is marked incorrect", () => {
    const g = grade("002-sigmoid-1-2-2-1-mse-3-samples");
    expect(verdicts(g, "incorrect")).toEqual([]);
    expect(g.first_divergence).toBeNull();
    expect(verdicts(g, "correct").length).toBeGreaterThan(10);
  });

  it("002 with the student's crossed-out B(h¹) column kept: exactly its one wrong entry is named", () => {
    const g = grade("002-sigmoid-1-2-2-1-mse-3-samples", (s) => {
      s.steps[0].layers[0].delta = [["2/3*0.28", "2/3*0.55"], ["2/3*0.09", "2/3*0.18"], ["2/3*0.03", "2/3*0.02"]];
    });
    expect(verdicts(g, "incorrect")).toEqual(["steps[0].layers[0].delta"]);
    expect(item(g, "steps[0].layers[0].delta")).toMatchObject({ misconception: "arithmetic_slip", entries: [[false, true], [true, true], [true, true]] });
  });

  it("003 (column layout, two-hot target): a slip in z_2, the loss and the softmax shortcut are named, and the rest is carried", () => {
    const g = grade("003-column-3-4-3-relu-softmax-no-bias");
    expect(g.first_divergence).toBe("steps[0].layers[1].A");
    expect(item(g, "steps[0].layers[1].A")).toMatchObject({ misconception: "arithmetic_slip", entries: [[true, false, true]] });
    expect(item(g, "steps[0].layers[1].X").verdict).toBe("correct");
    expect(item(g, "steps[0].loss").misconception).toBe("loss_terms_missing");
    expect(item(g, "steps[0].layers[1].delta").misconception).toBe("softmax_shortcut_misused");
    const carried = verdicts(g, "carried");
    for (const path of ["steps[0].layers[1].dW", "steps[0].layers[0].dX", "steps[0].layers[0].delta", "steps[0].layers[0].dW"]) expect(carried).toContain(path);
    expect(verdicts(g, "incorrect")).toEqual(["steps[0].layers[1].A", "steps[0].loss", "steps[0].layers[1].delta"]);
  });
});
