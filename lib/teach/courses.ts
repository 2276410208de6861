// Courses and rosters: create a course, add students from CSV, remove a student (their work stays).
import { randomBytes, randomInt } from "node:crypto";
import Papa from "papaparse";
import { z } from "zod";
import { hashPassword } from "../auth/password";
import { AppError } from "../errors";
import type { ActorRef } from "../course/work";
import { audit, courseTaughtBy, requireInstructor, type Db } from "./access";

const JOIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const newJoinCode = () => Array.from({ length: 8 }, () => JOIN_ALPHABET[randomInt(JOIN_ALPHABET.length)]).join("");

export async function createCourse(db: Db, actor: ActorRef, raw: unknown) {
  requireInstructor(actor);
  const parsed = z.object({ title: z.string().trim().min(1).max(200) }).safeParse(raw);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "title: 1 to 200 characters", { title: "1 to 200 characters" });
  return db.course.create({
    data: { title: parsed.data.title, joinCode: newJoinCode(), ownerId: actor.id, memberships: { create: { userId: actor.id, role: "instructor" } } },
  });
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
  await courseTaughtBy(db, actor, courseId);
  return db.membership.findMany({
    where: { courseId, role: "student" },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ removedAt: { sort: "asc", nulls: "first" } }, { joinedAt: "asc" }],
  });
}

export interface CsvReport {
  added: { line: number; name: string; email: string; initialPassword?: string }[];
  rejected: { line: number; text: string; reason: CsvRejection; email?: string }[];
}

/** Why a CSV row added nobody (worded per language in messages "teach.csv.<reason>"). */
export type CsvRejection = "columns" | "no_name" | "not_email" | "duplicate" | "instructor";

const emailSchema = z.email().max(200);

/**
 * Adds students from CSV rows "name,email" (a header row is optional). New accounts get an
 * initial password, shown once in the report; existing accounts are simply enrolled.
 */
export async function addStudentsCsv(db: Db, actor: ActorRef, courseId: string, csv: string): Promise<CsvReport> {
  await courseTaughtBy(db, actor, courseId);
  if (csv.length > 200_000) throw new AppError("INVALID_INPUT", "the CSV is larger than 200 KB", { csv: "larger than 200 KB" }, "formError.csvTooLarge");
  const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" }).data;
  const report: CsvReport = { added: [], rejected: [] };
  const seen = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const line = i + 1;
    const [name = "", email = "", ...rest] = rows[i].map((c) => c.trim());
    const text = rows[i].join(",");
    if (i === 0 && /^name$/i.test(name) && /^e-?mail$/i.test(email)) continue;
    if (rest.some((c) => c !== "")) report.rejected.push({ line, text, reason: "columns" });
    else if (!name) report.rejected.push({ line, text, reason: "no_name" });
    else if (!emailSchema.safeParse(email).success) report.rejected.push({ line, text, reason: "not_email", email });
    else if (seen.has(email.toLowerCase())) report.rejected.push({ line, text, reason: "duplicate" });
    else {
      const key = email.toLowerCase();
      seen.add(key);
      let user = await db.user.findUnique({ where: { email: key } });
      let initialPassword: string | undefined;
      if (!user) {
        initialPassword = randomBytes(9).toString("base64url");
        user = await db.user.create({ data: { email: key, name: name.slice(0, 200), role: "student", passwordHash: await hashPassword(initialPassword) } });
      } else if (user.role === "instructor") {
        report.rejected.push({ line, text, reason: "instructor" });
        continue;
      }
      await db.membership.upsert({ where: { userId_courseId: { userId: user.id, courseId } }, create: { userId: user.id, courseId, role: "student" }, update: { removedAt: null } });
      report.added.push({ line, name: user.name, email: key, initialPassword });
    }
  }
  await audit(db, actor, courseId, "roster.import", { added: report.added.map((a) => a.email), rejected: report.rejected.length });
  return report;
}

/**
 * Removes a student from the course; their variants, submissions and grades are kept. Their
 * sessions end too (lib/auth/revoke.ts): whoever holds one signs in again before anything else.
 */
export async function removeStudent(db: Db, actor: ActorRef, courseId: string, userId: string) {
  await courseTaughtBy(db, actor, courseId);
  const m = userId ? await db.membership.findUnique({ where: { userId_courseId: { userId, courseId } } }) : null;
  if (!m || m.role !== "student") throw new AppError("NOT_FOUND", "no such student in this course");
  await db.$transaction([db.membership.update({ where: { id: m.id }, data: { removedAt: new Date() } }), db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } })]);
  await audit(db, actor, courseId, "student.remove", { userId });
}
