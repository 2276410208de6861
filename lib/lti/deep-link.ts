// Deep Linking 2.0: an instructor's LtiDeepLinkingRequest is kept (where the answer goes, what it
// must echo) while they pick one of the course's problem sets; the answer is a JWT signed with the
// tool's key (Deep Linking 2.0 §4.5): a resource link to the tool naming the set in its custom
// parameters, with a grade-book column (line item) out of 100 when the platform accepts one, and
// the request's deployment and data echoed. A request is answered once, within an hour.
import { randomBytes } from "node:crypto";
import { SignJWT } from "jose";
import type { PrismaClient } from "../db/generated/client";
import { notFound } from "../errors";
import type { ActorRef } from "../access";
import { CLAIM, SET_PARAM, type LaunchClaims } from "./claims";
import { SCORE_MAXIMUM } from "../course/scores";
import { ALG, signingKey } from "./keys";

type Db = PrismaClient;
const TTL_MS = 60 * 60_000;

/** Keeps a deep-linking request for the instructor who made it; its id names the picking page. */
export async function keepDeepLinkRequest(db: Db, a: { platformId: string; claims: LaunchClaims; userId: string; courseId: string }, now = new Date()): Promise<string> {
  const settings = a.claims[CLAIM.deepLinkingSettings];
  if (!settings) throw notFound("deep linking settings missing");
  const row = await db.ltiDeepLink.create({
    data: {
      platformId: a.platformId,
      deploymentId: a.claims[CLAIM.deploymentId],
      userId: a.userId,
      courseId: a.courseId,
      returnUrl: settings.deep_link_return_url,
      data: settings.data ?? null,
      acceptLineItem: settings.accept_lineitem !== false,
      expiresAt: new Date(now.getTime() + TTL_MS),
    },
  });
  return row.id;
}

/** The request, for the instructor who made it while it lasts; anyone else: "not found". */
async function requestOf(db: Db, actor: ActorRef, id: string, now: Date) {
  const row = /^[\w-]{1,64}$/.test(id) ? await db.ltiDeepLink.findUnique({ where: { id }, include: { platform: true } }) : null;
  if (!row || row.userId !== actor.id || actor.role !== "instructor" || row.expiresAt < now) throw notFound("deep linking request not found");
  return row;
}

/** What the picking page shows: the course's sets. */
export async function deepLinkChoices(db: Db, actor: ActorRef, id: string, now = new Date()) {
  const row = await requestOf(db, actor, id, now);
  const course = await db.course.findUniqueOrThrow({ where: { id: row.courseId }, select: { id: true, title: true, sets: { orderBy: { createdAt: "asc" }, select: { id: true, title: true, dueAt: true } } } });
  return { id: row.id, platform: row.platform.name, course };
}

/** The content item for a set (Deep Linking 2.0 §3.1). */
export function contentItem(set: { id: string; title: string }, launchUrl: string, withLineItem: boolean) {
  return {
    type: "ltiResourceLink",
    title: set.title,
    url: launchUrl,
    custom: { [SET_PARAM]: set.id },
    ...(withLineItem ? { lineItem: { scoreMaximum: SCORE_MAXIMUM, label: set.title, resourceId: set.id } } : {}),
  };
}

/** The signed answer and where to post it; the request is used up. */
export async function answerDeepLink(db: Db, actor: ActorRef, id: string, setId: string, launchUrl: string, now = new Date()): Promise<{ returnUrl: string; jwt: string }> {
  const row = await requestOf(db, actor, id, now);
  const set = await db.problemSet.findFirst({ where: { id: setId, courseId: row.courseId }, select: { id: true, title: true } });
  if (!set) throw notFound("problem set not found");
  const { count } = await db.ltiDeepLink.deleteMany({ where: { id: row.id } });
  if (count !== 1) throw notFound("deep linking request not found");
  const { kid, key } = await signingKey(db);
  const jwt = await new SignJWT({
    nonce: randomBytes(16).toString("base64url"),
    [CLAIM.messageType]: "LtiDeepLinkingResponse",
    [CLAIM.version]: "1.3.0",
    [CLAIM.deploymentId]: row.deploymentId,
    [CLAIM.contentItems]: [contentItem(set, launchUrl, row.acceptLineItem)],
    ...(row.data !== null ? { [CLAIM.dlData]: row.data } : {}),
  })
    .setProtectedHeader({ alg: ALG, kid, typ: "JWT" })
    .setIssuer(row.platform.clientId)
    .setAudience(row.platform.issuer)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(now.getTime() / 1000) + 300)
    .sign(key);
  return { returnUrl: row.returnUrl, jwt };
}
