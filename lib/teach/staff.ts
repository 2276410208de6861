// A course's staff: its instructors add co-instructors and teaching assistants by the email of an
// existing account, change their role, and remove them. The owner always stays an instructor.
// Every change is in the course's audit log.
import { z } from "zod";
import { AppError } from "../errors";
import type { ActorRef } from "../access";
import { audit, courseTaughtBy, courseViewableBy, STAFF_ROLES, type CourseAccess, type Db } from "../access";

export interface StaffMember {
  userId: string;
  name: string;
  email: string;
  role: CourseAccess;
  /** The course's owner: shown first, never removed or demoted. */
  owner: boolean;
}

const staffInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(200)),
  role: z.enum(STAFF_ROLES),
});

/** The course's staff, owner first, then by when they joined; for its instructors and TAs. */
export async function courseStaff(db: Db, actor: ActorRef, courseId: string): Promise<StaffMember[]> {
  const course = await courseViewableBy(db, actor, courseId);
  const [owner, members] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: course.ownerId }, select: { id: true, name: true, email: true } }),
    db.membership.findMany({
      where: { courseId, role: { in: [...STAFF_ROLES] }, removedAt: null, userId: { not: course.ownerId } },
      include: { user: { select: { id: true, name: true, email: true } } },
      orderBy: [{ joinedAt: "asc" }, { id: "asc" }],
    }),
  ]);
  return [
    { userId: owner.id, name: owner.name, email: owner.email, role: "instructor", owner: true },
    ...members.map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role as CourseAccess, owner: false })),
  ];
}

const ownerStays = () => new AppError("CONFLICT", "the course's owner always stays an instructor", undefined, "errors.ownerStays");

/**
 * Makes the account with this email a co-instructor or a teaching assistant of the course (or
 * changes their role). The account must exist; a student of the course is refused (their work
 * would drop out of the statistics), as is any change to the owner.
 */
export async function addStaff(db: Db, actor: ActorRef, courseId: string, raw: unknown): Promise<StaffMember> {
  const course = await courseTaughtBy(db, actor, courseId);
  const parsed = staffInput.safeParse(raw);
  if (!parsed.success) {
    const details = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "email"), i.message]));
    throw new AppError("INVALID_INPUT", "an email address and a role (instructor or ta)", details);
  }
  const { email, role } = parsed.data;
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true } });
  if (!user) throw new AppError("NOT_FOUND", "no account has this email", { email: "no account" }, "errors.noSuchAccount");
  if (user.id === course.ownerId) throw ownerStays();
  const before = await db.membership.findUnique({ where: { userId_courseId: { userId: user.id, courseId } } });
  if (before?.role === "student") throw new AppError("CONFLICT", "this account is a student of the course", { email: "a student of the course" }, "errors.staffIsStudent");
  await db.$transaction(async (tx) => {
    await tx.membership.upsert({
      where: { userId_courseId: { userId: user.id, courseId } },
      create: { userId: user.id, courseId, role },
      update: { role, removedAt: null },
    });
    await audit(tx, actor, courseId, "staff.add", { userId: user.id, email: user.email, role, before: before && !before.removedAt ? before.role : null });
  });
  return { userId: user.id, name: user.name, email: user.email, role, owner: false };
}

/** Takes a co-instructor or TA off the course's staff (their account stays). */
export async function removeStaff(db: Db, actor: ActorRef, courseId: string, userId: string): Promise<void> {
  const course = await courseTaughtBy(db, actor, courseId);
  if (userId && userId === course.ownerId) throw ownerStays();
  const m = userId ? await db.membership.findUnique({ where: { userId_courseId: { userId, courseId } } }) : null;
  if (!m || m.removedAt || !(STAFF_ROLES as readonly string[]).includes(m.role)) throw new AppError("NOT_FOUND", "no such staff member in this course", undefined, "errors.noSuchStaff");
  await db.$transaction(async (tx) => {
    // Deleted rather than marked removed: a staff member keeps no work in the course, and joining
    // later with the join code then makes them a student, not a TA again.
    await tx.membership.delete({ where: { id: m.id } });
    await audit(tx, actor, courseId, "staff.remove", { userId, role: m.role });
  });
}
