// The template builder: a flat form (what instructors fill in the browser) to a template in the
// exercises/ format, validated by the same schema as the built-in ones.
import { InvalidInputError } from "../exercises/errors";
import { refusal, type TemplateReason } from "../exercises/template-reasons";
import { ACTIVATIONS } from "../nn/types";
import { QUANTITIES } from "../exercises/quantities";
import { drawVariantReport, readTemplate, type Template } from "../exercises/template";
import { readExercise } from "../exercises/instance";
import { solve } from "../nn/network";

export type BuilderForm = Record<string, string | string[] | undefined>;

const one = (f: BuilderForm, k: string, fallback = "") => {
  const v = f[k];
  return (Array.isArray(v) ? v[0] : v)?.trim() || fallback;
};
const list = (s: string) => s.split(/[\s,]+/).filter(Boolean);
const num = (s: string) => (/^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s);
const draw = (f: BuilderForm, k: string, min: string, max: string, step: string) => ({ min: num(one(f, `${k}Min`, min)), max: num(one(f, `${k}Max`, max)), step: one(f, `${k}Step`, step), ...(one(f, `${k}NonZero`) ? { nonzero: true } : {}) });

/** The fields typed as text, checked here so the form can say what is wrong in the instructor's words. */
function checkFields(f: BuilderForm): void {
  const sizes = one(f, "sizes", "2,3,3,2");
  const n = list(sizes);
  if (n.length < 2 || n.length > 6 || n.some((x) => !/^[1-8]$/.test(x))) throw refusal("random.sizes", "bad_sizes", { got: sizes.slice(0, 40) });
  const unknown = list(one(f, "activations", "relu,relu,softmax")).find((a) => !(ACTIVATIONS as readonly string[]).includes(a));
  if (unknown) throw refusal("random.activations", "unknown_activation", { name: unknown.slice(0, 40), allowed: ACTIVATIONS.join(", ") });
  const whole: [string, string, string, number, number][] = [["batch", "random.batch", "1", 1, 8], ["steps", "random.steps", "1", 1, 10], ["sigFigs", "tolerance.sig_figs", "3", 1, 10]];
  for (const [name, key, fallback, min, max] of whole) {
    const v = one(f, name, fallback);
    if (!/^\d{1,3}$/.test(v) || Number(v) < min || Number(v) > max) throw refusal(key, "not_whole_number", { min, max, got: v.slice(0, 40) });
  }
  for (const [name, key, fallback] of [["learningRate", "random.learning_rate", "0.1"], ["maxMagnitude", "random.max_magnitude", "100"]]) {
    const v = one(f, name, fallback);
    // A decimal or a fraction ("1/10"), not zero.
    if (!/^(\d+(\.\d+)?|\.\d+)(\/[1-9]\d*)?$/.test(v) || /^[0.]+(\/|$)/.test(v)) throw refusal(key, "not_positive_number", { got: v.slice(0, 40) });
  }
}

/** The template the form describes; throws InvalidInputError naming the field at fault. */
export function templateFromForm(f: BuilderForm): Template {
  const title = one(f, "title", "Custom exercise");
  checkFields(f);
  const asked = ([] as string[]).concat(f.asked ?? []).filter((q) => (QUANTITIES as readonly string[]).includes(q));
  const points: Record<string, number> = {};
  for (const q of QUANTITIES) {
    const p = one(f, `points_${q}`);
    if (p !== "" && p !== "1") points[q] = Number(p);
  }
  const targets = one(f, "targets", "one_hot");
  const tolerance = one(f, "tolerance", "default");
  const raw = {
    id: title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "custom",
    title,
    ...(asked.length ? { asked } : {}),
    points,
    ...(tolerance === "sig_figs" ? { tolerance: { sig_figs: Number(one(f, "sigFigs", "3")) } } : tolerance === "custom" ? { tolerance: { relative: Number(one(f, "relative", "0.01")), absolute: Number(one(f, "absolute", "0.005")) } } : {}),
    random: {
      layout: one(f, "layout", "row"),
      loss: one(f, "loss", "cross_entropy"),
      learning_rate: num(one(f, "learningRate", "0.1")),
      steps: Number(one(f, "steps", "1")),
      sizes: list(one(f, "sizes", "2,3,3,2")).map(Number),
      activations: list(one(f, "activations", "relu,relu,softmax")),
      bias: one(f, "bias") !== "",
      batch: Number(one(f, "batch", "1")),
      draw: {
        inputs: draw(f, "inputs", "-2", "2", "1"),
        targets: targets === "one_hot" ? { one_hot: true } : draw(f, "targets", "-1", "1", "1"),
        weights: draw(f, "weights", "-2", "2", "1"),
        ...(one(f, "bias") !== "" ? { bias: draw(f, "biases", "-2", "2", "1") } : {}),
      },
      max_magnitude: Number(one(f, "maxMagnitude", "100")),
    },
  };
  return readTemplate(raw);
}

export interface PreviewVariant {
  seed: string;
  exercise: Record<string, unknown>;
  /** Draws rejected before this one, with the first reason of each. */
  rejected: TemplateReason[];
}

/** How long the builder's preview may search for its variants, all seeds together. */
export const PREVIEW_BUDGET_MS = 800;

/** A few variants with the reasons draws were rejected: the builder's live preview, bounded in time. */
export function previewTemplate(template: Template, seeds = ["preview-1", "preview-2", "preview-3"], budgetMs = PREVIEW_BUDGET_MS): PreviewVariant[] {
  const deadline = performance.now() + budgetMs;
  return seeds.map((seed) => {
    const { variant, rejected } = drawVariantReport(template, seed, { deadline });
    return { seed, exercise: variant, rejected: rejected.map((r) => r[0]) };
  });
}

export function solvedPreview(exercise: Record<string, unknown>) {
  const net = readExercise(exercise);
  return { net, trace: solve(net) };
}

export { InvalidInputError };
