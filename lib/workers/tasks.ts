// The CPU-heavy work of a request, as plain functions of plain data: grading an attempt, reading a
// cell for the live preview, drawing a variant. They run in the worker pool (lib/workers/pool.ts),
// never on the thread that answers requests, and return refusals as data, since a worker's errors
// lose their class on the way back.
import { InvalidInputError } from "../exercises/errors";
import { readExercise } from "../exercises/instance";
import { drawVariantReport, readTemplate } from "../exercises/template";
import { gradeSubmission, withLatePenalty, type Grade, type GradeOptions } from "../grading";
import { InputError, parseMatrix, parseScalar, toNumber } from "../grading/parse";
import { solve } from "../nn/network";
import type { Reason } from "../reasons";

/** A refusal that crossed the thread boundary: the key at fault, the English detail and the reason code. */
export interface Refusal {
  key: string;
  detail: string;
  why?: Reason;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

function refused(e: unknown): Outcome<never> {
  if (e instanceof InvalidInputError) return { ok: false, refusal: { key: e.key, detail: e.detail, ...(e.why ? { why: e.why } : {}) } };
  if (e instanceof InputError) return { ok: false, refusal: { key: e.cell, detail: e.reason, why: e.why } };
  throw e;
}

function attempt<T>(f: () => T): Outcome<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return refused(e);
  }
}

export interface GradeInput {
  exerciseJson: string;
  submission: unknown;
  options: GradeOptions;
  latePenalty?: number;
}

/** Solves the exercise exactly and grades the submission against it. */
export function gradeTask({ exerciseJson, submission, options, latePenalty }: GradeInput): Outcome<Grade> {
  return attempt(() => {
    const net = readExercise(JSON.parse(exerciseJson));
    const grade = gradeSubmission(net, solve(net), submission, options);
    return latePenalty ? withLatePenalty(grade, latePenalty) : grade;
  });
}

export type PreviewInput = { text: string } | { matrix: string };

/** What the server reads in one cell, or in a pasted matrix, as doubles for display. */
export function previewTask(input: PreviewInput): Outcome<number | number[][]> {
  return attempt(() => ("text" in input ? toNumber(parseScalar(input.text, "cell")) : parseMatrix(input.matrix, "matrix").map((r) => r.map(toNumber))));
}

/** One variant of a template (its JSON), with the reasons earlier draws were rejected. */
export function drawTask({ template, seed }: { template: unknown; seed: string }): Outcome<{ exerciseJson: string; rejected: Reason[][] }> {
  return attempt(() => {
    const { variant, rejected } = drawVariantReport(readTemplate(template), seed);
    return { exerciseJson: JSON.stringify(variant), rejected };
  });
}

export const TASKS = { grade: gradeTask, preview: previewTask, draw: drawTask } as const;
export type TaskName = keyof typeof TASKS;
export type TaskInput<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0];
export type TaskOutput<N extends TaskName> = ReturnType<(typeof TASKS)[N]>;
