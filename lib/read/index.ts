// `read`: a transcript and an exercise in; the submission it contains out, with the line each value came from and the math lines that fit nowhere.
import { refOfPath, type Quantity } from "../exercises/quantities";
import type { Solution } from "../exercises/solution";
import { SUBMISSION_WORK, Work } from "../grading/parse";
import type { Network } from "../nn/types";
import { pageEvents, takeLossAfterCue } from "./chains";
import { readChain, type ChainReading, type Exercise } from "./interpret";
import { Lines } from "./markdown";
import { StepCursor } from "./order";
import { transcriptText } from "./refuse";
import { resolve, type Placed } from "./resolve";
import { kindOf, type Kind, type Shape } from "./shapes";
import type { LayerReading, Reading, SubmissionReading, Unread } from "./types";
import { chainLine, lineText } from "./where";

export { MAX_TRANSCRIPT_BYTES, TranscriptRefused, type RefusalCode } from "./refuse";
export type { Reading, Source, SubmissionReading, Unread } from "./types";

/**
 * Reads a transcript (text, or bytes to be decoded as UTF-8) against an exercise and its solution
 * (for the shapes). Throws TranscriptRefused for a transcript over 200 KB or not text; any other
 * transcript gives a reading, empty when nothing fits.
 */
export function readTranscript(net: Network, solution: Solution, input: string | Uint8Array): Reading {
  const text = transcriptText(input);
  const ex = exerciseOf(net, solution, /ŷ|\\(?:wide)?hat\s*\{?\s*y/.test(text));
  const lines = new Lines(text);
  const events = pageEvents(text, net.steps > 1);
  const cursor = new StepCursor(net.steps);
  const readings: ChainReading[] = [];
  const brokenLines: number[] = [];
  events.forEach((e, k) => {
    if (e.kind === "heading") cursor.heading(e.step);
    else if (e.kind === "broken") brokenLines.push(lines.lineOf(e.start));
    else {
      const r = readChain(e.chain, ex, cursor);
      if (r.tookCue) takeLossAfterCue(events, k);
      readings.push(r);
    }
  });
  const { placed, unread } = resolve(readings, ex, lines, new Work(budgetOf(ex)));
  const unreadLines = [...brokenLines, ...unread.map((c) => chainLine(c, lines))];
  return {
    submission: submissionOf(placed, ex),
    sources: placed.map((p) => p.source).sort((a, b) => a.line - b.line || a.path.localeCompare(b.path)),
    unread: unreadOf(unreadLines, lines),
  };
}

/** The notation, the shape of every quantity of the solution by path, and the givens. */
function exerciseOf(net: Network, solution: Solution, hats: boolean): Exercise {
  const shapes = new Map<string, { kind: Kind; shape: Shape }>();
  const put = (path: string, key: Quantity, v: number | readonly number[] | readonly (readonly number[])[]) => shapes.set(path, { kind: kindOf(key), shape: shapeOf(v) });
  solution.steps.forEach((step, s) => {
    put(`steps[${s}].loss`, "loss", step.loss);
    step.layers.forEach((layer, l) => {
      for (const [key, v] of Object.entries(layer)) {
        const ref = refOfPath(`steps[${s}].layers[${l}].${key}`);
        if (ref && ref.quantity !== "loss" && ref.quantity !== "loss_after" && v !== undefined) put(ref.path, ref.quantity, v);
      }
    });
  });
  put("loss_after", "loss_after", solution.loss_after);
  return { ctx: { layout: net.layout, layers: net.layers.length, hats }, net, shapes };
}

/** Rows × columns of a solution's value (a flat list is one row, a number 1 × 1). */
function shapeOf(v: number | readonly number[] | readonly (readonly number[])[]): Shape {
  if (typeof v === "number") return [1, 1];
  const first = v[0];
  return Array.isArray(first) ? [v.length, first.length] : [1, v.length];
}

/** The grader's own budget for a submission of this exercise: what is read here, grade reads too. */
function budgetOf(ex: Exercise): number {
  let cells = 0;
  for (const { shape } of ex.shapes.values()) cells += shape[0] * shape[1];
  return SUBMISSION_WORK.base + SUBMISSION_WORK.perCell * cells;
}

/** The placed values in the contract's submission shape (steps and layers up to the last one read). */
function submissionOf(placed: Placed[], ex: Exercise): SubmissionReading {
  const out: SubmissionReading = {};
  const layers = ex.net.layers.length;
  for (const p of placed) {
    const ref = refOfPath(p.path);
    if (!ref) continue;
    if (ref.quantity === "loss_after") {
      out.loss_after = p.cells[0][0];
      continue;
    }
    out.steps ??= [];
    while (out.steps.length <= ref.step) out.steps.push({ layers: Array.from({ length: layers }, (): LayerReading => ({})) });
    const step = out.steps[ref.step];
    if (ref.quantity === "loss") step.loss = p.cells[0][0];
    else step.layers[ref.layer][ref.quantity] = kindOf(ref.quantity) === "flat" ? p.cells[0] : p.cells;
  }
  return out;
}

function unreadOf(lineNumbers: number[], lines: Lines): Unread[] {
  return [...new Set(lineNumbers)].sort((a, b) => a - b).map((line) => ({ line, text: lineText(line, lines) }));
}
