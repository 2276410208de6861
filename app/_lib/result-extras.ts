// What the result page and the instructor's drill-down add to a grade: the exercise's layout, each
// wrong entry explained (computed in the worker pool: up to ~10 ms of exact arithmetic for a
// 2-3-3-2 exercise, more for larger ones) and, once revealed, the worked solution's step per quantity.
import "server-only";
import { solvedCached } from "@/lib/course/exercise-cache";
import { networkOf } from "@/lib/course/work";
import type { Grade } from "@/lib/grading";
import type { EntryExplanation } from "@/lib/grading/explain-entry";
import type { Layout } from "@/lib/nn/types";
import { runTask } from "@/lib/workers/pool";
import { quantityFormulaTex } from "./quantity-formula";

export interface ResultExtras {
  layout: Layout;
  explanations: Record<string, EntryExplanation[]>;
  formulas: Record<string, string>;
}

/** The worked solution's line for each graded quantity (only called once the rule reveals). */
function formulasOf(exerciseJson: string, grade: Grade): Record<string, string> {
  const { net, trace } = solvedCached(exerciseJson);
  const out: Record<string, string> = {};
  for (const item of grade.items) {
    const tex = quantityFormulaTex(net, trace, item.path);
    if (tex) out[item.path] = tex;
  }
  return out;
}

/**
 * The extras of one graded attempt. `grade` has been through gradeFor() and `revealed` is
 * mayReveal()'s answer for the reader. An exercise that can no longer be read gives no extras
 * (the grade itself still shows).
 */
export async function resultExtras(exerciseJson: string, answersJson: string, grade: Grade, revealed: boolean): Promise<ResultExtras> {
  let layout: Layout = "row";
  try {
    layout = networkOf(exerciseJson).net.layout;
  } catch {
    return { layout, explanations: {}, formulas: {} };
  }
  const explanations = await runTask("explain", { exerciseJson, answersJson, grade, revealed }).catch(() => ({}));
  return { layout, explanations, formulas: revealed ? formulasOf(exerciseJson, grade) : {} };
}
