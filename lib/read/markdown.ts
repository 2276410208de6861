// Finding the math in a Markdown transcript: $…$, $$…$$, \[…\], \(…\), with the prose between, in page order.

/** A math fragment: its TeX (same length as in the page), where it starts, and its delimiters' width. */
export interface MathPiece {
  kind: "math";
  /** The TeX between the delimiters; line breaks are spaces, or joiners inside a number split across lines. */
  tex: string;
  /** Offset of tex[0] in the transcript. */
  start: number;
}

/** The prose of one line (outside math and code), trimmed. */
export interface ProsePiece {
  kind: "prose";
  text: string;
  start: number;
}

export type Piece = MathPiece | ProsePiece;

/** Marks a line break inside a number ("0.09\n66"): the cell reader drops it. */
export const JOINER = "\u200b";

/** Line numbers of offsets (1-based), by binary search over the line starts. */
export class Lines {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }
  lineOf(offset: number): number {
    let [lo, hi] = [0, this.starts.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  /** The text of a line (1-based), without its line break. */
  textOf(line: number): string {
    const start = this.starts[line - 1] ?? this.text.length;
    const next = this.starts[line];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1);
  }
}

/** Closing delimiters searched for once found missing are missing for the rest of the page. */
class Closers {
  private readonly missing = new Set<string>();
  constructor(private readonly text: string) {}
  find(closer: string, from: number): number {
    if (this.missing.has(closer)) return -1;
    const at = this.text.indexOf(closer, from);
    if (at === -1) this.missing.add(closer);
    return at;
  }
}

/** Every math fragment and prose line of the transcript, in order. Linear in its length. */
export function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  const closers = new Closers(text);
  let prose = 0;
  const flushProse = (end: number) => {
    pushProse(out, text, prose, end);
  };
  for (let i = 0; i < text.length; ) {
    if (atLineStart(text, i) && isFence(text, i)) {
      flushProse(i);
      const close = fenceEnd(text, i);
      i = prose = close;
      continue;
    }
    const math = mathAt(text, i, closers);
    if (!math) {
      i += text[i] === "\\" ? 2 : 1;
      continue;
    }
    flushProse(i);
    out.push({ kind: "math", tex: joinedLines(text.slice(math.start, math.end)), start: math.start });
    i = prose = math.end + math.closer;
  }
  flushProse(text.length);
  return out;
}

/** The math fragment opening at i, if any: where its TeX starts and ends, and the closer's length. */
function mathAt(text: string, i: number, closers: Closers): { start: number; end: number; closer: number } | null {
  const two = text.slice(i, i + 2);
  if (two === "\\$") return null;
  if (two === "$$") return delimited(text, i, "$$", closers, true);
  if (two === "\\[") return delimited(text, i, "\\]", closers, false);
  if (two === "\\(") return delimited(text, i, "\\)", closers, false);
  if (text[i] !== "$") return null;
  // Inline math closes on its own line.
  const close = text.indexOf("$", i + 1);
  const eol = text.indexOf("\n", i + 1);
  if (close === -1 || (eol !== -1 && eol < close) || close === i + 1) return null;
  return { start: i + 1, end: close, closer: 1 };
}

function delimited(text: string, i: number, closer: string, closers: Closers, toEnd: boolean) {
  const close = closers.find(closer, i + 2);
  if (close === -1) return toEnd ? { start: i + 2, end: text.length, closer: 0 } : null;
  return { start: i + 2, end: close, closer: closer.length };
}

/** Line breaks become spaces, except inside a number split across lines (a digit or point on both sides). */
function joinedLines(tex: string): string {
  if (!/[\r\n\t]/.test(tex)) return tex;
  let out = "";
  let from = 0;
  for (let k = 0; k < tex.length; k++) {
    const c = tex[k];
    if (c !== "\n" && c !== "\r" && c !== "\t") continue;
    const joins = c === "\n" && /[\d.]/.test(tex[k - 1] ?? "") && /\d/.test(tex[k + 1] ?? "");
    out += tex.slice(from, k) + (joins ? JOINER : " ");
    from = k + 1;
  }
  return out + tex.slice(from);
}

function pushProse(out: Piece[], text: string, from: number, to: number): void {
  let start = from;
  while (start < to) {
    const eol = text.indexOf("\n", start);
    const end = eol === -1 || eol > to ? to : eol;
    const line = text.slice(start, end).trim();
    if (line !== "") out.push({ kind: "prose", text: line, start });
    start = end + 1;
  }
}

const atLineStart = (text: string, i: number) => i === 0 || text[i - 1] === "\n";
const isFence = (text: string, i: number) => /^ {0,3}(```|~~~)/.test(text.slice(i, i + 8));

/** The offset after a fenced code block's closing fence (or the end of the page). */
function fenceEnd(text: string, i: number): number {
  const marker = text.slice(i, i + 8).trim().slice(0, 3);
  const firstEol = text.indexOf("\n", i);
  if (firstEol === -1) return text.length;
  const close = text.indexOf("\n" + marker, firstEol);
  if (close === -1) return text.length;
  const eol = text.indexOf("\n", close + 1);
  return eol === -1 ? text.length : eol + 1;
}
