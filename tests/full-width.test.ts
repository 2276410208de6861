// What a Japanese input method types: full-width digits and signs, 。 and 、, the full-width space,
// the kana minus. Each form is read as the ASCII the student meant, or refused with a reason that
// says, in the student's language, that a comma is not a decimal point.
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { refusal } from "./refusal";
import { toHalfWidth } from "../lib/grading/full-width";
import { MATRIX_WORK, MAX_MATRIX_CHARS, Work, isFraction, parseMatrix, parseScalar, toNumber } from "../lib/grading/parse";
import { reasonIn } from "../lib/i18n";


/** The exact value of a cell as numerator/denominator, so "1.5" and "3/2" compare alike. */
const exact = (text: string) => {
  const x = parseScalar(text, "c");
  if (!isFraction(x)) throw new Error(`${text} was not kept exact`);
  return `${x.s * x.n}/${x.d}`;
};

describe("a cell typed full-width", () => {
  const same: [string, string][] = [
    ["１．５", "1.5"],
    ["－０.２５", "-0.25"],
    ["３／４", "3/4"],
    ["２×０．５", "2*0.5"],
    ["（１＋２）＊３", "(1+2)*3"],
    ["１。５", "1.5"],
    ["０。２５。", "0.25"],
    ["ー０．５", "-0.5"],
    ["　１．２５　", "1.25"],
    ["１ｅ－３", "1e-3"],
    ["－１／４０５", "-1/405"],
  ];
  it.each(same)("reads %s as %s, exactly", (typed, meant) => {
    expect(exact(typed)).toBe(exact(meant));
  });

  it("reads e＾２ and ｅｘｐ（－２） as the same 50-digit value as their ASCII forms", () => {
    expect(toNumber(parseScalar("e＾２", "c"))).toBe(toNumber(parseScalar("e^2", "c")));
    expect(toNumber(parseScalar("ｅｘｐ（－２）", "c"))).toBeCloseTo(Math.exp(-2), 15);
  });

  it("says a comma is not a decimal point, quoting what was typed, in each language", () => {
    for (const typed of ["１，５", "1、5", "0、25"]) {
      const e = refusal(() => parseScalar(typed, "A[0][0]"));
      expect(e.why.code).toBe("decimal_comma");
      expect(e.why.params.text).toBe(typed);
    }
    const e = refusal(() => parseScalar("1、5", "c"));
    expect(e.why.params.fixed).toBe("1.5");
    expect(reasonIn("ja", e.why)).toBe("「1、5」：小数点はピリオドで書いてください（1.5）");
    expect(reasonIn("en", e.why)).toContain("dot (1.5)");
    expect(reasonIn("ko", e.why)).toContain("마침표");
  });

  it("names a comma inside a longer cell, and a 。 that is not between digits", () => {
    const comma = refusal(() => parseScalar("０、２５、３", "c"));
    expect(comma.why.code).toBe("comma_in_cell");
    expect(reasonIn("ja", comma.why)).toContain("小数点ではなく");
    expect(reasonIn("en", comma.why)).toContain("a comma is not a decimal point");
    const stop = refusal(() => parseScalar("。５", "c"));
    expect(stop.why.code).toBe("stray_stop");
    expect(reasonIn("ja", stop.why)).toContain("数字と数字の間だけ");
    expect(reasonIn("ko", stop.why)).toContain("소수점");
  });

  it("leaves ASCII text as it is and maps only what an input method types", () => {
    expect(toHalfWidth("e^-2/(1+e^-2)")).toBe("e^-2/(1+e^-2)");
    expect(toHalfWidth("ＡＢｃ！～")).toBe("ABc!~");
    // The long-vowel mark stays inside words (no word is read anyway), it is a minus only before a number.
    expect(toHalfWidth("データー")).toBe("データー");
  });
});

describe("a matrix pasted full-width", () => {
  const values = (m: ReturnType<typeof parseMatrix>) => m.map((r) => r.map(toNumber));

  it("splits cells at full-width spaces, 、 and ，, and rows at ； and new lines", () => {
    expect(values(parseMatrix("１．５　－２\n０。２５　３／４", "W"))).toEqual([[1.5, -2], [0.25, 0.75]]);
    expect(values(parseMatrix("1、2、3；4、5、6", "W"))).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(values(parseMatrix("１，２；３，４", "W"))).toEqual([[1, 2], [3, 4]]);
    expect(values(parseMatrix("［［１，２］，［３，４］］", "W"))).toEqual([[1, 2], [3, 4]]);
  });

  it("reads the largest full-width paste within the matrix budget, in milliseconds", () => {
    // 20,000 characters of "１．５　": the longest paste the preview accepts, every cell full-width.
    const row = Array.from({ length: 100 }, () => "１．５").join("　");
    const text = Array.from({ length: Math.floor(MAX_MATRIX_CHARS / (row.length + 1)) }, () => row).join("\n");
    expect(text.length).toBeLessThanOrEqual(MAX_MATRIX_CHARS);
    const t0 = performance.now();
    const m = parseMatrix(text, "W", new Work(MATRIX_WORK));
    const ms = performance.now() - t0;
    console.log(`full-width paste of ${text.length} characters (${m.length}×${m[0].length}): ${ms.toFixed(1)} ms`);
    expect(m[0][0] && toNumber(m[0][0])).toBe(1.5);
    expect(ms).toBeLessThan(500);
  });
});
