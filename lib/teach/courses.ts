// Courses and rosters: create a course, copy one to a new term, add students from CSV, remove a
// student (their work stays, and counts in the statistics unless the instructor says otherwise).
import { labelled } from "./student-label";
import { randomInt } from "node:crypto";
import { z } from "zod";
import { hashOneTimePassword, newOneTimePassword } from "../auth/password";
import { env } from "../env";
import { AppError, parseOr422 } from "../errors";
import type { ActorRef } from "../access";
import { pickRules, shiftedRules } from "../course/rules";
import { isTimeZone } from "../time";
import type { Prisma } from "../db/generated/client";
import { audit, courseTaughtBy, courseViewableBy, requireInstructor, type Db } from "../access";
import { readRosterInput, type CsvReport, type CsvRow } from "./roster-csv";

const JOIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const newJoinCode = () => Array.from({ length: 8 }, () => JOIN_ALPHABET[randomInt(JOIN_ALPHABET.length)]).join("");

/** A new course, in the time zone chosen (UTC when none is given); an unknown zone is refused by name. */
export async function createCourse(db: Db, actor: ActorRef, raw: unknown) {
  requireInstructor(actor);
  const parsed = z.object({ title: z.string().trim().min(1).max(200), timeZone: z.string().optional() }).safeParse(raw);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "title: 1 to 200 characters", { title: "1 to 200 characters" });
  const timeZone = parsed.data.timeZone || "UTC";
  if (!isTimeZone(timeZone)) throw new AppError("INVALID_INPUT", `timeZone: not a time zone (${String(timeZone).slice(0, 64)})`, { timeZone: "not a time zone" }, "errors.badTimeZone");
  return db.course.create({
    data: { title: parsed.data.title, timeZone, joinCode: newJoinCode(), ownerId: actor.id, memberships: { create: { userId: actor.id, role: "instructor" } } },
  });
}

/** The course's time zone, in which its dates are entered and shown ("UTC" for none found). */
export async function zoneOfCourse(db: Db, courseId: string): Promise<string> {
  const c = courseId ? await db.course.findUnique({ where: { id: courseId }, select: { timeZone: true } }) : null;
  return c?.timeZone ?? "UTC";
}

/** The time zone of a set's course. */
export async function zoneOfSet(db: Db, setId: string): Promise<string> {
  const s = setId ? await db.problemSet.findUnique({ where: { id: setId }, select: { course: { select: { timeZone: true } } } }) : null;
  return s?.course.timeZone ?? "UTC";
}

export async function coursesTaughtBy(db: Db, actor: ActorRef) {
  requireInstructor(actor);
  return db.course.findMany({
    where: { OR: [{ ownerId: actor.id }, { memberships: { some: { userId: actor.id, role: "instructor", removedAt: null } } }] },
    include: { _count: { select: { memberships: { where: { role: "student", removedAt: null } } } }, sets: { select: { id: true, title: true, dueAt: true } } },
    orderBy: { createdAt: "asc" },
  });
}

export async function roster(db: Db, actor: ActorRef, courseId: string) {
  await courseViewableBy(db, actor, courseId);
  return db.membership.findMany({
    where: { courseId, role: "student" },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ removedAt: { sort: "asc", nulls: "first" } }, { joinedAt: "asc" }],
  });
}

/** Students shown per page of the course page's roster. */
export const ROSTER_PAGE_SIZE = 50;

/** Text compared as people search it: width-folded (ＡＢＣ = ABC), case-folded, spaces squeezed. */
const folded = (text: string) => text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();

/**
 * One page of the course's roster (current students first, then removed ones), those whose name,
 * email or student number contains `query` when one is given. A page number out of range or
 * malformed lands on the nearest page. Each row carries its label (lib/teach/student-label.ts).
 */
export async function rosterPage(db: Db, actor: ActorRef, courseId: string, query: unknown, page: unknown, size = ROSTER_PAGE_SIZE) {
  const members = await roster(db, actor, courseId);
  const all = labelled(members.map((m) => ({ ...m, name: m.user.name, email: m.user.email })));
  const q = typeof query === "string" ? folded(query.slice(0, 200)) : "";
  const matched = q ? all.filter((m) => [m.name, m.email, m.studentNumber ?? ""].some((f) => folded(f).includes(q))) : all;
  const pages = Math.max(1, Math.ceil(matched.length / size));
  const asked = Math.trunc(Number(page));
  const current = Number.isFinite(asked) ? Math.min(Math.max(asked, 1), pages) : 1;
  return { rows: matched.slice((current - 1) * size, current * size), page: current, pages, matched: matched.length, total: all.length, query: q };
}

export { MAX_CSV, readRosterCsv, type CsvRejection, type CsvReport, type CsvRow } from "./roster-csv";

/**
 * Initial passwords hashed at once during an import. They are random one-time passwords, hashed
 * with cheap parameters (lib/auth/password.ts: 1 MiB, a few ms each) on libuv's thread pool (4
 * threads): four at a time keep both cores busy. HANDPROP_IMPORT_HASH_CONCURRENCY (lib/env.ts)
 * can raise it on a larger machine (with UV_THREADPOOL_SIZE).
 */
const hashConcurrency = () => Math.max(env().HANDPROP_IMPORT_HASH_CONCURRENCY, 4);

export interface ImportHooks {
  /** After each row is ready (an account's initial password hashed): how many of how many. */
  onPrepared?(done: number, total: number): Promise<void>;
  /** Last, inside the transaction that creates the accounts: the caller's own writes (a job's completion). */
  inTransaction?(tx: Prisma.TransactionClient, report: CsvReport): Promise<void>;
}

/** Runs `f` over `items`, at most `limit` at a time; the first failure stops the rest and is thrown. */
async function eachLimited<T>(items: T[], limit: number, f: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      const item = items[next++];
      try {
        await f(item);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * Adds the rows' students, all or nothing: new emails get an account with an initial password
 * (hashed first, in parallel), existing students are enrolled (again), instructors are refused;
 * then every account and enrolment is written in one transaction, so a failure adds nobody.
 */
export async function importRoster(db: Db, actor: ActorRef, courseId: string, rows: CsvRow[], rejected: CsvReport["rejected"], hooks: ImportHooks = {}): Promise<CsvReport> {
  const emails = rows.map((r) => r.email);
  const known = new Set((await db.user.findMany({ where: { email: { in: emails } }, select: { email: true } })).map((u) => u.email));
  const fresh = rows.filter((r) => !known.has(r.email));
  const secrets = new Map<string, { password: string; hash: string }>();
  let prepared = rows.length - fresh.length;
  await hooks.onPrepared?.(prepared, rows.length);
  await eachLimited(fresh, hashConcurrency(), async (r) => {
    const password = newOneTimePassword();
    secrets.set(r.email, { password, hash: await hashOneTimePassword(password) });
    await hooks.onPrepared?.(++prepared, rows.length);
  });
  return db.$transaction(
    async (tx) => {
      // Looked up again inside the transaction: an account made meanwhile (by another import) is enrolled, not made twice.
      const users = new Map((await tx.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true, name: true, role: true } })).map((u) => [u.email, u]));
      const toCreate = rows.filter((r) => !users.has(r.email));
      if (toCreate.some((r) => !secrets.has(r.email))) throw new Error("an account disappeared during the import");
      const created = toCreate.length
        ? await tx.user.createManyAndReturn({
            data: toCreate.map((r) => ({ email: r.email, name: r.name, role: "student", passwordHash: secrets.get(r.email)!.hash })),
            select: { id: true, email: true, name: true, role: true },
          })
        : [];
      for (const u of created) users.set(u.email, u);
      const isNew = new Set(created.map((u) => u.email));
      const memberships = new Map(
        (await tx.membership.findMany({ where: { courseId, userId: { in: [...users.values()].map((u) => u.id) } }, select: { userId: true, role: true, removedAt: true, studentNumber: true } })).map((m) => [m.userId, m]),
      );
      // Student numbers already held in the course, by whom: a number names one student of a course.
      const numbered = rows.flatMap((r) => (r.studentNumber ? [r.studentNumber] : []));
      const holders = new Map(
        numbered.length ? (await tx.membership.findMany({ where: { courseId, studentNumber: { in: numbered } }, select: { userId: true, studentNumber: true } })).map((m) => [m.studentNumber!, m.userId]) : [],
      );
      const numbers: { userId: string; studentNumber: string }[] = [];
      const report: CsvReport = { added: [], already: [], rejected: [...rejected] };
      const returning: string[] = [];
      const joining: string[] = [];
      for (const r of rows) {
        const user = users.get(r.email)!;
        const membership = memberships.get(user.id);
        const holder = r.studentNumber ? holders.get(r.studentNumber) : undefined;
        if (holder && holder !== user.id) {
          report.rejected.push({ line: r.line, text: r.text, reason: "number_taken" });
          continue;
        }
        if (r.studentNumber && membership?.studentNumber !== r.studentNumber && user.role !== "instructor" && (!membership || membership.role === "student")) numbers.push({ userId: user.id, studentNumber: r.studentNumber });
        if (user.role === "instructor") {
          report.rejected.push({ line: r.line, text: r.text, reason: "instructor" });
        } else if (membership && membership.role !== "student") {
          // Course staff (a TA), present or removed: a roster never changes anyone's role.
          report.rejected.push({ line: r.line, text: r.text, reason: "staff" });
        } else if (membership && !membership.removedAt) {
          // Enrolled already: said so, and not counted as added.
          report.already!.push({ line: r.line, name: user.name, email: r.email });
        } else {
          (membership ? returning : joining).push(user.id);
          report.added.push({ line: r.line, name: user.name, email: r.email, ...(r.studentNumber ? { studentNumber: r.studentNumber } : {}), initialPassword: isNew.has(r.email) ? secrets.get(r.email)!.password : undefined });
        }
      }
      if (returning.length) await tx.membership.updateMany({ where: { courseId, userId: { in: returning } }, data: { removedAt: null } });
      if (joining.length) await tx.membership.createMany({ data: joining.map((userId) => ({ userId, courseId, role: "student" })) });
      for (const n of numbers) await tx.membership.update({ where: { userId_courseId: { userId: n.userId, courseId } }, data: { studentNumber: n.studentNumber } });
      report.rejected.sort((a, b) => a.line - b.line);
      await audit(tx, actor, courseId, "roster.import", { added: report.added.map((a) => a.email), already: report.already!.length, rejected: report.rejected.length });
      await hooks.inTransaction?.(tx, report);
      return report;
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}

/**
 * Adds students from CSV rows "name,email" (a header row is optional), all or nothing. New
 * accounts get an initial password, shown once in the report; existing accounts are simply
 * enrolled. The app runs this as a job (lib/teach/roster-import.ts); this is the same work, awaited.
 */
export async function addStudentsCsv(db: Db, actor: ActorRef, courseId: string, csv: string | Uint8Array, hooks?: ImportHooks): Promise<CsvReport> {
  await courseTaughtBy(db, actor, courseId);
  const { rows, rejected } = readRosterInput(csv);
  return importRoster(db, actor, courseId, rows, rejected, hooks);
}

/** The instructor's choice at a removal: whether the student's work keeps counting in the statistics (by default it does). */
const removalInput = z.object({ countsInStats: z.boolean().default(true) });

/**
 * Removes a student from the course; their variants, submissions and grades are kept, and by
 * default still count in the course's statistics (marked as removed); the instructor may choose
 * to leave them out. Their sessions end too (lib/auth/revoke.ts): whoever holds one signs in
 * again before anything else.
 */
export async function removeStudent(db: Db, actor: ActorRef, courseId: string, userId: string, raw: unknown = {}) {
  await courseTaughtBy(db, actor, courseId);
  const parsed = removalInput.safeParse(raw);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "countsInStats: true or false", { countsInStats: "true or false" });
  const { countsInStats } = parsed.data;
  const m = userId ? await db.membership.findUnique({ where: { userId_courseId: { userId, courseId } } }) : null;
  if (!m || m.role !== "student") throw new AppError("NOT_FOUND", "no such student in this course");
  await db.$transaction([
    db.membership.update({ where: { id: m.id }, data: { removedAt: new Date(), countsInStats } }),
    db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } }),
  ]);
  await audit(db, actor, courseId, "student.remove", { userId, countsInStats });
}


/** A copy's title and how far its dates move: at most ten years either way. */
const copyInput = z.object({
  title: z.string().trim().min(1).max(200),
  offsetDays: z.coerce.number().int().min(-3650).max(3650),
});

/**
 * A course for a new term: its problem sets (rules, templates, opening and due dates moved by
 * `offsetDays`), every one a draft, so nothing reaches students before the instructor publishes
 * it. Not copied: students, staff other than the one copying (who owns the copy), work, exceptions,
 * LMS links. Audited in both courses.
 */
export async function copyCourse(db: Db, actor: ActorRef, courseId: string, raw: unknown) {
  requireInstructor(actor);
  const source = await courseTaughtBy(db, actor, courseId);
  const { title, offsetDays } = parseOr422(copyInput, raw, "errors.badCopy");
  const sets = await db.problemSet.findMany({ where: { courseId }, include: { items: { orderBy: { position: "asc" } } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return db.$transaction(async (tx) => {
    const copy = await tx.course.create({ data: { title, timeZone: source.timeZone, joinCode: newJoinCode(), ownerId: actor.id, memberships: { create: { userId: actor.id, role: "instructor" } } } });
    for (const [k, s] of sets.entries()) {
      await tx.problemSet.create({
        data: {
          courseId: copy.id,
          title: s.title,
          status: "draft",
          ...shiftedRules(pickRules(s), offsetDays),
          // Created in the source's order: the copy lists its sets the same way.
          createdAt: new Date(copy.createdAt.getTime() + k),
          items: { create: s.items.map((i) => ({ position: i.position, templateId: i.templateId, title: i.title, templateJson: i.templateJson })) },
        },
      });
    }
    await audit(tx, actor, copy.id, "course.copy", { from: { id: source.id, title: source.title }, offsetDays, sets: sets.length });
    await audit(tx, actor, source.id, "course.copied", { to: { id: copy.id, title }, offsetDays, sets: sets.length });
    return copy;
  });
}
