// The terms of this exercise said at the top of its page: when it is due (the student's own due
// date, an extension included), whether late work is taken (until when, at what cost) and how many
// attempts are left (or, once closed, were used), under the student's standing (app/_components/standing.tsx).
// Practice has none of these.
import type { ReactNode } from "react";
import type { TFunction } from "i18next";

export interface Terms {
  practice: boolean;
  dueAt: Date | null;
  attemptsLeft: number;
  attemptsAllowed: number;
  /** Late work taken after the due date: its penalty (0..1) and until when (null: no end); null when refused. */
  late: { penalty: number; until: Date | null } | null;
  /** Nothing more is taken: the attempts say how many were used, not how many are "left". */
  closed?: boolean;
}

export function WorkTerms({ terms, t, date, standing }: { terms: Terms; t: TFunction; date: (d: Date) => string; standing?: ReactNode }) {
  if (terms.practice) {
    return (
      <p className="work-terms" data-testid="work-terms">
        {t("work.practiceTerms")}
      </p>
    );
  }
  return (
    <>
    {standing}
    <p className="work-terms" data-testid="work-terms">
      <span data-testid="due">{terms.dueAt ? t("work.dueOn", { date: date(terms.dueAt) }) : t("work.noDue")}</span>
      {terms.dueAt && terms.late ? (
        <>
          <span aria-hidden="true"> · </span>
          <span data-testid="late">
            {terms.late.until
              ? t("work.lateUntil", { date: date(terms.late.until), percent: Math.round(100 * terms.late.penalty) })
              : t("work.lateOpen", { percent: Math.round(100 * terms.late.penalty) })}
          </span>
        </>
      ) : null}
      <span aria-hidden="true"> · </span>
      <span data-testid="attempts">
        {terms.closed
          ? t("standing.usedOf", { used: terms.attemptsAllowed - terms.attemptsLeft, allowed: terms.attemptsAllowed })
          : t("work.attemptsOf", { left: terms.attemptsLeft, total: terms.attemptsAllowed, count: terms.attemptsAllowed })}
      </span>
    </p>
    </>
  );
}
