// The roster from the LMS (Names and Role Provisioning Services 2.0): the context's members, read
// page by page (the next page is named by a Link header, rel="next"), become the course's members
// with their LMS role; members the LMS lists as inactive or no longer lists at all are removed (their
// membership kept with removedAt, their work kept, their sessions ended), but only members the LMS
// brought: students who joined by code, and the course's owner, stay. Synced at most every few
// minutes on launches, and when an instructor asks, as a durable job ("lti-roster").
import { z } from "zod";
import type { PrismaClient } from "../db/generated/client";
import { notFound } from "../errors";
import { courseTaughtBy } from "../access";
import type { JobHandler } from "../jobs/runner";
import { courseRoleOf, type CourseRole } from "./claims";
import { enrol } from "./courses";
import { ltiError } from "./errors";
import { callService } from "./services";
import { findOrCreateLtiUser } from "./users";

type Db = PrismaClient;

/** A launch syncs the roster when the last sync is older than this. */
export const ROSTER_MAX_AGE_MS = 10 * 60_000;
/** A roster of more pages than this is refused (a platform whose next links loop). */
const MAX_PAGES = 200;

const memberSchema = z.object({
  user_id: z.string().min(1).max(255),
  roles: z.array(z.string()).default([]),
  status: z.enum(["Active", "Inactive", "Deleted"]).default("Active"),
  name: z.string().max(200).optional(),
  given_name: z.string().max(200).optional(),
  family_name: z.string().max(200).optional(),
  email: z.string().max(200).optional(),
  /** The registrar's id of the person (LIS), which is how a university's LMS carries the student number. */
  lis_person_sourcedid: z.string().max(200).optional(),
});
const containerSchema = z.object({ members: z.array(z.unknown()) });
export type Member = z.infer<typeof memberSchema>;

/** The URL of the Link header's rel="next" (RFC 8288), if any. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (m && /(?:^|;)\s*rel\s*=\s*"?(?:[^";]*\s)?next(?:\s[^";]*)?"?\s*(?:;|$)/i.test(m[2])) return m[1];
  }
  return null;
}

export async function readMembers(db: Db, platform: Parameters<typeof callService>[1], url: string): Promise<Member[]> {
  const members: Member[] = [];
  let next: string | null = url;
  for (let page = 0; next; page++) {
    if (page >= MAX_PAGES) throw ltiError("platform_error", "roster has too many pages");
    const res = await callService(db, platform, next, { headers: { accept: "application/vnd.ims.lti-nrps.v2.membershipcontainer+json" } });
    if (!res.ok) throw ltiError("platform_error", `memberships endpoint answered ${res.status}`);
    const body = containerSchema.safeParse(await res.json().catch(() => null));
    if (!body.success) throw ltiError("platform_error", "memberships endpoint answered without members");
    // A member the tool cannot read is skipped, not the whole roster.
    for (const m of body.data.members) {
      const parsed = memberSchema.safeParse(m);
      if (parsed.success) members.push(parsed.data);
    }
    next = nextLink(res.headers.get("link"));
    if (next) next = new URL(next, url).toString();
  }
  return members;
}

export interface RosterSync {
  enrolled: number;
  removed: number;
}

const displayName = (m: Member) => m.name ?? ([m.given_name, m.family_name].filter(Boolean).join(" ") || undefined);

/** Syncs the context's course with the LMS roster. */
export async function syncRoster(db: Db, contextId: string, now = new Date()): Promise<RosterSync> {
  const ctx = await db.ltiContext.findUniqueOrThrow({ where: { id: contextId }, include: { platform: true, course: { select: { ownerId: true } } } });
  if (!ctx.membershipsUrl) return { enrolled: 0, removed: 0 };
  const members = await readMembers(db, ctx.platform, ctx.membershipsUrl);
  const issuer = ctx.platform.issuer;
  const present = new Set<string>();
  let enrolled = 0;
  for (const m of members) {
    if (m.status !== "Active") continue;
    const role: CourseRole = courseRoleOf(m.roles);
    const user = await findOrCreateLtiUser(db, { issuer, subject: m.user_id, name: displayName(m), email: m.email }, role === "instructor");
    present.add(user.id);
    await enrol(db, ctx.courseId, user.id, role);
    enrolled++;
  }
  // Members the LMS brought (an LTI identity at this issuer) and no longer lists as active.
  const lmsMembers = await db.membership.findMany({
    where: { courseId: ctx.courseId, removedAt: null, user: { identities: { some: { kind: "lti", issuer } } } },
    select: { id: true, userId: true },
  });
  // An empty roster is more likely a platform's fault than a class that left: then nobody is removed.
  const gone = present.size === 0 ? [] : lmsMembers.filter((m) => !present.has(m.userId) && m.userId !== ctx.course.ownerId);
  for (const m of gone) {
    await db.$transaction([
      db.membership.update({ where: { id: m.id }, data: { removedAt: now } }),
      db.user.update({ where: { id: m.userId }, data: { sessionVersion: { increment: 1 } } }),
    ]);
  }
  await db.ltiContext.update({ where: { id: contextId }, data: { rosterSyncedAt: now } });
  return { enrolled, removed: gone.length };
}

/** Queues a roster sync of the context unless one is waiting; `force` ignores the last sync's age. */
export async function queueRosterSync(db: Db, ctx: { id: string; courseId: string; membershipsUrl: string | null; rosterSyncedAt: Date | null }, byUserId: string, force = false, now = new Date()): Promise<boolean> {
  if (!ctx.membershipsUrl) return false;
  if (!force && ctx.rosterSyncedAt && now.getTime() - ctx.rosterSyncedAt.getTime() < ROSTER_MAX_AGE_MS) return false;
  const payloadJson = JSON.stringify({ contextId: ctx.id });
  const waiting = await db.job.findFirst({ where: { kind: "lti-roster", status: { in: ["queued", "running"] }, courseId: ctx.courseId, payloadJson }, select: { id: true } });
  if (waiting) return false;
  await db.job.create({ data: { kind: "lti-roster", courseId: ctx.courseId, total: 1, payloadJson, createdById: byUserId } });
  return true;
}

export const ltiRosterHandler: JobHandler = {
  maxAttempts: 5,
  async run(ctx) {
    const { contextId } = JSON.parse(ctx.job.payloadJson) as { contextId: string };
    const result = await syncRoster(ctx.db, contextId);
    await ctx.db.$transaction((tx) => ctx.complete(tx, result));
  },
};

/** An instructor's "sync the roster now", for a course they teach. */
export async function requestRosterSync(db: Db, actor: { id: string; role: "student" | "instructor" }, contextId: string): Promise<boolean> {
  const ctx = /^[\w-]{1,64}$/.test(contextId) ? await db.ltiContext.findUnique({ where: { id: contextId } }) : null;
  if (!ctx) throw notFound("LMS course not found");
  await courseTaughtBy(db, actor, ctx.courseId);
  return queueRosterSync(db, ctx, actor.id, true);
}
