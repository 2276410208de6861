// Exercise templates (data in exercises/*.json) and the variants drawn from them.
//
// A variant is a pure function of (template, seed): the numbers come from a seeded
// generator (seedrandom's ARC4, the same on every machine), and a draw that breaks the
// hand-friendliness rules is redrawn from the next sub-seed, deterministically.
import seedrandom from "seedrandom";
import { z } from "zod";
import { forward, solve } from "../nn/network";
import { add, exactFromNumber, exactFromText, isZero, sign, sub, toNumber, type Num } from "../nn/num";
import { ACTIVATIONS, LAYOUTS, LOSSES } from "../nn/types";
import { InvalidInputError } from "./errors";
import { frequentReasons, noVariant, refusal, type TemplateReason } from "./template-reasons";
import { readExercise } from "./instance";
import { QUANTITIES, type Quantity } from "./quantities";
import { degeneracies, forwardDegeneracies } from "./rules";
import { inLayout } from "../notation";
import type { Layout } from "../nn/types";

const numberLike = z.union([z.number().finite(), z.string().regex(/^-?\d+(\.\d+)?(\/\d+)?$/, "a decimal or a fraction like \"1/3\"")]);
const matrixLike = z.array(z.array(numberLike).min(1)).min(1);

/** How the numbers of one matrix are drawn. */
const drawSchema = z.union([
  z.strictObject({ fixed: matrixLike }),
  z.strictObject({ min: numberLike, max: numberLike, step: numberLike.default(1), nonzero: z.boolean().default(false) }),
  z.strictObject({ one_hot: z.literal(true) }),
]);
export type Draw = z.infer<typeof drawSchema>;

const toleranceSchema = z.union([
  z.strictObject({ relative: z.number().min(0).max(1).optional(), absolute: z.number().min(0).optional() }),
  z.strictObject({ sig_figs: z.number().int().min(1).max(10) }),
]);
export type Tolerance = z.infer<typeof toleranceSchema>;

const perLayer = <T extends z.ZodType>(s: T) => z.union([s, z.array(s).min(1)]);

const randomSchema = z.strictObject({
  layout: z.enum(LAYOUTS).default("row"),
  loss: z.enum(LOSSES),
  learning_rate: numberLike,
  steps: z.number().int().min(1).max(10).default(1),
  sizes: z.array(z.number().int().min(1).max(8)).min(2).max(6),
  activations: z.array(z.enum(ACTIVATIONS)).min(1),
  bias: perLayer(z.boolean()).default(true),
  batch: z.number().int().min(1).max(8).default(1),
  draw: z.strictObject({
    inputs: drawSchema,
    targets: drawSchema,
    weights: perLayer(drawSchema),
    bias: perLayer(drawSchema).optional(),
  }),
  allow_zero_preactivation: z.boolean().default(false),
  max_magnitude: z.number().positive().default(100),
});

export const templateSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "lower-case letters, digits and dashes"),
  title: z.string().min(1).max(200),
  title_ja: z.string().max(200).optional(),
  title_ko: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  description_ja: z.string().max(2000).optional(),
  description_ko: z.string().max(2000).optional(),
  source: z.string().max(200).optional(),
  asked: z.array(z.enum(QUANTITIES)).min(1).default([...QUANTITIES]),
  points: z.partialRecord(z.enum(QUANTITIES), z.number().min(0).max(100)).default({}),
  tolerance: toleranceSchema.optional(),
  /** A fixed exercise: one instance in the contract's format, the same for every seed. */
  fixed: z.record(z.string(), z.unknown()).optional(),
  random: randomSchema.optional(),
});

export type Template = z.infer<typeof templateSchema>;
export type RandomSpec = z.infer<typeof randomSchema>;

/** Validates a template; every problem names its key. */
export function readTemplate(v: unknown): Template {
  const parsed = templateSchema.safeParse(v);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInputError(issue.path.map(String).join(".") || "template", issue.message);
  }
  const t = parsed.data;
  if (!!t.fixed === !!t.random) throw new InvalidInputError("fixed", "a template has exactly one of fixed (an instance) or random (how to draw one)");
  if (t.fixed) prefixed("fixed", () => readExercise(t.fixed));
  if (t.random) checkRandomSpec(t.random);
  return t;
}

function prefixed<T>(prefix: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof InvalidInputError) throw new InvalidInputError(e.key ? `${prefix}.${e.key}` : prefix, e.detail, undefined, e.why);
    throw e;
  }
}

function checkRandomSpec(r: RandomSpec): void {
  const L = r.sizes.length - 1;
  if (r.activations.length !== L) throw refusal("random.activations", "entries_per_layer", { layers: L, got: r.activations.length });
  for (const [key, v] of [["random.bias", r.bias], ["random.draw.weights", r.draw.weights], ["random.draw.bias", r.draw.bias]] as const) {
    if (Array.isArray(v) && v.length !== L) throw refusal(key, "entries_per_layer", { layers: L, got: v.length });
  }
  const wantsBias = Array.from({ length: L }, (_, l) => layerValue(r.bias, l));
  if (wantsBias.some(Boolean) && !r.draw.bias) throw refusal("random.draw.bias", "bias_draw_missing");
  for (const [key, d] of [["inputs", r.draw.inputs], ["targets", r.draw.targets]] as const) {
    if ("one_hot" in d && key === "inputs") throw refusal("random.draw.inputs", "one_hot_inputs");
    if ("min" in d) rangeValues(d, `random.draw.${key}`);
  }
  // The loss and output activation must fit: build one instance and let the instance reader judge.
  prefixed("random", () => readExercise(instanceFromSpec(r, seedrandom("check"))));
}

const layerValue = <T>(v: T | T[], l: number): T => (Array.isArray(v) ? v[l] : v);

/** Every value a range draw can produce: min, min + step, ..., max (exact). */
function rangeValues(d: { min: string | number; max: string | number; step: string | number; nonzero: boolean }, key: string): Num[] {
  const read = (x: string | number) => (typeof x === "number" ? exactFromNumber(x) : exactFromText(x));
  const [min, max, step] = [read(d.min), read(d.max), read(d.step)];
  if (!min || !max || !step) throw refusal(key, "range_not_numbers");
  if (sign(step) <= 0) throw refusal(`${key}.step`, "step_not_positive");
  if (sign(sub(max, min)) < 0) throw refusal(key, "min_above_max");
  const values: Num[] = [];
  for (let v: Num = min; sign(sub(max, v)) >= 0 && values.length <= 1000; v = add(v, step)) {
    if (!(d.nonzero && isZero(v))) values.push(v);
  }
  if (values.length === 0 || values.length > 1000) throw refusal(key, "range_size", { count: values.length });
  return values;
}

type Rng = () => number;

/** rangeValues, worked out once per draw spec (a variant may take many draws). */
const rangeCache = new WeakMap<object, number[]>();
function rangeValuesOf(d: Extract<Draw, { min: unknown }>, key: string): number[] {
  let values = rangeCache.get(d);
  if (!values) rangeCache.set(d, (values = rangeValues(d, key).map(toNumber)));
  return values;
}

/** A rows × cols matrix drawn by `d` (fixed matrices must already have that shape). */
function drawMatrix(d: Draw, rows: number, cols: number, rng: Rng, key: string): (number | string)[][] {
  if ("fixed" in d) {
    if (d.fixed.length !== rows || d.fixed.some((r) => r.length !== cols)) {
      throw new InvalidInputError(`${key}.fixed`, `needs shape ${rows}×${cols}`);
    }
    return d.fixed;
  }
  if ("one_hot" in d) {
    return Array.from({ length: rows }, () => {
      const hot = Math.floor(rng() * cols);
      return Array.from({ length: cols }, (_, j) => (j === hot ? 1 : 0));
    });
  }
  const values = rangeValuesOf(d, key);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => values[Math.floor(rng() * values.length)]));
}

/** One instance (the contract's JSON) drawn from the spec with the given generator. */
function instanceFromSpec(r: RandomSpec, rng: Rng): Record<string, unknown> {
  const L = r.sizes.length - 1;
  const layers = Array.from({ length: L }, (_, l) => {
    const [fanIn, fanOut] = [r.sizes[l], r.sizes[l + 1]];
    const drawn = drawMatrix(layerValue(r.draw.weights, l), fanIn, fanOut, rng, `random.draw.weights`);
    // Drawn in row shape (inputs × outputs); column layout shows W as outputs × inputs.
    const weights = inLayout(drawn, r.layout);
    const biasDraw = r.draw.bias ? layerValue(r.draw.bias, l) : undefined;
    const bias = layerValue(r.bias, l) && biasDraw ? drawMatrix(biasDraw, 1, fanOut, rng, "random.draw.bias")[0] : undefined;
    return { activation: r.activations[l], weights, ...(bias ? { bias } : {}) };
  });
  return {
    layout: r.layout,
    loss: r.loss,
    learning_rate: r.learning_rate,
    steps: r.steps,
    data: {
      inputs: drawMatrix(r.draw.inputs, r.batch, r.sizes[0], rng, "random.draw.inputs"),
      targets: drawMatrix(r.draw.targets, r.batch, r.sizes[L], rng, "random.draw.targets"),
    },
    layers,
  };
}

export const MAX_REDRAWS = 2000;

export interface Variant extends Record<string, unknown> {
  title: string;
  template: string;
  seed: string;
}

/** The exercise instance of `template` for `seed`: the same seed gives the same numbers everywhere. */
export function drawVariant(template: Template, seed: string): Variant {
  return drawVariantReport(template, seed).variant;
}

export interface DrawOptions {
  /** performance.now() after which a preview's search gives up (none for a student's variant). */
  deadline?: number;
}

/** The variant, and why each draw before it was rejected (for the template builder's warnings). */
export function drawVariantReport(template: Template, seed: string, { deadline }: DrawOptions = {}): { variant: Variant; rejected: TemplateReason[][] } {
  const meta = {
    title: template.title,
    template: template.id,
    seed,
    asked: template.asked,
    ...(Object.keys(template.points).length ? { points: template.points } : {}),
    ...(template.tolerance ? { tolerance: template.tolerance } : {}),
  };
  if (template.fixed) return { variant: { ...meta, ...template.fixed }, rejected: [] };
  const spec = template.random as RandomSpec;
  const rejected: TemplateReason[][] = [];
  const checked: TemplateReason[][] = [];
  for (let attempt = 0; attempt < MAX_REDRAWS; attempt++) {
    // A preview stops searching at its deadline and says why (students' draws have none: theirs must not depend on the machine's speed).
    if (deadline !== undefined && attempt > 0 && performance.now() > deadline) throw noVariant(attempt, frequentReasons(rejected, 3, checked));
    const instance = instanceFromSpec(spec, seedrandom(`${template.id}\u0000${seed}\u0000${attempt}`));
    const net = readExercise(instance);
    // The forward pass first: most draws that are rejected fail there, before the backward pass.
    const early = forwardDegeneracies(net, forward(net.layers, net.inputs), spec);
    if (early.length > 0) {
      rejected.push(early);
      continue;
    }
    // The template's asked quantities and tolerance: what would pass for free is judged as the grader will.
    const problems = degeneracies(net, solve(net), { ...spec, asked: template.asked, tolerance: template.tolerance });
    if (problems.length === 0) return { variant: { ...meta, ...instance }, rejected };
    rejected.push(problems);
    checked.push(problems);
  }
  // Bounded: after MAX_REDRAWS draws, say which rules rejected the draws most often (first those
  // that stopped the draws that passed the forward checks).
  throw noVariant(MAX_REDRAWS, frequentReasons(rejected, 3, checked));
}

const gradingSchema = z.object({
  asked: z.array(z.enum(QUANTITIES)).min(1).optional(),
  points: z.partialRecord(z.enum(QUANTITIES), z.number().min(0).max(100)).optional(),
  tolerance: toleranceSchema.optional(),
  carried_credit: z.number().min(0).max(1).optional(),
});

/** The grading settings an exercise instance may carry (asked quantities, points, tolerance, carried credit). */
export function readGradingSettings(v: unknown): z.infer<typeof gradingSchema> {
  const parsed = gradingSchema.safeParse(v);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInputError(issue.path.map(String).join("."), issue.message);
  }
  return parsed.data;
}

/** Points of one quantity (default 1). */
export function pointsOf(template: Pick<Template, "points">, q: Quantity): number {
  return template.points[q] ?? 1;
}

/** A template's title and description in a language (English when it has none), with the other
 *  title worth showing beside it: the Japanese one (the course's) to English readers, else the English. */
export function titlesIn(t: Pick<Template, "title" | "title_ja" | "title_ko" | "description" | "description_ja" | "description_ko">, locale: string) {
  const title = (locale === "ja" && t.title_ja) || (locale === "ko" && t.title_ko) || t.title;
  const description = (locale === "ja" && t.description_ja) || (locale === "ko" && t.description_ko) || t.description;
  const also = title === t.title ? (t.title_ja ? { text: t.title_ja, lang: "ja" } : undefined) : { text: t.title, lang: "en" };
  return { title, description, also };
}

/** The layout a stored template's exercises are in (row unless it says column), read without validating the rest. */
export function templateLayout(templateJson: string): Layout {
  try {
    const t = JSON.parse(templateJson) as { random?: { layout?: unknown }; fixed?: { layout?: unknown }; layout?: unknown };
    return (t.random?.layout ?? t.fixed?.layout ?? t.layout) === "column" ? "column" : "row";
  } catch {
    return "row";
  }
}
