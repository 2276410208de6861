// Pasted LaTeX, the way students write their notes: \begin{pmatrix} 1 & \frac{1}{2} \\ ... \end{pmatrix}.
// Converted to the plain syntax of parse.ts (no LaTeX engine involved).

const ENVIRONMENTS = /\\begin\{([pbBvV]?matrix|array)\}(\{[^}]*\})?([\s\S]*?)\\end\{\1\}/;

/** Reads the brace group starting at s[i] === "{"; returns its content and the index after it. */
function group(s: string, i: number): [string, number] | null {
  if (s[i] !== "{") return null;
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === "{") depth++;
    else if (s[j] === "}" && --depth === 0) return [s.slice(i + 1, j), j + 1];
  }
  return null;
}

/** \frac{a}{b} → ((a)/(b)), \sqrt{x} → sqrt(x), e^{-2} → e^(-2), \cdot → *, and so on. */
export function latexToPlain(tex: string): string {
  let s = tex.replace(/\\[dt]?frac\s*/g, "\\frac").replace(/\\left|\\right/g, "");
  for (let k = s.indexOf("\\frac"); k !== -1; k = s.indexOf("\\frac")) {
    const num = group(s, k + 5);
    const den = num && group(s, num[1]);
    if (!num || !den) break;
    s = `${s.slice(0, k)}((${num[0]})/(${den[0]}))${s.slice(den[1])}`;
  }
  return s
    .replace(/\\sqrt/g, "sqrt")
    .replace(/\\(ln|log|exp)\b/g, "$1")
    .replace(/\\mathrm\{e\}|\\mathrm e\b/g, "e")
    .replace(/\\(cdot|times|ast)\b/g, "*")
    .replace(/\\div\b/g, "/")
    .replace(/\\pi\b/g, "pi")
    .replace(/\\[,;:! ]|~/g, "")
    .replace(/\$/g, "")
    .replace(/\{/g, "(")
    .replace(/\}/g, ")")
    .trim();
}

/**
 * The cells of the first matrix environment in `tex`, as plain-syntax strings. A cell longer than
 * `maxCell` is left as it is (the cell reader refuses it as too long) rather than converted: each
 * \frac rewrites the whole cell.
 */
export function parseLatexMatrix(tex: string, noMatrix: () => Error, maxCell = Infinity): string[][] {
  const m = ENVIRONMENTS.exec(tex);
  if (!m) throw noMatrix();
  return m[3]
    .split(/\\\\/)
    .map((row) => row.trim())
    .filter((row) => row !== "" && !/^\\hline$/.test(row))
    .map((row) => row.split("&").map((c) => (c.length > maxCell ? c : latexToPlain(c))));
}
