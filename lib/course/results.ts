// The per-student, per-exercise summary row behind class statistics (see VariantResult).
import { LATEST_GRADE_FIRST } from "./latest-grade";
import type { Prisma } from "../db/generated/client";
import type { Grade } from "../grading";

type Tx = Prisma.TransactionClient;

/** path → [verdict initial, misconception?]: c(orrect), r (carried), i(ncorrect), m(issing). */
export type Verdicts = Record<string, [string, string?]>;

export function compactVerdicts(grade: Grade): Verdicts {
  const out: Verdicts = {};
  for (const item of grade.items) {
    const v = { correct: "c", carried: "r", incorrect: "i", missing: "m" }[item.verdict];
    out[item.path] = item.misconception ? [v, item.misconception] : [v];
  }
  return out;
}

/** Recomputes the summary of one variant from its submissions and their latest grades. */
export async function refreshResult(tx: Tx, variantId: string): Promise<void> {
  const variant = await tx.variant.findUniqueOrThrow({
    where: { id: variantId },
    include: { submissions: { orderBy: { attempt: "asc" }, include: { grades: { orderBy: LATEST_GRADE_FIRST, take: 1 } } } },
  });
  const graded = variant.submissions.filter((s) => s.grades.length);
  if (!graded.length) return;
  const latest = graded[graded.length - 1];
  const grade = latest.grades[0];
  const data = {
    itemId: variant.itemId,
    userId: variant.userId,
    attempts: graded.length,
    bestScore: Math.max(...graded.map((s) => s.grades[0].score)),
    latestScore: grade.score,
    maxScore: grade.maxScore,
    firstDivergence: grade.firstDivergence,
    verdictsJson: JSON.stringify(compactVerdicts(JSON.parse(grade.gradeJson) as Grade)),
    firstOpenedAt: variant.createdAt,
    lastSubmittedAt: latest.createdAt,
  };
  await tx.variantResult.upsert({ where: { variantId }, create: { variantId, ...data }, update: data });
}
