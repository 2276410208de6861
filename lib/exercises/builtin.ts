// The built-in templates shipped in exercises/ (read once, validated).
import allOnes from "../../exercises/all-ones-1-2-2-1.json";
import allOnesRandom from "../../exercises/all-ones-1-2-2-1-random.json";
import column from "../../exercises/column-3-4-3-softmax.json";
import columnRandom from "../../exercises/column-3-4-3-softmax-random.json";
import lecture from "../../exercises/lecture-2-3-3-2.json";
import lectureRandom from "../../exercises/lecture-2-3-3-2-random.json";
import sigmoid from "../../exercises/sigmoid-1-2-2-1-batch.json";
import sigmoidRandom from "../../exercises/sigmoid-1-2-2-1-batch-random.json";
import { readTemplate, type Template } from "./template";

const RAW: unknown[] = [lecture, lectureRandom, allOnes, allOnesRandom, sigmoid, sigmoidRandom, column, columnRandom];

let cache: Template[] | undefined;

/** Every built-in template, in the order a course would meet them. */
export function builtinTemplates(): Template[] {
  cache ??= RAW.map((t) => readTemplate(t));
  return cache;
}

export function builtinTemplate(id: string): Template | undefined {
  return builtinTemplates().find((t) => t.id === id);
}

/** A fixed exercise's randomised template of the same shape ("<id>-random"). */
function randomSibling(fixed: Template): Template | undefined {
  const sibling = builtinTemplate(`${fixed.id}-random`);
  return sibling && !sibling.fixed ? sibling : undefined;
}

/** What practice draws from for a built-in id: never a fixed exercise's numbers, its random sibling instead. */
export function practiceTemplate(id: string): Template | undefined {
  const t = builtinTemplate(id);
  return t?.fixed ? randomSibling(t) : t;
}

/** The templates practice offers: the randomised ones. */
export function practiceTemplates(): Template[] {
  return builtinTemplates().filter((t) => !t.fixed);
}
