// The scalar type of the exact core.
//
// A value is an exact rational (mathjs Fraction) for as long as the maths allows it:
// + − × ÷, ReLU, leaky ReLU, identity, squared losses. The first transcendental
// operation (exp, log) turns it into a 50-digit BigNumber, and anything combined
// with a BigNumber stays one. So a ReLU/MSE network is solved exactly, and a
// sigmoid/softmax one to 50 significant digits, never through float64.
import { all, create, type BigNumber, type Fraction } from "mathjs";

export const PRECISION = 50;

/** The one mathjs instance of the numeric core (BigNumbers carry 50 digits). */
export const math = create(all, { number: "BigNumber", precision: PRECISION });

// The instance exposes its classes at run time, but mathjs's typings omit them.
const classes = math as unknown as {
  Fraction: new (n: bigint, d: bigint) => Fraction;
  BigNumber: new (v: string | number) => BigNumber;
};
const FractionClass = classes.Fraction;
const BigNumberClass = classes.BigNumber;

export type Num = Fraction | BigNumber;
export type { Fraction, BigNumber };

export function isFraction(x: Num): x is Fraction {
  return x instanceof FractionClass;
}

export function frac(n: bigint | number, d: bigint | number = 1n): Fraction {
  return new FractionClass(BigInt(n), BigInt(d));
}

export const ZERO: Num = frac(0);
export const ONE: Num = frac(1);

/** An exact rational from a decimal or fraction text: "0.1" → 1/10, "-5/3", "1e-3" → 1/1000. */
export function exactFromText(text: string): Fraction | null {
  const t = text.trim();
  const ratio = /^([+-]?\d+)\s*\/\s*([+-]?\d+)$/.exec(t);
  if (ratio) {
    const d = BigInt(ratio[2]);
    if (d === 0n) return null;
    return new FractionClass(BigInt(ratio[1]), d);
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  const [n, d] = new BigNumberClass(t).toFraction();
  return new FractionClass(BigInt(n.toFixed()), BigInt(d.toFixed()));
}

/** A JSON number as the exact rational its shortest decimal text denotes (0.1 → 1/10). */
export function exactFromNumber(x: number): Fraction {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const f = exactFromText(String(x));
  if (!f) throw new RangeError(`cannot read ${x}`);
  return f;
}

export function toBig(x: Num): BigNumber {
  if (!isFraction(x)) return x;
  const q = new BigNumberClass(x.n.toString()).div(x.d.toString());
  return x.s < 0n ? q.neg() : q;
}

export function add(a: Num, b: Num): Num {
  return isFraction(a) && isFraction(b) ? a.add(b) : toBig(a).plus(toBig(b));
}

export function sub(a: Num, b: Num): Num {
  return isFraction(a) && isFraction(b) ? a.sub(b) : toBig(a).minus(toBig(b));
}

export function mul(a: Num, b: Num): Num {
  return isFraction(a) && isFraction(b) ? a.mul(b) : toBig(a).times(toBig(b));
}

export function div(a: Num, b: Num): Num {
  if (isZero(b)) throw new RangeError("division by zero");
  return isFraction(a) && isFraction(b) ? a.div(b) : toBig(a).div(toBig(b));
}

export function neg(a: Num): Num {
  return isFraction(a) ? a.neg() : a.neg();
}

export function exp(a: Num): BigNumber {
  return toBig(a).exp();
}

/** Natural logarithm. */
export function ln(a: Num): BigNumber {
  if (sign(a) <= 0) throw new RangeError("logarithm of a non-positive number");
  return toBig(a).ln();
}

export function sign(a: Num): -1 | 0 | 1 {
  if (isFraction(a)) return a.s < 0n && a.n !== 0n ? -1 : a.n === 0n ? 0 : 1;
  return a.isZero() ? 0 : a.isNegative() ? -1 : 1;
}

export function isZero(a: Num): boolean {
  return sign(a) === 0;
}

export function compare(a: Num, b: Num): -1 | 0 | 1 {
  return sign(sub(a, b));
}

export function abs(a: Num): Num {
  return sign(a) < 0 ? neg(a) : a;
}

/**
 * Below this, a 50-digit value is the rounding left by cancellation (softmax's Σ x_i − 1, say)
 * and stands for an exact 0: no hand-sized exercise has a true value this small.
 */
const NOISE = math.bignumber(`1e-${PRECISION - 10}`);

/** A BigNumber that is only rounding noise reads as 0; exact rationals are left alone. */
export function cleaned(a: Num): Num {
  return !isFraction(a) && !a.isZero() && a.abs().lt(NOISE) ? ZERO : a;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The nearest double (through 50 decimal digits, so correctly rounded in practice); noise reads as 0. */
export function toNumber(a: Num): number {
  let n: number;
  // A fraction whose both parts are exact doubles: one IEEE division is the correctly rounded
  // quotient, without building a 50-digit decimal (most of what a grading spent converting).
  if (isFraction(a) && a.n <= SAFE && a.d <= SAFE) n = (a.s < 0n ? -Number(a.n) : Number(a.n)) / Number(a.d);
  else n = toBig(cleaned(a)).toNumber();
  return Object.is(n, -0) ? 0 : n;
}

/** Exact text for a rational ("-5/3", "0.25"); 20 significant digits for a BigNumber. */
export function toText(value: Num, digits = 20): string {
  const a = cleaned(value);
  if (isFraction(a)) return a.d === 1n ? (a.s < 0n ? "-" : "") + a.n.toString() : decimalOrFraction(a);
  return a.toSignificantDigits(digits).toString();
}

function decimalOrFraction(f: Fraction): string {
  // A terminating decimal reads better than a fraction (7/8 → 0.875).
  let d = f.d;
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  if (d === 1n) return toBig(f).toString();
  return f.toFraction();
}
