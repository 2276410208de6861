// The terms of this exercise said at the top of its page: when it is due (the student's own due
// date, an extension included) and how many attempts are left. Practice has neither.
import type { TFunction } from "i18next";

export interface Terms {
  practice: boolean;
  dueAt: Date | null;
  attemptsLeft: number;
  attemptsAllowed: number;
}

export function WorkTerms({ terms, t, date }: { terms: Terms; t: TFunction; date: (d: Date) => string }) {
  if (terms.practice) {
    return (
      <p className="work-terms" data-testid="work-terms">
        {t("work.practiceTerms")}
      </p>
    );
  }
  return (
    <p className="work-terms" data-testid="work-terms">
      <span data-testid="due">{terms.dueAt ? t("work.dueOn", { date: date(terms.dueAt) }) : t("work.noDue")}</span>
      <span aria-hidden="true"> · </span>
      <span data-testid="attempts">{t("work.attemptsOf", { left: terms.attemptsLeft, total: terms.attemptsAllowed, count: terms.attemptsAllowed })}</span>
    </p>
  );
}
