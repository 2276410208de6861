// One-time passwords an instructor hands out: an import's initial passwords and a reset's new one.
// Each is shown once on the course page, and all of them wait, for the session that made them, on
// one "password sheet" that downloads once as a CSV (then it is deleted). Both are one-time
// messages in the database (lib/auth/once.ts), never in process memory and never in a log.
import { hashOneTimePassword, isOneTimeHash, newOneTimePassword } from "../auth/password";
import { keepOnce, takeOnce, type SessionRef } from "../auth/once";
import type { ActorRef } from "../access";
import type { Prisma } from "../db/generated/client";
import { notFound } from "../errors";
import { audit, courseTaughtBy, type Db } from "../access";

export interface SheetRow {
  name: string;
  email: string;
  password: string;
}

type OnceDb = Pick<Prisma.TransactionClient, "oneTimeMessage">;

/** The topic of a course's password sheet (for the session that made the passwords). */
export const passwordSheetTopic = (courseId: string) => `password-sheet:${courseId}`;
/** The topic of a reset's notice, shown once on the course page. */
export const passwordResetTopic = (courseId: string) => `password-reset:${courseId}`;

/** Adds rows to the session's sheet for the course (an earlier import's or reset's rows stay until downloaded). */
export async function addToPasswordSheet(tx: OnceDb, who: SessionRef, courseId: string, rows: SheetRow[]): Promise<void> {
  if (!rows.length) return;
  const earlier = (await takeOnce<SheetRow[]>(tx, who, passwordSheetTopic(courseId))) ?? [];
  await keepOnce(tx, who, passwordSheetTopic(courseId), [...earlier, ...rows]);
}

/** Whether the session has a sheet waiting for the course (the page then offers the download). */
export async function hasPasswordSheet(db: OnceDb, who: SessionRef, courseId: string, now = new Date()): Promise<boolean> {
  return (await db.oneTimeMessage.count({ where: { userId: who.id, sessionId: who.sessionId, topic: passwordSheetTopic(courseId), expiresAt: { gt: now } } })) > 0;
}

/** A cell as a spreadsheet must read it: quoted when needed, and a leading formula character defused. */
function csvCell(value: string): string {
  const safe = /^\s*[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The sheet as CSV for Excel: a byte-order mark (so Japanese names open correctly), CRLF line ends. */
export function passwordSheetCsv(rows: SheetRow[], header: [string, string, string]): string {
  const lines = [header, ...rows.map((r) => [r.name, r.email, r.password])].map((cells) => cells.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/**
 * The course's password sheet for an instructor's session, deleted as it is taken: null when
 * there is none (already downloaded, expired, or another session's). Anyone who does not teach
 * the course gets "not found".
 */
export async function takePasswordSheet(db: Db, actor: ActorRef & SessionRef, courseId: string): Promise<SheetRow[] | null> {
  await courseTaughtBy(db, actor, courseId);
  return (await takeOnce<SheetRow[]>(db, actor, passwordSheetTopic(courseId))) ?? null;
}

/** The student of the course whose password an instructor may reset: a current student, with a student's account. */
async function resettableStudent(db: Db, courseId: string, userId: string) {
  const m = userId ? await db.membership.findUnique({ where: { userId_courseId: { userId, courseId } }, include: { user: { select: { id: true, name: true, email: true, role: true } } } }) : null;
  // An instructor's account is never reset by a colleague, even one enrolled as a student somewhere.
  if (!m || m.role !== "student" || m.removedAt || m.user.role !== "student") throw notFound("no such student in this course");
  return m.user;
}

/**
 * An instructor gives a student of their course a new one-time password: every session of the
 * student ends, the new password is shown once to this instructor session and added to its sheet,
 * and the reset is audited (who, whom; never the password). All in one transaction.
 */
export async function resetStudentPassword(db: Db, actor: ActorRef & SessionRef, courseId: string, userId: string): Promise<{ name: string; email: string }> {
  await courseTaughtBy(db, actor, courseId);
  const student = await resettableStudent(db, courseId, userId);
  const password = newOneTimePassword();
  const passwordHash = await hashOneTimePassword(password);
  const row: SheetRow = { name: student.name, email: student.email, password };
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: student.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await keepOnce(tx, actor, passwordResetTopic(courseId), row);
    await addToPasswordSheet(tx, actor, courseId, [row]);
    await audit(tx, actor, courseId, "student.passwordReset", { userId: student.id });
  });
  return { name: student.name, email: student.email };
}

/** Which students get new one-time passwords: those chosen, or every current student still on a one-time password. */
export type Reissue = { userIds: string[] } | { unchanged: true };

/** At most this many in one go: the class of 300 twice over. */
const MAX_REISSUE = 600;

/**
 * One sheet of new one-time passwords (a lost sheet, or a class that never signed in): each chosen
 * current student of the course gets a new one, their sessions end, the rows join this session's
 * sheet (one download) and the whole is audited once (whom; never a password). All in one
 * transaction, hashed first (on libuv's pool, off the request thread).
 */
export async function reissuePasswords(db: Db, actor: ActorRef & SessionRef, courseId: string, which: Reissue): Promise<{ count: number }> {
  await courseTaughtBy(db, actor, courseId);
  const members = await db.membership.findMany({
    where: { courseId, role: "student", removedAt: null, user: { role: "student" }, ...("userIds" in which ? { userId: { in: which.userIds.slice(0, MAX_REISSUE) } } : {}) },
    select: { user: { select: { id: true, name: true, email: true, passwordHash: true } } },
    orderBy: { joinedAt: "asc" },
  });
  const chosen = members.map((m) => m.user).filter((u) => "userIds" in which || isOneTimeHash(u.passwordHash)).slice(0, MAX_REISSUE);
  if (!chosen.length) return { count: 0 };
  const issued = await Promise.all(
    chosen.map(async (user) => {
      const password = newOneTimePassword();
      return { user, password, hash: await hashOneTimePassword(password) };
    }),
  );
  await db.$transaction(async (tx) => {
    for (const { user, hash } of issued) await tx.user.update({ where: { id: user.id }, data: { passwordHash: hash, sessionVersion: { increment: 1 } } });
    await addToPasswordSheet(tx, actor, courseId, issued.map(({ user, password }) => ({ name: user.name, email: user.email, password })));
    await audit(tx, actor, courseId, "student.passwordsReissued", { userIds: issued.map((i) => i.user.id) });
  });
  return { count: issued.length };
}
