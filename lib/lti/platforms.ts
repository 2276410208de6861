// Registering an LMS: an instructor enters what the platform shows when handprop is added to it
// (issuer, client id, deployment ids, its three endpoints). One registration per issuer and client
// id; entering it again adds deployment ids and updates the endpoints.
import { z } from "zod";
import type { PrismaClient } from "../db/generated/client";
import { AppError, notFound } from "../errors";
import { audit, type ActorRef } from "../access";

type Db = PrismaClient;

/** Endpoints must be https, except on the loopback (a platform under test, a local LMS). */
const endpoint = z
  .url()
  .max(2000)
  .refine((u) => {
    const { protocol, hostname } = new URL(u);
    return protocol === "https:" || (protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(hostname));
  }, "use an https:// address");

export const registrationSchema = z.object({
  name: z.string().trim().min(1).max(200),
  issuer: z.string().trim().min(1).max(500),
  clientId: z.string().trim().min(1).max(255),
  deploymentIds: z
    .string()
    .max(4000)
    .transform((s) => [...new Set(s.split(/[\s,]+/).filter(Boolean))])
    .pipe(z.array(z.string().max(255)).min(1, "at least one deployment id")),
  authLoginUrl: endpoint,
  tokenUrl: endpoint,
  jwksUrl: endpoint,
});
export type Registration = z.input<typeof registrationSchema>;

/** Only an instructor (handprop's global role) registers platforms: they are shared by the whole site. */
function requireAdmin(actor: ActorRef): void {
  if (actor.role !== "instructor") throw new AppError("FORBIDDEN", "instructors only");
}

function fieldErrors(error: z.ZodError): Record<string, string> {
  return Object.fromEntries(error.issues.map((i) => [String(i.path[0] ?? "form"), i.message]));
}

export async function registerPlatform(db: Db, actor: ActorRef, raw: unknown) {
  requireAdmin(actor);
  const parsed = registrationSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "check the registration", fieldErrors(parsed.error), "lti.admin.invalid");
  const { deploymentIds, ...p } = parsed.data;
  const endpoints = { name: p.name, authLoginUrl: p.authLoginUrl, tokenUrl: p.tokenUrl, jwksUrl: p.jwksUrl };
  return db.$transaction(async (tx) => {
    const platform = await tx.ltiPlatform.upsert({
      where: { issuer_clientId: { issuer: p.issuer, clientId: p.clientId } },
      create: { ...endpoints, issuer: p.issuer, clientId: p.clientId, createdById: actor.id },
      // New endpoints invalidate any token the old ones gave.
      update: { ...endpoints, accessToken: null, accessTokenScope: null, accessTokenExpiresAt: null },
    });
    for (const deploymentId of deploymentIds) {
      await tx.ltiDeployment.upsert({ where: { platformId_deploymentId: { platformId: platform.id, deploymentId } }, create: { platformId: platform.id, deploymentId }, update: {} });
    }
    return platform;
  });
}

/** The registrations, for the admin page. */
export async function platformsFor(db: Db, actor: ActorRef) {
  requireAdmin(actor);
  return db.ltiPlatform.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      issuer: true,
      clientId: true,
      authLoginUrl: true,
      tokenUrl: true,
      jwksUrl: true,
      deployments: { select: { deploymentId: true } },
      contexts: { select: { id: true, title: true, courseId: true, membershipsUrl: true, rosterSyncedAt: true } },
    },
  });
}

/**
 * The platform a message names. With a client id: that registration. Without (a login request may
 * omit client_id), the issuer's only registration; several make the request ambiguous.
 */
export async function platformOf(db: Db, issuer: string, clientId?: string) {
  if (clientId) return db.ltiPlatform.findUnique({ where: { issuer_clientId: { issuer, clientId } } });
  const all = await db.ltiPlatform.findMany({ where: { issuer }, take: 2 });
  return all.length === 1 ? all[0] : null;
}

/**
 * Removes a registration after the instructor typed its name: its deployments, LMS courses and
 * the links placed in them, pending logins and deep links go with it (the database cascades), and
 * so do the score jobs still waiting to reach it (they could only fail). The handprop courses,
 * their sets and the students' work stay; accounts keep their LMS identities, so registering the
 * platform again brings the same people back to the same accounts. Audited in each linked course.
 */
export async function removePlatform(db: Db, actor: ActorRef, platformId: string, typedName: string): Promise<{ contexts: number; jobs: number }> {
  requireAdmin(actor);
  const platform = /^[\w-]{1,64}$/.test(platformId) ? await db.ltiPlatform.findUnique({ where: { id: platformId }, include: { contexts: { include: { links: { select: { id: true } } } } } }) : null;
  if (!platform) throw notFound("platform not found");
  if (typedName.trim() !== platform.name) throw new AppError("INVALID_INPUT", "type the platform's name to remove it", { confirmName: "does not match" }, "errors.typeNameToRemove");
  const linkIds = platform.contexts.flatMap((c) => c.links.map((l) => l.id));
  return db.$transaction(async (tx) => {
    const waiting = await tx.job.findMany({ where: { kind: "lti-score", status: "queued" }, select: { id: true, payloadJson: true } });
    const theirs = waiting.filter((j) => linkIds.includes((JSON.parse(j.payloadJson) as { linkId?: string }).linkId ?? "")).map((j) => j.id);
    const rosterJobs = await tx.job.findMany({ where: { kind: "lti-roster", status: "queued" }, select: { id: true, payloadJson: true } });
    const contextIds = platform.contexts.map((c) => c.id);
    const rosters = rosterJobs.filter((j) => contextIds.includes((JSON.parse(j.payloadJson) as { contextId?: string }).contextId ?? "")).map((j) => j.id);
    const jobs = [...theirs, ...rosters];
    if (jobs.length) await tx.job.deleteMany({ where: { id: { in: jobs } } });
    for (const c of platform.contexts) await audit(tx, actor, c.courseId, "lti.platformRemoved", { platform: platform.name, issuer: platform.issuer, links: c.links.length });
    await tx.ltiPlatform.delete({ where: { id: platform.id } });
    return { contexts: platform.contexts.length, jobs: jobs.length };
  });
}
