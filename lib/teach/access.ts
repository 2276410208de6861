// Instructors see only their own courses; everyone else gets "not found" (or "forbidden" for
// instructor-only actions done by a student).
import type { PrismaClient } from "../db/generated/client";
import { AppError, notFound } from "../errors";
import type { ActorRef } from "../course/work";

export type Db = PrismaClient;

export function requireInstructor(actor: ActorRef): void {
  if (actor.role !== "instructor") throw new AppError("FORBIDDEN", "instructors only");
}

/** Whether the actor teaches the course: an instructor who owns it or is one of its instructor members. */
export async function teaches(db: Db, actor: ActorRef, course: { id: string; ownerId: string }): Promise<boolean> {
  if (actor.role !== "instructor") return false;
  if (course.ownerId === actor.id) return true;
  const m = await db.membership.findUnique({ where: { userId_courseId: { userId: actor.id, courseId: course.id } } });
  return m?.role === "instructor" && !m.removedAt;
}

/** The course, if the actor teaches it (owner, or an instructor member). */
export async function courseTaughtBy(db: Db, actor: ActorRef, courseId: string) {
  requireInstructor(actor);
  const course = await db.course.findUnique({ where: { id: courseId } });
  if (!course) throw notFound("course not found");
  if (await teaches(db, actor, course)) return course;
  throw notFound("course not found");
}

export async function setTaughtBy(db: Db, actor: ActorRef, setId: string) {
  requireInstructor(actor);
  const set = await db.problemSet.findUnique({ where: { id: setId }, include: { items: { orderBy: { position: "asc" } } } });
  if (!set) throw notFound("problem set not found");
  await courseTaughtBy(db, actor, set.courseId);
  return set;
}

export async function audit(db: Pick<Db, "auditEvent">, actor: ActorRef, courseId: string, action: string, detail: unknown, problemSetId?: string) {
  await db.auditEvent.create({ data: { courseId, problemSetId, actorId: actor.id, action, detailJson: JSON.stringify(detail) } });
}
