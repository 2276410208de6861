// The CPU-heavy work of a request, as plain functions of plain data: grading an attempt, reading a
// cell for the live preview, drawing a variant. They run in the worker pool (lib/workers/pool.ts),
// never on the thread that answers requests, and return refusals as data, since a worker's errors
// lose their class on the way back.
import { scryptSync } from "node:crypto";
import { InvalidInputError } from "../exercises/errors";
import { readExercise } from "../exercises/instance";
import { drawVariantReport, readGradingSettings, readTemplate } from "../exercises/template";
import { storedSubmission } from "../course/answers";
import { compactVerdicts } from "../course/results";
import { solvedCached } from "../course/exercise-cache";
import { explainAttempt, type AttemptToExplain } from "../course/explanations";
import { gradeSubmission, withLatePenalty, type Grade, type GradeOptions } from "../grading";
import { InputError, parseMatrix, parseScalar, toNumber } from "../grading/parse";
import { solve } from "../nn/network";
import { previewTemplate, type PreviewVariant } from "../teach/builder";
import type { Reason } from "../reasons";
import { readTranscript, TranscriptRefused, type Reading } from "../read";
import { toSolution } from "../exercises/solution";

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
    // The exercise is read and solved once per worker thread, then kept (lib/course/exercise-cache.ts).
    const { net, trace } = solvedCached(exerciseJson);
    const grade = gradeSubmission(net, trace, submission, options);
    return latePenalty ? withLatePenalty(grade, latePenalty) : grade;
  });
}

/** A graded attempt as it is stored: the figures the result row needs, and the grade and verdicts as JSON. */
export interface GradeRecord {
  score: number;
  maxScore: number;
  firstDivergence: string | null;
  gradeJson: string;
  verdictsJson: string;
}

/**
 * gradeTask for a submission about to be stored: the grade comes back already serialized. Copying
 * a grade of 26 quantities between threads as objects, then serializing it on the request thread,
 * cost more of that thread than the rest of the request; two strings cost almost nothing.
 */
export function gradeRecordTask(input: GradeInput): Outcome<GradeRecord> {
  const graded = gradeTask(input);
  if (!graded.ok) return graded;
  const grade = graded.value;
  return { ok: true, value: { score: grade.score, maxScore: grade.max_score, firstDivergence: grade.first_divergence, gradeJson: JSON.stringify(grade), verdictsJson: JSON.stringify(compactVerdicts(grade)) } };
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

export interface RegradeInput {
  carriedCredit: number;
  latePenalty: number;
  /** Whole variants, each with the submissions to regrade: one exact solve per variant. */
  variants: { variantId: string; exerciseJson: string; submissions: { id: string; answersJson: string; late: boolean }[] }[];
}

/** A regraded submission, ready to store (the grade JSON is written here, off the request thread). */
export interface Regraded {
  submissionId: string;
  score: number;
  maxScore: number;
  firstDivergence: string | null;
  gradeJson: string;
  /** The verdicts in the result row's compact form (lib/course/results.ts). */
  verdictsJson: string;
}

export interface RegradeOutput {
  variants: { variantId: string; graded: Regraded[]; refused: { submissionId: string; refusal: Refusal }[] }[];
}

const refusalOf = (e: unknown): Refusal => {
  if (e instanceof InvalidInputError) return { key: e.key, detail: e.detail, ...(e.why ? { why: e.why } : {}) };
  if (e instanceof InputError) return { key: e.cell, detail: e.reason, why: e.why };
  return { key: "submission", detail: e instanceof Error ? e.message : String(e) };
};

/**
 * Regrades a batch of submissions under new rules (a regrade job's chunk, lib/teach/regrade.ts).
 * A submission that can no longer be graded is refused on its own; the others go on. Each exercise
 * is solved here, not through the exercise cache: a regrade reads every exercise of a set once, and
 * would push out of the cache the ones students are working on.
 */
export function regradeTask({ carriedCredit, latePenalty, variants }: RegradeInput): RegradeOutput {
  return {
    variants: variants.map(({ variantId, exerciseJson, submissions }) => {
      const graded: Regraded[] = [];
      const refused: { submissionId: string; refusal: Refusal }[] = [];
      let solved: { net: ReturnType<typeof readExercise>; trace: ReturnType<typeof solve>; options: GradeOptions } | undefined;
      try {
        const raw = JSON.parse(exerciseJson) as unknown;
        const net = readExercise(raw);
        const settings = readGradingSettings(raw);
        solved = { net, trace: solve(net), options: { tolerance: settings.tolerance, asked: settings.asked, points: settings.points, carriedCredit } };
      } catch (e) {
        for (const s of submissions) refused.push({ submissionId: s.id, refusal: refusalOf(e) });
      }
      if (solved) {
        for (const s of submissions) {
          try {
            const fresh = gradeSubmission(solved.net, solved.trace, storedSubmission(s.answersJson), solved.options);
            const grade = s.late ? withLatePenalty(fresh, latePenalty) : fresh;
            graded.push({ submissionId: s.id, score: grade.score, maxScore: grade.max_score, firstDivergence: grade.first_divergence, gradeJson: JSON.stringify(grade), verdictsJson: JSON.stringify(compactVerdicts(grade)) });
          } catch (e) {
            refused.push({ submissionId: s.id, refusal: refusalOf(e) });
          }
        }
      }
      return { variantId, graded, refused };
    }),
  };
}

/** The template builder's preview: a few variants of a template, searched within the builder's time budget. */
export function builderPreviewTask({ template }: { template: unknown }): Outcome<PreviewVariant[]> {
  return attempt(() => previewTemplate(readTemplate(template)));
}

/** The wrong entries of a graded attempt explained (the result page's "Explain"), off the request thread. */
export function explainTask(input: Omit<AttemptToExplain, "format">): ReturnType<typeof explainAttempt> {
  return explainAttempt(input);
}

export interface ScryptInput {
  password: string;
  salt: Uint8Array;
  keylen: number;
  N: number;
  r: number;
  p: number;
  maxmem: number;
}

/** One slow password hash (lib/auth/password.ts), on the hashing pool's thread, which yields to requests. */
export function scryptTask({ password, salt, keylen, N, r, p, maxmem }: ScryptInput): Uint8Array {
  return new Uint8Array(scryptSync(password, salt, keylen, { N, r, p, maxmem }));
}

export interface PaperInput {
  exerciseJson: string;
  transcript: string;
  options: GradeOptions;
}

/** A paper attempt: the quantities read from the transcript, and their grade as it is stored (none when nothing was read). */
export interface PaperOutput {
  reading: Reading;
  record: GradeRecord | null;
}

/** Reads a hand calculation's transcript against the student's own exercise (lib/read/) and grades what it holds. */
export function paperTask({ exerciseJson, transcript, options }: PaperInput): Outcome<PaperOutput> {
  let reading: Reading;
  try {
    const { net, trace } = solvedCached(exerciseJson);
    reading = readTranscript(net, toSolution(trace, net.layout), transcript);
  } catch (e) {
    if (e instanceof TranscriptRefused) return { ok: false, refusal: { key: "transcript", detail: e.message } };
    throw e;
  }
  if (!reading.sources.length) return { ok: true, value: { reading, record: null } };
  const graded = gradeRecordTask({ exerciseJson, submission: reading.submission, options });
  return graded.ok ? { ok: true, value: { reading, record: graded.value } } : graded;
}

/** What a student's transcript holds for their own exercise (lib/read/), before they submit anything. */
export function readTask({ exerciseJson, transcript }: { exerciseJson: string; transcript: string }): Outcome<Reading> {
  try {
    const { net, trace } = solvedCached(exerciseJson);
    return { ok: true, value: readTranscript(net, toSolution(trace, net.layout), transcript) };
  } catch (e) {
    if (e instanceof TranscriptRefused) return { ok: false, refusal: { key: "transcript", detail: e.message } };
    throw e;
  }
}

export const TASKS = {
  grade: gradeTask,
  gradeRecord: gradeRecordTask,
  preview: previewTask,
  draw: drawTask,
  regrade: regradeTask,
  builderPreview: builderPreviewTask,
  explain: explainTask,
  scrypt: scryptTask,
  paper: paperTask,
  read: readTask,
} as const;
export type TaskName = keyof typeof TASKS;
export type TaskInput<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0];
export type TaskOutput<N extends TaskName> = ReturnType<(typeof TASKS)[N]>;
