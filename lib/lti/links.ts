// A resource link in the LMS and the problem set it opens. Deep linking puts the set's id in the
// link's custom parameters (the platform assigns the link's own id only later), so the first launch
// of a link records which set it is; later launches find it by the link's id. The grade-book column
// (AGS line item) comes with the launch and is kept up to date.
import type { PrismaClient } from "../db/generated/client";
import { CLAIM, SET_PARAM, type LaunchClaims } from "./claims";
import { ltiError } from "./errors";

type Db = PrismaClient;

/** The set the launched link opens (null when it names none: a plain link to the course). */
export async function linkedSet(db: Db, ctx: { id: string; courseId: string }, claims: LaunchClaims): Promise<{ setId: string; linkId: string } | null> {
  const link = claims[CLAIM.resourceLink];
  if (!link) return null;
  const lineItemUrl = claims[CLAIM.ags]?.lineitem;
  const where = { contextId_resourceLinkId: { contextId: ctx.id, resourceLinkId: link.id } };
  const known = await db.ltiResourceLink.findUnique({ where });
  if (known) {
    if (lineItemUrl && lineItemUrl !== known.lineItemUrl) await db.ltiResourceLink.update({ where: { id: known.id }, data: { lineItemUrl } });
    return { setId: known.problemSetId, linkId: known.id };
  }
  const named = claims[CLAIM.custom]?.[SET_PARAM];
  if (typeof named !== "string" || !named) return null;
  // A custom parameter can be edited in the LMS: only a set of this very course is accepted.
  const set = await db.problemSet.findFirst({ where: { id: named, courseId: ctx.courseId }, select: { id: true } });
  if (!set) throw ltiError("set_not_found", `set ${named} is not in this course`);
  const created = await db.ltiResourceLink.upsert({ where, create: { contextId: ctx.id, resourceLinkId: link.id, problemSetId: set.id, lineItemUrl }, update: {} });
  return { setId: created.problemSetId, linkId: created.id };
}

/** Where a launch lands: the set's page for its staff, its first exercise for a student. */
export async function destination(db: Db, courseId: string, setId: string | null, staff: boolean): Promise<string> {
  if (!setId) return staff ? `/teach/courses/${courseId}` : "/dashboard";
  if (staff) return `/teach/sets/${setId}`;
  const first = await db.problemSetItem.findFirst({ where: { problemSetId: setId }, orderBy: { position: "asc" }, select: { id: true } });
  return first ? `/items/${first.id}` : "/dashboard";
}
