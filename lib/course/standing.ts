// Where a student stands on a problem set before they do anything: not open yet, open (due or not),
// late (at what penalty, until when) or closed. Worked out from the student's own rules (their
// exception folded in, lib/course/rules.ts), so the dashboard and the exercise page say the same.
import { closesAt, isLate, stillTakesWork, type Rules } from "./rules";

type Terms = Pick<Rules, "opensAt" | "dueAt" | "latePolicy" | "latePenalty"> & { lateUntil?: Date | null };

export type Standing =
  | { kind: "notOpen"; opensAt: Date }
  | { kind: "open"; dueAt: Date | null }
  | { kind: "late"; penalty: number; until: Date | null }
  | { kind: "closed"; closedAt: Date | null };

/** The student's standing at `now` under their own rules. */
export function standingOf(rules: Terms, now: Date): Standing {
  if (rules.opensAt && rules.opensAt > now) return { kind: "notOpen", opensAt: rules.opensAt };
  if (!stillTakesWork(rules, now)) return { kind: "closed", closedAt: closesAt(rules) };
  if (isLate(rules, now)) return { kind: "late", penalty: rules.latePenalty, until: rules.lateUntil ?? null };
  return { kind: "open", dueAt: rules.dueAt };
}

/** How long until `then`, in the largest whole unit a person reads ("3 days", "5 hours", "12 minutes"). */
export function timeUntil(then: Date, now: Date): { unit: "day" | "hour" | "minute"; count: number } {
  const minutes = Math.max(0, Math.floor((then.getTime() - now.getTime()) / 60_000));
  if (minutes >= 48 * 60) return { unit: "day", count: Math.floor(minutes / (24 * 60)) };
  if (minutes >= 120) return { unit: "hour", count: Math.floor(minutes / 60) };
  return { unit: "minute", count: minutes };
}
