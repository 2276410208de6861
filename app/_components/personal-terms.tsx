// What a student's instructor gave them on this exercise, said on the exercise page: their own due
// date ("extended by your instructor"), extra attempts, and a score given by hand with its reason.
import type { TFunction } from "i18next";
import type { ManualScoreView, StudentSetRules } from "@/lib/course/queries";

export function PersonalTerms({ set, manualScore, t, date }: { set: StudentSetRules; manualScore: ManualScoreView | null; t: TFunction; date: (d: Date) => string }) {
  const x = set.exception;
  // The due date in force is the student's own (lib/course/rules.ts); it was extended only if the exception moved it.
  const extended = !!x?.dueAt && !!set.dueAt && x.dueAt.getTime() === set.dueAt.getTime();
  if (!extended && !x?.extraAttempts && !manualScore) return null;
  return (
    <div className="notice" data-testid="personal-terms">
      {extended && set.dueAt ? <p>{t("work.extendedDue", { date: date(set.dueAt) })}</p> : null}
      {x?.extraAttempts ? <p>{t("work.extraAttempts", { count: x.extraAttempts })}</p> : null}
      {manualScore ? (
        <p>
          <strong>{t("work.manualScore", { score: manualScore.score, max: manualScore.maxScore, reason: manualScore.reason })}</strong> {t("work.manualScoreNote")}
        </p>
      ) : null}
    </div>
  );
}
