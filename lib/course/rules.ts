// A problem set's rules, in one place: which there are and of what kind, how they are checked, their
// defaults (a new set, practice), a student's exception laid over them, and whether a set still
// takes work. The Prisma model stores them; everything else (the SQL column lists, the set's
// history, a course copy, the form's reading and its field labels) derives from RULE_FIELDS.
import { z } from "zod";
import { AppError } from "../errors";

export const REVEAL_POLICIES = ["after_last_attempt_or_due", "after_due", "after_first_attempt", "never"] as const;
export const LATE_POLICIES = ["refuse", "accept"] as const;

/**
 * Every rule and its kind, in the order the rules form shows them. A "date" is a moment (or none),
 * a "count" a whole number of attempts, a "share" a fraction 0..1, a "reveal" or "late" one of the
 * policies above.
 */
export const RULE_FIELDS = {
  opensAt: "date",
  dueAt: "date",
  attemptsAllowed: "count",
  revealPolicy: "reveal",
  carriedCredit: "share",
  latePolicy: "late",
  latePenalty: "share",
  lateUntil: "date",
} as const;
export type RuleField = keyof typeof RULE_FIELDS;
export type RuleKind = (typeof RULE_FIELDS)[RuleField];
export const RULE_NAMES = Object.keys(RULE_FIELDS) as RuleField[];
export const DATE_RULES = RULE_NAMES.filter((f) => RULE_FIELDS[f] === "date");

export interface Rules {
  opensAt: Date | null;
  dueAt: Date | null;
  attemptsAllowed: number;
  revealPolicy: string;
  /** Share of the points a carried-forward answer earns (0..1). */
  carriedCredit: number;
  /** "refuse": nothing after the due date; "accept": taken until lateUntil (none: no end), the score reduced by latePenalty. */
  latePolicy: string;
  latePenalty: number;
  lateUntil: Date | null;
}

/** What the new-set form starts from. */
export const NEW_SET_RULES: Rules = { opensAt: null, dueAt: null, attemptsAllowed: 3, revealPolicy: "after_last_attempt_or_due", carriedCredit: 1, latePolicy: "refuse", latePenalty: 0, lateUntil: null };

/** Practice: unlimited attempts, the solution after the first one (lib/course/reveal.ts), never late. */
export const PRACTICE_RULES: Rules = { opensAt: null, dueAt: null, attemptsAllowed: 1000, revealPolicy: "after_first_attempt", carriedCredit: 1, latePolicy: "refuse", latePenalty: 0, lateUntil: null };

/** The rules a variant is worked under: its set's (with the student's exception laid over), or practice's. */
export function rulesOf<R extends Rules>(v: { practice: boolean; item: { problemSet: R } | null }): R | Rules {
  if (v.practice || !v.item) return PRACTICE_RULES;
  return v.item.problemSet;
}

const moment = z
  .union([z.iso.datetime({ offset: true }), z.literal(""), z.null()])
  .optional()
  .transform((s) => (s ? new Date(s) : null));
const share = z.coerce.number().min(0).max(1);

/** The rules as a caller sends them (dates as ISO strings with an offset; "" or none for no date). */
export const rulesSchema = z.object({
  opensAt: moment,
  dueAt: moment,
  attemptsAllowed: z.coerce.number().int().min(1).max(100),
  revealPolicy: z.enum(REVEAL_POLICIES),
  carriedCredit: share,
  latePolicy: z.enum(LATE_POLICIES).default("refuse"),
  latePenalty: share.default(0),
  lateUntil: moment,
} satisfies Record<RuleField, z.ZodType>);
export type RulesInput = z.input<typeof rulesSchema>;

const asDate = (x: unknown) => (x === null || x === undefined || x === "" ? null : x instanceof Date ? x : new Date(String(x)));
const asNumber = (x: unknown) => (typeof x === "bigint" ? Number(x) : Number(x ?? 0));

/** A rule's value of its kind from a database row or a stored record (dates as Date, ISO text or epoch). */
export function ruleValue(field: RuleField, x: unknown): Rules[RuleField] {
  const kind = RULE_FIELDS[field];
  if (kind === "date") return asDate(x);
  if (kind === "count" || kind === "share") return asNumber(x);
  return String(x);
}

/** The rules out of anything that carries them (a Prisma row, a raw SQL row, a parsed form), nothing else. */
export function pickRules(r: Record<string, unknown>): Rules {
  return Object.fromEntries(RULE_NAMES.map((f) => [f, ruleValue(f, r[f])])) as unknown as Rules;
}

/** The rules with every date moved by whole days (a course copied to a later term; UTC days: 09:00 UTC stays 09:00 UTC). */
export function shiftedRules(r: Rules, days: number): Rules {
  const shift = (d: Date | null) => (d ? new Date(d.getTime() + days * 86_400_000) : null);
  return { ...r, ...Object.fromEntries(DATE_RULES.map((f) => [f, shift(r[f] as Date | null)])) };
}

/** The rules as stored: late work refused leaves no late end date behind. */
export function normalRules(r: Rules): Rules {
  return r.latePolicy === "accept" ? r : { ...r, lateUntil: null };
}

type Takes = Pick<Rules, "dueAt" | "latePolicy"> & { lateUntil?: Date | null };

/** Whether work is taken at `now`: before the due date (or with none), or late while accepted and before the late end date. */
export function stillTakesWork(rules: Takes, now: Date): boolean {
  if (!rules.dueAt || rules.dueAt > now) return true;
  return rules.latePolicy === "accept" && (!rules.lateUntil || rules.lateUntil > now);
}

/** Whether an attempt at `now` is late (past the due date). */
export function isLate(rules: Pick<Rules, "dueAt">, now: Date): boolean {
  return !!rules.dueAt && rules.dueAt <= now;
}

/** The moment after which nothing is taken: the late end date, or the due date when late work is refused; null when there is none. */
export function closesAt(rules: Takes): Date | null {
  if (!rules.dueAt) return null;
  if (rules.latePolicy !== "accept") return rules.dueAt;
  return rules.lateUntil ?? null;
}

/**
 * A set must open before it is due, late work must end after the due date, and solutions must
 * never reach a student who can still raise their score with them: shown after the first attempt
 * only when there is no second one, and after the due date only when there is a due date and late
 * work (if accepted) has an end.
 */
export function refuseUnsoundRules(r: Rules): void {
  if (r.revealPolicy === "after_first_attempt" && r.attemptsAllowed > 1) {
    throw new AppError("INVALID_INPUT", "revealPolicy: solutions after the first attempt need a set of one attempt (later attempts could copy them)", { revealPolicy: "after_first_attempt with more than one attempt" }, "errors.revealFirstNeedsOneAttempt");
  }
  if (r.revealPolicy === "after_due" && !r.dueAt) {
    throw new AppError("INVALID_INPUT", "revealPolicy: solutions after the due date need a due date (they would never show)", { revealPolicy: "after_due without a due date" }, "errors.revealAfterDueNeedsDue");
  }
  if (r.opensAt && r.dueAt && r.opensAt >= r.dueAt) {
    throw new AppError("INVALID_INPUT", "opensAt: the problem set would open after it is due", { opensAt: "must be before the due date" }, "errors.opensAfterDue");
  }
  if (r.latePolicy === "accept" && r.lateUntil && (!r.dueAt || r.lateUntil <= r.dueAt)) {
    throw new AppError("INVALID_INPUT", "lateUntil: late work must end after the due date", { lateUntil: "must be after the due date" }, "errors.lateUntilBeforeDue");
  }
  if (r.revealPolicy === "after_due" && r.latePolicy === "accept" && !r.lateUntil) {
    throw new AppError("INVALID_INPUT", "revealPolicy: solutions after the due date need an end date for late work (late students could copy them)", { revealPolicy: "after_due with late work accepted and no end" }, "errors.revealWhileLateOpen");
  }
}

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

type Personal = { dueAt: Date | null; attemptsAllowed: number; lateUntil?: Date | null };

/**
 * The student's own due date and attempts. An exception only ever gives more: an extension dated
 * before the set's due date (the set was later moved) leaves the set's date in force. An extended
 * student keeps the set's late window after their own due date (late until moves with it).
 */
export function personalRules<R extends Personal>(set: R, exception: ExceptionTerms | null): R {
  if (!exception) return set;
  const dueAt = laterDue(set.dueAt, exception.dueAt);
  const moved = set.dueAt && dueAt ? dueAt.getTime() - set.dueAt.getTime() : 0;
  const lateUntil = set.lateUntil ? new Date(set.lateUntil.getTime() + moved) : set.lateUntil;
  return { ...set, dueAt, lateUntil, attemptsAllowed: set.attemptsAllowed + Math.max(0, exception.extraAttempts) };
}
