// Regrading a problem set as a durable job: queued in the transaction that changes the rules, then
// done in chunks of about 50 submissions (whole exercises of students), graded in the worker pool.
// The new grades are written about 10 at a time, each time in one small transaction with their
// students' result rows and the job's lease, progress and cursor: every submission's regrade is
// atomic with its result row, a crash loses no more than the writes in hand, and work redone
// after a crash adds no grade twice (a grade names its job; the database keeps one per submission
// and job).
import { LATEST_GRADE_FIRST } from "../course/latest-grade";
import { noteRegrade } from "../course/notices";
import { compactVerdicts } from "../course/results";
import type { Grade } from "../grading";
import { queueScores } from "../course/scores";
import { audit } from "../access";
import { runTask } from "../workers/pool";
import type { RegradeInput, RegradeOutput } from "../run/tasks";
import { JobFailure, type Db, type Job, type JobContext, type JobHandler, type Tx } from "../jobs/runner";

/** Submissions graded per worker task (whole exercises of students: one exact solve each). */
export const REGRADE_CHUNK = 50;
/** Submissions written per transaction (whole exercises of students). */
export const WRITE_GROUP = 10;
/** A submission made this long before the rules change may still have been graded under the old rules (it was being graded as they changed). */
const RACE_MARGIN_MS = 60_000;

export interface RegradePayload {
  carriedCredit: number;
  latePenalty: number;
  /** Why, for the set's history. */
  reason: string;
}

export interface RegradeResult {
  regraded: number;
  /** Submissions that could not be graded again (their earlier grade stands). */
  skipped: number;
}

/**
 * In the transaction that changes a set's rules: supersedes the set's unfinished regrades (the new
 * one regrades everything under the newest rules) and queues this one, with the number of
 * submissions to regrade as its total.
 */
export async function enqueueRegrade(tx: Tx, a: { courseId: string; setId: string; actorId: string } & RegradePayload): Promise<Job> {
  await tx.job.updateMany({
    where: { problemSetId: a.setId, kind: "regrade", status: { in: ["queued", "running"] } },
    data: { status: "failed", error: "superseded", finishedAt: new Date(), leaseOwner: null, leaseUntil: null },
  });
  const total = await tx.submission.count({ where: { variant: { item: { problemSetId: a.setId } } } });
  const payload: RegradePayload = { carriedCredit: a.carriedCredit, latePenalty: a.latePenalty, reason: a.reason };
  return tx.job.create({ data: { kind: "regrade", courseId: a.courseId, problemSetId: a.setId, total, payloadJson: JSON.stringify(payload), createdById: a.actorId } });
}

type Chunk = { id: string; exerciseJson: string; submissions: { id: string; answersJson: string; late: boolean }[] }[];

/** Grades a chunk in the worker pool; a chunk past its time limit is graded exercise by exercise, and an exercise that still is, skipped. */
async function gradeChunk(chunk: Chunk, p: RegradePayload): Promise<RegradeOutput["variants"]> {
  const input = (variants: Chunk): RegradeInput => ({
    carriedCredit: p.carriedCredit,
    latePenalty: p.latePenalty,
    variants: variants.map((v) => ({ variantId: v.id, exerciseJson: v.exerciseJson, submissions: v.submissions })),
  });
  try {
    return (await runTask("regrade", input(chunk))).variants;
  } catch {
    const out: RegradeOutput["variants"] = [];
    for (const v of chunk) {
      try {
        out.push(...(await runTask("regrade", input([v]))).variants);
      } catch (e) {
        out.push({ variantId: v.id, graded: [], refused: v.submissions.map((s) => ({ submissionId: s.id, refusal: { key: "submission", detail: (e as Error).message } })) });
      }
    }
    return out;
  }
}

/**
 * After a piece of the job's work, a pause in proportion to the time it took, so that requests
 * that were waiting go first: as long as the work after a write on the request thread (the job
 * takes at most half of it), a quarter of it after a chunk's grading on a worker thread (on two
 * cores, a little room for the requests' own grading).
 */
export const PAUSE = { write: 1, grade: 0.25 };
const breathe = (began: number, ratio: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, (performance.now() - began) * ratio)));

type LatestGrade = { id: string; submissionId: string; jobId: string | null; score: number; maxScore: number; firstDivergence: string | null };

/**
 * The result rows of several students' exercises, recomputed from their submissions and latest
 * grades as lib/course/results.ts refreshResult does for one, in a few queries for the whole chunk:
 * the verdicts of a grade this job just made come from the worker, others are read.
 */
async function refreshResults(tx: Tx, setId: string, variantIds: string[], knownVerdicts: (g: LatestGrade) => string | undefined): Promise<void> {
  const variants = await tx.variant.findMany({
    where: { id: { in: variantIds } },
    select: {
      id: true,
      itemId: true,
      userId: true,
      createdAt: true,
      submissions: {
        orderBy: { attempt: "asc" },
        select: { createdAt: true, grades: { orderBy: LATEST_GRADE_FIRST, take: 1, select: { id: true, submissionId: true, jobId: true, score: true, maxScore: true, firstDivergence: true } } },
      },
    },
  });
  const rows = variants.flatMap((v) => {
    const graded = v.submissions.filter((s) => s.grades.length);
    if (!graded.length) return [];
    const latest = graded[graded.length - 1];
    return [{ v, graded, latest, grade: latest.grades[0] }];
  });
  const unknown = rows.filter((r) => knownVerdicts(r.grade) === undefined).map((r) => r.grade.id);
  const read = new Map(
    unknown.length
      ? (await tx.grade.findMany({ where: { id: { in: unknown } }, select: { id: true, gradeJson: true } })).map((g) => [g.id, JSON.stringify(compactVerdicts(JSON.parse(g.gradeJson) as Grade))])
      : [],
  );
  // The best scores before this write: a regrade that moves one tells the student (lib/course/notices.ts).
  const earlier = new Map((await tx.variantResult.findMany({ where: { variantId: { in: variantIds } }, select: { variantId: true, bestScore: true } })).map((r) => [r.variantId, r.bestScore]));
  for (const { v, graded, latest, grade } of rows) {
    const data = {
      itemId: v.itemId,
      userId: v.userId,
      attempts: graded.length,
      bestScore: Math.max(...graded.map((s) => s.grades[0].score)),
      latestScore: grade.score,
      maxScore: grade.maxScore,
      firstDivergence: grade.firstDivergence,
      verdictsJson: knownVerdicts(grade) ?? read.get(grade.id)!,
      firstOpenedAt: v.createdAt,
      lastSubmittedAt: latest.createdAt,
    };
    await tx.variantResult.upsert({ where: { variantId: v.id }, create: { variantId: v.id, ...data }, update: data });
    const before = earlier.get(v.id);
    if (before !== undefined && v.itemId) await noteRegrade(tx, { userId: v.userId, problemSetId: setId, itemId: v.itemId, before, after: data.bestScore, maxScore: data.maxScore });
  }
}

/**
 * Regrades, variant by variant in id order from `cursor`, the submissions the job has not
 * regraded yet: all of them, or (the sweep) those of the given variants made since `since`.
 */
async function regradeFrom(ctx: JobContext, p: RegradePayload, perChunk: number, opts: { cursor?: string | null; keepCursor: boolean; sweep?: { since: Date; variantIds: string[] } }): Promise<void> {
  const { job, db } = ctx;
  const pending = { grades: { none: { jobId: job.id } }, ...(opts.sweep ? { createdAt: { gte: opts.sweep.since } } : {}) };
  const among = opts.sweep ? { id: { in: opts.sweep.variantIds } } : {};
  let cursor = opts.cursor ?? undefined;
  for (;;) {
    const chunk: Chunk = await db.variant.findMany({
      where: { item: { problemSetId: job.problemSetId! }, ...among, ...(cursor ? { id: { gt: cursor, ...among.id } } : {}), submissions: { some: pending } },
      orderBy: { id: "asc" },
      take: perChunk,
      select: { id: true, exerciseJson: true, submissions: { where: pending, orderBy: { attempt: "asc" }, select: { id: true, answersJson: true, late: true } } },
    });
    if (!chunk.length) return;
    const grading = performance.now();
    const graded = await gradeChunk(chunk, p);
    // The grading ran on a worker thread: the pause leaves the machine's cores to requests too.
    await breathe(grading, PAUSE.grade);
    // Written in small groups of whole exercises (about WRITE_GROUP submissions), each group one
    // transaction: its grades, its students' result rows, and the job's progress and cursor, all or
    // nothing. Between two groups waiting requests get their turn: on SQLite the driver is
    // synchronous, and a transaction runs from its first statement to its commit without giving
    // the event loop a turn, so the group's size bounds how long another request can wait.
    for (let start = 0; start < graded.length; ) {
      let end = start;
      let size = 0;
      while (end < graded.length && (end === start || size + graded[end].graded.length + graded[end].refused.length <= WRITE_GROUP)) {
        size += graded[end].graded.length + graded[end].refused.length;
        end++;
      }
      const group = graded.slice(start, end);
      start = end;
      cursor = group[group.length - 1].variantId;
      const began = performance.now();
      await db.$transaction(async (tx) => {
        // First the job's row: renews the lease (and, on PostgreSQL, holds the row until commit, so
        // a superseding rules change waits for this write and is never overtaken by it).
        // (A submission the sweep cannot grade was counted, and skipped, by the main pass.)
        await ctx.advance(tx, { done: opts.sweep ? group.reduce((n, v) => n + v.graded.length, 0) : size, ...(opts.keepCursor ? { cursor } : {}) });
        const fresh = new Map(group.flatMap((v) => v.graded.map((g) => [g.submissionId, g.verdictsJson] as const)));
        const grades = group.flatMap((v) => v.graded.map(({ verdictsJson: _, ...g }) => ({ ...g, jobId: job.id })));
        if (grades.length) await tx.grade.createMany({ data: grades });
        await refreshResults(tx, job.problemSetId!, group.map((v) => v.variantId), (g) => (g.jobId === job.id ? fresh.get(g.submissionId) : undefined));
      });
      await breathe(began, PAUSE.write);
    }
    cursor = chunk[chunk.length - 1].id;
  }
}

export const regradeHandler: JobHandler = {
  async run(ctx) {
    const { job, db } = ctx;
    const p = JSON.parse(job.payloadJson) as RegradePayload;
    const set = job.problemSetId ? await db.problemSet.findUnique({ where: { id: job.problemSetId }, select: { attemptsAllowed: true } }) : null;
    if (!set) throw new JobFailure("gone", "the problem set no longer exists");
    const perChunk = Math.max(1, Math.min(REGRADE_CHUNK, Math.floor(REGRADE_CHUNK / Math.max(1, set.attemptsAllowed))));
    // Everything, from where an earlier claim stopped; then what was submitted while the rules
    // changed, once the cursor had passed (graded, perhaps, under the old rules): the exercises
    // whose last submission is that recent, found from their result rows.
    await regradeFrom(ctx, p, perChunk, { cursor: job.cursor, keepCursor: true });
    const since = new Date(job.createdAt.getTime() - RACE_MARGIN_MS);
    const items = await db.problemSetItem.findMany({ where: { problemSetId: job.problemSetId! }, select: { id: true } });
    const recent = (await db.variantResult.findMany({ where: { itemId: { in: items.map((i) => i.id) }, lastSubmittedAt: { gte: since } }, select: { variantId: true } })).map((r) => r.variantId);
    for (let k = 0; k < recent.length; k += 500) await regradeFrom(ctx, p, perChunk, { keepCursor: false, sweep: { since, variantIds: recent.slice(k, k + 500) } });
    await scoresToLms(db, job, items.map((i) => i.id));
    await db.$transaction(async (tx) => {
      const regraded = await tx.grade.count({ where: { jobId: job.id } });
      const { done } = await tx.job.findUniqueOrThrow({ where: { id: job.id }, select: { done: true } });
      // Counted as done but not regraded: submissions that could not be graded again (their earlier grade stands).
      const skipped = Math.max(0, done - regraded);
      const result: RegradeResult = { regraded, skipped };
      await tx.job.update({ where: { id: job.id }, data: { done: regraded + skipped, total: Math.max(job.total, regraded + skipped) } });
      await audit(tx, { id: job.createdById, role: "instructor" }, job.courseId, "set.regrade", { submissions: regraded, ...(skipped ? { skipped } : {}), reason: p.reason, job: job.id }, job.problemSetId!);
      await ctx.complete(tx, result);
    });
  },
};

/**
 * A set linked from an LMS: every student with work in it gets their new score queued for the
 * platform (lib/lti/ags.ts). Before the job completes, so a crash queues them again on the next
 * claim; a score already waiting is not queued twice.
 */
async function scoresToLms(db: Db, job: Job, itemIds: string[]): Promise<void> {
  const linked = await db.ltiResourceLink.count({ where: { problemSetId: job.problemSetId!, lineItemUrl: { not: null } } });
  if (!linked) return;
  const students = await db.variantResult.findMany({ where: { itemId: { in: itemIds } }, select: { userId: true }, distinct: ["userId"] });
  for (const { userId } of students) await queueScores(db, { userId, setId: job.problemSetId!, courseId: job.courseId });
}

/** The set's latest regrade, for its page. */
export function latestRegrade(db: Db, setId: string) {
  return db.job.findFirst({ where: { problemSetId: setId, kind: "regrade" }, orderBy: { createdAt: "desc" } });
}
