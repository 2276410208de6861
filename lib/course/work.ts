// A student's work on an exercise: their variant, drafts, submissions and grades.
// Every function takes the acting user first and checks what they may touch.
import { answersOfReading } from "../read/answers";
import { LATEST_GRADE_FIRST } from "./latest-grade";
import type { PrismaClient } from "../db/generated/client";
import type { ActorRef } from "../access";
import { InvalidInputError } from "../exercises/errors";
import { readGradingSettings, type Template } from "../exercises/template";
import { practiceTemplate } from "../exercises/builtin";
import { runTask } from "../workers/pool";
import type { Network } from "../nn/types";
import { AppError, notFound } from "../errors";
import { answersSchema, asFieldErrors, toSubmission, type Answers } from "./answers";
import { readCached } from "./exercise-cache";
import { queueScores } from "./scores";
import { itemOpening, PUBLISHED, recordAttempt, studentVariant, submissionByKey, ownDraft, replaceDraft, type StoredDraft, type StoredSubmission } from "./queries";
import { isLate, rulesOf, stillTakesWork } from "./rules";
import { mergeDrafts, onServerClock, stampedAt, storedTimes, type Times, type TimedDraft } from "./draft-merge";

type Db = PrismaClient;

/** The student's own variant (or a practice one); anyone else's is "not found". */
export async function variantOf(db: Db, actor: ActorRef, variantId: string) {
  const v = await db.variant.findUnique({
    where: { id: variantId },
    include: { item: { include: { problemSet: true } }, draft: true },
  });
  if (!v || v.userId !== actor.id) throw notFound("exercise not found");
  if (v.item) {
    const member = await db.membership.findUnique({ where: { userId_courseId: { userId: actor.id, courseId: v.item.problemSet.courseId } } });
    if (!member || member.removedAt) throw notFound("exercise not found");
  }
  return v;
}

/** Joins the course with this code (idempotent); a removed student is let back in. */
export async function joinCourse(db: Db, actor: ActorRef, joinCode: string) {
  const course = await db.course.findUnique({ where: { joinCode: joinCode.trim().toUpperCase() } });
  if (!course) throw new AppError("NOT_FOUND", "no course has this join code");
  await db.membership.upsert({
    where: { userId_courseId: { userId: actor.id, courseId: course.id } },
    create: { userId: actor.id, courseId: course.id, role: "student" },
    update: { removedAt: null },
  });
  return course;
}

/** A published set before its opening date: refused with the date, which the item page shows. */
export function notOpenYet(opensAt: Date): AppError {
  return new AppError("FORBIDDEN", "this problem set is not open yet", { opensAt: opensAt.toISOString() }, "errors.notOpenYet");
}

/** Opens (drawing it the first time) the student's variant of a problem-set item. */
export async function openItem(db: Db, actor: ActorRef, itemId: string, now = new Date()) {
  // Every visit after the first: one query finds the variant and checks enrolment and opening.
  const known = await itemOpening(db, actor.id, itemId);
  // A draft or hidden set is not there for students at all; a published one not open yet says when it opens.
  if (!known || !known.enrolled || !known.published) throw notFound("exercise not found");
  if (known.opensAt && known.opensAt > now) throw notOpenYet(known.opensAt);
  if (known.variant) return known.variant;
  const item = await db.problemSetItem.findUnique({ where: { id: itemId }, include: { problemSet: true } });
  if (!item || item.problemSet.status !== PUBLISHED) throw notFound("exercise not found");
  const member = await db.membership.findUnique({ where: { userId_courseId: { userId: actor.id, courseId: item.problemSet.courseId } } });
  if (!member || member.removedAt) throw notFound("exercise not found");
  if (item.problemSet.opensAt && item.problemSet.opensAt > now) throw notOpenYet(item.problemSet.opensAt);
  const existing = await db.variant.findUnique({ where: { itemId_userId: { itemId, userId: actor.id } } });
  if (existing) return existing;
  const seed = `${item.id}:${actor.id}`;
  const exerciseJson = await drawInPool(JSON.parse(item.templateJson), seed);
  return db.variant.upsert({
    where: { itemId_userId: { itemId, userId: actor.id } },
    create: { itemId, userId: actor.id, seed, exerciseJson },
    update: {},
  });
}

/**
 * A student's variant of an item, drawn now if they never opened it, whatever the set's status or
 * opening date: for their instructor's paper work (lib/teach/paper.ts), where the student never
 * opens anything. The same seed as openItem's, so it is the variant they would have opened.
 */
export async function variantOfStudent(db: Db, item: { id: string; templateJson: string }, userId: string) {
  const existing = await db.variant.findUnique({ where: { itemId_userId: { itemId: item.id, userId } } });
  if (existing) return existing;
  const exerciseJson = await drawInPool(JSON.parse(item.templateJson), `${item.id}:${userId}`);
  return db.variant.upsert({ where: { itemId_userId: { itemId: item.id, userId } }, create: { itemId: item.id, userId, seed: `${item.id}:${userId}`, exerciseJson }, update: {} });
}

/**
 * A variant of a template (its JSON form) for a seed, drawn in the worker pool: a draw may reject
 * dozens of candidates (tens to hundreds of milliseconds), which must not hold up other requests.
 */
async function drawInPool(template: unknown, seed: string): Promise<string> {
  const drawn = await runTask("draw", { template, seed });
  if (!drawn.ok) throw asFieldErrors(new InvalidInputError(drawn.refusal.key, drawn.refusal.detail, undefined, drawn.refusal.why));
  return drawn.value.exerciseJson;
}

/**
 * A fresh practice variant, graded at once and never counted. A fixed exercise's id draws from its
 * random sibling: its own numbers may be someone's homework.
 */
export async function startPractice(db: Db, actor: ActorRef, templateId: string) {
  const template = practiceTemplate(templateId);
  if (!template) throw notFound("no such exercise");
  const seed = `practice:${actor.id}:${Date.now()}:${Math.random().toString(36).slice(2)}`;
  const exerciseJson = await drawInPool(JSON.parse(JSON.stringify(template)) as unknown, seed);
  return db.variant.create({ data: { userId: actor.id, seed, practice: true, exerciseJson } });
}

/** When a save's cells were typed, on the client's clock, and the client's "now" when it sent them. */
export interface DraftStamp {
  times: Times;
  now: number;
}

/** A draft as the form receives it: cells and times on the server's clock, and that clock's "now". */
export interface DraftView extends TimedDraft {
  updatedAt: Date | null;
  now: number;
}

/** Tries of the compare-and-set before two saves racing for one draft are given up as a conflict. */
const SAVE_TRIES = 25;

/**
 * Saves the student's draft, newest cell wins: the cells sent are merged with the stored draft
 * cell by cell (lib/course/draft-merge.ts), times moved onto the server's clock first. A save
 * without times (an older page) counts every cell as typed now. Read, merge, compare-and-set:
 * when another save wrote in between, this one reads again and merges with it, so neither loses a
 * newer cell. Answers with the merged draft, which the form brings its own cells up to.
 */
export async function saveDraft(db: Db, actor: ActorRef, variantId: string, raw: unknown, stamp?: DraftStamp, now = Date.now()): Promise<DraftView> {
  const answers = parseAnswers(raw);
  const times = stamp ? onServerClock(stamp.times, stamp.now, now) : stampedAt(answers, now);
  for (let tryNo = 1; tryNo <= SAVE_TRIES; tryNo++) {
    const seen = await ownDraft(db, actor.id, variantId);
    if (seen === undefined) throw notFound("exercise not found");
    // Opening an exercise and typing nothing saves nothing: "draft saved" means something was typed.
    if (!seen && !anythingEntered(answers)) return { answers: {}, times: {}, updatedAt: null, now };
    const merged = mergeDrafts(timedOf(seen), { answers, times });
    const next = { answersJson: JSON.stringify(merged.answers), cellTimesJson: JSON.stringify(merged.times) };
    // Nothing newer arrived: the stored draft already says all of it.
    if (seen && next.answersJson === seen.answersJson && next.cellTimesJson === seen.cellTimesJson) return { ...merged, updatedAt: seen.updatedAt, now };
    const updatedAt = await replaceDraft(db, actor.id, variantId, seen, next, new Date(now));
    if (updatedAt) return { ...merged, updatedAt, now };
  }
  throw new AppError("CONFLICT", "the draft is being saved from elsewhere; try again");
}

/** The student's draft with its times (empty when none is saved yet); anyone else's is "not found". */
export async function draftOf(db: Db, actor: ActorRef, variantId: string, now = Date.now()): Promise<DraftView> {
  const seen = await ownDraft(db, actor.id, variantId);
  if (seen === undefined) throw notFound("exercise not found");
  return { ...timedOf(seen), updatedAt: seen?.updatedAt ?? null, now };
}

/** A stored draft's cells and times (a cell saved before cells had times counts as typed at the draft's last save). */
export function timedOf(d: Pick<StoredDraft, "answersJson" | "cellTimesJson" | "updatedAt"> | null): TimedDraft {
  if (!d) return { answers: {}, times: {} };
  const answers = JSON.parse(d.answersJson) as Record<string, string[][]>;
  return { answers, times: storedTimes(answers, JSON.parse(d.cellTimesJson) as unknown, d.updatedAt.getTime()) };
}

/** What a student's written solution holds, to fill their grids: the cells by path, where each came from, and the lines that fit nowhere. */
export interface WrittenReading {
  answers: Record<string, string[][]>;
  sources: { path: string; line: number; text: string }[];
  unread: { line: number; text: string }[];
}

/**
 * Reads the student's transcript of their own exercise (lib/read/, in the worker pool): nothing is
 * saved or submitted, and nothing of the exact solution is in the answer (the cells are the
 * student's own, the paths the form's). Another student's variant is "not found".
 */
export async function readWrittenSolution(db: Db, actor: ActorRef, variantId: string, transcript: unknown): Promise<WrittenReading> {
  if (typeof transcript !== "string" || !transcript.trim()) throw new AppError("INVALID_INPUT", "transcript: paste your written solution first", { transcript: "empty" }, "errors.transcriptEmpty");
  const variant = await studentVariant(db, actor.id, variantId);
  const read = await runTask("read", { exerciseJson: variant.exerciseJson, transcript });
  if (!read.ok) throw new AppError("INVALID_INPUT", `transcript: ${read.refusal.detail}`, { transcript: read.refusal.detail }, "errors.transcriptRefused");
  return { answers: answersOfReading(read.value.submission), sources: read.value.sources, unread: read.value.unread };
}

/** Whether any cell of the answers holds something (blank cells and empty grids are not an answer). */
export function anythingEntered(answers: Answers): boolean {
  return Object.values(answers).some((m) => m.some((row) => row.some((cell) => cell.trim() !== "")));
}

function parseAnswers(raw: unknown): Answers {
  const parsed = answersSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("INVALID_INPUT", `answers: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

/** The variant's network and grading settings, read once per exerciseJson and kept (lib/course/exercise-cache.ts). */
export function networkOf(exerciseJson: string): { net: Network; settings: ReturnType<typeof readGradingSettings> } {
  return readCached(exerciseJson);
}

/**
 * Grades and records an attempt. The idempotency key makes a double submit (or a retry after a lost
 * answer) create one submission; answers that cannot be read are refused (422) and never count as
 * an attempt. Reads are one query, grading runs in the worker pool, and the writes are one
 * transaction (lib/course/queries.ts).
 */
export async function submitAnswers(db: Db, actor: ActorRef, variantId: string, raw: unknown, idempotencyKey: string, now = new Date()): Promise<StoredSubmission> {
  if (!/^[A-Za-z0-9-]{8,64}$/.test(idempotencyKey)) throw new AppError("INVALID_INPUT", "idempotencyKey: expected 8 to 64 letters, digits or dashes");
  const answers = parseAnswers(raw);
  // An empty form is a click, not an attempt: refused before anything is looked up or counted.
  if (!anythingEntered(answers)) throw new AppError("INVALID_INPUT", "nothing was entered: fill in at least one quantity; no attempt was used", undefined, "errors.nothingEntered");
  const variant = await studentVariant(db, actor.id, variantId, idempotencyKey);
  const sameKey = (s: StoredSubmission) => {
    if (s.variantId !== variantId || s.userId !== actor.id) throw new AppError("CONFLICT", "this key was used for another submission");
    return s;
  };
  if (variant.again) return sameKey(variant.again);
  const rules = rulesOf(variant);
  const noneLeft = () => new AppError("CONFLICT", "no attempts left", undefined, "errors.noAttemptsLeft");
  if (variant.used >= rules.attemptsAllowed) throw noneLeft();
  const late = isLate(rules, now) && !!variant.item;
  if (late && rules.latePolicy !== "accept") throw new AppError("CONFLICT", "the due date has passed", undefined, "errors.pastDue");
  if (!stillTakesWork(rules, now)) throw new AppError("CONFLICT", "late work is no longer taken", rules.lateUntil ? { lateUntil: rules.lateUntil.toISOString() } : undefined, "errors.pastLateUntil");
  const { settings } = readCached(variant.exerciseJson);
  // Solving and grading run in the worker pool: a slow attempt never holds up other requests.
  const graded = await runTask("gradeRecord", {
    exerciseJson: variant.exerciseJson,
    submission: toSubmission(answers),
    options: { tolerance: settings.tolerance, asked: settings.asked, points: settings.points, carriedCredit: rules.carriedCredit },
    latePenalty: late ? rules.latePenalty : 0,
  });
  if (!graded.ok) throw asFieldErrors(new InvalidInputError(graded.refusal.key, graded.refusal.detail, undefined, graded.refusal.why));
  const record = {
    variant,
    attemptsAllowed: rules.attemptsAllowed,
    answersJson: JSON.stringify(answers),
    idempotencyKey,
    late,
    grade: graded.value,
  };
  for (let tries = 1; ; tries++) {
    let failure: unknown;
    try {
      const stored = await recordAttempt(db, record);
      if (stored) {
        if (variant.item) await gradedForLms(db, actor.id, variant.item.problemSet);
        return stored;
      }
    } catch (e) {
      failure = e;
    }
    // Two requests with the same key racing (a retry while the first was still being graded): the first one wins.
    const winner = await submissionByKey(db, idempotencyKey).catch(() => null);
    if (winner) return sameKey(winner);
    // No attempt left (one was taken meanwhile), or another attempt took this number first: count again.
    if (!failure) throw noneLeft();
    if (tries < 4) continue;
    // The database's words stay in the server's log: the student learns only that nothing was recorded.
    console.error("submitAnswers: could not record the attempt", failure);
    throw new AppError("CONFLICT", "could not record the attempt; nothing was saved, try again", undefined, "errors.recordFailed");
  }
}

/**
 * A graded attempt on a set linked from an LMS queues the student's set score for it (lib/lti/ags.ts).
 * The attempt is recorded whatever happens here: a score that could not be queued goes with the next.
 */
async function gradedForLms(db: Db, userId: string, set: { id: string; courseId: string }): Promise<void> {
  try {
    await queueScores(db, { userId, setId: set.id, courseId: set.courseId });
  } catch (e) {
    console.error("submitAnswers: could not queue the LMS score", e);
  }
}

/** The student's submission with its latest grade, or "not found". */
export async function submissionOf(db: Db, actor: ActorRef, submissionId: string) {
  const s = await db.submission.findUnique({
    where: { id: submissionId },
    include: { grades: { orderBy: LATEST_GRADE_FIRST, take: 1 }, variant: { include: { item: { include: { problemSet: true } } } } },
  });
  if (!s || s.userId !== actor.id) throw notFound("submission not found");
  return s;
}

export type { Template };
