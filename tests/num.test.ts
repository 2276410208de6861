// toNumber's quick way for fractions of small parts (one IEEE division) against two references:
// the 50-digit decimal route it replaces, and JavaScript's own reading of the decimal text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frac, toBig, toNumber } from "../lib/nn/num";

const safe = fc.bigInt({ min: -BigInt(Number.MAX_SAFE_INTEGER), max: BigInt(Number.MAX_SAFE_INTEGER) });
const positive = fc.bigInt({ min: 1n, max: BigInt(Number.MAX_SAFE_INTEGER) });

describe("toNumber of a fraction", () => {
  it("is the 50-digit route's double for parts up to 2^53", () => {
    fc.assert(
      fc.property(safe, positive, (n, d) => {
        const f = frac(n, d);
        const slow = toBig(f).toNumber();
        expect(toNumber(f)).toBe(Object.is(slow, -0) ? 0 : slow);
      }),
      { numRuns: 5000 },
    );
  });

  it("reads a decimal exactly as JavaScript reads its text", () => {
    fc.assert(
      fc.property(safe, fc.integer({ min: 0, max: 15 }), (digits, places) => {
        const text = `${digits}e-${places}`;
        expect(toNumber(frac(digits, 10n ** BigInt(places)))).toBe(Number(text) || 0);
      }),
      { numRuns: 5000 },
    );
  });

  it("takes the long way past 2^53 and stays correct", () => {
    const big = 2n ** 60n + 1n;
    expect(toNumber(frac(big, 3n))).toBe(Number(big) / 3);
    expect(toNumber(frac(1n, big))).toBe(1 / Number(big));
    expect(toNumber(frac(-7n, 8n))).toBe(-0.875);
    expect(Object.is(toNumber(frac(0n, 5n)), 0)).toBe(true);
  });
});
