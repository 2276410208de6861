// Server-side KaTeX: every formula is rendered to HTML + MathML at build/request time, so the
// browser gets no KaTeX JavaScript. The TeX is always built by our own code from numbers and
// fixed symbols, never from user input, which is what makes dangerouslySetInnerHTML safe here.
import { texToHtml, type TexOutput } from "@/app/_lib/katex";
import { decimalTex } from "@/lib/grading/entry-symbols";
import { cleaned, isFraction, isZero, toBig, toText, type Num } from "@/lib/nn/num";

/**
 * A rendered formula: inline by default, `display` for a block that scrolls horizontally on its own.
 * `output: "mathml"` where a page holds many formulas (the result page's explanations): the browser
 * draws MathML itself, at a fifth of the bytes and of the server's rendering time.
 */
export function Tex({ tex, display = false, label, output = "htmlAndMathml" }: { tex: string; display?: boolean; label?: string; output?: TexOutput }) {
  const html = texToHtml(tex, output, display);
  if (!display) return <span className="math-inline" dangerouslySetInnerHTML={{ __html: html }} />;
  // A block may scroll sideways on a narrow screen: focusable, so keyboard users can scroll it too.
  return <div className="math-block" tabIndex={0} aria-label={label} role={label ? "group" : undefined} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A plain double or an exact value of the core (fraction or 50-digit decimal). */
export type NumLike = number | Num;

const SIG_DIGITS = 4;
/** Exact decimals up to this many characters (sign excluded) are shown as they are. */
const SHORT_DECIMAL = 7;
/** Exact fractions whose numerator and denominator have at most this many digits together. */
const SHORT_FRACTION = 5;

/** Significant digits of a plain decimal text, trailing zeros not counted ("-0.0120" → 2). */
function significantDigits(text: string): number {
  const digits = text.replace(/^-/, "").replace(".", "").replace(/^0+/, "");
  return digits.replace(/0+$/, "").length;
}

/** Can `text` be shown as it is: a plain decimal with few digits, or a short mantissa times a power of ten? */
function isShortDecimal(text: string): boolean {
  const m = /^(-?\d+(?:\.\d+)?)(e[+-]?\d+)?$/i.exec(text);
  if (!m) return false;
  if (m[2]) return significantDigits(m[1]) <= SIG_DIGITS;
  return text.replace(/^-/, "").length <= SHORT_DECIMAL && significantDigits(text) <= SIG_DIGITS + 1;
}

/**
 * TeX for one number: exact when the exact value is short (integers, short decimals, small
 * fractions such as −5/3), otherwise rounded to 4 significant digits (trailing zeros kept, so a
 * rounded value is recognisable as such).
 */
export function numTex(x: NumLike): string {
  if (typeof x === "number") {
    if (Object.is(x, -0)) return "0";
    const exact = String(x);
    if (isShortDecimal(exact)) return decimalTex(exact);
    return decimalTex(x.toPrecision(SIG_DIGITS));
  }
  if (isFraction(x)) {
    const negative = x.s < 0n && x.n !== 0n;
    const [n, d] = [x.n.toString(), x.d.toString()];
    if (d === "1") return (negative ? "-" : "") + n;
    const decimal = toBig(x).toString();
    if (isShortDecimal(decimal)) return decimalTex(decimal);
    if (n.length + d.length <= SHORT_FRACTION) return `${negative ? "-" : ""}\\tfrac{${n}}{${d}}`;
    return decimalTex(toBig(x).toPrecision(SIG_DIGITS));
  }
  if (isZero(cleaned(x))) return "0";
  // A 50-digit decimal: "short" only when it is exactly a short decimal at 20 digits.
  const text = x.toSignificantDigits(20).toString();
  if (isShortDecimal(text)) return decimalTex(text);
  return decimalTex(x.toPrecision(SIG_DIGITS));
}

/** TeX for a given (exact) value, never rounded: "0.125", "-\\tfrac{5}{3}", "12". */
export function exactTex(x: NumLike): string {
  const text = typeof x === "number" ? String(x) : toText(x);
  const ratio = /^(-?)(\d+)\/(\d+)$/.exec(text);
  return ratio ? `${ratio[1]}\\tfrac{${ratio[2]}}{${ratio[3]}}` : decimalTex(text);
}

type Format = (x: NumLike) => string;

/** A matrix as a TeX pmatrix, one row per array (numbers by `numTex` unless told). */
export function matrixTex(m: readonly (readonly NumLike[])[], format: Format = numTex): string {
  return `\\begin{pmatrix} ${m.map((row) => row.map(format).join(" & ")).join(" \\\\ ")} \\end{pmatrix}`;
}

/** A vector as a 1 × n row, or an n × 1 column when `asColumn`. */
export function vectorTex(v: readonly NumLike[], asColumn: boolean, format: Format = numTex): string {
  return matrixTex(asColumn ? v.map((x) => [x]) : [v], format);
}
