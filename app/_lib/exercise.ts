// A built-in template as the pages show it: the exercise (the "preview" variant for randomised
// templates), its network, the exact worked solution, and a one-glance summary of the architecture.
import { builtinTemplate, builtinTemplates } from "@/lib/exercises/builtin";
import { readExercise } from "@/lib/exercises/instance";
import { drawVariant, type Template } from "@/lib/exercises/template";
import { solve } from "@/lib/nn/network";
import { toText } from "@/lib/nn/num";
import type { Activation, Layout, LossName, Network, Trace } from "@/lib/nn/types";

/** The seed of the variant shown for a randomised template. */
export const PREVIEW_SEED = "preview";

export type TemplateKind = "fixed" | "random";

export interface ShownExercise {
  template: Template;
  kind: TemplateKind;
  /** The seed of the variant shown (randomised templates only). */
  seed?: string;
  net: Network;
  trace: Trace;
}

export interface Summary {
  kind: TemplateKind;
  /** Units per layer, inputs first: [2, 3, 3, 2]. */
  sizes: number[];
  activations: Activation[];
  /** Whether each layer has a bias. */
  biases: boolean[];
  loss: LossName;
  layout: Layout;
  batch: number;
  /** η as exact text ("0.1"). */
  eta: string;
  steps: number;
}

export function templateKind(t: Template): TemplateKind {
  return t.fixed ? "fixed" : "random";
}

/** The network of a template: its fixed instance, or the preview variant of a randomised one. */
function instanceOf(t: Template): { instance: unknown; seed?: string } {
  if (t.fixed) return { instance: t.fixed };
  return { instance: drawVariant(t, PREVIEW_SEED), seed: PREVIEW_SEED };
}

const shown = new Map<string, ShownExercise>();

/** The exercise and its solution for a built-in template id, or undefined for an unknown id. */
export function shownExercise(id: string): ShownExercise | undefined {
  const cached = shown.get(id);
  if (cached) return cached;
  const template = builtinTemplate(id);
  if (!template) return undefined;
  const { instance, seed } = instanceOf(template);
  const net = readExercise(instance);
  const result: ShownExercise = { template, kind: templateKind(template), seed, net, trace: solve(net) };
  shown.set(id, result);
  return result;
}

export function summarize(kind: TemplateKind, net: Network): Summary {
  return {
    kind,
    sizes: [net.inputs[0].length, ...net.layers.map((layer) => layer.W[0].length)],
    activations: net.layers.map((layer) => layer.activation),
    biases: net.layers.map((layer) => layer.B !== undefined),
    loss: net.loss,
    layout: net.layout,
    batch: net.inputs.length,
    eta: toText(net.learningRate),
    steps: net.steps,
  };
}

/** Every built-in template with its summary, in course order. */
export function allTemplates(): { template: Template; summary: Summary }[] {
  return builtinTemplates().map((template) => {
    const ex = shownExercise(template.id);
    if (!ex) throw new Error(`built-in template ${template.id} vanished`);
    return { template, summary: summarize(ex.kind, ex.net) };
  });
}
