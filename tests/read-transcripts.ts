// Transcripts written for the reader's tests: an exercise's solution as a student writes it, in a drawn notation, language and amount of OCR noise.
import type { Solution } from "../lib/exercises/solution";
import { toNumber, type Num } from "../lib/nn/num";
import type { Network } from "../lib/nn/types";
import { inLayout, transposed } from "../lib/notation";

export interface Style {
  /** How a layer number is written: A^1, A^{1}, A^{(1)}, A_1, A_{1}. */
  layer: "sup" | "supBraced" | "supParen" | "sub" | "subBraced";
  /** Δ^l written as \Delta, \delta, or ∂L/∂A^l. */
  delta: "\\Delta" | "\\delta" | "partial";
  loss: "L" | "E" | "\\mathcal{L}";
  env: "pmatrix" | "bmatrix" | "matrix";
  /** A single sample's vector as an environment or as (a \ b \ c). */
  vector: "env" | "paren";
  lang: "en" | "ja" | "ko";
  /** Step headings ("Step 2", "2回目", "2번째 업데이트"); without them the order tells the steps apart. */
  headings: boolean;
  update: "arrow" | "formula" | "prime" | "new" | "text";
  lossAfter: "prime" | "after" | "new" | "prose";
  digits: 3 | 4;
  /** The share of quantities left out. */
  skip: number;
  noise: boolean;
}

export interface Transcript {
  text: string;
  /** What was written for each quantity, cell by cell (TeX), in the solution's shape. */
  written: Map<string, string[][]>;
}

type Rng = () => number;

const PROSE = {
  en: { forward: "Forward pass", backward: "Backward pass", update: "Parameter update", lossAfter: "Loss after the update:", step: (k: number) => `Step ${k}`, given: "Given" },
  ja: { forward: "順伝播", backward: "逆伝播", update: "パラメータの更新", lossAfter: "更新後の損失:", step: (k: number) => `${k}回目`, given: "与えられた値" },
  ko: { forward: "순전파", backward: "역전파", update: "파라미터 업데이트", lossAfter: "업데이트 후 손실:", step: (k: number) => `${k}번째 업데이트`, given: "주어진 값" },
};
const UPDATED_WORD = { en: "new", ja: "更新後の", ko: "업데이트된" };

/** A student's transcript of `solution`, with the values rounded as a student rounds them. */
export function writeTranscript(net: Network, solution: Solution, style: Style, rng: Rng): Transcript {
  const w = new Writer(net, style, rng);
  w.givens();
  solution.steps.forEach((step, s) => w.step(step, s, solution.steps.length));
  w.lossAfter(solution.loss_after);
  return { text: w.lines.join("\n"), written: w.written };
}

class Writer {
  readonly lines: string[] = [];
  readonly written = new Map<string, string[][]>();
  private readonly L: number;
  private readonly hat: boolean;
  constructor(
    private readonly net: Network,
    private readonly style: Style,
    private readonly rng: Rng,
  ) {
    this.L = net.layers.length;
    this.hat = rng() < 0.5;
  }

  givens(): void {
    const { net } = this;
    this.prose(PROSE[this.style.lang].given);
    const exact = (m: readonly (readonly Num[])[]) => m.map((row) => row.map((x) => String(toNumber(x))));
    const ws = net.layers.map((layer, l) => `${this.name("W", l + 1)} = ${this.matrix(exact(inLayout(layer.W, net.layout)))}`);
    this.math(ws.join(", "));
    const bs = net.layers.flatMap((layer, l) => (layer.B ? [`${this.name(this.col() ? "b" : "B", l + 1)} = ${this.flat(layer.B.map((x) => String(toNumber(x))))}`] : []));
    if (bs.length > 0) this.math(bs.join(this.rng() < 0.5 ? ", " : " \\quad "));
    this.math(`${this.col() ? "x" : "X"} = ${this.samples(exact(net.inputs))}`, true);
    this.math(`${this.col() ? "t" : "T"} = ${this.samples(exact(net.targets))}`, true);
    this.math(`\\eta = ${toNumber(net.learningRate)}`, true);
  }

  step(step: Solution["steps"][number], s: number, steps: number): void {
    const prose = PROSE[this.style.lang];
    // Without headings the order tells steps apart: each step writes its loss and an update.
    const ordered = !this.style.headings && steps > 1;
    if (this.style.headings && steps > 1) this.prose(`## ${prose.step(s + 1)}`);
    this.prose(prose.forward);
    const at = (l: number) => `steps[${s}].layers[${l}]`;
    for (let l = 0; l < this.L; l++) {
      const q = step.layers[l];
      this.quantity(`${at(l)}.A`, this.pre(l + 1), this.forwardFormula(l + 1), this.samplesCells(q.A));
      this.quantity(`${at(l)}.X`, this.out(l + 1), `\\sigma(${this.pre(l + 1)})`, this.samplesCells(q.X));
    }
    const loss = this.number(step.loss);
    // "L = 3" alone reads as a count of layers: a whole-number loss is written with its formula.
    this.quantity(`steps[${s}].loss`, this.style.loss, "-\\sum t \\log y", [[loss]], ordered, /^\d+$/.test(loss));
    this.prose(prose.backward);
    for (let l = this.L - 1; l >= 0; l--) {
      const q = step.layers[l];
      const dX = this.samplesCells(q.dX);
      const delta = this.samplesCells(q.delta);
      this.quantity(`${at(l)}.dX`, this.d(this.out(l + 1)), null, dX);
      // Δ^l = Δ^{l+1} W^{(l+1)T} ⊙ h'(A^l), with ∂L/∂X^l written as the product's value.
      const mask = l < this.L - 1 ? this.maskOf(l, step) : null;
      if (mask && this.rng() < 0.3) this.hadamard(`${at(l)}`, l + 1, dX, mask, delta);
      else this.quantity(`${at(l)}.delta`, this.deltaName(l + 1), null, delta);
      if (this.batch() === 1 && this.rng() < 0.3) this.outerProduct(`${at(l)}`, l + 1, step, delta, this.cells(q.dW));
      else if (this.entriesFit() && this.rng() < 0.15) this.entries(`${at(l)}.dW`, (i, j) => this.d(this.entry("W", l + 1, i, j)), this.cells(q.dW));
      else this.quantity(`${at(l)}.dW`, this.d(this.name("W", l + 1)), null, this.cells(q.dW));
      if (q.dB) this.quantity(`${at(l)}.dB`, this.d(this.name(this.col() ? "b" : "B", l + 1)), null, [q.dB.map((x) => this.number(x))]);
    }
    this.prose(prose.update);
    for (let l = 0; l < this.L; l++) {
      const q = step.layers[l];
      this.update(`${at(l)}.W_new`, "W", l + 1, this.cells(q.W_new), ordered && l === 0);
      if (q.B_new) this.update(`${at(l)}.B_new`, this.col() ? "b" : "B", l + 1, [q.B_new.map((x) => this.number(x))]);
    }
  }

  /** The loss after the last update, always named as such (the order alone does not tell it from a restated loss). */
  lossAfter(value: number): void {
    const v = this.number(value);
    const sym = this.style.loss;
    switch (this.style.lossAfter) {
      case "prose":
        this.prose(PROSE[this.style.lang].lossAfter);
        this.chain("loss_after", sym, null, [[v]], true);
        return;
      case "prime":
        return this.chain("loss_after", `${sym}'`, null, [[v]], true);
      case "after":
        return this.chain("loss_after", `${sym}_{after}`, null, [[v]], true);
      case "new":
        return this.chain("loss_after", `${sym}_{\\text{new}}`, null, [[v]], true);
    }
  }

  /** The derivative of layer l's activation (0-based), as written beside Δ: ReLU's mask, σ(1 − σ), 1 − tanh². */
  private maskOf(l: number, step: Solution["steps"][number]): string[][] | null {
    const layer = this.net.layers[l];
    const q = step.layers[l];
    const of = (f: (a: number, x: number) => number) => q.A.map((row, n) => row.map((a, k) => this.number(f(a, q.X[n][k]))));
    switch (layer.activation) {
      case "relu":
        return of((a) => (a > 0 ? 1 : 0));
      case "sigmoid":
        return of((_, x) => x * (1 - x));
      case "tanh":
        return of((_, x) => 1 - x * x);
      case "identity":
        return of(() => 1);
      default:
        return null;
    }
  }

  /** Δ^l = Δ^{l+1} W^{(l+1)T} ⊙ h'(A^l) = (∂L/∂X^l) ⊙ (h') = Δ^l: ∂L/∂X^l is read from the product unless written alone. */
  private hadamard(at: string, l: number, dX: string[][], mask: string[][], delta: string[][]): void {
    if (this.rng() < this.style.skip) return;
    const back = this.col() ? `${this.transposedName("W", l + 1)} ${this.deltaName(l + 1)}` : `${this.deltaName(l + 1)} ${this.transposedName("W", l + 1)}`;
    if (!this.written.has(`${at}.dX`)) this.written.set(`${at}.dX`, dX);
    this.written.set(`${at}.delta`, delta);
    const mark = this.rng() < 0.5 ? "\\odot" : "\\circ";
    this.math(`${this.deltaName(l)} = ${back} ${mark} \\sigma'(${this.pre(l)}) \\\\ = ${this.samples(dX)} ${mark} ${this.samples(mask)} \\\\ = ${this.samples(delta)}`);
  }

  /** ∂L/∂W^l = X^{(l-1)T} Δ^l = (column)(row) = value (one sample): Δ^l is read from the product unless written alone. */
  private outerProduct(at: string, l: number, step: Solution["steps"][number], delta: string[][], dW: string[][]): void {
    if (this.rng() < this.style.skip) return;
    const prev = l === 1 ? this.net.inputs.map((row) => row.map((x) => String(toNumber(x)))) : this.samplesCells(step.layers[l - 2].X);
    const prevName = l === 1 ? `${this.col() ? "x" : "X"}^T` : this.transposedName(this.col() ? "h" : "X", l - 1);
    const column = (cells: string[]) => this.matrix(cells.map((c) => [c]));
    const row = (cells: string[]) => this.matrix([cells]);
    const [formula, product] = this.col()
      ? [`${this.deltaName(l)} ${prevName}`, `${column(delta[0])} ${row(prev[0])}`]
      : [`${prevName} ${this.deltaName(l)}`, `${column(prev[0])} ${row(delta[0])}`];
    if (!this.written.has(`${at}.delta`)) this.written.set(`${at}.delta`, delta);
    this.written.set(`${at}.dW`, dW);
    this.math(`${this.d(this.name("W", l))} = ${formula} = ${product} = ${this.matrix(dW)}`);
  }

  /** A weight-shaped quantity written entry by entry, W^l_{ij} in the layout's order. */
  private entries(path: string, name: (i: number, j: number) => string, cells: string[][]): void {
    this.written.set(path, cells);
    cells.forEach((row, i) => row.forEach((v, j) => this.math(`${name(i + 1, j + 1)} = ${v}`, this.rng() < 0.3)));
  }

  private entriesFit(): boolean {
    return this.style.layer.startsWith("sup") && this.L < 10;
  }

  private entry(base: string, l: number, i: number, j: number): string {
    return `${this.name(base, l)}_{${i}${j}}`;
  }

  private batch(): number {
    return this.net.inputs.length;
  }

  /** W^{3T}, W^{(3)T}, W_3^T: a transpose, never the quantity itself. */
  private transposedName(base: string, l: number): string {
    if (base === "h" && this.L === 2 && this.col() && this.hat) return "h^T";
    switch (this.style.layer) {
      case "sup":
      case "supBraced":
        return `${base}^{${l}T}`;
      case "supParen":
        return `${base}^{(${l})T}`;
      default:
        return `${base}_${l}^T`;
    }
  }

  private update(path: string, base: string, l: number, cells: string[][], always = false): void {
    const p = this.name(base, l);
    const grad = this.d(p);
    const kind = base === "W" ? "weight" : "flat";
    const value = kind === "weight" ? this.matrix(cells) : this.flat(cells[0]);
    if (!always && this.rng() < this.style.skip) return;
    if (base === "W" && this.entriesFit() && this.rng() < 0.15) {
      const e = (i: number, j: number) => this.entry("W", l, i, j);
      return this.entries(path, (i, j) => `${e(i, j)} \\leftarrow ${e(i, j)} - \\eta ${this.d(e(i, j))}`, cells);
    }
    const lhs = {
      arrow: `${p} \\leftarrow ${p} - \\eta ${grad}`,
      formula: `${p} = ${p} - \\eta ${grad}`,
      prime: `${p}'`,
      new: this.style.layer.startsWith("sub") ? `${base}_{${l}}^{\\text{new}}` : `${base}^{${l}}_{\\text{new}}`,
      text: `\\text{${UPDATED_WORD[this.style.lang]}} ${p}`,
    }[this.style.update];
    this.written.set(path, cells);
    this.math(`${lhs} = ${value}`);
  }

  private quantity(path: string, lhs: string, formula: string | null, cells: string[][], always = false, withFormula = false): void {
    if (!always && this.rng() < this.style.skip) return;
    this.chain(path, lhs, formula, cells, false, withFormula);
  }

  /** `lhs = formula = value`, the value sometimes in a block of its own ("= …" after a blank line). */
  private chain(path: string, lhs: string, formula: string | null, cells: string[][], scalar: boolean, withFormula = false): void {
    this.written.set(path, cells);
    const value = scalar ? cells[0][0] : this.valueOf(path, cells);
    const head = formula && (withFormula || this.rng() < 0.5) ? `${lhs} = ${formula}` : lhs;
    if (this.rng() < 0.25) {
      this.math(head);
      this.lines.push("");
      this.math(`= ${value}${this.tail()}`);
    } else this.math(`${head} = ${value}${this.tail()}`, this.rng() < 0.2);
  }

  private valueOf(path: string, cells: string[][]): string {
    if (/\.(A|X|dX|delta)$/.test(path)) return this.samples(cells, true);
    if (/\.dB$|\.B_new$/.test(path)) return this.flat(cells[0]);
    if (/loss/.test(path)) return cells[0][0];
    return this.matrix(cells);
  }

  // ---- names ----

  private col(): boolean {
    return this.net.layout === "column";
  }

  private name(base: string, l: number): string {
    switch (this.style.layer) {
      case "sup":
        return `${base}^${l}`;
      case "supBraced":
        return `${base}^{${l}}`;
      case "supParen":
        return `${base}^{(${l})}`;
      case "sub":
        return `${base}_${l}`;
      case "subBraced":
        return `${base}_{${l}}`;
    }
  }

  private pre(l: number): string {
    return this.name(this.col() ? (this.hat ? "z" : "Z") : "A", l);
  }

  /** X^l in row layout; ŷ for the output and h (h alone with one hidden layer) in column layout. */
  private out(l: number): string {
    if (!this.col()) return l === this.L && this.hat ? "\\hat{y}" : this.name("X", l);
    if (l === this.L) return "\\hat{y}";
    return this.L === 2 && this.hat ? "h" : this.name("h", l);
  }

  private deltaName(l: number): string {
    if (this.style.delta === "partial") return this.d(this.pre(l));
    return this.name(this.style.delta, l);
  }

  private d(of: string): string {
    return `\\frac{\\partial ${this.style.loss}}{\\partial ${of}}`;
  }

  private forwardFormula(l: number): string {
    const prev = l === 1 ? (this.col() ? "x" : "X") : this.out(l - 1);
    return this.col() ? `${this.name("W", l)} ${prev}` : `${prev} ${this.name("W", l)}`;
  }

  // ---- values ----

  /** A per-sample quantity as the layout writes it (samples as rows, or as columns). */
  private samples(cells: string[][], noisy = false): string {
    const shown = this.col() ? transposed(cells) : cells;
    if (cells.length === 1 && this.style.vector === "paren") {
      const row = cells[0].join(this.rng() < 0.5 ? " \\ " : "  ");
      const paren = noisy && this.style.noise && this.rng() < 0.4 ? `\\left( ${row} \\right)` : `(${row})`;
      return this.col() ? `${paren}^T` : paren;
    }
    return this.matrix(shown, noisy);
  }

  private samplesCells(m: number[][]): string[][] {
    return m.map((row) => row.map((x) => this.number(x)));
  }

  private cells(m: number[][]): string[][] {
    return m.map((row) => row.map((x) => this.number(x)));
  }

  /** A bias: a row in row layout, a column in column layout. */
  private flat(cells: string[]): string {
    if (this.style.vector === "paren") return this.col() ? `(${cells.join(" \\ ")})^T` : `(${cells.join(" \\ ")})`;
    return this.matrix(this.col() ? cells.map((c) => [c]) : [cells]);
  }

  private matrix(cells: string[][], noisy = false): string {
    const env = this.style.env;
    const body = `\\begin{${env}} ${cells.map((r) => r.join(" & ")).join(" \\\\ ")} \\end{${env}}`;
    return noisy && this.style.noise && this.rng() < 0.3 ? `\\left( ${body} \\right)` : body;
  }

  /** The value as a student writes it: 3 or 4 significant digits, sometimes as a fraction; tiny values as 0. */
  private number(x: number): string {
    if (Math.abs(x) < 5e-5) return "0";
    if (this.rng() < 0.12) {
      const m = Math.round(x * 1000);
      if (m === 0) return "0";
      const g = gcd(Math.abs(m), 1000);
      return `${m < 0 ? "-" : ""}\\frac{${Math.abs(m) / g}}{${1000 / g}}`;
    }
    return String(Number(x.toPrecision(this.style.digits)));
  }

  // ---- page ----

  /** OCR noise after a value: a wide space and a remark, a stray line break. */
  private tail(): string {
    if (!this.style.noise) return "";
    const r = this.rng();
    if (r < 0.15) return " \\quad \\text{(ok)}";
    if (r < 0.3) return " \\\\";
    if (r < 0.4) return " \\,";
    return "";
  }

  private prose(text: string): void {
    this.lines.push("", text, "");
  }

  /** One math line: display ($$…$$, with a number sometimes split across lines under noise) or inline in a sentence. */
  private math(tex: string, inline = false): void {
    if (inline) {
      this.lines.push(`${this.style.lang === "en" ? "so" : this.style.lang === "ja" ? "よって" : "따라서"} $${tex}$`);
      return;
    }
    this.lines.push(`$$${this.style.noise ? splitNumber(tex, this.rng) : tex}$$`, "");
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** A long number broken over two lines, the way OCR wraps a wide block. */
function splitNumber(tex: string, rng: Rng): string {
  if (rng() > 0.3) return tex;
  const m = /\d\.\d{3,}/.exec(tex);
  if (!m) return tex;
  const at = m.index + 3;
  return `${tex.slice(0, at)}\n${tex.slice(at)}`;
}
