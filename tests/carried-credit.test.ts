// The contract's two outcomes of carried credit, as properties over every built-in template (and a
// two-step version of each randomised one), with fast-check and a fixed seed:
// 1. an honest student who makes one mistake and carries on correctly from their own numbers
//    (rounded to 3 to 5 significant figures) has nothing `incorrect` after the mistake;
// 2. work that avoids the method after an exact forward pass earns no point on any backward
//    quantity, update or the loss after the update, beyond what was written exactly.
// The students are built here from the lecture's formulas (recompute) and their own rules; the
// grader only grades them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinTemplates } from "../lib/exercises/builtin";
import { readExercise } from "../lib/exercises/instance";
import type { QuantityRef } from "../lib/exercises/quantities";
import { drawVariant, type Template } from "../lib/exercises/template";
import { gradeValues, type GradeItem } from "../lib/grading/grade";
import { faultyCandidates } from "../lib/grading/faults";
import { showsNothingKey, type ShowsNothing } from "../lib/grading/carried-credit";
import { LOCALES, translator } from "../lib/i18n";
import { orderOf, traceValues, type Values } from "../lib/grading/quantity-values";
import { GradingContext, recompute } from "../lib/grading/recompute";
import type { ToleranceSpec } from "../lib/exercises/tolerance";
import type { Matrix } from "../lib/nn/matrix";
import { solve } from "../lib/nn/network";
import { exactFromNumber, toNumber } from "../lib/nn/num";
import type { Network, Trace } from "../lib/nn/types";
import { runCli } from "../lib/cli/run";
import { jsonFiles, WORKED } from "./helpers";

const RUNS = Number(process.env.CARRY_RUNS ?? 200);

/** Every built-in template, and each randomised one again with two update steps. */
function families(): Template[] {
  const all = builtinTemplates();
  const twoSteps = all.filter((t) => t.random && t.random.steps === 1).map((t) => ({ ...t, id: `${t.id}-two-steps`, random: { ...t.random!, steps: 2 } }));
  return [...all, ...twoSteps];
}

interface Exercise {
  net: Network;
  trace: Trace;
  exact: Values;
  order: QuantityRef[];
  tolerance?: ToleranceSpec;
}

const cache = new Map<string, Exercise>();
function exercise(template: Template, seed: number): Exercise {
  const key = `${template.id}/${template.fixed ? 0 : seed}`;
  let e = cache.get(key);
  if (!e) {
    const net = readExercise(drawVariant(template, `carry-${template.fixed ? 0 : seed}`));
    const trace = solve(net);
    e = { net, trace, exact: traceValues(trace), order: orderOf(trace), tolerance: template.tolerance };
    cache.set(key, e);
  }
  return e;
}

const num = (m: Matrix): number[][] => m.map((row) => row.map(toNumber));
const exactly = (m: number[][]): Matrix => m.map((row) => row.map((x) => exactFromNumber(x)));
const roundTo = (digits: number) => (m: Matrix): Matrix => m.map((row) => row.map((x) => exactFromNumber(Number(toNumber(x).toPrecision(digits)))));
const isBackward = (ref: QuantityRef) => ["dX", "delta", "dW", "dB"].includes(ref.quantity);
const isUpdate = (ref: QuantityRef) => ref.quantity === "W_new" || ref.quantity === "B_new";

// ---------------------------------------------------------------- honest students

type Mistake = { kind: "catalogue"; pick: number } | { kind: "slip"; entry: number; how: number } | { kind: "rounding"; how: number };

const mistakeArb: fc.Arbitrary<Mistake> = fc.oneof(
  fc.record({ kind: fc.constant("catalogue" as const), pick: fc.nat(1000) }),
  fc.record({ kind: fc.constant("slip" as const), entry: fc.nat(1000), how: fc.nat(2) }),
  fc.record({ kind: fc.constant("rounding" as const), how: fc.nat(2) }),
);

/** One honest mistake on `value` (the right value from the student's own inputs), or null where it changes nothing or wipes the quantity out. */
function mistaken(ctx: GradingContext, ref: QuantityRef, value: Matrix, m: Mistake): Matrix | null {
  const v = num(value);
  if (m.kind === "catalogue") {
    const candidates = [...faultyCandidates(ctx, ref)].map(([, c]) => c);
    return candidates.length ? candidates[m.pick % candidates.length] : null;
  }
  if (m.kind === "slip") {
    // A visible slip on one entry: a sign dropped, a 1 added, the decimal point one place off.
    const flat = v.flat();
    const k = m.entry % flat.length;
    const x = flat[k];
    const slipped = m.how === 0 && Math.abs(x) > 0.05 ? -x : m.how === 1 || x === 0 ? x + (x >= 0 ? 1 : -1) : 10 * x;
    const cols = v[0].length;
    return exactly(v.map((row, i) => row.map((y, j) => (i * cols + j === k ? slipped : y))));
  }
  // Rounding too coarse, where it still leaves numbers to work with: not every entry gone, and an
  // update still an update (rounding W^1 = 1.02 to 1 wipes the update out, as rounding 0.04 to 0 does a gradient).
  const round = [(x: number) => Number(x.toPrecision(1)), (x: number) => Number(x.toPrecision(2)), (x: number) => Math.round(x * 10) / 10][m.how];
  const rounded = v.map((row) => row.map(round));
  const before = ref.quantity === "W_new" ? num(ctx.W(ref.step!, ref.layer!)) : ref.quantity === "B_new" ? num(ctx.B(ref.step!, ref.layer!)!) : null;
  const gone = (r: number[][], full: number[][]) => {
    const top = Math.max(...full.flat().map(Math.abs));
    return r.flat().every((x) => Math.abs(x) < 0.1 * top || Math.abs(x) <= 0.01);
  };
  const wiped = before ? gone(minus(rounded, before), minus(v, before)) : rounded.flat().every((x) => x === 0);
  return wiped ? null : exactly(rounded);
}

const minus = (a: number[][], b: number[][]) => a.map((row, i) => row.map((x, j) => x - b[i][j]));

/**
 * A student who computes every quantity from their own earlier numbers, rounding each to `digits`
 * significant figures, with one mistake at `target`. Null where their numbers leave a later step
 * undefined (the log of a negative output): nobody can carry on from there.
 */
function honestStudent(e: Exercise, target: QuantityRef, mistake: Mistake, digits: number): Values | null {
  const student: Values = new Map();
  const ctx = new GradingContext(e.net, e.exact, student);
  const round = roundTo(digits);
  for (const ref of e.order) {
    let value: Matrix;
    try {
      value = recompute(ctx, ref);
    } catch {
      return null;
    }
    if (!num(value).every((row) => row.every(Number.isFinite))) return null;
    if (ref === target) {
      const wrong = mistaken(ctx, ref, value, mistake);
      if (!wrong) return null;
      value = wrong;
    }
    student.set(ref.path, round(value));
  }
  return student;
}

/** Later values the student's own numbers made zero, tiny or a copy: where the old guard took credit away. */
function degenerateLater(e: Exercise, student: Values, after: GradeItem[]): number {
  return after.filter((i) => {
    if (i.verdict !== "carried") return false;
    const mine = num(student.get(i.path)!);
    const exact = num(e.exact.get(i.path)!);
    const top = Math.max(...exact.flat().map(Math.abs));
    return mine.flat().every((x) => Math.abs(x) < 0.1 * top || Math.abs(x) <= 0.01);
  }).length;
}

describe("outcome 2: an honest student loses nothing after their mistake", () => {
  for (const template of families()) {
    it(`${template.id}: one mistake carried on correctly, nothing incorrect after it`, () => {
      const tally = { cases: 0, skipped: 0, degenerateKept: 0 };
      fc.assert(
        fc.property(fc.nat(10_000), fc.nat(10_000), mistakeArb, fc.integer({ min: 3, max: 5 }), (seed, where, mistake, digits) => {
          const e = exercise(template, seed);
          const target = e.order[where % (e.order.length - 1)];
          const student = honestStudent(e, target, mistake, digits);
          if (!student) {
            tally.skipped++;
            return;
          }
          const graded = gradeValues(e.net, e.trace, student, { tolerance: e.tolerance });
          const at = graded.items.findIndex((i) => i.path === target.path);
          const after = graded.items.slice(at + 1);
          const wrong = after.filter((i) => i.verdict === "incorrect").map((i) => `${i.path}: ${i.message}`);
          expect(wrong, `${template.id} seed ${seed}, ${JSON.stringify(mistake)} at ${target.path}, ${digits} figures`).toEqual([]);
          tally.cases++;
          tally.degenerateKept += degenerateLater(e, student, after);
        }),
        { seed: 19, numRuns: RUNS },
      );
      console.log(`${template.id}: ${tally.cases} honest students graded (${tally.skipped} drawn mistakes left a later step undefined or changed nothing); ${tally.degenerateKept} later values their own numbers made zero or tiny kept their carried credit`);
      expect(tally.cases).toBeGreaterThan(RUNS / 4);
    });
  }
});

// ---------------------------------------------------------------- work that avoids the method

const GAMES = ["zeros", "tiny", "twentieth", "near_copies", "tiny_and_near_copies", "output_gradient_then_zeros"] as const;
type Game = (typeof GAMES)[number];

/**
 * A submission that avoids the method after an exact first forward pass and loss. Later steps'
 * forward passes are computed honestly from the student's own (near-copied) parameters. Returns
 * the values and the paths written as the exact value.
 */
function avoider(e: Exercise, game: Game, c: number): { student: Values; exactly: Set<string> } {
  const student: Values = new Map();
  const written = new Set<string>();
  const ctx = new GradingContext(e.net, e.exact, student);
  const eta = toNumber(e.net.learningRate);
  const lastLoss = `steps[${e.net.steps - 1}].loss`;
  const put = (ref: QuantityRef, m: number[][] | Matrix, isExact = false) => {
    student.set(ref.path, typeof (m as number[][])[0][0] === "number" ? exactly(m as number[][]) : (m as Matrix));
    if (isExact) written.add(ref.path);
  };
  const firstGradient = e.order.find((r) => r.quantity === "dX")!;
  for (const ref of e.order) {
    const exact = num(e.exact.get(ref.path)!);
    const like = (x: number) => exact.map((row) => row.map(() => x));
    if (ref.quantity === "A" || ref.quantity === "X" || ref.quantity === "loss") {
      if (ref.step === 0) put(ref, e.exact.get(ref.path)!, true);
      else put(ref, recompute(ctx, ref));
    } else if (isBackward(ref)) {
      if (game === "zeros") put(ref, like(0));
      else if (game === "tiny" || game === "tiny_and_near_copies") put(ref, like(c));
      else if (game === "twentieth") put(ref, exact.map((row) => row.map((x) => x / 20)));
      else if (game === "near_copies") put(ref, e.exact.get(ref.path)!, true);
      else put(ref, ref.path === firstGradient.path ? e.exact.get(ref.path)! : like(0), ref.path === firstGradient.path);
    } else if (isUpdate(ref)) {
      const before = num(ref.step === 0 ? (ref.quantity === "W_new" ? e.net.layers[ref.layer!].W : [e.net.layers[ref.layer!].B!]) : ctx.own(ref.path.replace(/^steps\[\d+\]/, `steps[${ref.step! - 1}]`)));
      const move = game === "near_copies" || game === "tiny_and_near_copies" || game === "tiny" ? eta * c : 0;
      // The twentieth carries its own gradients into the update honestly; the others copy.
      if (game === "twentieth") put(ref, recompute(ctx, ref));
      else put(ref, before.map((row) => row.map((w) => w - move)));
    } else {
      const loss = toNumber(ctx.own(lastLoss)[0][0]);
      const change = toNumber(e.exact.get("loss_after")![0][0]) - toNumber(e.exact.get(lastLoss)![0][0]);
      put(ref, [[game === "twentieth" ? loss + change / 20 : game === "zeros" || game === "output_gradient_then_zeros" ? loss : loss - 0.0001]]);
    }
  }
  return { student, exactly: written };
}

describe("outcome 1: work that avoids the method earns no backward point", () => {
  for (const template of families()) {
    it(`${template.id}: zeros, tiny numbers, a twentieth, near-copies earn nothing beyond what was written exactly`, () => {
      const tally = Object.fromEntries(GAMES.map((g) => [g, 0])) as Record<Game, number>;
      fc.assert(
        fc.property(fc.nat(10_000), fc.constantFrom(...GAMES), fc.constantFrom(0.006, -0.006, 0.0061, 0.008), (seed, game, c) => {
          const e = exercise(template, seed);
          const { student, exactly: written } = avoider(e, game, c);
          const graded = gradeValues(e.net, e.trace, student, { tolerance: e.tolerance });
          const firstLoss = graded.items.findIndex((i) => i.path === "steps[0].loss");
          // Backward quantities and the loss after the update: no point not written exactly. Updates:
          // no carried credit. (A near-copy may still lie within the tolerance of the exact update,
          // like the lecture's B^3 = 34, moved by 0.1 within a tolerance of 0.34: that is the
          // tolerance, not carried credit.) A later step's forward pass, computed from the student's
          // own small update, is computed work.
          const free = graded.items
            .slice(firstLoss + 1)
            .filter((i) => i.points > 0 && !written.has(i.path))
            .filter((i) => {
              const ref = e.order.find((r) => r.path === i.path)!;
              if (isBackward(ref) || ref.quantity === "loss_after") return true;
              return isUpdate(ref) && i.verdict === "carried";
            });
          expect(
            free.map((i) => `${i.path} ${i.verdict}`),
            `${template.id} seed ${seed}, ${game} (${c})`,
          ).toEqual([]);
          tally[game]++;
        }),
        { seed: 19, numRuns: RUNS },
      );
      console.log(`${template.id}: ${GAMES.map((g) => `${tally[g]} ${g}`).join(", ")} submissions, none earned a point it did not write exactly`);
    });
  }
});

// ---------------------------------------------------------------- the issue's three honest students

/** Small two-step networks with integer weights (so pre-activations of exactly 0 happen): `sizes` units, ReLU hidden layers. */
function twoStepNet(r: () => number, output: "identity" | "sigmoid", rates: number[], sizes: number[]): Network {
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const mat = (rows: number, cols: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => int(-2, 2)));
  const L = sizes.length - 1;
  return readExercise({
    loss: "half_sse",
    learning_rate: rates[int(0, rates.length - 1)],
    steps: 2,
    data: { inputs: mat(1, sizes[0]), targets: [Array.from({ length: sizes[L] }, () => int(-1, 1))] },
    layers: Array.from({ length: L }, (_, l) => ({ activation: l === L - 1 ? output : "relu", weights: mat(sizes[l], sizes[l + 1]), bias: mat(1, sizes[l + 1])[0] })),
  });
}

const seeded = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
};

interface HonestCase {
  name: string;
  output: "identity" | "sigmoid";
  rates: number[];
  sizes: number[];
  target: (order: QuantityRef[]) => QuantityRef | undefined;
  mistake: Mistake;
  /** The situation the old guard punished, in the student's own numbers. */
  found: (e: Exercise, student: Values) => boolean;
}

const allSmall = (m: Matrix, ref: Matrix) => {
  const top = Math.max(...num(ref).flat().map(Math.abs));
  return num(m).flat().every((x) => Math.abs(x) < 0.1 * top || Math.abs(x) <= 0.01);
};

const HONEST: HonestCase[] = [
  {
    name: "a forgotten output activation in step 1 leads their own step-2 δ to zero",
    output: "sigmoid",
    rates: [0.1, 0.5],
    sizes: [2, 3, 2],
    target: (order) => order.find((r) => r.step === 0 && r.quantity === "X" && r.layer === 1),
    mistake: { kind: "catalogue", pick: 0 },
    found: (e, s) => ["steps[1].layers[1].delta", "steps[1].layers[0].delta"].some((p) => allSmall(s.get(p)!, e.exact.get(p)!)),
  },
  {
    name: "ReLU'(0) taken as 1 in step 1 switches off their own X in step 2",
    output: "identity",
    rates: [0.5, 1],
    sizes: [2, 3, 3, 2],
    target: (order) => order.find((r) => r.step === 0 && r.quantity === "delta" && r.layer === 0),
    mistake: { kind: "catalogue", pick: 0 },
    found: (e, s) => num(s.get("steps[1].layers[1].X")!).flat().every((x) => x === 0) && num(e.exact.get("steps[1].layers[1].X")!).flat().some((x) => x !== 0),
  },
  {
    name: "an arithmetic slip in step 1 leaves their own step-2 update too small to show",
    output: "identity",
    rates: [0.1, 0.5],
    sizes: [2, 3, 2],
    target: (order) => order.find((r) => r.step === 0 && r.quantity === "dX" && r.layer === 1),
    mistake: { kind: "slip", entry: 0, how: 1 },
    found: (e, s) => {
      const [mine, before] = [num(s.get("steps[1].layers[0].W_new")!), num(s.get("steps[0].layers[0].W_new")!)];
      const exactMove = minus(num(e.exact.get("steps[1].layers[0].W_new")!), num(e.exact.get("steps[0].layers[0].W_new")!));
      return mine.every((row, i) => row.every((w, j) => Math.abs(w - before[i][j]) <= 0.005)) && exactMove.flat().some((x) => Math.abs(x) > 0.005);
    },
  },
];

describe("the issue's honest students keep every carried point", () => {
  for (const c of HONEST) {
    it(c.name, () => {
      let found = 0;
      for (let seed = 0; seed < 20_000 && found < 5; seed++) {
        const net = twoStepNet(seeded(seed), c.output, c.rates, c.sizes);
        let trace: Trace;
        try {
          trace = solve(net);
        } catch {
          continue;
        }
        const e: Exercise = { net, trace, exact: traceValues(trace), order: orderOf(trace) };
        const target = c.target(e.order);
        if (!target) continue;
        const student = honestStudent(e, target, c.mistake, 4);
        if (!student || !c.found(e, student)) continue;
        const graded = gradeValues(net, trace, student);
        const mistake = graded.items.find((i) => i.path === target.path)!;
        if (mistake.verdict !== "incorrect") continue;
        found++;
        const after = graded.items.slice(graded.items.indexOf(mistake) + 1);
        expect(after.filter((i) => i.points < i.max_points).map((i) => `${i.path} ${i.verdict}: ${i.message}`), `seed ${seed}`).toEqual([]);
      }
      console.log(`${c.name}: ${found} students found and graded`);
      expect(found).toBeGreaterThan(0);
    });
  }
});

// ---------------------------------------------------------------- the issue's near-copy, through `grade`

describe("grade on the near-copy submission of the lecture exercise", () => {
  it("scores its forward pass alone: backward cells 0.006, updates W − η·0.006, the loss after = the loss before − 0.0001", async () => {
    const exercise = JSON.parse(readFileSync(join(WORKED, "000-lecture-2-3-3-2-relu-softmax.json"), "utf8"));
    const solution = JSON.parse(readFileSync(join(WORKED, "000-lecture-2-3-3-2-relu-softmax.expected.json"), "utf8"));
    const eta = exercise.learning_rate as number;
    const tiny = (m: number[][]) => m.map((row) => row.map(() => 0.006));
    const step = solution.steps[0];
    const submission = {
      steps: [
        {
          loss: step.loss,
          layers: step.layers.map((l: Record<string, number[][]>, j: number) => ({
            A: l.A,
            X: l.X,
            dX: tiny(l.dX),
            delta: tiny(l.delta),
            dW: tiny(l.dW),
            dB: (l.dB as unknown as number[]).map(() => 0.006),
            W_new: (exercise.layers[j].weights as number[][]).map((row) => row.map((w) => w - eta * 0.006)),
            B_new: (exercise.layers[j].bias as number[]).map((b) => b - eta * 0.006),
          })),
        },
      ],
      loss_after: step.loss - 0.0001,
    };
    const file = jsonFiles("handprop-near-copy-");
    const r = await runCli(["grade", file(exercise), file(submission)]);
    expect(r.code).toBe(0);
    const grade = JSON.parse(r.out) as { score: number; max_score: number; first_divergence: string; items: GradeItem[] };
    const forward = grade.items.filter((i) => /\.(A|X)$|\.loss$/.test(i.path));
    expect(forward.every((i) => i.verdict === "correct")).toBe(true);
    expect(grade.score).toBe(forward.length);
    expect([grade.score, grade.max_score]).toEqual([7, 26]);
    expect(grade.first_divergence).toBe("steps[0].layers[2].dX");
    // True messages: nothing is said to be 0 that is not, and no collapsed matrix is called a slip.
    expect(grade.items.some((i) => /= 0\b/.test(i.message ?? ""))).toBe(false);
    expect(grade.items.filter((i) => i.reason).every((i) => i.misconception === undefined)).toBe(true);
  });

  it("names an all-zero output gradient as written as zero, never as an arithmetic slip", () => {
    const e = exercise(builtinTemplates().find((t) => t.id === "lecture-2-3-3-2")!, 0);
    const { student } = avoider(e, "zeros", 0);
    const item = gradeValues(e.net, e.trace, student).items.find((i) => i.path === "steps[0].layers[2].dX")!;
    expect(item.misconception).toBeUndefined();
    expect(item.reason).toBe("collapsed");
    expect(item.message).toMatch(/^Written as zero/);
  });
});

describe("what the page says of a value that shows nothing", () => {
  it("has a message in en, ja and ko for every kind, naming the collapse where there is one, and never '= 0'", () => {
    const kinds: ShowsNothing[] = [
      { as: "zero", from: [] },
      { as: "small", next: "own", from: [] },
      { as: "small", next: "exact", from: [] },
      { as: "copy", from: [] },
      { as: "zero", from: ["steps[0].layers[2].dX"] },
      { as: "small", from: ["steps[0].layers[2].dX"] },
      { as: "copy", from: ["steps[0].layers[2].dX"] },
    ];
    for (const locale of LOCALES) {
      const t = translator(locale);
      for (const why of kinds) {
        for (const quantity of ["delta", "W_new", "loss_after", "A"]) {
          const key = showsNothingKey(why, quantity);
          const text = t(key, { q: "Q" });
          expect(text, `${locale} ${key}`).not.toBe(key);
          expect(text).not.toMatch(/=\s*0/);
          expect(text.includes("Q"), `${locale} ${key} names the collapse`).toBe(why.from.length > 0);
        }
      }
    }
  });
});
