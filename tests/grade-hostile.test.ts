// Hostile or malformed submissions: exit 2 with the cell named, fast, never a crash or a hang.
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../lib/cli/run";
import { jsonFiles, WORKED } from "./helpers";

const exercise = join(WORKED, "000-lecture-2-3-3-2-relu-softmax.json");
const file = jsonFiles("handprop-grade-");
const layer0 = (patch: object) => ({ steps: [{ layers: [patch] }] });
const deep = (depth: number) => "(".repeat(depth) + "1" + ")".repeat(depth);

describe("grade refuses hostile or malformed submissions", () => {
  // Load the grader modules once, so the timings below measure the work, not the import.
  beforeAll(async () => void (await runCli(["grade", exercise, file({})])));

  const cases: [string, unknown, RegExp][] = [
    ["bad JSON", '{"steps": [', /not valid JSON/],
    ["an unknown top-level key", { answers: [] }, /answers: unknown key/],
    ["an unknown quantity", layer0({ Z: [[1, 2, 3]] }), /steps\[0\]\.layers\[0\]\.Z: unknown key/],
    ["a matrix of the wrong shape", layer0({ A: [[1, 2]] }), /steps\[0\]\.layers\[0\]\.A: expected 1×3/],
    ["a ragged matrix", layer0({ dW: [[1, 2, 3], [1, 2]] }), /steps\[0\]\.layers\[0\]\.dW/],
    ["too many steps", { steps: [{}, {}] }, /steps\[1\]: the exercise has 1 step/],
    ["too many layers", { steps: [{ layers: [{}, {}, {}, {}] }] }, /steps\[0\]\.layers\[3\]: the network has 3 layers/],
    ["a non-finite number", layer0({ A: [["Infinity", 1, 2]] }), /steps\[0\]\.layers\[0\]\.A\[0\]\[0\]/],
    ["NaN", layer0({ A: [["NaN", 1, 2]] }), /steps\[0\]\.layers\[0\]\.A\[0\]\[0\]/],
    ["9^9^9^9", layer0({ A: [["9^9^9^9", 1, 2]] }), /steps\[0\]\.layers\[0\]\.A\[0\]\[0\]/],
    ["a huge exponent", { steps: [{ loss: "10^400" }] }, /steps\[0\]\.loss/],
    ["an exact power too long to compute (1.0001^30000)", { steps: [{ loss: "1.0001^30000" }] }, /steps\[0\]\.loss: '1\.0001\^30000' is too long to compute exactly/],
    ["a fraction to a huge power", layer0({ A: [["(123456789/987654321)^100000", 1, 2]] }), /steps\[0\]\.layers\[0\]\.A\[0\]\[0\]: .* too long to compute exactly/],
    ["a short number with a billion-digit denominator", { steps: [{ loss: "1e-1000000000" }] }, /steps\[0\]\.loss: .* too long to compute exactly/],
    ["three 1.001^10000 cells", layer0({ A: [["1.001^10000", "1.001^10000", "1.001^10000"]] }), /steps\[0\]\.layers\[0\]\.A\[0\]\[0\]/],
    ["a matrix far larger than asked", layer0({ A: Array.from({ length: 100 }, () => Array(100).fill("exp(1)")) }), /steps\[0\]\.layers\[0\]\.A: expected 1×3, got 100×100/],
    ["deep nesting", layer0({ X: [[deep(5000), 1, 2]] }), /steps\[0\]\.layers\[0\]\.X\[0\]\[0\]/],
    ["a megabyte string", layer0({ X: [["1".repeat(1 << 20), 1, 2]] }), /steps\[0\]\.layers\[0\]\.X\[0\]\[0\]/],
    ["a function definition", { steps: [{ loss: "f(x) = x" }] }, /steps\[0\]\.loss/],
    ["import()", { steps: [{ loss: 'import({}, {override: true})' }] }, /steps\[0\]\.loss/],
    ["an assignment", { steps: [{ loss: "a = 1" }] }, /steps\[0\]\.loss/],
    ["evaluate()", { steps: [{ loss: 'evaluate("1+1")' }] }, /steps\[0\]\.loss/],
    ["createUnit()", { steps: [{ loss: 'createUnit("foo")' }] }, /steps\[0\]\.loss/],
    ["an unknown symbol", { steps: [{ loss: "x + 1" }] }, /steps\[0\]\.loss/],
    ["an object instead of a number", { steps: [{ loss: { value: 1 } }] }, /steps\[0\]\.loss/],
    ["a bias for a layer without one", { steps: [{ layers: [{}, {}, {}] }], loss_after: [1, 2] }, /loss_after/],
  ];
  for (const [what, content, message] of cases) {
    it(`exits 2 within 100 ms naming the cell for ${what}`, async () => {
      const f = file(content);
      // The best of up to three runs: another process on the machine can only slow one down.
      let ms = Infinity;
      let r = { code: 0, out: "", err: "" };
      for (let run = 0; run < 3 && ms >= 100; run++) {
        const t0 = performance.now();
        r = await runCli(["grade", exercise, f]);
        ms = Math.min(ms, performance.now() - t0);
      }
      expect(r.err).toMatch(message);
      expect(r.code).toBe(2);
      expect(r.err).toContain(f);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(ms).toBeLessThan(100);
    });
  }

  it("refuses a file larger than 2 MB before parsing it", async () => {
    const r = await runCli(["grade", exercise, file(" ".repeat(3_000_000))]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/larger than/);
  });

  it("accepts an empty submission and marks everything missing", async () => {
    const r = await runCli(["grade", exercise, file({})]);
    expect(r.code).toBe(0);
    const grade = JSON.parse(r.out);
    expect(grade.score).toBe(0);
    expect(grade.first_divergence).toBeNull();
    expect(grade.items.every((i: { verdict: string }) => i.verdict === "missing")).toBe(true);
  });
});
