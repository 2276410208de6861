// `read` against the real pages (seeds 000 to 003 as given, graded as the worked examples say), transcripts
// of random variants written in every notation and language (fast-check), OCR noise, and hostile input.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinTemplates } from "../lib/exercises/builtin";
import { readExercise } from "../lib/exercises/instance";
import { toSolution, type Solution } from "../lib/exercises/solution";
import { drawVariant } from "../lib/exercises/template";
import { gradeSubmission, type Grade } from "../lib/grading";
import { parseScalar, Work } from "../lib/grading/parse";
import { cellOf } from "../lib/read/cells";
import { toNumber } from "../lib/nn/num";
import { solve } from "../lib/nn/network";
import type { Network } from "../lib/nn/types";
import { MAX_TRANSCRIPT_BYTES, readTranscript, TranscriptRefused, type Reading } from "../lib/read";
import { rng } from "./helpers";
import { writeTranscript, type Style } from "./read-transcripts";

const SHARED = join(__dirname, "..", "..", "shared");
const SEEDS = join(SHARED, "seeds");
const WORKED = join(SHARED, "worked-examples");
const NAMES = {
  "000": ["000_2532c57b72747445.txt", "000-lecture-2-3-3-2-relu-softmax"],
  "001": ["001_1f42ee4c3cd8ef59.txt", "001-all-ones-1-2-2-1-half-sse"],
  "002": ["002_d4f3e13d59810b13.txt", "002-sigmoid-1-2-2-1-mse-3-samples"],
  "003": ["003_227cfe0638a6d579.txt", "003-column-3-4-3-relu-softmax-no-bias"],
} as const;

interface Seed {
  net: Network;
  solution: Solution;
  reading: Reading;
  /** What the student wrote, transcribed by hand (tests/submissions/). */
  byHand: Map<string, unknown>;
}

function exerciseOf(instance: unknown): { net: Network; solution: Solution } {
  const net = readExercise(instance);
  return { net, solution: toSolution(solve(net), net.layout) };
}

function seed(id: keyof typeof NAMES): Seed {
  const [page, example] = NAMES[id];
  const { net, solution } = exerciseOf(JSON.parse(readFileSync(join(WORKED, `${example}.json`), "utf8")));
  const reading = readTranscript(net, solution, readFileSync(join(SEEDS, page)));
  const byHand = valuesByPath(JSON.parse(readFileSync(join(__dirname, "submissions", `${example}.submission.json`), "utf8")));
  return { net, solution, reading, byHand };
}

/** Every quantity of a submission or solution by its contract path. */
function valuesByPath(v: { steps?: readonly { loss?: unknown; layers?: readonly object[] }[]; loss_after?: unknown }): Map<string, unknown> {
  const out = new Map<string, unknown>();
  v.steps?.forEach((step, s) => {
    if (step.loss !== undefined) out.set(`steps[${s}].loss`, step.loss);
    step.layers?.forEach((layer, l) => {
      for (const [k, x] of Object.entries(layer)) if (x !== undefined) out.set(`steps[${s}].layers[${l}].${k}`, x);
    });
  });
  if (v.loss_after !== undefined) out.set("loss_after", v.loss_after);
  return out;
}

/** A cell's value as a double (numbers, and strings in the cell syntax). */
function valueOf(cell: unknown): number {
  return toNumber(parseScalar(cell, "cell", new Work(1e6)));
}

/** The entries of a quantity (a number, a flat list or rows) in order. */
function entries(v: unknown): number[] {
  if (Array.isArray(v)) return v.flatMap((x) => entries(x));
  return [valueOf(v)];
}

const sameNumbers = (a: unknown, b: unknown, eps = 1e-9) => {
  const [x, y] = [entries(a), entries(b)];
  return x.length === y.length && x.every((v, i) => Math.abs(v - y[i]) <= eps * Math.max(1, Math.abs(y[i])));
};
const withinTolerance = (a: unknown, b: unknown) => {
  const [x, y] = [entries(a), entries(b)];
  return x.length === y.length && x.every((v, i) => Math.abs(v - y[i]) <= Math.max(0.005, 0.01 * Math.abs(y[i])));
};

function graded(s: Seed): Grade {
  return gradeSubmission(s.net, solve(s.net), s.reading.submission);
}
const verdicts = (g: Grade, verdict: string) => g.items.filter((i) => i.verdict === verdict).map((i) => i.path);
const item = (g: Grade, path: string) => g.items.find((i) => i.path === path)!;
const sourceOf = (r: Reading, path: string) => r.sources.find((x) => x.path === path);

/**
 * Nothing placed wrongly: every value read is what the student wrote there (the hand transcription)
 * or, where the transcription leaves it out, within tolerance of the exact value.
 */
function expectNoWrongPlacement(s: Seed): void {
  const exact = valuesByPath(s.solution);
  for (const [path, got] of valuesByPath(s.reading.submission)) {
    const hand = s.byHand.get(path);
    if (hand !== undefined) expect(sameNumbers(got, hand), `${path}: ${JSON.stringify(got)} vs written ${JSON.stringify(hand)}`).toBe(true);
    else expect(withinTolerance(got, exact.get(path)), `${path}: ${JSON.stringify(got)} is neither written there nor right`).toBe(true);
  }
}

describe("seed 000 as given (Japanese notes, row layout, the lecture's exercise)", () => {
  const s = seed("000");
  const at = (path: string) => valuesByPath(s.reading.submission).get(path);

  it("reads the values the student wrote, checked by hand against the page", () => {
    expect(at("steps[0].layers[0].A")).toEqual([[-2, 4, -6]]); // (1), line 20
    expect(at("steps[0].layers[2].X")).toEqual([[0.119, 0.881]]); // (6), the last of four lines
    expect(at("steps[0].loss")).toBe(2.129); // (7) CE(X^3, T), two blocks later
    expect(at("steps[0].layers[2].dX")).toEqual([[-8.4, 8.4]]); // (8) ∂𝓛/∂X^3
    expect(at("steps[0].layers[2].delta")).toEqual([[-0.88, 0.88]]); // (10) Δ^3, not (9)'s ∂𝓛/∂A^3
    expect(at("steps[0].layers[1].dX")).toEqual([[2.64, 3.52, 4.4]]); // (14) Δ^3 W^{3T}, before ⊙
    expect(at("steps[0].layers[1].delta")).toEqual([[2.64, 0, 4.4]]); // (14) Δ^2
    expect(at("steps[0].layers[0].dX")).toEqual([[-15.84, 15.84, -10.56]]); // (18), the slip kept
    expect(at("steps[0].layers[1].B_new")).toEqual([0.936, -2, 2.56]); // (25) as written, not 0.736
    expect(at("steps[0].layers[2].B_new")).toEqual([34.1, -54.1]); // (26)
    expect(at("loss_after")).toBe(0); // (27) CE(X^3, T) = 0, after the updates
  });

  it("reads every quantity of the hand transcription, with the student's value, and nothing else", () => {
    const read = valuesByPath(s.reading.submission);
    expect([...read.keys()].sort()).toEqual([...s.byHand.keys()].sort());
    for (const [path, v] of s.byHand) expect(sameNumbers(read.get(path), v), path).toBe(true);
    expectNoWrongPlacement(s);
  });

  it("names each value's line, and lists the lines with numbers that fit nowhere", () => {
    expect(sourceOf(s.reading, "steps[0].layers[0].A")).toEqual({
      path: "steps[0].layers[0].A",
      line: 16,
      text: "(1) A^1 = XW^1 + B^1 = … = \\begin{pmatrix} -2 & 4 & -6 \\end{pmatrix}",
    });
    expect(sourceOf(s.reading, "steps[0].layers[1].B_new")?.line).toBe(96);
    expect(sourceOf(s.reading, "loss_after")).toMatchObject({ line: 100, text: "(27) CE(X^3, T) = 0" });
    // e^{-2} = 0.135 beside (6), and the two ReLU masks ∂h/∂A: nothing of the contract.
    expect(s.reading.unread.map((u) => u.line)).toEqual([40, 72, 80]);
    expect(s.reading.unread[0].text).toContain("e^{-2} = 0.135");
    for (const u of s.reading.unread) expect(u.text.length).toBeLessThanOrEqual(200);
  });

  it("graded, it names the README's mistakes and marks nothing else incorrect", () => {
    const g = graded(s);
    expect(g.first_divergence).toBe("steps[0].layers[2].dX");
    expect(item(g, "steps[0].layers[2].dX").misconception).toBe("cross_entropy_derivative_extra_terms");
    expect(item(g, "steps[0].layers[0].dX")).toMatchObject({ misconception: "arithmetic_slip", entries: [[true, true, false]] });
    expect(item(g, "steps[0].layers[1].B_new")).toMatchObject({ misconception: "arithmetic_slip", entries: [[false, true, true]] });
    expect(verdicts(g, "incorrect")).toEqual(["steps[0].layers[2].dX", "steps[0].layers[0].dX", "steps[0].layers[1].B_new"]);
    for (const path of ["steps[0].loss", "steps[0].layers[2].delta", "steps[0].layers[0].delta", "steps[0].layers[2].B_new", "loss_after"]) {
      expect(item(g, path).verdict, path).toBe("correct");
    }
    expect(verdicts(g, "missing")).toEqual([]);
  });
});

describe("seed 003 as given (English, column layout, no biases)", () => {
  const s = seed("003");
  const at = (path: string) => valuesByPath(s.reading.submission).get(path);

  it("reads the values the student wrote, checked by hand against the page", () => {
    expect(at("steps[0].layers[0].A")).toEqual([[1.2, -1.15, 0.15, 0.9]]); // Z_1 = … = (…)^T
    expect(at("steps[0].layers[0].X")).toEqual([[1.2, 0, 0.15, 0.9]]); // h, one hidden layer
    expect(at("steps[0].layers[1].A")).toEqual([[0.195, -0.445, 0.465]]); // Z_2, a column
    expect(at("steps[0].layers[1].X")).toEqual([[0.356, 0.179, 0.466]]); // ŷ, restated after ∴
    expect(at("steps[0].loss")).toBe(1.032); // 𝓛_CE, three blocks
    // ∂L/∂z_2 is never written alone: it is the first factor of ∂L/∂w_2's product.
    expect(at("steps[0].layers[1].delta")).toEqual([[-0.644, -0.821, 0.466]]);
    expect(at("steps[0].layers[0].dX")).toEqual([[0.193, -0.422, 0.122, 0.275]]); // ∂L/∂h
    expect(at("steps[0].layers[1].dW")).toEqual([[-0.773, 0, -0.0966, -0.58], [-0.985, 0, -0.123, -0.734], [0.559, 0, 0.0699, 0.419]]);
    expect(at("steps[0].layers[0].dW")?.toString()).toBe([[0.0965, -0.193, 0.386], [0, 0, 0], [0.061, -0.122, 0.244], [0.138, -0.275, 0.55]].toString());
  });

  it("reads every quantity of the hand transcription, with the student's value, and nothing else", () => {
    const read = valuesByPath(s.reading.submission);
    expect([...read.keys()].sort()).toEqual([...s.byHand.keys()].sort());
    for (const [path, v] of s.byHand) expect(sameNumbers(read.get(path), v), path).toBe(true);
    expectNoWrongPlacement(s);
    // The given x, y (the target, since ŷ is the output) and W restated at the top are not unread.
    expect(s.reading.unread).toEqual([]);
  });

  it("graded, it names the README's three mistakes and credits the rest as carried", () => {
    const g = graded(s);
    expect(g.first_divergence).toBe("steps[0].layers[1].A");
    expect(item(g, "steps[0].layers[1].A")).toMatchObject({ misconception: "arithmetic_slip", entries: [[true, false, true]] });
    expect(item(g, "steps[0].loss").misconception).toBe("loss_terms_missing");
    expect(item(g, "steps[0].layers[1].delta").misconception).toBe("softmax_shortcut_misused");
    expect(verdicts(g, "incorrect")).toEqual(["steps[0].layers[1].A", "steps[0].loss", "steps[0].layers[1].delta"]);
    for (const path of ["steps[0].layers[1].dW", "steps[0].layers[0].dX", "steps[0].layers[0].delta", "steps[0].layers[0].dW"]) expect(item(g, path).verdict, path).toBe("carried");
    expect(item(g, "steps[0].layers[1].X").verdict).toBe("correct");
  });
});

describe("seeds 001 and 002 (element-wise notes)", () => {
  it("001: the three losses are read in their steps (6.125, 1.0743, 0.3735); its unit-numbered weights are left unread", () => {
    const s = seed("001");
    expect(s.reading.submission).toEqual({ steps: [{ loss: 6.125, layers: [{}, {}, {}] }, { loss: 1.0743, layers: [{}, {}, {}] }], loss_after: 0.3735 });
    expect(s.reading.unread.length).toBeGreaterThan(20);
    expect(verdicts(graded(s), "incorrect")).toEqual([]);
  });

  it("002: entries in the course's indexed notation fill whole quantities; a v for w, and primes for layer 1, are not guessed", () => {
    const s = seed("002");
    const read = valuesByPath(s.reading.submission);
    expect(read.get("steps[0].layers[2].dW")).toEqual([[6.975], [7.519]]);
    expect(read.get("steps[0].layers[1].W_new")).toEqual([[0.977, 1.991], [2.972, 3.99]]);
    expect(read.has("steps[0].layers[1].dW")).toBe(false); // ∂L/∂v^2_{12}: one entry unsure
    expect(read.has("steps[0].layers[0].dW")).toBe(false); // w'_{11}: the prime is layer 1 here, an update elsewhere
    expectNoWrongPlacement(s);
    expect(verdicts(graded(s), "incorrect")).toEqual([]);
  });
});

// ---- transcripts of random variants ----

const templates = builtinTemplates().filter((t) => !t.fixed);

const styleArb: fc.Arbitrary<Style> = fc.record({
  layer: fc.constantFrom("sup", "supBraced", "supParen", "sub", "subBraced"),
  delta: fc.constantFrom("\\Delta", "\\delta", "partial"),
  loss: fc.constantFrom("L", "E", "\\mathcal{L}"),
  env: fc.constantFrom("pmatrix", "bmatrix", "matrix"),
  vector: fc.constantFrom("env", "paren"),
  lang: fc.constantFrom("en", "ja", "ko"),
  headings: fc.boolean(),
  update: fc.constantFrom("arrow", "formula", "prime", "new", "text"),
  lossAfter: fc.constantFrom("prime", "after", "new", "prose"),
  digits: fc.constantFrom(3, 4),
  skip: fc.constantFrom(0, 0, 0.3),
  noise: fc.boolean(),
});

const variants = new Map<string, { net: Network; solution: Solution }>();
function variant(t: number, seedText: string) {
  const key = `${t}/${seedText}`;
  let v = variants.get(key);
  if (!v) {
    v = exerciseOf(drawVariant(templates[t], seedText));
    variants.set(key, v);
  }
  return v;
}

/** The written TeX cell's value (what the student wrote, through the same cell syntax). */
const writtenValue = (tex: string) => valueOf(cellOf(tex) ?? "NaN");

describe("transcripts of random variants (property)", () => {
  it("every value written is read back, in its place, with nothing unread", () => {
    fc.assert(
      fc.property(fc.nat(templates.length - 1), fc.integer({ min: 1, max: 30 }), styleArb, fc.integer(), (t, seedNumber, style, r) => {
        const { net, solution } = variant(t, String(seedNumber));
        const page = writeTranscript(net, solution, style, rng(r));
        const reading = readTranscript(net, solution, page.text);
        const read = valuesByPath(reading.submission);
        const context = `${templates[t].id} seed ${seedNumber}\n${page.text}`;
        expect(reading.unread, context).toEqual([]);
        expect([...read.keys()].sort(), context).toEqual([...page.written.keys()].sort());
        for (const [path, cells] of page.written) {
          const got = entries(read.get(path));
          const want = cells.flat().map(writtenValue);
          expect(got.length, `${path}\n${context}`).toBe(want.length);
          got.forEach((v, i) => expect(Math.abs(v - want[i]), `${path}[${i}]\n${context}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want[i]))));
        }
        expect(reading.sources.map((x) => x.path).sort()).toEqual([...page.written.keys()].sort());
      }),
      // READ_RUNS=5000 for a longer search on a developer's machine.
      { seed: Number(process.env.READ_SEED ?? 20260522), numRuns: Number(process.env.READ_RUNS ?? 400) },
    );
  });
});

// ---- OCR noise ----

describe("OCR noise", () => {
  const lecture = exerciseOf(JSON.parse(readFileSync(join(WORKED, `${NAMES["000"][1]}.json`), "utf8")));
  const column = exerciseOf(JSON.parse(readFileSync(join(WORKED, `${NAMES["003"][1]}.json`), "utf8")));
  const readLecture = (text: string) => valuesByPath(readTranscript(lecture.net, lecture.solution, text).submission);

  it("reads through \\left( … \\right), \\quad, \\text{…}, stray \\\\ and \\, ", () => {
    const text = [
      "$$A^{(1)} = X W^{(1)} + B^{(1)} = \\left( \\begin{pmatrix} -2 & 4 & -6 \\end{pmatrix} \\right) \\quad \\text{(checked)} \\\\$$",
      "$$X^1 = \\text{ReLU}(A^1) = \\left( 0 \\ 4 \\ 0 \\right) \\, \\\\$$",
      "$$\\Delta^{3} = \\frac{\\partial \\mathcal{L}}{\\partial X^3} \\odot \\frac{\\partial \\mathcal{L}}{\\partial A^3} \\\\ = \\begin{bmatrix} -0.88 & \\, 0.88 \\end{bmatrix}$$",
    ].join("\n\n");
    const read = readLecture(text);
    expect(read.get("steps[0].layers[0].A")).toEqual([[-2, 4, -6]]);
    expect(read.get("steps[0].layers[0].X")).toEqual([[0, 4, 0]]);
    expect(read.get("steps[0].layers[2].delta")).toEqual([[-0.88, 0.88]]);
  });

  it("joins a number split across lines inside a $$ block, and a chain continued in the next block", () => {
    const text = "$$A^2 = X^1 W^2 + B^2$$\n\n$$= \\begin{pmatrix} 5 & -10.2\n5 & 15 \\end{pmatrix}$$\n";
    expect(readLecture(text).get("steps[0].layers[1].A")).toEqual([[5, -10.25, 15]]);
  });

  it("keeps fractions and short expressions as the student wrote them", () => {
    const text = "$$X^3 = \\begin{pmatrix} \\frac{e^{-2}}{1 + e^{-2}} & \\frac{1}{1.135} \\end{pmatrix}$$";
    expect(readLecture(text).get("steps[0].layers[2].X")).toEqual([["(e^(-2))/(1 + e^(-2))", "1/1.135"]]);
  });

  it("leaves out what it is not sure of: a transpose, a value of the wrong shape, a bare W, L = 3 layers, x_1 in column layout", () => {
    const r = readTranscript(lecture.net, lecture.solution, ["$$X^{2T} = (5 \\ 0 \\ 15)^T$$", "$$A^1 = (1 \\ 2)$$", "$$W^1 = \\begin{pmatrix} 9 & 9 & 9 \\\\ 9 & 9 & 9 \\end{pmatrix}$$", "with $L = 3$ layers"].join("\n\n"));
    expect(r.submission).toEqual({});
    expect(r.unread.map((u) => u.line)).toEqual([1, 3, 5, 7]);
    const c = readTranscript(column.net, column.solution, "$$x_1 = (1.2 \\ 0 \\ 0.15 \\ 0.9)^T$$\n\n$$y = (1 \\ 1 \\ 0)^T$$\n\n$$\\hat{y} = (0.356 \\ 0.179 \\ 0.466)^T$$");
    expect(valuesByPath(c.submission).get("steps[0].layers[1].X")).toEqual([[0.356, 0.179, 0.466]]);
    expect(c.unread.map((u) => u.line)).toEqual([1]);
  });

  it("reads \\[ … \\] and \\( … \\) math, a value after ∴ or \\therefore, and updates written with ← or :=", () => {
    const text = [
      "\\[ A^1 = X W^1 + B^1 \\quad \\therefore \\; (-2 \\ 4 \\ -6) \\]",
      "Then \\( X^{(1)} = \\mathrm{ReLU}(A^{(1)}) ∴ (0 \\ 4 \\ 0) \\) and",
      "$$B^2 := B^2 - \\eta \\frac{\\partial L}{\\partial B^2} = (0.936 \\ -2 \\ 2.56)$$",
      "$$W^3 \\gets \\begin{pmatrix} -0.56 & 1.56 \\\\ -3 & 1 \\\\ -0.68 & 1.68 \\end{pmatrix}$$",
    ].join("\n\n");
    const read = readLecture(text);
    expect(read.get("steps[0].layers[0].A")).toEqual([[-2, 4, -6]]);
    expect(read.get("steps[0].layers[0].X")).toEqual([[0, 4, 0]]);
    expect(read.get("steps[0].layers[1].B_new")).toEqual([0.936, -2, 2.56]);
    expect(read.get("steps[0].layers[2].W_new")).toEqual([[-0.56, 1.56], [-3, 1], [-0.68, 1.68]]);
  });

  it("a quantity written twice counts the last time, and its source is that line", () => {
    const r = readTranscript(lecture.net, lecture.solution, "$$A^1 = (-3 \\ 4 \\ -6)$$\n\nno, again:\n\n$$A^1 = (-2 \\ 4 \\ -6)$$\n");
    expect(r.submission.steps?.[0].layers[0].A).toEqual([[-2, 4, -6]]);
    expect(r.sources).toEqual([{ path: "steps[0].layers[0].A", line: 5, text: "A^1 = (-2 \\ 4 \\ -6)" }]);
    expect(r.unread).toEqual([]);
  });
});

// ---- hostile transcripts ----

describe("hostile transcripts: refused, or read within a bound", () => {
  const { net, solution } = exerciseOf(JSON.parse(readFileSync(join(WORKED, `${NAMES["000"][1]}.json`), "utf8")));
  const page = readFileSync(join(SEEDS, NAMES["000"][0]), "utf8");
  /** `unit` repeated to just under the size limit, inside `wrap`. */
  const filled = (unit: string, wrap: (s: string) => string = (s) => s) => {
    const room = MAX_TRANSCRIPT_BYTES - Buffer.byteLength(wrap(""));
    return wrap(unit.repeat(Math.floor(room / Buffer.byteLength(unit))));
  };
  /** The fastest of three readings (the first warms the code up), printed. */
  const timed = (what: string, text: string | Uint8Array): { ms: number; reading: Reading } => {
    let best = Infinity;
    let reading: Reading = { submission: {}, sources: [], unread: [] };
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      reading = readTranscript(net, solution, text);
      best = Math.min(best, performance.now() - t0);
    }
    console.log(`read: ${what}: ${best.toFixed(1)} ms`);
    return { ms: best, reading };
  };

  const cases: [string, string][] = [
    ["seed 000 repeated to 200 KB", page.repeat(Math.floor(MAX_TRANSCRIPT_BYTES / Buffer.byteLength(page)))],
    ["10,000 nested braces", `$$A^1 = ${"{".repeat(10_000)}1${"}".repeat(10_000)}$$`],
    ["200 KB of & in a matrix", filled("&", (s) => `$$A^1 = \\begin{pmatrix}${s}\\end{pmatrix}$$`)],
    ["200 KB of unclosed brackets", filled("(", (s) => `$$A^1 = ${s}$$`)],
    ["200 KB of =", filled("=", (s) => `$$A^1 ${s} 1$$`)],
    ["200 KB of $", filled("$")],
    ["200 KB of \\begin{", filled("\\begin{")],
    ["5,000 short chains", filled("$$A^1 = (-2 \\ 4 \\ -6)$$\n")],
    ["200 KB of expressions", filled("$$A^1 = (e^{-2}/(1+e^{-2}) \\ e^{-2} \\ 1/3)$$\n")],
  ];
  for (const [what, text] of cases) {
    it(`${what}: read within 1 s (the figure is printed)`, () => {
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_TRANSCRIPT_BYTES);
      const { ms, reading } = timed(what, text);
      expect(ms).toBeLessThan(1000);
      for (const u of reading.unread) expect(u.text.length).toBeLessThanOrEqual(200);
    });
  }

  it("over 200 KB, a million &, NUL bytes and invalid UTF-8 are refused with a reason", () => {
    expect(() => readTranscript(net, solution, "x".repeat(MAX_TRANSCRIPT_BYTES + 1))).toThrow(/over 200 KB/);
    expect(() => readTranscript(net, solution, `$$\\begin{pmatrix}${"&".repeat(1_000_000)}\\end{pmatrix}$$`)).toThrow(TranscriptRefused);
    expect(() => readTranscript(net, solution, "$$A^1 = 1$$\u0000")).toThrow(/NUL/);
    expect(() => readTranscript(net, solution, new Uint8Array([0x24, 0x24, 0xff, 0xfe, 0x24, 0x24]))).toThrow(/UTF-8/);
    expect(() => readTranscript(net, solution, "\ud800 lone")).toThrow(/not text/);
    const codeOf = (input: string | Uint8Array) => {
      try {
        readTranscript(net, solution, input);
      } catch (e) {
        return e instanceof TranscriptRefused ? e.code : "other";
      }
      return "read";
    };
    expect([codeOf("x".repeat(MAX_TRANSCRIPT_BYTES + 1)), codeOf("a\u0000"), codeOf(new Uint8Array([0xc3]))]).toEqual(["too_large", "nul_byte", "not_utf8"]);
    const t0 = performance.now();
    expect(() => readTranscript(net, solution, new Uint8Array(MAX_TRANSCRIPT_BYTES + 1))).toThrow(TranscriptRefused);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it("any text is a reading, possibly empty, that the grader takes", () => {
    const trace = solve(net);
    expect(readTranscript(net, solution, "")).toEqual({ submission: {}, sources: [], unread: [] });
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("$", "\\", "{", "}", "(", ")", "=", "&", "^", "_", "1", ".", "A", "W", " ", "\n", "\\frac", "\\begin{pmatrix}", "\\end{pmatrix}", "\\\\", "-", "T", "'", "∂") , maxLength: 300 }), (text) => {
        const r = readTranscript(net, solution, text);
        expect(() => gradeSubmission(net, trace, r.submission)).not.toThrow();
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
