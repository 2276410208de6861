// The explanations of an attempt's wrong entries (lib/grading/explain-entry.ts), from what is
// stored: the variant's exercise JSON, the submission's answers and its grade.
import { storedSubmission } from "./answers";
import { solvedCached } from "./exercise-cache";
import { studentValues, type Grade } from "../grading";
import { explainEntry, wrongEntries, type CarriedCache, type EntryExplanation } from "../grading/explain-entry";
import { GradingContext } from "../grading/recompute";
import { traceValues } from "../grading/quantity-values";
import type { Num } from "../nn/num";

export interface AttemptToExplain {
  exerciseJson: string;
  answersJson: string;
  grade: Grade;
  /** Whether the reader may see exact values (mayReveal). */
  revealed: boolean;
  format?: (x: Num) => string;
  /** At most this many entries are explained (the first in computation order). */
  limit?: number;
}

/**
 * A page explains at most this many entries: a TA writes a handful of margin notes, and an attempt
 * wrong everywhere (1,081 entries of an 8-8-8 exercise over 8 samples) would otherwise cost about
 * 280 ms and a page of megabytes. The first wrong entries are the ones that matter: the rest follow.
 */
export const MAX_EXPLAINED = 40;

/**
 * Each wrong entry explained, by quantity path. An attempt that can no longer be read (an exercise
 * edited since, say) has no explanations rather than an error: the grade still shows.
 */
export function explainAttempt({ exerciseJson, answersJson, grade, revealed, format, limit = MAX_EXPLAINED }: AttemptToExplain): Record<string, EntryExplanation[]> {
  const wrong = wrongEntries(grade.items).slice(0, limit);
  if (wrong.length === 0) return {};
  let ctx: GradingContext;
  let tolerance;
  try {
    const { net, trace, settings } = solvedCached(exerciseJson);
    const exact = traceValues(trace);
    ctx = new GradingContext(net, exact, studentValues(net, trace, storedSubmission(answersJson), exact));
    tolerance = settings.tolerance;
  } catch {
    return {};
  }
  const cache: CarriedCache = new Map();
  const out: Record<string, EntryExplanation[]> = {};
  for (const { path, row, col } of wrong) (out[path] ??= []).push(explainEntry(ctx, path, row, col, { tolerance, revealed, format }, cache));
  return out;
}
