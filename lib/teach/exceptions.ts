// Per-student exceptions on a problem set (a later due date, extra attempts) and scores given by
// hand to one student's exercise, with why. Only a course's instructors make them (a TA only reads
// them); each change goes to the course's audit log, and a manual score tells its student
// (a GradeNotice) and goes to the LMS grade book when the set is linked from one.
//
// Where they take effect: the submission route and the exercise page read the student's own rules
// (lib/course/rules.ts, through lib/course/queries.ts); the reveal rule waits for the
// latest extension of the set (lib/course/reveal.ts); the export and the LMS score count the
// manual score instead of the graded one (lib/teach/export.ts, lib/lti/ags.ts).
import { sharedNames, studentLabel } from "./student-label";
import { z } from "zod";
import { AppError, notFound, parseOr422 } from "../errors";
import type { ActorRef } from "../access";
import { laterDue, personalRules, stillTakesWork, type ExceptionTerms } from "../course/rules";
import { revealedByRules, rulesInForce, type RevealRules } from "../course/reveal";
import { queueScores } from "../course/scores";
import { audit, setTaughtBy, setViewableBy, type Db } from "../access";

const reason = z.string().trim().min(1).max(500);
const due = z.union([z.iso.datetime({ offset: true }), z.literal("")]).transform((s) => (s ? new Date(s) : null));

export const exceptionSchema = z.object({
  userId: z.string().min(1).max(64),
  dueAt: due.optional().transform((d) => d ?? null),
  extraAttempts: z.coerce.number().int().min(0).max(100).default(0),
  reason,
});

export const manualScoreSchema = z.object({
  userId: z.string().min(1).max(64),
  // An empty field is no score (coercing "" would make it 0).
  score: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().min(0).max(10_000)),
  /** Only asked when no attempt on the exercise tells its points yet. */
  maxScore: z.union([z.literal("").transform(() => undefined), z.coerce.number().positive().max(10_000)]).optional(),
  reason,
});

const noStudent = () => new AppError("NOT_FOUND", "no such student in this course", undefined, "formError.noStudent");

/** A student (not staff) of the course, removed or not: their work still counts, so may be corrected. */
async function studentOf(db: Db, courseId: string, userId: string) {
  const m = await db.membership.findUnique({ where: { userId_courseId: { userId, courseId } }, include: { user: { select: { id: true, name: true } } } });
  if (!m || m.role !== "student") throw noStudent();
  return m.user;
}

type SetRules = RevealRules & { id: string; dueAt: Date | null; attemptsAllowed: number; items: { id: string }[] };

/**
 * An exception must not reopen work whose solution the student may already have seen: once shown
 * (their last attempt used, or everyone's due date passed), more time or attempts would let them
 * copy it. Checked per exercise of the set, against the rules in force now.
 */
async function refuseReopeningSeenSolutions(db: Db, set: SetRules, userId: string, after: ExceptionTerms, now: Date) {
  const [inForce, variants] = await Promise.all([
    rulesInForce(db, set, userId),
    db.variant.findMany({ where: { userId, itemId: { in: set.items.map((i) => i.id) } }, select: { itemId: true, _count: { select: { submissions: true } } } }),
  ]);
  const granted = personalRules(set, after);
  const used = new Map(variants.map((v) => [v.itemId, v._count.submissions]));
  for (const item of set.items) {
    const n = used.get(item.id) ?? 0;
    const mayWorkAgain = stillTakesWork(granted, now) && n < granted.attemptsAllowed;
    if (revealedByRules(inForce, n, now) && mayWorkAgain) {
      throw new AppError("CONFLICT", "the solution may already have been shown to this student", undefined, "errors.exceptionAfterSolution");
    }
  }
}

/** Gives (or changes) one student's exception on a set; the set's instructors only. */
export async function grantException(db: Db, actor: ActorRef, setId: string, raw: unknown, now = new Date()) {
  const set = await setTaughtBy(db, actor, setId);
  const input = parseOr422(exceptionSchema, raw);
  const student = await studentOf(db, set.courseId, input.userId);
  if (input.dueAt && !set.dueAt) throw new AppError("INVALID_INPUT", "dueAt: the set has no due date to extend", { dueAt: "no due date" }, "errors.exceptionNoDue");
  if (input.dueAt && set.dueAt && input.dueAt <= set.dueAt) throw new AppError("INVALID_INPUT", "dueAt: an extension must be later than the set's due date", { dueAt: "not later" }, "errors.exceptionNotLater");
  if (!input.dueAt && input.extraAttempts === 0) throw new AppError("INVALID_INPUT", "give a later due date or extra attempts", { dueAt: "empty" }, "errors.exceptionEmpty");
  // The set shows solutions after the first attempt because it has no second one: an extra attempt would let this student copy them.
  if (input.extraAttempts > 0 && set.revealPolicy === "after_first_attempt") throw new AppError("INVALID_INPUT", "extraAttempts: this set shows solutions after the first attempt; an extra attempt could copy them", { extraAttempts: "solutions after the first attempt" }, "errors.exceptionAttemptsAfterFirst");
  const terms = { dueAt: input.dueAt, extraAttempts: input.extraAttempts };
  await refuseReopeningSeenSolutions(db, set, student.id, terms, now);
  const where = { problemSetId_userId: { problemSetId: set.id, userId: student.id } };
  return db.$transaction(async (tx) => {
    const before = await tx.studentException.findUnique({ where, select: { dueAt: true, extraAttempts: true, reason: true } });
    const saved = await tx.studentException.upsert({
      where,
      create: { problemSetId: set.id, userId: student.id, ...terms, reason: input.reason, createdById: actor.id },
      update: { ...terms, reason: input.reason, createdById: actor.id },
    });
    await audit(tx, actor, set.courseId, "student.exception", { student: student.name, userId: student.id, before, after: terms, reason: input.reason }, set.id);
    return saved;
  });
}

/** Takes a student's exception away (the set's rules apply again). */
export async function withdrawException(db: Db, actor: ActorRef, setId: string, userId: string) {
  const set = await setTaughtBy(db, actor, setId);
  const student = await studentOf(db, set.courseId, userId);
  await db.$transaction(async (tx) => {
    const before = await tx.studentException.findUnique({ where: { problemSetId_userId: { problemSetId: set.id, userId: student.id } } });
    if (!before) throw notFound("no exception for this student");
    await tx.studentException.delete({ where: { id: before.id } });
    await audit(tx, actor, set.courseId, "student.exception.withdraw", { student: student.name, userId: student.id, before: { dueAt: before.dueAt, extraAttempts: before.extraAttempts } }, set.id);
  });
}

/** The exercise's points: from any graded attempt on it (they all carry the same maximum). */
async function pointsOfItem(db: Db, itemId: string): Promise<number | null> {
  const r = await db.variantResult.findFirst({ where: { itemId }, select: { maxScore: true } });
  return r ? r.maxScore : null;
}

/** The set of an item, for its instructors only. */
async function itemTaughtBy(db: Db, actor: ActorRef, itemId: string) {
  const item = itemId ? await db.problemSetItem.findUnique({ where: { id: itemId }, select: { id: true, title: true, problemSetId: true } }) : null;
  if (!item) throw notFound("exercise not found");
  return { item, set: await setTaughtBy(db, actor, item.problemSetId) };
}

/**
 * Gives one student's exercise a score by hand, with why: it replaces the graded score wherever a
 * score counts. The student is told (a GradeNotice) and the LMS gets the set's new score.
 */
export async function giveManualScore(db: Db, actor: ActorRef, itemId: string, raw: unknown) {
  const { item, set } = await itemTaughtBy(db, actor, itemId);
  const input = parseOr422(manualScoreSchema, raw);
  const student = await studentOf(db, set.courseId, input.userId);
  const maxScore = (await pointsOfItem(db, item.id)) ?? input.maxScore;
  if (!maxScore) throw new AppError("INVALID_INPUT", "maxScore: no attempt tells this exercise's points; give them", { maxScore: "required" }, "errors.manualScoreNeedsMax");
  if (input.score > maxScore) throw new AppError("INVALID_INPUT", `score: at most ${maxScore}`, { score: "above the maximum" }, "errors.manualScoreAboveMax");
  const where = { itemId_userId: { itemId: item.id, userId: student.id } };
  const saved = await db.$transaction(async (tx) => {
    const [earlier, graded] = await Promise.all([
      tx.manualScore.findUnique({ where, select: { score: true } }),
      tx.variantResult.findFirst({ where: { itemId: item.id, userId: student.id }, select: { bestScore: true } }),
    ]);
    const before = earlier?.score ?? graded?.bestScore ?? null;
    const row = await tx.manualScore.upsert({
      where,
      create: { itemId: item.id, userId: student.id, score: input.score, maxScore, reason: input.reason, createdById: actor.id },
      update: { score: input.score, maxScore, reason: input.reason, createdById: actor.id },
    });
    await tx.gradeNotice.create({ data: { userId: student.id, problemSetId: set.id, itemId: item.id, kind: "manual", before, after: input.score, maxScore, reason: input.reason } });
    await audit(tx, actor, set.courseId, "student.manualScore", { student: student.name, userId: student.id, exercise: item.title, itemId: item.id, before, after: input.score, maxScore, reason: input.reason }, set.id);
    return row;
  });
  await queueScores(db, { userId: student.id, setId: set.id, courseId: set.courseId });
  return saved;
}

/** Takes a manual score away: the graded score counts again (and goes to the LMS). */
export async function withdrawManualScore(db: Db, actor: ActorRef, itemId: string, userId: string) {
  const { item, set } = await itemTaughtBy(db, actor, itemId);
  const student = await studentOf(db, set.courseId, userId);
  await db.$transaction(async (tx) => {
    const before = await tx.manualScore.findUnique({ where: { itemId_userId: { itemId: item.id, userId: student.id } } });
    if (!before) throw notFound("no manual score for this student");
    await tx.manualScore.delete({ where: { id: before.id } });
    await audit(tx, actor, set.courseId, "student.manualScore.withdraw", { student: student.name, userId: student.id, exercise: item.title, itemId: item.id, before: before.score, maxScore: before.maxScore }, set.id);
  });
  await queueScores(db, { userId: student.id, setId: set.id, courseId: set.courseId });
}

export interface StudentAdjustments {
  userId: string;
  name: string;
  /** The name as staff see it: with the number, or the email when the name is shared (lib/teach/student-label.ts). */
  label: string;
  removed: boolean;
  exception: (ExceptionTerms & { reason: string }) | null;
  /** Per item id. */
  manual: Record<string, { score: number; maxScore: number; reason: string }>;
}

/** Every student of the set's course with their exception and manual scores (the set page; staff may read). */
export async function setAdjustments(db: Db, actor: ActorRef, setId: string): Promise<{ items: { id: string; title: string }[]; students: StudentAdjustments[] }> {
  const set = await setViewableBy(db, actor, setId);
  const itemIds = set.items.map((i) => i.id);
  const [members, exceptions, manual] = await Promise.all([
    db.membership.findMany({ where: { courseId: set.courseId, role: "student" }, select: { userId: true, removedAt: true, studentNumber: true, user: { select: { name: true, email: true } } }, orderBy: { joinedAt: "asc" } }),
    db.studentException.findMany({ where: { problemSetId: set.id } }),
    db.manualScore.findMany({ where: { itemId: { in: itemIds } } }),
  ]);
  const shared = sharedNames(members.map((m) => m.user));
  const students = members.map((m): StudentAdjustments => {
    const x = exceptions.find((e) => e.userId === m.userId);
    const own = manual.filter((s) => s.userId === m.userId);
    return {
      userId: m.userId,
      name: m.user.name,
      label: studentLabel({ ...m.user, studentNumber: m.studentNumber }, shared),
      removed: !!m.removedAt,
      exception: x ? { dueAt: x.dueAt, extraAttempts: x.extraAttempts, reason: x.reason } : null,
      manual: Object.fromEntries(own.map((s) => [s.itemId, { score: s.score, maxScore: s.maxScore, reason: s.reason }])),
    };
  });
  return { items: set.items.map((i) => ({ id: i.id, title: i.title })), students };
}

/**
 * What the student is told on their dashboard: their exceptions (their own due date and attempts)
 * and manual scores, on the sets of the courses they are enrolled in.
 */
export async function myAdjustments(db: Db, actor: ActorRef) {
  const enrolled = { course: { memberships: { some: { userId: actor.id, removedAt: null } } } };
  const [exceptions, manual] = await Promise.all([
    db.studentException.findMany({ where: { userId: actor.id, problemSet: enrolled }, include: { problemSet: { select: { id: true, title: true, dueAt: true, attemptsAllowed: true } } } }),
    db.manualScore.findMany({ where: { userId: actor.id }, orderBy: { updatedAt: "desc" } }),
  ]);
  const items = await db.problemSetItem.findMany({ where: { id: { in: manual.map((m) => m.itemId) }, problemSet: enrolled }, select: { id: true, title: true, problemSet: { select: { title: true } } } });
  const itemOf = new Map(items.map((i) => [i.id, i]));
  return {
    exceptions: exceptions.map((x) => ({ setId: x.problemSet.id, setTitle: x.problemSet.title, ...personalRules(x.problemSet, x), extended: !!x.dueAt && laterDue(x.problemSet.dueAt, x.dueAt) !== x.problemSet.dueAt, extraAttempts: x.extraAttempts })),
    manualScores: manual.filter((m) => itemOf.has(m.itemId)).map((m) => ({ itemId: m.itemId, itemTitle: itemOf.get(m.itemId)!.title, setTitle: itemOf.get(m.itemId)!.problemSet.title, score: m.score, maxScore: m.maxScore, reason: m.reason })),
  };
}
