// KaTeX on the server, memoised: the same formula (a quantity's label, a student's matrix on a
// reload) is rendered once. Bounded, so a busy server keeps a few megabytes at most.
import "server-only";
import katex from "katex";
import { LRUCache } from "lru-cache";

/** KaTeX's own HTML (with MathML for screen readers beside it), or MathML alone, which browsers draw themselves and is a fifth of the size. */
export type TexOutput = "html" | "htmlAndMathml" | "mathml";

const rendered = new LRUCache<string, string>({ max: 5000, maxSize: 16 * 1024 * 1024, sizeCalculation: (html, key) => html.length + key.length });

/** KaTeX's HTML for `tex` (errors shown in place rather than thrown). */
export function texToHtml(tex: string, output: TexOutput = "htmlAndMathml", display = false): string {
  const key = `${output}|${display ? "D" : "i"}|${tex}`;
  let html = rendered.get(key);
  if (html === undefined) {
    html = katex.renderToString(tex, { throwOnError: false, output, displayMode: display });
    rendered.set(key, html);
  }
  return html;
}
