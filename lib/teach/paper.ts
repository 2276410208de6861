// A class's paper work graded in bulk: an instructor uploads the transcripts of one exercise of a
// set (lib/teach/paper-files.ts), each named by a student's number or email; a durable job
// ("paper") reads each one against that student's own variant (lib/read/, in the worker pool),
// grades what it holds and stores it as the student's attempt, marked "paper" with its transcript
// kept, counted in statistics and exports like any attempt. One report says who was graded, which
// files could not be read and which matched no student. A retried job adds nobody twice (each
// file's attempt has its own idempotency key).
import { courseTaughtBy, audit, type ActorRef, type Db } from "../access";
import { readCached } from "../course/exercise-cache";
import { recordAttempt, submissionByKey } from "../course/queries";
import { variantOfStudent } from "../course/work";
import { AppError, notFound } from "../errors";
import type { Job, JobHandler } from "../jobs/runner";
import { answersOfReading } from "../read/answers";
import { runTask } from "../workers/pool";
import { paperFiles, studentKeyOf, type PaperFile, type Upload } from "./paper-files";

export interface PaperPayload {
  itemId: string;
  files: PaperFile[];
}

/** One line of the report. */
export type PaperLine =
  | { file: string; outcome: "graded"; student: string; studentNumber: string | null; score: number; maxScore: number; read: number; unread: number; submissionId: string; variantId: string }
  | { file: string; outcome: "unreadable"; why: "not_text" | "too_large" | "nothing_read" | "refused" }
  | { file: string; outcome: "no_student" }
  | { file: string; outcome: "twice"; student: string };

export interface PaperReport {
  itemId: string;
  lines: PaperLine[];
}

/** Queues the grading of an upload for an instructor of the item's course; the files are unpacked and checked first. */
export async function enqueuePaper(db: Db, actor: ActorRef, itemId: string, uploads: Upload[]): Promise<Job> {
  const item = /^[\w-]{1,64}$/.test(itemId) ? await db.problemSetItem.findUnique({ where: { id: itemId }, include: { problemSet: true } }) : null;
  if (!item) throw notFound("exercise not found");
  await courseTaughtBy(db, actor, item.problemSet.courseId);
  const payload: PaperPayload = { itemId, files: paperFiles(uploads) };
  return db.job.create({ data: { kind: "paper", courseId: item.problemSet.courseId, problemSetId: item.problemSetId, total: payload.files.length, payloadJson: JSON.stringify(payload), createdById: actor.id } });
}

/** Paper attempts are the instructor's to record: the set's attempt limit is for students typing, not for them. */
const PAPER_ATTEMPTS = 1_000_000;

export const paperHandler: JobHandler = {
  async run(ctx) {
    const { job, db } = ctx;
    const p = JSON.parse(job.payloadJson) as PaperPayload;
    const actor = { id: job.createdById, role: "instructor" as const };
    const item = await db.problemSetItem.findUniqueOrThrow({ where: { id: p.itemId }, include: { problemSet: true } });
    await courseTaughtBy(db, actor, item.problemSet.courseId);
    const members = await db.membership.findMany({ where: { courseId: item.problemSet.courseId, role: "student", removedAt: null }, select: { userId: true, studentNumber: true, user: { select: { name: true, email: true } } } });
    const byKey = new Map<string, (typeof members)[number]>();
    for (const m of members) {
      byKey.set(m.user.email.toLowerCase(), m);
      if (m.studentNumber) byKey.set(m.studentNumber.normalize("NFKC").toLowerCase(), m);
    }
    const seen = new Set<string>();
    const lines: PaperLine[] = [];
    for (const [i, f] of p.files.entries()) {
      lines.push(await gradeFile(db, job, item, f, i, byKey, seen));
      await ctx.progress({ done: i + 1 });
    }
    const report: PaperReport = { itemId: p.itemId, lines };
    await db.$transaction(async (tx) => {
      await audit(tx, actor, item.problemSet.courseId, "paper.graded", { itemId: p.itemId, graded: lines.filter((l) => l.outcome === "graded").length, files: lines.length }, item.problemSetId);
      await ctx.complete(tx, report);
    });
  },
};

type Member = { userId: string; studentNumber: string | null; user: { name: string; email: string } };

async function gradeFile(db: Db, job: Job, item: { id: string; templateJson: string; problemSet: { carriedCredit: number } }, f: PaperFile, i: number, byKey: Map<string, Member>, seen: Set<string>): Promise<PaperLine> {
  const student = byKey.get(studentKeyOf(f.name));
  if (!student) return { file: f.name, outcome: "no_student" };
  if (seen.has(student.userId)) return { file: f.name, outcome: "twice", student: student.user.name };
  seen.add(student.userId);
  if (!("text" in f)) return { file: f.name, outcome: "unreadable", why: f.problem };
  const variant = await variantOfStudent(db, item, student.userId);
  const { settings } = readCached(variant.exerciseJson);
  const options = { tolerance: settings.tolerance, asked: settings.asked, points: settings.points, carriedCredit: item.problemSet.carriedCredit };
  const done = await runTask("paper", { exerciseJson: variant.exerciseJson, transcript: f.text, options });
  if (!done.ok) return { file: f.name, outcome: "unreadable", why: "refused" };
  const { reading, record } = done.value;
  if (!record) return { file: f.name, outcome: "unreadable", why: "nothing_read" };
  const idempotencyKey = `paper-${job.id}-${i}`;
  const stored =
    (await submissionByKey(db, idempotencyKey)) ??
    (await recordAttempt(db, { variant, attemptsAllowed: PAPER_ATTEMPTS, answersJson: JSON.stringify(answersOfReading(reading.submission)), idempotencyKey, late: false, grade: record, paper: { transcript: f.text } }));
  if (!stored) throw new AppError("CONFLICT", "the paper attempt could not be recorded");
  return { file: f.name, outcome: "graded", student: student.user.name, studentNumber: student.studentNumber, score: record.score, maxScore: record.maxScore, read: reading.sources.length, unread: reading.unread.length, submissionId: stored.id, variantId: variant.id };
}

/** The set's latest paper upload, for its page. */
export function latestPaper(db: Db, setId: string) {
  return db.job.findFirst({ where: { problemSetId: setId, kind: "paper" }, orderBy: { createdAt: "desc" } });
}
