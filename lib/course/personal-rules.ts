// A set's rules as they apply to one student: the set's own, with that student's exception (a later
// due date, extra attempts) laid over them. Pure, so the submission route, the reveal rule and the
// pages compute it the same way from whatever query brought the rows.

/** One student's exception on a set (model StudentException), as the rules read it. */
export interface ExceptionTerms {
  dueAt: Date | null;
  extraAttempts: number;
}

/** The later of two due dates; a set with no due date has none, whatever an exception says. */
export function laterDue(setDue: Date | null, ownDue: Date | null | undefined): Date | null {
  if (!setDue) return null;
  return ownDue && ownDue > setDue ? ownDue : setDue;
}

/**
 * The student's own due date and attempts. An exception only ever gives more: an extension dated
 * before the set's due date (the set was later moved) leaves the set's date in force.
 */
export function personalRules<R extends { dueAt: Date | null; attemptsAllowed: number }>(set: R, exception: ExceptionTerms | null): R {
  if (!exception) return set;
  return { ...set, dueAt: laterDue(set.dueAt, exception.dueAt), attemptsAllowed: set.attemptsAllowed + Math.max(0, exception.extraAttempts) };
}
