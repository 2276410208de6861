// A reading's submission as the answer form keeps it: every quantity's cells as strings under its
// path, flat lists (dB, B_new) as one row. For the student's "paste your written solution" and the
// instructor's paper work alike.
import type { SubmissionReading } from "./types";

const cellsOf = (v: unknown): string[][] => (Array.isArray(v) ? (Array.isArray(v[0]) ? (v as unknown[][]).map((r) => r.map(String)) : [(v as unknown[]).map(String)]) : [[String(v)]]);

export function answersOfReading(s: SubmissionReading): Record<string, string[][]> {
  const out: Record<string, string[][]> = {};
  s.steps?.forEach((step, i) => {
    if (step.loss !== undefined) out[`steps[${i}].loss`] = cellsOf(step.loss);
    step.layers.forEach((layer, l) => {
      for (const [key, value] of Object.entries(layer)) if (value !== undefined) out[`steps[${i}].layers[${l}].${key}`] = cellsOf(value);
    });
  });
  if (s.loss_after !== undefined) out.loss_after = cellsOf(s.loss_after);
  return out;
}
