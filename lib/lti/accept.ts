// A verified launch, acted on: the user's account (created at the first launch), the course of the
// LMS context (created by its first instructor), the membership with the launch's role, a roster
// sync if the last one is old, and where the browser goes next: the picking page of a deep-linking
// request, else the launched set (its page for staff, its first exercise for a student).
import type { PrismaClient } from "../db/generated/client";
import { CLAIM, courseRoleOf, type LaunchClaims } from "./claims";
import { contextOf, enrol } from "./courses";
import { keepDeepLinkRequest } from "./deep-link";
import { ltiError } from "./errors";
import { verifyLaunch } from "./launch";
import { destination, linkedSet } from "./links";
import { queueRosterSync } from "./nrps";
import { findOrCreateLtiUser } from "./users";

type Db = PrismaClient;

export interface AcceptedLaunch {
  user: { id: string; name: string; email: string; sessionVersion: number };
  /** A path of this site. */
  to: string;
}

const nameOf = (c: LaunchClaims) => c.name ?? ([c.given_name, c.family_name].filter(Boolean).join(" ") || undefined);

export async function acceptLaunch(db: Db, form: { idToken: string; state: string }, now = new Date()): Promise<AcceptedLaunch> {
  const { platform, claims } = await verifyLaunch(db, form, now);
  const role = courseRoleOf(claims[CLAIM.roles]);
  const deepLinking = claims[CLAIM.messageType] === "LtiDeepLinkingRequest";
  if (deepLinking && role !== "instructor") throw ltiError("not_instructor", "deep linking is for instructors");
  const user = await findOrCreateLtiUser(db, { issuer: platform.issuer, subject: claims.sub, name: nameOf(claims), email: claims.email }, role === "instructor");
  const ctx = await contextOf(db, platform.id, claims, user, role);
  await enrol(db, ctx.courseId, user.id, role);
  await queueRosterSync(db, ctx, user.id, false, now);
  if (deepLinking) return { user, to: `/teach/lti/deep-link/${await keepDeepLinkRequest(db, { platformId: platform.id, claims, userId: user.id, courseId: ctx.courseId }, now)}` };
  const linked = await linkedSet(db, ctx, claims);
  return { user, to: await destination(db, ctx.courseId, linked?.setId ?? null, role !== "student") };
}
