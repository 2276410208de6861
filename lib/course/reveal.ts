// The one rule for exact values and worked solutions. Every page, route and export that could
// show a variant's answers asks mayReveal(), and sends a grade only through gradeFor().
import type { PrismaClient } from "../db/generated/client";
import { builtinTemplate } from "../exercises/builtin";
import type { Template } from "../exercises/template";
import type { Grade, GradeItem } from "../grading";
import { courseAccess } from "../access";
import { notFound } from "../errors";
import { attemptsOf, studentSubmission, studentVariant } from "./queries";
import type { ActorRef } from "../access";
import { laterDue, personalRules, rulesOf, stillTakesWork, type Rules } from "./rules";

type Db = PrismaClient;

/**
 * `lastDueAt`: the latest due date of anyone in the set (the set's own, or a student's extension).
 * Solutions shown "after the due date" wait for it, for everyone: shown at the set's own due date
 * while one student still had days to submit, they would reach that student through a classmate.
 * Unknown (undefined) means no extension is known of, and the rule's own due date is used.
 */
export type RevealRules = Pick<Rules, "attemptsAllowed" | "dueAt" | "revealPolicy" | "latePolicy"> & { lateUntil?: Date | null; lastDueAt?: Date | null };

/** When a student sees the solution, as the rules read once late work is taken into account. */
export type RevealMoment = "last_attempt_or_due" | "last_attempt" | "due" | "first_attempt" | "never";

/** What the rule needs of a variant (a Prisma variant with item.problemSet included). */
export interface RevealTarget {
  id: string;
  userId: string;
  practice: boolean;
  exerciseJson: string;
  item: { problemSet: Rules & { id: string; courseId: string; lastDueAt?: Date | null } } | null;
}

/**
 * The policy's moment. "The due date" is when the set stops taking work: the due date itself, or
 * the end of late work; accepted late work without an end never closes, so it then reveals nothing.
 */
export function revealMoment(rules: Pick<Rules, "revealPolicy" | "latePolicy"> & { lateUntil?: Date | null }): RevealMoment {
  const dueCounts = rules.latePolicy !== "accept" || !!rules.lateUntil;
  switch (rules.revealPolicy) {
    case "never":
      return "never";
    case "after_first_attempt":
      return "first_attempt";
    case "after_due":
      return dueCounts ? "due" : "never";
    default:
      return dueCounts ? "last_attempt_or_due" : "last_attempt";
  }
}

/**
 * A set's rules as the reveal reads them. Sets saved before the rules form refused it may show
 * solutions "after the first attempt" with more attempts to come: those wait for the last attempt
 * (or the due date), so that nobody who could still raise their score reads the solution.
 */
export function soundReveal<R extends Pick<Rules, "revealPolicy" | "attemptsAllowed">>(rules: R): R {
  return rules.revealPolicy === "after_first_attempt" && rules.attemptsAllowed > 1 ? { ...rules, revealPolicy: "after_last_attempt_or_due" } : rules;
}

/** The policy alone, for the variant's own student who has used `attemptsUsed` attempts. */
export function revealedByRules(rules: RevealRules, attemptsUsed: number, now = new Date()): boolean {
  // No one in the set may submit any more (the latest extension included).
  const latest = rules.lastDueAt === undefined ? rules : personalRules(rules, { dueAt: rules.lastDueAt, extraAttempts: 0 });
  const closed = !stillTakesWork(latest, now);
  const lastUsed = attemptsUsed >= rules.attemptsAllowed;
  switch (revealMoment(rules)) {
    case "never":
      return false;
    case "first_attempt":
      return attemptsUsed >= 1;
    case "due":
      return closed;
    case "last_attempt":
      return lastUsed;
    case "last_attempt_or_due":
      return closed || lastUsed;
  }
}

/** A practice variant drawn from a fixed built-in (possible before practice drew from random siblings). */
function practiceOfFixed(v: RevealTarget): boolean {
  if (!v.practice) return false;
  const id = (JSON.parse(v.exerciseJson) as { template?: unknown }).template;
  return typeof id !== "string" || !!builtinTemplate(id)?.fixed;
}

async function enrolled(db: Db, userId: string, courseId: string): Promise<boolean> {
  const m = await db.membership.findUnique({ where: { userId_courseId: { userId, courseId } } });
  return !!m && !m.removedAt;
}

/**
 * The one rule: may `actor` see this variant's exact values and worked solution?
 * The course's staff (instructors and TAs) always; its enrolled student by the set's rules; anyone else never.
 */
export async function mayReveal(db: Db, actor: ActorRef, v: RevealTarget, now = new Date(), known?: { enrolled: boolean; used: number }): Promise<boolean> {
  const set = v.item?.problemSet;
  // A student on their own variant skips the staff look-up: the exercise page is a hot path.
  const mayBeStaff = actor.id !== v.userId || actor.role === "instructor";
  if (set && mayBeStaff && (await courseAccess(db, actor, set.courseId))) return true;
  if (actor.id !== v.userId || practiceOfFixed(v)) return false;
  if (set && !(known ? known.enrolled : await enrolled(db, actor.id, set.courseId))) return false;
  const used = known ? known.used : await db.submission.count({ where: { variantId: v.id } });
  if (!set) return revealedByRules(rulesOf(v), used, now);
  const rules = soundReveal(set.lastDueAt === undefined ? await rulesInForce(db, set, v.userId) : set);
  if (!revealedByRules(rules, used, now)) return false;
  // A fixed exercise has the same numbers for everyone: its solution waits until nobody in the course can still submit it anywhere.
  const template = fixedTemplateOf(v);
  return !template || !(await fixedStillOpen(db, set.courseId, template, now));
}

/** The built-in fixed template a variant was drawn from, if it was (every student has its numbers). */
function fixedTemplateOf(v: RevealTarget): string | undefined {
  const id = (JSON.parse(v.exerciseJson) as { template?: unknown }).template;
  return typeof id === "string" && builtinTemplate(id)?.fixed ? id : undefined;
}

/**
 * Whether some student of the course may still submit the fixed template `templateId` in some set
 * that students see: before its due date or the latest extension, or while late work is taken.
 */
export async function fixedStillOpen(db: Db, courseId: string, templateId: string, now = new Date()): Promise<boolean> {
  const sets = await db.problemSet.findMany({
    where: { courseId, status: { not: "draft" }, items: { some: { templateId } } },
    select: { dueAt: true, latePolicy: true, lateUntil: true, attemptsAllowed: true, exceptions: { select: { dueAt: true } } },
  });
  return sets.some((s) => stillTakesWork(personalRules(s, { dueAt: s.exceptions.reduce((d, x) => laterDue(d, x.dueAt), s.dueAt), extraAttempts: 0 }), now));
}

/** A set's rules in force for one student: their exception and the set's latest extension laid over the set's own (the reveal rule, and the check that an exception reopens nothing seen). */
export async function rulesInForce(db: Db, set: RevealRules & { id: string }, userId: string): Promise<RevealRules> {
  const [own, latest] = await Promise.all([
    db.studentException.findUnique({ where: { problemSetId_userId: { problemSetId: set.id, userId } }, select: { dueAt: true, extraAttempts: true } }),
    db.studentException.aggregate({ where: { problemSetId: set.id }, _max: { dueAt: true } }),
  ]);
  return { ...personalRules(set, own), lastDueAt: laterDue(set.dueAt, latest._max.dueAt) };
}

function withoutExactValues(item: GradeItem): GradeItem {
  const { expected, carried_expected, ...kept } = item;
  void expected;
  void carried_expected;
  return kept;
}

/** The grade as its reader may see it: verdicts, marks and hints always; exact values only once revealed. */
export function gradeFor(grade: Grade, revealed: boolean): Grade {
  return revealed ? grade : { ...grade, items: grade.items.map(withoutExactValues) };
}

/** A built-in template's own solution (the home page's exercise pages): a fixed one may be someone's homework. */
export function mayRevealBuiltin(actor: ActorRef | null, template: Template): boolean {
  return !template.fixed || actor?.role === "instructor";
}

/**
 * The exercise page's data: the student's variant, their attempts, what is left, and whether the
 * solution shows. Two queries (lib/course/queries.ts): the variant with its rules, draft and
 * enrolment, then the attempts with their scores.
 */
export async function workView(db: Db, actor: ActorRef, variantId: string, now = new Date()) {
  const variant = await studentVariant(db, actor.id, variantId);
  const rules = rulesOf(variant);
  const submissions = await attemptsOf(db, variantId);
  const attemptsLeft = stillTakesWork(rules, now) ? Math.max(0, rules.attemptsAllowed - submissions.length) : 0;
  const moment: RevealMoment = practiceOfFixed(variant) ? "never" : revealMoment(soundReveal(rules));
  // studentVariant refused anyone but the enrolled owner.
  const revealed = await mayReveal(db, actor, variant, now, { enrolled: true, used: submissions.length });
  return { variant, rules, submissions, attemptsLeft, moment, revealed };
}

/** One graded attempt as its student may see it: the latest grade without exact values until revealed. */
export async function attemptView(db: Db, actor: ActorRef, submissionId: string, now = new Date()) {
  // One query: the submission, its latest grade, its variant's rules and the student's enrolment.
  const found = await studentSubmission(db, actor.id, submissionId);
  if (!found) throw notFound("submission not found");
  const { submission, gradeJson, enrolled, used } = found;
  const revealed = await mayReveal(db, actor, submission.variant, now, { enrolled, used });
  const grade = gradeJson ? gradeFor(JSON.parse(gradeJson) as Grade, revealed) : null;
  return { submission, grade, revealed };
}
