// What the answer form sends (cell texts by quantity path) to the contract's submission shape.
import { z } from "zod";
import { InvalidInputError } from "../exercises/errors";
import { AppError } from "../errors";
import type { Reason } from "../grading/input-reasons";

const PATH = /^(steps\[(\d{1,2})\]\.(loss|layers\[(\d{1,2})\]\.(A|X|dX|delta|dW|dB|W_new|B_new))|loss_after)$/;

export const answersSchema = z.record(z.string().regex(PATH).max(60), z.array(z.array(z.string().max(200)).max(100)).max(100)).refine((a) => Object.keys(a).length <= 200, "too many quantities");

export type Answers = z.infer<typeof answersSchema>;

const isBlank = (m: string[][]) => m.every((row) => row.every((c) => c.trim() === ""));

/** The contract's submission JSON; quantities left blank are omitted (they grade as missing). */
export function toSubmission(answers: Answers): Record<string, unknown> {
  const steps: { loss?: string; layers: Record<string, unknown>[] }[] = [];
  const out: Record<string, unknown> = {};
  const errors: Record<string, Reason> = {};
  for (const [path, cells] of Object.entries(answers)) {
    if (isBlank(cells)) continue;
    cells.forEach((row, i) => row.forEach((c, j) => c.trim() === "" && (errors[`${path}[${i}][${j}]`] ??= { code: "empty", params: {} })));
    const m = PATH.exec(path)!;
    if (path === "loss_after") {
      out.loss_after = cells[0][0];
      continue;
    }
    const s = Number(m[2]);
    steps[s] ??= { layers: [] };
    if (m[3] === "loss") steps[s].loss = cells[0][0];
    else {
      const l = Number(m[4]);
      for (let k = steps[s].layers.length; k <= l; k++) steps[s].layers[k] ??= {};
      steps[s].layers[l][m[5]] = cells;
    }
  }
  if (Object.keys(errors).length) throw new AppError("INVALID_INPUT", "some cells are empty", errors);
  if (steps.length) out.steps = Array.from({ length: steps.length }, (_, s) => steps[s] ?? { layers: [] });
  return out;
}

/** What a stored submission holds: the form's cells (the usual), or the contract's submission JSON (imports, fixtures). */
export function storedSubmission(answersJson: string): unknown {
  const raw = JSON.parse(answersJson) as unknown;
  const cells = answersSchema.safeParse(raw);
  return cells.success ? toSubmission(cells.data) : raw;
}

/** An InvalidInputError from the grader as field errors for the form. */
export function asFieldErrors(e: InvalidInputError): AppError {
  return new AppError("INVALID_INPUT", e.message, { [e.key || "submission"]: e.why ?? e.detail });
}
