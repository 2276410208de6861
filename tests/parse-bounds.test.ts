// Every cell is read within a bound on work, not only on its result: hostile cells, matrices and
// submissions are refused in milliseconds with a reason code, estimated before the work is done,
// and honest input keeps working.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../lib/exercises/errors";
import { readExercise } from "../lib/exercises/instance";
import { toSolution } from "../lib/exercises/solution";
import { InputError, MAX_KEPT_BITS, isFraction, parseMatrix, parseScalar, toNumber } from "../lib/grading/parse";
import { traceValues } from "../lib/grading/quantity-values";
import { readSubmission } from "../lib/grading/submission";
import { reasonIn } from "../lib/i18n";
import { solve } from "../lib/nn/network";
import { WORKED } from "./helpers";

/** The reason code a reading is refused with, and how long the refusal took. */
function refusal(f: () => unknown): { code: string; ms: number; error: InputError } {
  const t0 = performance.now();
  try {
    f();
  } catch (e) {
    const ms = performance.now() - t0;
    if (e instanceof InputError) return { code: e.why.code, ms, error: e };
    if (e instanceof InvalidInputError && e.why) return { code: e.why.code, ms, error: new InputError(e.key, e.why.code as never, e.why.params) };
    throw e;
  }
  throw new Error("expected a refusal");
}

const deep = (n: number) => "(".repeat(n) + "1" + ")".repeat(n);
/** Generous, so that a busy machine does not make it flake; the figures are printed. */
const BOUND_MS = 200;

beforeAll(() => {
  // Load and warm the modules (mathjs, the 50-digit constants), so the timings measure the work.
  for (const t of ["1+1", "e^-2/(1+e^-2)", "ln(2)", "sqrt(2)", "2^0.5", "pi"]) parseScalar(t, "warm");
});

describe("hostile cells", () => {
  const hostile: [string, unknown, string][] = [
    ["1.0001^30000", "1.0001^30000", "exact_too_long"],
    ["1.001^10000", "1.001^10000", "exact_too_long"],
    ["(123456789/987654321)^100000", "(123456789/987654321)^100000", "exact_too_long"],
    ["(1/3)^30000", "(1/3)^30000", "exact_too_long"],
    ["0.99999^99999", "0.99999^99999", "exact_too_long"],
    ["(1+1e-100)^100000", "(1+1e-100)^100000", "exact_too_long"],
    ["(3/7)^-30000", "(3/7)^-30000", "too_large"],
    ["10^10^10", "10^10^10", "too_large"],
    ["2^2^2^2^2", "2^2^2^2^2", "too_large"],
    ["9999999999999999999999999999999999999999^99", "9999999999999999999999999999999999999999^99", "too_large"],
    ["pi^pi^pi", "pi^pi^pi", "too_large"],
    ["a 13-character number with a billion-digit denominator", "1e-1000000000", "exact_too_long"],
    ["1e1000000000", "1e1000000000", "too_large"],
    ["1e-1000000000*1e1000000000", "1e-1000000000*1e1000000000", "exact_too_long"],
    ["0e-99999999999 + ln(1e-100000)", "0e-99999999999+ln(1e-100000)", "exact_too_long"],
    ["exp(1e6)", "exp(1e6)", "too_large"],
    ["exp(exp(exp(10)))", "exp(exp(exp(10)))", "too_large"],
    ["e^(e^(e^10))", "e^(e^(e^10))", "too_large"],
    ["thirteen nested square roots", "sqrt(".repeat(13) + "2" + ")".repeat(13), "too_many_calls"],
    ["thirteen exps", Array.from({ length: 13 }, (_, i) => `exp(${i})`).join("+"), "too_many_calls"],
    ["a long sum 1+1+…+1", Array(100).fill("1").join("+"), "expression_too_long"],
    ["a long product", Array(60).fill("2").join("*"), "expression_too_long"],
    ["deep parentheses", deep(99), "too_deep"],
    ["deep parentheses, 5000 levels", deep(5000), "too_long"],
    ["a decimal with thousands of digits", "0." + "3".repeat(5000), "too_long"],
    ["an integer with thousands of digits", "7".repeat(5000), "too_long"],
    ["a megabyte", "9".repeat(1 << 20), "too_long"],
  ];

  it("refuses each within milliseconds, with a reason code, before doing the work", () => {
    const figures: string[] = [];
    for (const [what, input, code] of hostile) {
      const r = refusal(() => parseScalar(input, "A[0][0]"));
      figures.push(`${r.ms.toFixed(2).padStart(8)} ms  ${r.code.padEnd(20)} ${what}`);
      expect(r.code, what).toBe(code);
      expect(r.error.cell).toBe("A[0][0]");
      expect(r.ms, what).toBeLessThan(BOUND_MS);
    }
    console.log(`hostile cells (each refused):\n${figures.join("\n")}`);
  });

  it("says why in the student's language", () => {
    const why = refusal(() => parseScalar("1.0001^30000", "c")).error.why;
    expect(reasonIn("en", why)).toBe("'1.0001^30000' is too long to compute exactly (more than 600 digits); round the numbers or write the result as a decimal");
    expect(reasonIn("ja", why)).toMatch(/^「1\.0001\^30000」は正確に計算すると長すぎます/);
    expect(reasonIn("ko", why)).toMatch(/^'1\.0001\^30000'은\(는\) 정확히 계산하기에 너무 깁니다/);
    expect(reasonIn("ja", refusal(() => parseScalar("sqrt(".repeat(13) + "2" + ")".repeat(13), "c")).error.why)).toMatch(/12 個より多く/);
  });
});

describe("JSON numbers (the contract grades every finite number)", () => {
  it("reads the largest and smallest finite doubles at once, since a double's exact value is bounded", () => {
    for (const x of [1e300, -Number.MAX_VALUE, 5e-324, -1e-300]) {
      const started = performance.now();
      const v = toNumber(parseScalar(x, "A[0][0]"));
      expect(performance.now() - started).toBeLessThan(BOUND_MS);
      // Values below 1e-40 are rounding noise to the core and read as 0.
      expect(v).toBe(Math.abs(x) < 1e-40 ? 0 : x);
    }
  });
  it("still refuses a number typed as text beyond 1e15", () => {
    expect(refusal(() => parseScalar("1e300", "A[0][0]")).code).toBe("too_large");
  });
});

describe("honest cells", () => {
  const honest: [string, number][] = [
    ["0.25", 0.25],
    ["-1/405", -1 / 405],
    ["0.1*8.75", 0.875],
    ["e^-2/(1+e^-2)", Math.exp(-2) / (1 + Math.exp(-2))],
    ["exp(0.5)", Math.exp(0.5)],
    ["ln(0.119)", Math.log(0.119)],
    ["sqrt(2)/2", Math.SQRT1_2],
    ["2^10", 1024],
    ["(1/3)^5", 1 / 243],
    ["(-1/405)^5", (-1 / 405) ** 5],
    ["0.9^100", 0.9 ** 100],
    ["1.001^100", 1.001 ** 100],
    ["2^(1/3)", Math.cbrt(2)],
    ["1e-3", 0.001],
    ["1.5E+2", 150],
    ["0e-99999999999", 0],
    ["-0.00246913580246913580", -0.0024691358024691358],
    ["1e15-1e-15", 1e15],
    ["e^1/(e^1+e^2+e^0.5+e^-0.3)", Math.E / (Math.E + Math.exp(2) + Math.exp(0.5) + Math.exp(-0.3))],
    ["e^0.3/(e^0.3+e^1.2+e^-0.5+e^2+e^0.1+e^-1+e^0.7+e^1.5)", Math.exp(0.3) / [0.3, 1.2, -0.5, 2, 0.1, -1, 0.7, 1.5].reduce((s, a) => s + Math.exp(a), 0)],
    ["\\frac{-1}{405}", -1 / 405],
    ["\\dfrac{\\mathrm{e}^{-2}}{1+\\mathrm{e}^{-2}}", Math.exp(-2) / (1 + Math.exp(-2))],
  ];
  for (const [input, value] of honest) {
    it(`reads ${input}`, () => {
      expect(toNumber(parseScalar(input, "c"))).toBeCloseTo(value, 12);
    });
  }

  it("keeps hand-written numbers exact and a very long one as a 50-digit decimal", () => {
    const x = parseScalar("-0.00246913580246913580", "c");
    expect(isFraction(x)).toBe(true);
    expect(isFraction(parseScalar("(-1/405)^5", "c"))).toBe(true);
    const long = parseScalar("0." + "7".repeat(190), "c");
    expect(isFraction(long)).toBe(false);
    expect(toNumber(long)).toBeCloseTo(7 / 9, 15);
    expect(MAX_KEPT_BITS).toBeGreaterThanOrEqual(200);
  });

  it("reads a pasted LaTeX pmatrix", () => {
    const tex = "\\begin{pmatrix} 1 & \\frac{-1}{405} \\\\ 0.1 \\cdot 8.75 & e^{-2} \\end{pmatrix}";
    expect(parseMatrix(tex, "W").map((r) => r.map(toNumber))).toEqual([[1, -1 / 405], [0.875, Math.exp(-2)]]);
  });
});

describe("whole matrices and submissions", () => {
  const net = readExercise(JSON.parse(readFileSync(join(WORKED, "000-lecture-2-3-3-2-relu-softmax.json"), "utf8")));
  const trace = solve(net);
  const exact = traceValues(trace);
  const shape = { steps: trace.steps.length, layers: net.layers.length };
  const asked = [...exact.values()].reduce((n, m) => n + m.length * m[0].length, 0);
  /** The exercise's solution with every cell written as `cell(i)`. */
  const every = (cell: (i: number) => unknown) => {
    let i = 0;
    const walk = (x: unknown): unknown =>
      Array.isArray(x) ? x.map(walk) : x && typeof x === "object" ? Object.fromEntries(Object.entries(x).filter(([k]) => k !== "layout").map(([k, v]) => [k, walk(v)])) : cell(i++);
    return walk(JSON.parse(JSON.stringify(toSolution(trace, net.layout))));
  };
  const read = (submission: unknown) => readSubmission(submission, exact, net.layout, shape);

  it("reads an honest submission with an expression in every cell", () => {
    const t0 = performance.now();
    const values = read(every((i) => `e^-${(i % 5) + 1}/(1+e^-2)`));
    console.log(`an honest submission of ${asked} expression cells: read in ${(performance.now() - t0).toFixed(1)} ms`);
    expect(values.size).toBe(exact.size);
  });

  it("refuses a submission whose cells together need too much work, within milliseconds", () => {
    // Every cell a different text, so that nothing is parsed only once.
    const eight = (i: number) => Array.from({ length: 8 }, (_, k) => `exp(${k}.${i})`).join("+");
    const r = refusal(() => read(every(eight)));
    console.log(`a submission of ${asked} cells of eight exps each: refused (${r.code}) in ${r.ms.toFixed(1)} ms`);
    expect(r.code).toBe("too_much_work");
    expect(r.ms).toBeLessThan(BOUND_MS);
    // The same cells, only a few of them: read.
    expect(read({ steps: [{ loss: eight(1) }] }).size).toBe(1);
  });

  it("refuses a quantity with more cells than asked before reading any of them", () => {
    const r = refusal(() => read({ steps: [{ layers: [{ A: Array.from({ length: 100 }, () => Array(100).fill("1.0001^3000")) }] }] }));
    expect(r.code).toBe("wrong_shape");
    expect(r.error.cell).toBe("steps[0].layers[0].A");
    expect(r.ms).toBeLessThan(BOUND_MS);
  });

  it("refuses a pasted matrix of thousands of costly cells within milliseconds", () => {
    const cells = Array.from({ length: 100 }, (_, i) => Array.from({ length: 30 }, (_, j) => `exp(${i}/${j + 7})`).join(" ")).join("; ");
    const r = refusal(() => parseMatrix(cells.slice(0, 20_000 - 1).replace(/[^;]*$/, ""), "matrix"));
    console.log(`a pasted matrix of exp() cells: refused (${r.code}) in ${r.ms.toFixed(1)} ms`);
    expect(r.code).toBe("too_much_work");
    expect(r.ms).toBeLessThan(BOUND_MS);
    // A paste of 64×64 plain numbers is read.
    const plain = Array.from({ length: 64 }, (_, i) => Array.from({ length: 64 }, (_, j) => `${(i + j) % 10}.5`).join(" ")).join("; ");
    expect(parseMatrix(plain, "matrix")).toHaveLength(64);
  });

  it("does not convert a huge LaTeX cell before refusing it", () => {
    const bomb = "\\begin{pmatrix}" + "\\frac{".repeat(3000) + "\\end{pmatrix}";
    const r = refusal(() => parseMatrix(bomb, "W"));
    expect(r.code).toBe("too_long");
    expect(r.ms).toBeLessThan(BOUND_MS);
  });
});
