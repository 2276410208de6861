// Property: the grader answers every well-formed submission (each cell a finite number, each
// matrix the right shape, any subset of keys, any values) with a grade, never an exception.
// fast-check throws random submissions at every built-in template and every worked example:
// exact values, rounded ones, zeros, negatives, huge and tiny numbers, fractions, and the lazy
// student's copies of the old parameters and the old loss. Fixed seed, so CI is repeatable.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinTemplates } from "../lib/exercises/builtin";
import { readExercise } from "../lib/exercises/instance";
import { toSolution, type Solution } from "../lib/exercises/solution";
import { drawVariant, readGradingSettings } from "../lib/exercises/template";
import { gradeSubmission, type Grade } from "../lib/grading";
import { solve } from "../lib/nn/network";
import type { Network, Trace } from "../lib/nn/types";
import { workedExamples } from "./helpers";

const SEED = 20261127;
/** Submissions per exercise; 16 exercises × 650 ≈ 10,400 in all. */
const RUNS = 650;

interface Case {
  name: string;
  net: Network;
  trace: Trace;
  solution: Solution;
  settings: ReturnType<typeof readGradingSettings>;
}

function caseOf(name: string, instance: unknown): Case {
  const net = readExercise(instance);
  const trace = solve(net);
  return { name, net, trace, solution: toSolution(trace, net.layout), settings: readGradingSettings(instance) };
}

const CASES: Case[] = [
  ...workedExamples().map((w) => caseOf(w.name, w.exercise)),
  ...builtinTemplates().flatMap((t) => (t.fixed ? [caseOf(t.id, drawVariant(t, "fuzz"))] : ["fuzz-1", "fuzz-2"].map((seed) => caseOf(`${t.id} ${seed}`, drawVariant(t, seed))))),
];

/** One number a student might write: anything finite, as a JSON number or as text. */
const anyNumber: fc.Arbitrary<number | string> = fc.oneof(
  fc.constant(0),
  fc.integer({ min: -20, max: 20 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(1e-300, -1e-300, 1e300, -1e300, 5e-324, Number.MAX_VALUE, -Number.MIN_VALUE),
  fc.tuple(fc.integer({ min: -999, max: 999 }), fc.integer({ min: 1, max: 999 })).map(([n, d]) => `${n}/${d}`),
);

/** How a student fills one matrix, given its exact value and the value before an update. */
function matrixArb(exact: number[][], before: number[][] | undefined): fc.Arbitrary<(number | string)[][]> {
  const same = (f: (x: number) => number | string) => exact.map((row) => row.map(f));
  const options: fc.Arbitrary<(number | string)[][]>[] = [
    fc.constant(exact),
    fc.constant(same(() => 0)),
    fc.constant(same((x) => Number(x.toPrecision(3)))),
    fc.constant(same((x) => -x)),
    fc.constant(same((x) => x * 1e-6)),
    fc.constant(same((x) => x * 1e12)),
    fc.array(fc.array(anyNumber, { minLength: exact[0].length, maxLength: exact[0].length }), { minLength: exact.length, maxLength: exact.length }),
  ];
  if (before) options.push(fc.constant(before));
  return fc.oneof(...options);
}

const asMatrix = (v: number | number[] | number[][]): number[][] => (typeof v === "number" ? [[v]] : Array.isArray(v[0]) ? (v as number[][]) : [v as number[]]);
const asShape = (m: (number | string)[][], like: number | number[] | number[][]) => (typeof like === "number" ? m[0][0] : Array.isArray(like[0]) ? m : m[0]);

/** A random well-formed submission of a case: each key kept or left out, each value drawn. */
function submissionArb(c: Case): fc.Arbitrary<Record<string, unknown>> {
  const { solution, net } = c;
  const given = (l: number, key: "W_new" | "B_new"): number[][] | undefined => {
    const layer = net.layers[l];
    if (key === "B_new") return layer.B ? [layer.B.map(Number)] : undefined;
    const W = layer.W.map((row) => row.map(Number));
    return net.layout === "column" ? W[0].map((_, j) => W.map((row) => row[j])) : W;
  };
  const field = (exact: number | number[] | number[][], before?: number | number[] | number[][]) =>
    fc.option(matrixArb(asMatrix(exact), before === undefined ? undefined : asMatrix(before)).map((m) => asShape(m, exact)), { nil: undefined, freq: 4 });
  const steps = solution.steps.map((step, s) =>
    fc.record({
      loss: field(step.loss),
      layers: fc.tuple(
        ...step.layers.map((layer, l) =>
          fc.record(
            Object.fromEntries(
              Object.entries(layer).map(([key, value]) => {
                const prev = s === 0 ? (key === "W_new" || key === "B_new" ? given(l, key) : undefined) : (solution.steps[s - 1].layers[l] as unknown as Record<string, number[][]>)[key];
                return [key, field(value as number[][], key === "W_new" || key === "B_new" ? prev : undefined)];
              }),
            ),
          ),
        ),
      ),
    }),
  );
  const lastLoss = solution.steps[solution.steps.length - 1].loss;
  return fc.record({ steps: fc.tuple(...steps), loss_after: field(solution.loss_after, lastLoss) }).map(dropUndefined);
}

/** JSON as a student's browser would send it: keys left out, not set to undefined. */
function dropUndefined(v: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(v)) as Record<string, unknown>;
}

function checkGrade(grade: Grade, c: Case): void {
  expect(grade.items.length).toBeGreaterThan(0);
  for (const item of grade.items) {
    expect(["correct", "carried", "incorrect", "missing"]).toContain(item.verdict);
    expect(item.points).toBeGreaterThanOrEqual(0);
    expect(item.points).toBeLessThanOrEqual(item.max_points);
  }
  expect(grade.score).toBeGreaterThanOrEqual(0);
  expect(grade.score).toBeLessThanOrEqual(grade.max_score);
  expect(grade.first_divergence).toBe(grade.items.find((i) => i.verdict === "incorrect")?.path ?? null);
  expect(Number.isFinite(grade.score), c.name).toBe(true);
}

describe("the grader answers every well-formed submission", () => {
  it(`${CASES.length} exercises × ${RUNS} random submissions: a grade every time, verdicts and score in range`, () => {
    let graded = 0;
    const started = performance.now();
    for (const c of CASES) {
      const t0 = performance.now();
      const opts = { tolerance: c.settings.tolerance, asked: c.settings.asked, points: c.settings.points };
      fc.assert(
        fc.property(submissionArb(c), (submission) => {
          checkGrade(gradeSubmission(c.net, c.trace, submission, opts), c);
          graded++;
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      if (process.env.FUZZ_PROFILE) console.log(`${c.name}: ${((performance.now() - t0) / RUNS).toFixed(2)} ms per submission`);
    }
    const ms = performance.now() - started;
    console.log(`graded ${graded} random submissions over ${CASES.length} exercises in ${(ms / 1000).toFixed(1)} s (${(ms / graded).toFixed(2)} ms each)`);
    expect(graded).toBeGreaterThanOrEqual(10_000);
  }, 900_000);
});
