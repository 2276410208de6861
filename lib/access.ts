// Who may do what in a course. A course's staff are its instructors (the owner, and members with
// role "instructor") and its teaching assistants (members with role "ta"). Both SEE the course's
// statistics, submissions, students and exports; only instructors CHANGE anything. The global
// User.role only decides who may create a course: access to one comes from the course alone, so a
// graduate student (global role "student") can assist a course.
//
// Refusals: someone the course means nothing to gets "not found" (they must not learn it exists);
// someone who knows it (its student, or its TA asking to change something) gets "forbidden".
import type { PrismaClient } from "./db/generated/client";
import { AppError, notFound } from "./errors";

export type Db = PrismaClient;

/** Who is asking, as the domain needs it: their id and global role (app/_lib/session.server.ts reads it). */
export interface ActorRef {
  id: string;
  role: "student" | "instructor";
}

/** What the actor may do in a course: teach it (change anything) or assist it (see everything). */
export type CourseAccess = "instructor" | "ta";

/** The roles a course's staff can be given (Membership.role). */
export const STAFF_ROLES = ["instructor", "ta"] as const satisfies readonly CourseAccess[];

/** The actor's standing in one course, or null when the course does not exist. */
type Standing = { course: { id: string; title: string; joinCode: string; timeZone: string; ownerId: string; createdAt: Date }; role: CourseAccess | "student" | null };

/** Only the global role "instructor" creates courses. */
export function requireInstructor(actor: ActorRef): void {
  if (actor.role !== "instructor") throw new AppError("FORBIDDEN", "instructors only");
}

/** A membership's role as an access level (a removed member has none). */
function roleOf(m: { role: string; removedAt: Date | null } | undefined): Standing["role"] {
  if (!m || m.removedAt) return null;
  return m.role === "instructor" || m.role === "ta" || m.role === "student" ? m.role : null;
}

/** One query: the course and the actor's membership of it. The owner always teaches. */
async function standing(db: Db, actor: ActorRef, courseId: string): Promise<Standing | null> {
  if (!courseId) return null;
  const found = await db.course.findUnique({
    where: { id: courseId },
    include: { memberships: { where: { userId: actor.id }, select: { role: true, removedAt: true } } },
  });
  if (!found) return null;
  const { memberships, ...course } = found;
  return { course, role: course.ownerId === actor.id ? "instructor" : roleOf(memberships[0]) };
}

/** "instructor", "ta", or null (a student of the course, a stranger, or no such course). */
export async function courseAccess(db: Db, actor: ActorRef, courseId: string): Promise<CourseAccess | null> {
  const s = await standing(db, actor, courseId);
  return s?.role === "instructor" || s?.role === "ta" ? s.role : null;
}

/** Whether the actor teaches the course (its owner, or one of its instructor members). */
export async function teaches(db: Db, actor: ActorRef, course: { id: string }): Promise<boolean> {
  return (await courseAccess(db, actor, course.id)) === "instructor";
}

/** The course if the actor's access reaches `needed`; else "forbidden" to those who know the course, "not found" to anyone else. */
async function courseFor(db: Db, actor: ActorRef, courseId: string, needed: CourseAccess) {
  const s = await standing(db, actor, courseId);
  if (!s) throw notFound("course not found");
  if (s.role === "instructor" || (s.role === "ta" && needed === "ta")) return { ...s.course, access: s.role };
  if (s.role === "ta") throw new AppError("FORBIDDEN", "teaching assistants do not change the course", undefined, "errors.staffOnlyInstructors");
  if (s.role === "student") throw new AppError("FORBIDDEN", "course staff only");
  throw notFound("course not found");
}

/** The course, with the actor's access, for its instructors and teaching assistants (reading). */
export function courseViewableBy(db: Db, actor: ActorRef, courseId: string) {
  return courseFor(db, actor, courseId, "ta");
}

/** The course, for its instructors only (changing it). */
export function courseTaughtBy(db: Db, actor: ActorRef, courseId: string) {
  return courseFor(db, actor, courseId, "instructor");
}

async function setFor(db: Db, actor: ActorRef, setId: string, needed: CourseAccess) {
  const set = setId ? await db.problemSet.findUnique({ where: { id: setId }, include: { items: { orderBy: { position: "asc" } } } }) : null;
  if (!set) throw notFound("problem set not found");
  const { access } = await courseFor(db, actor, set.courseId, needed);
  return { ...set, access };
}

/** A problem set (items in order) with the actor's access, for its course's staff (reading). */
export function setViewableBy(db: Db, actor: ActorRef, setId: string) {
  return setFor(db, actor, setId, "ta");
}

/** A problem set (items in order), for its course's instructors only (changing it). */
export function setTaughtBy(db: Db, actor: ActorRef, setId: string) {
  return setFor(db, actor, setId, "instructor");
}

/** Every course the actor teaches or assists, oldest first, with their access and counts (the /teach page). */
export async function coursesStaffedBy(db: Db, actor: ActorRef) {
  const courses = await db.course.findMany({
    where: { OR: [{ ownerId: actor.id }, { memberships: { some: { userId: actor.id, role: { in: [...STAFF_ROLES] }, removedAt: null } } }] },
    include: {
      _count: { select: { memberships: { where: { role: "student", removedAt: null } } } },
      sets: { select: { id: true } },
      memberships: { where: { userId: actor.id }, select: { role: true, removedAt: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  return courses.map(({ memberships, ...c }) => ({ ...c, access: (c.ownerId === actor.id ? "instructor" : roleOf(memberships[0])) as CourseAccess }));
}

export async function audit(db: Pick<Db, "auditEvent">, actor: ActorRef, courseId: string, action: string, detail: unknown, problemSetId?: string) {
  await db.auditEvent.create({ data: { courseId, problemSetId, actorId: actor.id, action, detailJson: JSON.stringify(detail) } });
}
