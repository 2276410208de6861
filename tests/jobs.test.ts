// Durable jobs (lib/jobs/) against a real database (SQLite, and PostgreSQL in the PostgreSQL pass):
// a regrade regrades every submission exactly once, in chunks, with progress; a job whose runner
// "died" half-way (its lease ran out) is resumed by another runner without duplicates, and the dead
// one can write nothing more; two runners racing claim each job once; a roster import is all or
// nothing; a job's progress is shown to its course's instructors only.
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDbUrl, useForApp } from "./db-file";

// This file drives its runners itself: the app's own runner (started by a progress poll) stays off.
process.env.HANDPROP_JOBS = "off";
const url = await freshDbUrl("jobs");
useForApp(url);
const { prisma: db, createClient } = await import("../lib/db/client");
const { sessionSecret } = await import("../lib/env");
const { seedDemo } = await import("../lib/course/demo");
const { openItem, submitAnswers } = await import("../lib/course/work");
const { createCourse } = await import("../lib/teach/courses");
const { addStudentsCsv } = await import("../lib/teach/courses");
const { createSet, setHistory, updateRules } = await import("../lib/teach/sets");
const { HANDLERS, runJobsNow } = await import("../lib/run/jobs");
const { JobLost, JobRunner } = await import("../lib/jobs/runner");
const { regradeHandler } = await import("../lib/teach/regrade");
const { enqueueImport } = await import("../lib/teach/roster-import");
const { jobView } = await import("../lib/jobs/view");
const { csvReportTopic, takeOnce } = await import("../lib/auth/once");
const { verifyPassword } = await import("../lib/auth/password");
const jobRoute = await import("../app/api/jobs/[id]/route");
type JobContext = import("../lib/jobs/runner").JobContext;
type Handlers = import("../lib/jobs/runner").Handlers;

type Actor = { id: string; role: "student" | "instructor" };
const isPostgres = !url.startsWith("file:");
let teacher: Actor & { sessionId: string };
let alice: Actor;
let other: Actor;
let courseId = "";

beforeAll(async () => {
  ({ courseId } = await seedDemo(db));
  const t = await db.user.findUniqueOrThrow({ where: { email: "teacher@handprop.test" } });
  teacher = { id: t.id, role: "instructor", sessionId: "teacher-session" };
  alice = { id: (await db.user.findUniqueOrThrow({ where: { email: "alice@handprop.test" } })).id, role: "student" };
  other = { id: (await db.user.create({ data: { email: "other@handprop.test", name: "Other Teacher", role: "instructor", passwordHash: "x" } })).id, role: "instructor" };
});
afterAll(async () => {
  await db.$disconnect();
  await (await import("../lib/workers/pool")).destroyPools();
});

const tiny = (id: string) => JSON.stringify({ id, title: "Tiny", fixed: { loss: "half_sse", learning_rate: 0.5, data: { inputs: [[2]], targets: [[1]] }, layers: [{ activation: "identity", weights: [[1]], bias: [0] }] } });
// Δ wrong (3 instead of 1), then ∂L/∂W = 6 and W_new = −2 carried from it: the carried credit decides the score.
const CARRIED = { "steps[0].layers[0].delta": [["3"]], "steps[0].layers[0].dW": [["6"]], "steps[0].layers[0].W_new": [["-2"]] };
const RULES = { attemptsAllowed: 3, revealPolicy: "never" } as const;

/** A set of `items` tiny exercises, `students` new students each submitting `attempts` times to each: students × items × attempts submissions. */
async function classWithWork(title: string, students: number, items: number, attempts: number) {
  const set = await createSet(db, teacher, courseId, { title, templatesJson: Array.from({ length: items }, (_, k) => tiny(`${title.toLowerCase().replace(/\W+/g, "-")}-${k}`)), ...RULES, carriedCredit: 1 });
  const setItems = await db.problemSetItem.findMany({ where: { problemSetId: set.id }, orderBy: { position: "asc" } });
  const stamp = `${title.replace(/\W/g, "")}-${Date.now()}`;
  await db.user.createMany({ data: Array.from({ length: students }, (_, s) => ({ email: `s${s}-${stamp}@jobs.test`, name: `Student ${s}`, passwordHash: "x" })) });
  const kids = await db.user.findMany({ where: { email: { endsWith: `-${stamp}@jobs.test` } } });
  await db.membership.createMany({ data: kids.map((u) => ({ userId: u.id, courseId })) });
  // Students side by side; each one's attempts in order.
  await Promise.all(
    kids.map(async (u) => {
      const actor = { id: u.id, role: "student" as const };
      for (const item of setItems) {
        const v = await openItem(db, actor, item.id);
        for (let a = 0; a < attempts; a++) await submitAnswers(db, actor, v.id, CARRIED, `${u.id}-${item.position}-${a}`);
      }
    }),
  );
  return { set, submissions: students * items * attempts };
}

const where = (setId: string) => ({ variant: { item: { problemSetId: setId } } });

/** Every submission of the set has exactly one grade made by `jobId` (and its first grade). */
async function expectRegradedOnce(setId: string, jobId: string, n: number) {
  const subs = await db.submission.findMany({ where: where(setId), include: { grades: true } });
  expect(subs).toHaveLength(n);
  for (const s of subs) {
    expect(s.grades.filter((g) => g.jobId === jobId)).toHaveLength(1);
    expect(s.grades.filter((g) => g.jobId === null)).toHaveLength(1);
  }
}

/** A context that "dies" (as its process would) when it is about to write its unit number `units + 1`: that unit's transaction is rolled back, and nothing after it happens. */
class Crash extends Error {}
function dyingAfter(ctx: JobContext, units: number): JobContext {
  let n = 0;
  return {
    job: ctx.job,
    db: ctx.db,
    progress: ctx.progress,
    complete: ctx.complete,
    advance: async (tx, step) => {
      if (++n > units) throw new Crash("the process died here");
      return ctx.advance(tx, step);
    },
  };
}

describe("a regrade job", () => {
  it("is queued with the rules change, regrades every submission exactly once in chunks, and the history says how many", async () => {
    const { set, submissions } = await classWithWork("Regrade all", 12, 2, 3);
    const before = await db.variantResult.findMany({ where: { variant: { item: { problemSetId: set.id } } }, orderBy: { variantId: "asc" } });
    const { regradeJobId } = await updateRules(db, teacher, set.id, { ...RULES, carriedCredit: 0.5 });
    // The rules are changed and the job queued together; nothing is regraded yet.
    expect((await db.problemSet.findUniqueOrThrow({ where: { id: set.id } })).carriedCredit).toBe(0.5);
    const queued = await db.job.findUniqueOrThrow({ where: { id: regradeJobId! } });
    expect(queued).toMatchObject({ kind: "regrade", status: "queued", done: 0, total: submissions, problemSetId: set.id, createdById: teacher.id });
    expect(await db.grade.count({ where: { jobId: queued.id } })).toBe(0);

    // Progress, as the runner writes it: graded in chunks of about 50 submissions (16 exercises × 3
    // attempts, then 8 × 3), written in transactions of at most 10 (whole exercises: 3 × 3).
    const steps: number[] = [];
    const handlers: Handlers = {
      regrade: {
        run: (ctx) =>
          regradeHandler.run({ ...dyingAfter(ctx, Infinity), advance: async (tx, step) => (steps.push(step.done ?? 0), ctx.advance(tx, step)) }),
      },
    };
    expect(await new JobRunner(db, handlers).drain()).toBe(1);
    expect(steps).toEqual([9, 9, 9, 9, 9, 3, 9, 9, 6]);

    const job = await db.job.findUniqueOrThrow({ where: { id: queued.id } });
    expect(job).toMatchObject({ status: "done", done: submissions, total: submissions, attempts: 1, leaseOwner: null, error: null });
    expect(JSON.parse(job.resultJson!)).toEqual({ regraded: submissions, skipped: 0 });
    await expectRegradedOnce(set.id, job.id, submissions);
    const after = await db.variantResult.findMany({ where: { variant: { item: { problemSetId: set.id } } }, orderBy: { variantId: "asc" } });
    expect(after.map((r) => r.latestScore)).toEqual(before.map((r) => r.latestScore - 1));
    const history = await setHistory(db, teacher, set.id);
    expect(history.map((e) => e.action)).toEqual(["set.regrade", "set.rules", "set.create"]);
    expect(JSON.parse(history[0].detailJson)).toMatchObject({ submissions, job: job.id });
    // Nothing left to do: running again regrades nothing twice.
    expect(await runJobsNow(db)).toBe(0);
    await expectRegradedOnce(set.id, job.id, submissions);
  });

  it("whose runner died half-way is resumed by another after the lease runs out, without duplicates; the dead one can write nothing more", async () => {
    const { set, submissions } = await classWithWork("Resume", 20, 2, 3);
    const { regradeJobId } = await updateRules(db, teacher, set.id, { ...RULES, carriedCredit: 0 });
    const a = new JobRunner(db, HANDLERS, { owner: "runner-a", leaseMs: 30_000 });
    const b = new JobRunner(createClient(url), HANDLERS, { owner: "runner-b" });
    try {
      const claimed = (await a.claim())!;
      expect(claimed.id).toBe(regradeJobId);
      const ctxA = a.context(claimed);
      // The first chunk written (16 students' exercises × 3 attempts, in 6 transactions) and one
      // transaction of the second (3 × 3); then the process dies inside the next one.
      await expect(regradeHandler.run(dyingAfter(ctxA, 7))).rejects.toBeInstanceOf(Crash);
      const halfway = await db.job.findUniqueOrThrow({ where: { id: claimed.id } });
      expect(halfway).toMatchObject({ status: "running", leaseOwner: "runner-a", done: 57, total: submissions, attempts: 1 });
      expect(await db.grade.count({ where: { jobId: claimed.id } })).toBe(57);
      // What the set's page shows meanwhile ("Regrading: 57 of 120").
      expect(await jobView(db, teacher, claimed.id)).toMatchObject({ status: "running", done: 57, total: submissions });

      // Another process does not take a job whose lease still holds ...
      const leaseEnd = halfway.leaseUntil!.getTime();
      expect(leaseEnd).toBeGreaterThan(Date.now());
      expect(await b.claim(new Date(leaseEnd - 1))).toBeNull();
      // ... but one whose lease ran out (its clock read past it): it resumes where the committed work ends.
      const resumed = (await b.claim(new Date(leaseEnd + 1)))!;
      expect(resumed.id).toBe(claimed.id);
      await b.run(resumed);
      const job = await db.job.findUniqueOrThrow({ where: { id: claimed.id } });
      expect(job).toMatchObject({ status: "done", done: submissions, total: submissions, attempts: 2 });
      await expectRegradedOnce(set.id, job.id, submissions);
      expect(JSON.parse((await setHistory(db, teacher, set.id))[0].detailJson)).toMatchObject({ submissions });

      // The first runner, back from the dead, can record nothing: its writes are refused and rolled back.
      await expect(db.$transaction((tx) => ctxA.advance(tx, { done: 1 }))).rejects.toBeInstanceOf(JobLost);
      // And the database itself refuses a second grade of one submission by one job.
      const s = (await db.submission.findFirstOrThrow({ where: where(set.id) })).id;
      await expect(db.grade.create({ data: { submissionId: s, jobId: job.id, score: 0, maxScore: 1, gradeJson: "{}" } })).rejects.toThrow();
      await expectRegradedOnce(set.id, job.id, submissions);
    } finally {
      await b.db.$disconnect();
    }
  });

  it("is superseded by a newer rules change, even mid-way: the old runner stops, the new job regrades everything once", async () => {
    const { set, submissions } = await classWithWork("Supersede", 20, 2, 2);
    const first = (await updateRules(db, teacher, set.id, { ...RULES, carriedCredit: 0.5 })).regradeJobId!;
    const a = new JobRunner(db, HANDLERS, { owner: "runner-old" });
    const claimed = (await a.claim())!;
    const ctx = a.context(claimed);
    // One transaction written (5 students' exercises × 2 attempts); then, from another process, the instructor changes the credit again.
    const elsewhere = createClient(url);
    let transactions = 0;
    const watched = new Proxy(db, {
      get(target, prop) {
        if (prop !== "$transaction") return Reflect.get(target, prop);
        return async (...args: Parameters<typeof db.$transaction>) => {
          if (++transactions === 2) await updateRules(elsewhere, teacher, set.id, { ...RULES, carriedCredit: 0.25 });
          return (target.$transaction as (...a: unknown[]) => Promise<unknown>)(...args);
        };
      },
    });
    try {
      await expect(regradeHandler.run({ ...dyingAfter(ctx, Infinity), db: watched })).rejects.toBeInstanceOf(JobLost);
    } finally {
      await elsewhere.$disconnect();
    }
    expect(await db.job.findUniqueOrThrow({ where: { id: first } })).toMatchObject({ status: "failed", error: "superseded", done: 5 * 2 });
    expect(await db.grade.count({ where: { jobId: first } })).toBe(5 * 2);
    const newer = await db.job.findFirstOrThrow({ where: { problemSetId: set.id, status: "queued" } });
    expect(newer.total).toBe(submissions);
    expect(await runJobsNow(db)).toBe(1);
    await expectRegradedOnce(set.id, newer.id, submissions);
    // Every result now shows the newest rules' grade.
    const latest = await db.grade.findFirstOrThrow({ where: { jobId: newer.id } });
    const results = await db.variantResult.findMany({ where: { variant: { item: { problemSetId: set.id } } } });
    expect(results).toHaveLength(20 * 2);
    expect(new Set(results.map((r) => r.latestScore))).toEqual(new Set([latest.score]));
    expect(latest.score).toBeLessThan((await db.grade.findFirstOrThrow({ where: { jobId: first } })).score);
  });
});

describe("a regrade job and the students still submitting", () => {
  it("regrades an attempt recorded behind its cursor (perhaps under the old rules) too, once", async () => {
    const { set, submissions } = await classWithWork("Sweep", 8, 2, 2);
    const { regradeJobId } = await updateRules(db, teacher, set.id, { ...RULES, carriedCredit: 0.5 });
    const variants = await db.variant.findMany({ where: { item: { problemSetId: set.id } }, orderBy: { id: "asc" }, select: { id: true, userId: true } });
    let transactions = 0;
    let late = "";
    // Once the first students' exercises are written, the very first of them submits a third attempt.
    const watched = new Proxy(db, {
      get(target, prop) {
        if (prop !== "$transaction") return Reflect.get(target, prop);
        return async (...args: Parameters<typeof db.$transaction>) => {
          if (++transactions === 2) late = (await submitAnswers(db, { id: variants[0].userId, role: "student" }, variants[0].id, CARRIED, `late-attempt-${variants[0].id}`)).id;
          return (target.$transaction as (...a: unknown[]) => Promise<unknown>)(...args);
        };
      },
    });
    const runner = new JobRunner(db, { regrade: { run: (ctx) => regradeHandler.run({ ...dyingAfter(ctx, Infinity), db: watched }) } });
    expect(await runner.drain()).toBe(1);
    expect(late).not.toBe("");
    const job = await db.job.findUniqueOrThrow({ where: { id: regradeJobId! } });
    expect(job).toMatchObject({ status: "done", done: submissions + 1, total: submissions + 1 });
    await expectRegradedOnce(set.id, job.id, submissions + 1);
    expect(await db.grade.count({ where: { submissionId: late, jobId: job.id } })).toBe(1);
  });
});

describe("two runners", () => {
  it("racing for one job: exactly one claims it, every time", async () => {
    // Two app processes on PostgreSQL: two connections. SQLite serves one process (one connection);
    // its two runners still race between their read and their conditional update.
    const second = isPostgres ? createClient(url) : db;
    const ran: string[] = [];
    const handlers: Handlers = {
      noop: {
        run: async (ctx) => {
          ran.push(ctx.job.id);
          await ctx.db.$transaction((tx) => ctx.complete(tx, { by: ctx.job.leaseOwner }));
        },
      },
    };
    const a = new JobRunner(db, handlers, { owner: "race-a" });
    const b = new JobRunner(second, handlers, { owner: "race-b" });
    try {
      for (let round = 0; round < 15; round++) {
        const job = await db.job.create({ data: { kind: "noop", courseId, payloadJson: "{}", createdById: teacher.id } });
        const claims = await Promise.all([a.claim(), b.claim()]);
        expect(claims.filter(Boolean).map((j) => j!.id)).toEqual([job.id]);
        const winner = claims[0] ? a : b;
        await winner.run(claims.find(Boolean)!);
      }
      // Twenty jobs, both runners draining at once: each job runs once.
      for (let k = 0; k < 20; k++) await db.job.create({ data: { kind: "noop", courseId, payloadJson: "{}", createdById: teacher.id } });
      ran.length = 0;
      const [na, nb] = await Promise.all([a.drain(), b.drain()]);
      expect(na + nb).toBe(20);
      expect(new Set(ran).size).toBe(20);
      expect(ran).toHaveLength(20);
      expect(await db.job.count({ where: { kind: "noop", NOT: { status: "done" } } })).toBe(0);
      expect(await db.job.count({ where: { kind: "noop", attempts: { not: 1 } } })).toBe(0);
    } finally {
      if (second !== db) await second.$disconnect();
    }
  });
});

/** A trigger that makes every enrolment in `course` fail: a database failure in the middle of an import's transaction. */
async function failEnrolments(course: string, on: boolean) {
  if (!isPostgres) {
    await db.$executeRawUnsafe(on ? `CREATE TRIGGER fail_enrolment BEFORE INSERT ON "Membership" WHEN NEW."courseId" = '${course}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END` : `DROP TRIGGER fail_enrolment`);
    return;
  }
  if (on) {
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION fail_enrolment() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE TRIGGER fail_enrolment BEFORE INSERT ON "Membership" FOR EACH ROW WHEN (NEW."courseId" = '${course}') EXECUTE FUNCTION fail_enrolment()`);
  } else {
    await db.$executeRawUnsafe(`DROP TRIGGER fail_enrolment ON "Membership"`);
  }
}

describe("a roster import job", () => {
  const csv = ["name,email", "Ann One,ann@import.test", "Ben Two,ben@import.test", "no email here,", "Cat Three,cat@import.test", "Dan Four,dan@import.test", "Eve Five,EVE@import.test", "Fay Six,fay@import.test", "Again,ann@import.test"].join("\n");
  const emails = ["ann", "ben", "cat", "dan", "eve", "fay"].map((n) => `${n}@import.test`);

  it("adds no one when the database fails mid-import, shows its progress, and adds everyone when tried again", async () => {
    const course = await createCourse(db, teacher, { title: "Import course" });
    const job = await enqueueImport(db, teacher, course.id, csv);
    expect(job).toMatchObject({ kind: "import", status: "queued", done: 0, total: 6 });
    expect(job.payloadJson).not.toMatch(/password/i);
    const runner = new JobRunner(db, HANDLERS, { owner: "importer", retryMs: 50, log: () => {} });

    await failEnrolments(course.id, true);
    try {
      expect((await runner.runOne())?.id).toBe(job.id);
    } finally {
      await failEnrolments(course.id, false);
    }
    // The accounts were written in the failed transaction: none of them exists.
    expect(await db.user.count({ where: { email: { in: emails } } })).toBe(0);
    expect(await db.membership.count({ where: { courseId: course.id, role: "student" } })).toBe(0);
    expect(await takeOnce(db, teacher, csvReportTopic(course.id))).toBeUndefined();
    // Every password was hashed (progress: 6 of 6); the job waits out a short back-off for its next attempt.
    const failed = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(failed).toMatchObject({ status: "queued", done: 6, total: 6, attempts: 1, leaseOwner: null });
    expect(failed.leaseUntil!.getTime()).toBeGreaterThan(Date.now() - 1000);

    await new Promise((r) => setTimeout(r, 100));
    expect((await runner.runOne())?.id).toBe(job.id);
    const done = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(done).toMatchObject({ status: "done", done: 6, total: 6, attempts: 2 });
    expect(JSON.parse(done.resultJson!)).toEqual({ added: 6, created: 6, already: 0, rejected: 2 });
    expect(await db.user.count({ where: { email: { in: emails } } })).toBe(6);
    expect(await db.membership.count({ where: { courseId: course.id, role: "student", removedAt: null } })).toBe(6);
    // The report, with the initial passwords, for the importing session only, once.
    expect(await takeOnce(db, { id: teacher.id, sessionId: "another-session" }, csvReportTopic(course.id))).toBeUndefined();
    const report = (await takeOnce<{ added: { email: string; initialPassword?: string }[]; rejected: { line: number; reason: string }[] }>(db, teacher, csvReportTopic(course.id)))!;
    expect(report.added.map((a) => a.email)).toEqual(emails);
    expect(report.rejected.map((r) => [r.line, r.reason])).toEqual([
      [4, "not_email"],
      [9, "duplicate"],
    ]);
    const ann = await db.user.findUniqueOrThrow({ where: { email: "ann@import.test" } });
    expect(await verifyPassword(report.added[0].initialPassword!, ann.passwordHash)).toBe(true);
    expect(await takeOnce(db, teacher, csvReportTopic(course.id))).toBeUndefined();
  });

  it("writes nothing when its last transaction fails, and enrols an account made by someone else meanwhile instead of making it twice", async () => {
    const course = await createCourse(db, teacher, { title: "Import course 2" });
    const rows = "Gil,gil@import.test\nHal,hal@import.test\nIda,ida@import.test";
    await expect(addStudentsCsv(db, teacher, course.id, rows, { inTransaction: async () => Promise.reject(new Error("injected failure")) })).rejects.toThrow("injected failure");
    expect(await db.user.count({ where: { email: { endsWith: "@import.test", in: ["gil@import.test", "hal@import.test", "ida@import.test"] } } })).toBe(0);
    expect(await db.auditEvent.count({ where: { courseId: course.id, action: "roster.import" } })).toBe(0);

    // Hal's account appears (another import) while the passwords are being hashed.
    const second = createClient(url);
    try {
      const report = await addStudentsCsv(db, teacher, course.id, rows, {
        onPrepared: async (done) => {
          if (done === 1) await second.user.create({ data: { email: "hal@import.test", name: "Hal (already)", passwordHash: "x" } });
        },
      });
      expect(report.added.map((a) => [a.email, !!a.initialPassword])).toEqual([
        ["gil@import.test", true],
        ["hal@import.test", false],
        ["ida@import.test", true],
      ]);
      expect(await db.user.count({ where: { email: "hal@import.test" } })).toBe(1);
      expect(await db.membership.count({ where: { courseId: course.id, role: "student" } })).toBe(3);
    } finally {
      await second.$disconnect();
    }
  });

  it("imports a class of 300 in one transaction", async () => {
    const course = await createCourse(db, teacher, { title: "Big import" });
    const big = Array.from({ length: 300 }, (_, k) => `Student ${k},big${k}@import.test`).join("\n");
    const job = await enqueueImport(db, teacher, course.id, big);
    const t0 = performance.now();
    expect(await runJobsNow(db)).toBe(1);
    const ms = performance.now() - t0;
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "done", done: 300, total: 300 });
    expect(await db.membership.count({ where: { courseId: course.id, role: "student" } })).toBe(300);
    console.log(`[jobs] import of 300 students as a job (test hashing, N=2^10): ${ms.toFixed(0)} ms`);
  });
});

describe("a job's progress over HTTP", () => {
  async function get(who: Actor | null, id: string) {
    const headers: Record<string, string> = {};
    if (who) headers.cookie = `next-auth.session-token=${await encode({ token: { sub: who.id }, secret: sessionSecret(), maxAge: 3600 })}`;
    return jobRoute.GET(new NextRequest(`http://localhost/api/jobs/${id}`, { headers }), { params: Promise.resolve({ id }) });
  }

  it("is shown to the course's instructors only", async () => {
    const job = await db.job.create({ data: { kind: "regrade", courseId, payloadJson: "{}", createdById: teacher.id, total: 300, done: 120, status: "running" } });
    const r = await get(teacher, job.id);
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(await r.json()).toEqual({ id: job.id, kind: "regrade", status: "running", done: 120, total: 300, error: null });
    expect((await get(null, job.id)).status).toBe(401);
    expect((await get(alice, job.id)).status).toBe(403);
    expect((await get(other, job.id)).status).toBe(404);
    expect((await get(teacher, "no-such-job")).status).toBe(404);
    expect((await get(teacher, "../x")).status).toBe(404);
    await db.job.update({ where: { id: job.id }, data: { status: "failed", error: "gone" } });
  });

  it("is shown on the page in the reader's language: the progress while it runs, why it stopped when it failed", async () => {
    const { JobStatus } = await import("../app/teach/_job-status");
    const { translator } = await import("../lib/i18n");
    const job = await db.job.create({ data: { kind: "regrade", courseId, payloadJson: "{}", createdById: teacher.id, total: 300, done: 120, status: "running" } });
    const running = JobStatus({ job, t: translator("ja") })!;
    expect(running.props).toMatchObject({ jobId: job.id, initial: { status: "running", done: 120, total: 300 }, text: { running: "再採点中: {total} 件中 {done} 件" } });
    const failed = await db.job.update({ where: { id: job.id }, data: { status: "failed", error: "gave_up", finishedAt: new Date() } });
    expect(JSON.stringify(JobStatus({ job: failed, t: translator("en") }))).toContain("The regrade stopped: it failed several times");
    // An unknown code reads as the generic failure; a superseded or an old failure, or a finished job, shows nothing.
    expect(JSON.stringify(JobStatus({ job: { ...failed, error: "<b>free text</b>" }, t: translator("en") }))).toContain("an error on the server");
    expect(JobStatus({ job: { ...failed, error: "superseded" }, t: translator("en") })).toBeNull();
    expect(JobStatus({ job: { ...failed, finishedAt: new Date(Date.now() - 2 * 3600_000) }, t: translator("en") })).toBeNull();
    expect(JobStatus({ job: { ...failed, status: "done", error: null }, t: translator("en") })).toBeNull();
  });
});
