import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { refusal } from "./refusal";
import { isFraction, parseMatrix, parseScalar, toNumber } from "../lib/grading/parse";


describe("reading one cell", () => {
  it("keeps decimals, negatives and fractions exact", () => {
    const x = parseScalar("-5/3", "c");
    expect(isFraction(x) && x.n === 5n && x.d === 3n && x.s === -1n).toBe(true);
    const y = parseScalar("0.1*8.75", "c");
    expect(isFraction(y) && y.n === 7n && y.d === 8n).toBe(true);
    expect(toNumber(parseScalar(-0.25, "c"))).toBe(-0.25);
    expect(toNumber(parseScalar(" 1e-3 ", "c"))).toBe(0.001);
  });

  it("evaluates short expressions with e, exp and ln to high precision", () => {
    expect(toNumber(parseScalar("e^-2/(1+e^-2)", "c"))).toBeCloseTo(0.11920292202211755, 15);
    expect(toNumber(parseScalar("ln(0.119)", "c"))).toBeCloseTo(Math.log(0.119), 14);
    expect(toNumber(parseScalar("exp(1)", "c"))).toBeCloseTo(Math.E, 15);
    expect(toNumber(parseScalar("e^{-2}", "c"))).toBeCloseTo(Math.exp(-2), 15);
  });

  it("accepts the typography of pasted notes: unicode minus, ×, ·, ÷ and LaTeX fractions", () => {
    expect(toNumber(parseScalar("−0.5", "c"))).toBe(-0.5);
    expect(toNumber(parseScalar("2×3·4÷8", "c"))).toBe(3);
    expect(toNumber(parseScalar("\\frac{1}{4}", "c"))).toBe(0.25);
  });

  const refused: [string, unknown, RegExp][] = [
    ["an empty cell", "  ", /empty/],
    ["a decimal comma", "1,5", /dot \(1\.5\)/],
    ["NaN", Number.NaN, /not a finite number/],
    ["Infinity", Number.POSITIVE_INFINITY, /not a finite number/],
    ["import", "import({}, {})", /not allowed|cannot be read/],
    ["createUnit", 'createUnit("x")', /not a number/],
    ["evaluate", 'evaluate("1+1")', /not a number/],
    ["parse", "parse(1)", /not allowed/],
    ["simplify", "simplify(1)", /not allowed/],
    ["derivative", "derivative(1, 2)", /not allowed/],
    ["a function definition", "f(x) = x^2", /not a number/],
    ["an assignment", "a = 1", /not a number/],
    ["a matrix inside a cell", "[1, 2]", /not a number/],
    ["an object literal", "{a: 1}", /not/],
    ["a unit", "5 cm", /unknown name 'cm'/],
    ["an unknown name", "x + 1", /unknown name 'x'/],
    ["division by zero", "1/(2-2)", /divides by zero/],
    ["the log of a negative number", "ln(-1)", /logarithm/],
    ["a huge power", "10^400", /too large/],
    ["a list", [1, 2], /expected a number/],
  ];
  for (const [what, input, message] of refused) {
    it(`refuses ${what} with a message naming the cell`, () => {
      const e = refusal(() => parseScalar(input, "steps[0].loss"));
      expect(e.cell).toBe("steps[0].loss");
      expect(e.message).toMatch(/^steps\[0\]\.loss: /);
      expect(e.message).toMatch(message);
    });
  }

  it("refuses 9^9^9^9, a megabyte string and deep nesting within 100 ms", () => {
    for (const input of ["9^9^9^9", "9".repeat(1 << 20), "(".repeat(1000) + "1" + ")".repeat(1000), "2^2^2^2^2^2^2"]) {
      const t0 = performance.now();
      const e = refusal(() => parseScalar(input, "A[0][0]"));
      expect(performance.now() - t0).toBeLessThan(100);
      expect(e.cell).toBe("A[0][0]");
    }
  });
});

describe("reading a matrix", () => {
  const numbers = (m: ReturnType<typeof parseMatrix>) => m.map((r) => r.map(toNumber));

  it("reads JSON rows, a flat row, '1 2; 3 4', JSON text and comma-separated rows", () => {
    expect(numbers(parseMatrix([[1, "1/2"], ["-3", 4]], "W"))).toEqual([[1, 0.5], [-3, 4]]);
    expect(numbers(parseMatrix([1, 2, 3], "B"))).toEqual([[1, 2, 3]]);
    expect(numbers(parseMatrix("1 2; 3 4", "W"))).toEqual([[1, 2], [3, 4]]);
    expect(numbers(parseMatrix("1 2\n3 4", "W"))).toEqual([[1, 2], [3, 4]]);
    expect(numbers(parseMatrix("[[1, 2], [3, 4]]", "W"))).toEqual([[1, 2], [3, 4]]);
    expect(numbers(parseMatrix("1/3, e^-1; 1, 2", "W"))).toEqual([[1 / 3, Math.exp(-1)], [1, 2]]);
  });

  it("reads a pasted LaTeX pmatrix or bmatrix with \\frac, \\cdot and e^{...}", () => {
    const tex = "\\begin{pmatrix} 1 & \\frac{-1}{2} \\\\ 0.1 \\cdot 3 & e^{-2} \\end{pmatrix}";
    expect(numbers(parseMatrix(tex, "W"))).toEqual([[1, -0.5], [0.3, Math.exp(-2)]]);
    expect(numbers(parseMatrix("$$\\begin{bmatrix} -0.88 & 0.88 \\end{bmatrix}$$", "D"))).toEqual([[-0.88, 0.88]]);
  });

  it("names the row of a ragged matrix and the cell of a bad entry", () => {
    expect(refusal(() => parseMatrix([[1, 2], [3]], "W")).message).toMatch(/^W\[1\]: row 1 has 1 entries, row 0 has 2/);
    expect(refusal(() => parseMatrix("1 2; 3 x", "W")).cell).toBe("W[1][1]");
    expect(refusal(() => parseMatrix([[1, 2], 3], "W")).message).toMatch(/^W: mixes numbers and rows/);
  });

  it("refuses oversized input before reading it", () => {
    const t0 = performance.now();
    expect(refusal(() => parseMatrix("1 ".repeat(1 << 19), "W")).message).toMatch(/too long/);
    expect(refusal(() => parseMatrix(Array.from({ length: 200 }, () => [1]), "W")).message).toMatch(/too large/);
    expect(performance.now() - t0).toBeLessThan(100);
  });
});
