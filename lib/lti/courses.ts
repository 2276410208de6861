// The LMS course (a launch's context) as a handprop course, and the user's place in it. The first
// instructor to launch from a context creates its course and owns it; a student cannot be the
// first. Memberships follow the LMS role each launch carries, and a launch lets a removed member
// back in (the LMS says they are enrolled).
import type { PrismaClient } from "../db/generated/client";
import { newJoinCode } from "../teach/courses";
import { CLAIM, type CourseRole, type LaunchClaims } from "./claims";
import { ltiError } from "./errors";

type Db = PrismaClient;

export interface LtiContextRow {
  id: string;
  courseId: string;
  platformId: string;
  membershipsUrl: string | null;
  rosterSyncedAt: Date | null;
}

/** The context's course, created by an instructor's first launch; the services' addresses are refreshed from every launch. */
export async function contextOf(db: Db, platformId: string, claims: LaunchClaims, user: { id: string }, role: CourseRole): Promise<LtiContextRow> {
  const ctx = claims[CLAIM.context];
  if (!ctx) throw ltiError("bad_request", "launch without a context");
  const membershipsUrl = claims[CLAIM.nrps]?.context_memberships_url;
  const lineItemsUrl = claims[CLAIM.ags]?.lineitems;
  const services = { deploymentId: claims[CLAIM.deploymentId], ...(membershipsUrl ? { membershipsUrl } : {}), ...(lineItemsUrl ? { lineItemsUrl } : {}) };
  const where = { platformId_contextId: { platformId, contextId: ctx.id } };
  const known = await db.ltiContext.findUnique({ where });
  if (known) return db.ltiContext.update({ where: { id: known.id }, data: services });
  if (role !== "instructor") throw ltiError("no_course", `context ${ctx.id} has no course yet`);
  const title = (ctx.title || ctx.label || "LMS course").slice(0, 200);
  try {
    return await db.$transaction(async (tx) => {
      const course = await tx.course.create({ data: { title, joinCode: newJoinCode(), ownerId: user.id } });
      return tx.ltiContext.create({ data: { platformId, contextId: ctx.id, title, courseId: course.id, ...services } });
    });
  } catch (e) {
    // Two instructors' first launches at once: the other one made the course.
    const again = await db.ltiContext.findUnique({ where });
    if (again) return again;
    throw e;
  }
}

/** Puts the user in the course with this role (the LMS's word is the current one). */
export async function enrol(db: Db, courseId: string, userId: string, role: CourseRole): Promise<void> {
  await db.membership.upsert({
    where: { userId_courseId: { userId, courseId } },
    create: { userId, courseId, role },
    update: { role, removedAt: null },
  });
}
